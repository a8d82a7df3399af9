// libFuzzer target for request decoding (services/common/wire_utf8.h): the
// raw bytes of a CreateReportRequest or ListEventsRequest, as a client may
// send them. Decoding must succeed or fail with INVALID_ARGUMENT; when it
// blames a field for bad UTF-8, that field really holds bad UTF-8; and a
// decoded message re-encodes to bytes that decode to the same message.
// The size check (services/common/request_size.h) walks the same bytes: it
// passes whatever fits its bound and otherwise answers RESOURCE_EXHAUSTED
// naming one field.
#include <cstddef>
#include <cstdint>
#include <string>

#include "civicwatch/v1/ingest.pb.h"
#include "civicwatch/v1/query.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/common/errors.h"
#include "services/common/request_size.h"
#include "services/common/wire_utf8.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

template <typename Request>
void DecodeAs(const std::string& bytes) {
  // A small bound, so that most inputs take the path that names a field.
  const size_t bound = bytes.size() / 2;
  absl::Status sized = civicwatch::CheckRequestSize(*Request::descriptor(), bytes, bound);
  Check(sized.ok() == (bytes.size() <= bound));
  if (!sized.ok()) {
    Check(sized.code() == absl::StatusCode::kResourceExhausted);
    auto violations = civicwatch::FieldViolationsOf(sized);
    Check(violations.size() == 1 && !violations[0].first.empty());
  }
  Request request;
  absl::Status status = civicwatch::DecodeRequest(bytes, request);
  if (!status.ok()) {
    Check(status.code() == absl::StatusCode::kInvalidArgument);
    auto field = civicwatch::FindInvalidUtf8Field(*Request::descriptor(), bytes);
    if (field.has_value()) {
      auto violations = civicwatch::FieldViolationsOf(status);
      Check(!violations.empty() && violations[0].first == *field);
    }
    return;
  }
  Check(!civicwatch::FindInvalidUtf8Field(*Request::descriptor(), bytes).has_value());
  Request again;
  Check(civicwatch::DecodeRequest(request.SerializeAsString(), again).ok());
  Check(google::protobuf::util::MessageDifferencer::Equals(request, again));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  DecodeAs<civicwatch::v1::CreateReportRequest>(bytes);
  DecodeAs<civicwatch::v1::ListEventsRequest>(bytes);
  return 0;
}

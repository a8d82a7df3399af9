// libFuzzer target for page tokens (services/common/page_token.h).
//
// Each input is used twice: as a token sent by a client, which must decode
// or be refused with INVALID_ARGUMENT naming "page_token", never crash; and
// as the contents of a cursor, which must survive an encode/decode round
// trip unchanged.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "services/common/errors.h"
#include "services/common/page_token.h"

namespace {

// The fingerprint the seed corpus's valid tokens were issued for.
const std::string& SeedFingerprint() {
  static const std::string* fingerprint = new std::string(civicwatch::Fingerprint("fuzz"));
  return *fingerprint;
}

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string token(reinterpret_cast<const char*>(data), size);
  auto decoded = civicwatch::DecodePageToken(token, SeedFingerprint());
  if (decoded.ok()) {
    Check(decoded->request_fingerprint == SeedFingerprint());
  } else {
    Check(decoded.status().code() == absl::StatusCode::kInvalidArgument);
    auto violations = civicwatch::FieldViolationsOf(decoded.status());
    Check(violations.size() == 1 && violations[0].first == "page_token");
  }

  // Round trip. Keys never contain the unit separator (page_token.cc).
  FuzzedDataProvider provider(data, size);
  civicwatch::PageCursor cursor;
  cursor.request_fingerprint = civicwatch::Fingerprint(provider.ConsumeRandomLengthString(64));
  while (provider.remaining_bytes() > 0 && cursor.last_key.size() < 8) {
    std::string key = provider.ConsumeRandomLengthString(64);
    if (absl::StrContains(key, '\x1f')) continue;
    cursor.last_key.push_back(std::move(key));
  }
  auto again = civicwatch::DecodePageToken(civicwatch::EncodePageToken(cursor),
                                           cursor.request_fingerprint);
  Check(again.ok());
  Check(again->request_fingerprint == cursor.request_fingerprint);
  Check(again->last_key == cursor.last_key);
  return 0;
}

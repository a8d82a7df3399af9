#include "status_conversion.h"

#include "absl/strings/cord.h"
#include "civicwatch/errors.h"

namespace civicwatch::internal {

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  // grpc::StatusCode and absl::StatusCode share the canonical numbering.
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
  std::string details = status.error_details();
  if (!details.empty()) {
    result.SetPayload(kRpcStatusTypeUrl, absl::Cord(std::move(details)));
  }
  return result;
}

}  // namespace civicwatch::internal

// Reading the details of an error a civicwatch server returned.
//
// Every Client method reports failure as an absl::Status carrying the
// server's canonical code and message unchanged. When the server sent
// structured details (a google.rpc.Status in the grpc-status-details-bin
// trailer), they are attached to the absl::Status as a payload under
// kRpcStatusTypeUrl, so nothing the server said is lost.
#ifndef CIVICWATCH_SDK_ERRORS_H_
#define CIVICWATCH_SDK_ERRORS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/status.pb.h"

namespace civicwatch {

// The payload type URL under which a Client attaches the server's
// serialized google.rpc.Status to an absl::Status.
inline constexpr absl::string_view kRpcStatusTypeUrl =
    "type.googleapis.com/google.rpc.Status";

// Returns the server's google.rpc.Status attached to `status`, or nullopt
// when there is none (an OK status, a client-side error, a server that sent
// no details) or it cannot be parsed.
std::optional<google::rpc::Status> RpcStatusDetails(const absl::Status& status);

// Returns the field violations of every google.rpc.BadRequest detail in
// `status`, as (field, description) pairs in the order the server sent
// them; for example ("filter.start_date", "month must be 1 to 12").
// Returns an empty vector when there are none.
std::vector<std::pair<std::string, std::string>> FieldViolations(
    const absl::Status& status);

}  // namespace civicwatch

#endif  // CIVICWATCH_SDK_ERRORS_H_

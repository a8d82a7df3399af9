// The one place where absl::Status becomes grpc::Status.
//
// Field violations and reasons attached by errors.h become google.rpc
// details (BadRequest, ErrorInfo) in the grpc-status-details-bin trailer,
// which grpcurl and the SDK decode. INTERNAL and UNKNOWN errors are logged
// in full here and reach the client only as a generic sentence, so no SQL,
// path or stack leaves the process.
#ifndef CIVICWATCH_SERVICES_COMMON_GRPC_STATUS_H_
#define CIVICWATCH_SERVICES_COMMON_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace civicwatch {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_GRPC_STATUS_H_

// Turning a grpc::Status into the absl::Status the SDK returns. Internal.
#ifndef CIVICWATCH_SDK_SRC_STATUS_CONVERSION_H_
#define CIVICWATCH_SDK_SRC_STATUS_CONVERSION_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace civicwatch::internal {

// The same code and message; the serialized google.rpc.Status details, if
// any, attached as the payload kRpcStatusTypeUrl (see civicwatch/errors.h).
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace civicwatch::internal

#endif  // CIVICWATCH_SDK_SRC_STATUS_CONVERSION_H_

// A server interceptor that writes one log line per call when it ends:
// method, peer, status code and latency.
#ifndef CIVICWATCH_SERVICES_COMMON_CALL_LOG_H_
#define CIVICWATCH_SERVICES_COMMON_CALL_LOG_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>

namespace civicwatch {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeCallLogFactory();

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_CALL_LOG_H_

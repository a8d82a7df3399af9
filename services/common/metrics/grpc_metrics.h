// gRPC server metrics under the names grpc-ecosystem's interceptors made
// the convention: grpc_server_started_total, grpc_server_handled_total,
// grpc_server_handling_seconds, grpc_server_msg_received_total and
// grpc_server_msg_sent_total, labelled grpc_service, grpc_method,
// grpc_type (and grpc_code on handled).
//
// Every method of the served services gets its counters when the server
// is built, in a table that never changes afterwards, so recording a call
// is a lock-free lookup and a few relaxed atomic adds. Methods not known
// up front (server reflection) are added under a mutex on first use.
#ifndef CIVICWATCH_SERVICES_COMMON_METRICS_GRPC_METRICS_H_
#define CIVICWATCH_SERVICES_COMMON_METRICS_GRPC_METRICS_H_

#include <grpcpp/support/server_interceptor.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/common/metrics/exposition.h"
#include "services/common/metrics/metric_types.h"

namespace civicwatch::metrics {

// The counters of one method.
struct MethodMetrics {
  MethodMetrics(std::string service, std::string method, std::string type);

  std::string service;  // "civicwatch.v1.IngestService"
  std::string method;   // "SubmitReport"
  std::string type;     // "unary", "client_stream", "server_stream", "bidi_stream"
  Counter started;
  std::array<Counter, 17> handled;  // by grpc::StatusCode
  Counter msg_received;
  Counter msg_sent;
  Histogram handling_seconds;
};

class GrpcServerMetrics {
 public:
  // Registers every method of the named services (full names, looked up
  // in the generated descriptor pool); unknown names are skipped.
  explicit GrpcServerMetrics(const std::vector<std::string>& service_names);

  // The metrics of "/package.Service/Method"; never null.
  MethodMetrics* ForMethod(const char* full_method,
                           grpc::experimental::ServerRpcInfo::Type type);

  // An interceptor factory recording into this object, which must outlive
  // the server.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeInterceptorFactory();

  void Collect(Exposition& out) const;

 private:
  // Built in the constructor, read-only afterwards.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> known_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> late_ ABSL_GUARDED_BY(mu_);
};

}  // namespace civicwatch::metrics

#endif  // CIVICWATCH_SERVICES_COMMON_METRICS_GRPC_METRICS_H_

// Serves GET /metrics (the registry's exposition) over plain HTTP with
// cpp-httplib, on its own thread. No authentication: bind it to loopback
// or to a network only the monitoring system reaches.
#ifndef CIVICWATCH_SERVICES_COMMON_METRICS_METRICS_SERVER_H_
#define CIVICWATCH_SERVICES_COMMON_METRICS_METRICS_SERVER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/metrics/registry.h"

namespace httplib {
class Server;
}

namespace civicwatch::metrics {

class MetricsServer {
 public:
  // Binds `address` ("host:port", port 0 for any) and starts serving
  // `registry`, which must outlive the server. UNAVAILABLE when the
  // address cannot be bound, INVALID_ARGUMENT when it is malformed.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& address,
                                                              const Registry* registry);
  ~MetricsServer();  // stops serving and joins the thread

  int port() const { return port_; }

 private:
  MetricsServer() = default;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace civicwatch::metrics

#endif  // CIVICWATCH_SERVICES_COMMON_METRICS_METRICS_SERVER_H_

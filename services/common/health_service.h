// The standard grpc.health.v1.Health service, compiled from Debian's
// health.proto so that server reflection can describe it (gRPC's built-in
// health service cannot be described by reflection).
//
// Status is kept per service name; "" is the whole server. Unknown names
// answer NOT_FOUND on Check, SERVICE_UNKNOWN on Watch, as the protocol says.
// Thread-safe.
#ifndef CIVICWATCH_SERVICES_COMMON_HEALTH_SERVICE_H_
#define CIVICWATCH_SERVICES_COMMON_HEALTH_SERVICE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace civicwatch {

class HealthService final : public grpc::health::v1::Health::Service {
 public:
  using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

  // Sets the status of `service` ("" for the whole server).
  void SetStatus(const std::string& service, ServingStatus status);

  // Every service name that has a status, "" excluded.
  std::vector<std::string> ServiceNames();

  // Sets every registered name to NOT_SERVING and wakes watchers so they
  // end; used at shutdown.
  void Shutdown();

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;

  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, ServingStatus> statuses_ ABSL_GUARDED_BY(mu_);
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
  // Counts SetStatus calls, so a Watch wakes on any change.
  uint64_t changes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_HEALTH_SERVICE_H_

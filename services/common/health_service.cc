#include "services/common/health_service.h"

#include "absl/time/time.h"
#include "services/common/grpc_status.h"
#include "services/common/request_size.h"

namespace civicwatch {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

void HealthService::SetStatus(const std::string& service, ServingStatus status) {
  absl::MutexLock lock(&mu_);
  if (shutdown_) status = HealthCheckResponse::NOT_SERVING;
  statuses_[service] = status;
  ++changes_;
}

std::vector<std::string> HealthService::ServiceNames() {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> names;
  for (const auto& [name, status] : statuses_) {
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

void HealthService::Shutdown() {
  absl::MutexLock lock(&mu_);
  shutdown_ = true;
  for (auto& [name, status] : statuses_) status = HealthCheckResponse::NOT_SERVING;
}

grpc::Status HealthService::Check(grpc::ServerContext*, const HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  if (absl::Status s = CheckRequestSize(*request, kDefaultMaxRequestBytes); !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::MutexLock lock(&mu_);
  auto it = statuses_.find(request->service());
  if (it == statuses_.end()) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "unknown service name \"" + request->service() + "\"");
  }
  response->set_status(it->second);
  return grpc::Status::OK;
}

grpc::Status HealthService::Watch(grpc::ServerContext* context,
                                  const HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
  if (absl::Status s = CheckRequestSize(*request, kDefaultMaxRequestBytes); !s.ok()) {
    return ToGrpcStatus(s);
  }
  // Sends the current status, then each change, until the call is
  // cancelled or the server shuts down. A change wakes the wait at once
  // (load balancers skip a replica by it); the timeout only notices a
  // cancelled call.
  int last = -1;
  while (!context->IsCancelled()) {
    HealthCheckResponse response;
    bool done;
    {
      absl::MutexLock lock(&mu_);
      auto it = statuses_.find(request->service());
      response.set_status(it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN
                                                : it->second);
      done = shutdown_;
      if (response.status() == last && !done) {
        const uint64_t seen = changes_;
        auto changed = [this, seen]() {  // called with mu_ held
          return shutdown_ || changes_ != seen;
        };
        mu_.AwaitWithTimeout(absl::Condition(&changed), absl::Milliseconds(250));
        continue;
      }
    }
    if (response.status() != last) {
      if (!writer->Write(response)) break;
      last = response.status();
    }
    if (done) break;
  }
  return grpc::Status::OK;
}

}  // namespace civicwatch

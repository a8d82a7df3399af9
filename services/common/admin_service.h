// civicwatch.v1.AdminService: what an operator needs to know about a live
// server. The figures that depend on the service (counts, sequences) come
// from a callback the service's main() provides.
#ifndef CIVICWATCH_SERVICES_COMMON_ADMIN_SERVICE_H_
#define CIVICWATCH_SERVICES_COMMON_ADMIN_SERVICE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "civicwatch/v1/admin.grpc.pb.h"

namespace civicwatch {

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  // Fills the service-specific fields of a ServerInfo (counts, sequences,
  // database_bytes). Called once per GetServerInfo, from any thread.
  using InfoSource = std::function<absl::Status(v1::ServerInfo&)>;

  AdminServiceImpl(std::string program, InfoSource source);

  grpc::Status GetServerInfo(grpc::ServerContext* context, const v1::GetServerInfoRequest* request,
                             v1::ServerInfo* response) override;

 private:
  const std::string program_;
  const InfoSource source_;
  const absl::Time start_time_;
};

// The version civicwatch was built as.
std::string CivicwatchVersion();

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_ADMIN_SERVICE_H_

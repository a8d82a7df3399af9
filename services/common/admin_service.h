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
#include "services/common/snapshot/database_snapshot.h"

namespace civicwatch {

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  // Fills the service-specific fields of a ServerInfo (counts, sequences,
  // database_bytes). Called once per GetServerInfo, from any thread.
  using InfoSource = std::function<absl::Status(v1::ServerInfo&)>;

  // Takes a consistent copy of the service's database for BackupDatabase.
  // Called once per call, from any thread.
  using SnapshotSource =
      std::function<absl::StatusOr<std::unique_ptr<snapshot::TakenSnapshot>>()>;

  // Re-normalisation jobs (CreateRenormalization, GetRenormalization):
  // `create` starts one for the caller's principal, `get` returns one by
  // name. Called from any thread.
  struct RenormalizationJobs {
    std::function<absl::StatusOr<v1::Renormalization>(const std::string& principal)> create;
    std::function<absl::StatusOr<v1::Renormalization>(const std::string& name)> get;
  };

  // Without `snapshots`, BackupDatabase answers UNIMPLEMENTED; without
  // `renormalizations`, so do the re-normalisation methods.
  AdminServiceImpl(std::string program, InfoSource source, SnapshotSource snapshots = nullptr,
                   RenormalizationJobs renormalizations = {});

  grpc::Status GetServerInfo(grpc::ServerContext* context, const v1::GetServerInfoRequest* request,
                             v1::ServerInfo* response) override;

  // Streams the copy the SnapshotSource takes: metadata, then the bytes in
  // chunks of 1 MiB (snapshot_file.h). Ends with CANCELLED when the client
  // goes away and DEADLINE_EXCEEDED at the call's deadline.
  grpc::Status BackupDatabase(grpc::ServerContext* context,
                              const v1::BackupDatabaseRequest* request,
                              grpc::ServerWriter<v1::SnapshotChunk>* writer) override;

  // Starts a job (scope admin) and writes the audit record of who did.
  grpc::Status CreateRenormalization(grpc::ServerContext* context,
                                     const v1::CreateRenormalizationRequest* request,
                                     v1::Renormalization* response) override;

  grpc::Status GetRenormalization(grpc::ServerContext* context,
                                  const v1::GetRenormalizationRequest* request,
                                  v1::Renormalization* response) override;

 private:
  const std::string program_;
  const InfoSource source_;
  const SnapshotSource snapshots_;
  const RenormalizationJobs renormalizations_;
  const absl::Time start_time_;
};

// The version civicwatch was built as.
std::string CivicwatchVersion();

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_ADMIN_SERVICE_H_

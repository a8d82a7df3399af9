#include "services/common/admin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/audit_file.h"
#include "services/common/auth.h"
#include "services/common/json_string.h"
#include "services/common/grpc_status.h"
#include "services/common/log.h"
#include "services/common/request_size.h"
#include "services/common/snapshot_stream.h"

namespace civicwatch {

using google::protobuf::util::TimeUtil;

namespace {

// The caller of an admin call: every method takes requests within the
// default size limit from callers with the admin scope only.
absl::StatusOr<auth::Caller> AdminCaller(const grpc::ServerContext& context,
                                         const google::protobuf::Message& request) {
  if (absl::Status s = CheckRequestSize(request, kDefaultMaxRequestBytes); !s.ok()) return s;
  return auth::Authorize(context, auth::kAdmin);
}

// The answer of a method this program was given nothing to serve with.
grpc::Status NotServed(const std::string& program, absl::string_view method) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                      absl::StrCat(program, " does not serve ", method));
}

}  // namespace

AdminServiceImpl::AdminServiceImpl(std::string program, InfoSource source,
                                   SnapshotSource snapshots, RenormalizationJobs renormalizations)
    : program_(std::move(program)),
      source_(std::move(source)),
      snapshots_(std::move(snapshots)),
      renormalizations_(std::move(renormalizations)),
      start_time_(absl::Now()) {}

grpc::Status AdminServiceImpl::BackupDatabase(grpc::ServerContext* context,
                                              const v1::BackupDatabaseRequest* request,
                                              grpc::ServerWriter<v1::SnapshotChunk>* writer) {
  if (auto caller = AdminCaller(*context, *request); !caller.ok()) {
    return ToGrpcStatus(caller.status());
  }
  if (!snapshots_) return NotServed(program_, "BackupDatabase");
  auto taken = snapshots_();
  if (!taken.ok()) {
    LogLine("backup_failed", {{"program", program_}, {"error", taken.status().ToString()}});
    return ToGrpcStatus(taken.status());
  }
  LogLine("backup", {{"sequence", absl::StrCat((*taken)->metadata().sequence())},
                     {"bytes", absl::StrCat((*taken)->metadata().size_bytes())},
                     {"sha256", (*taken)->metadata().sha256()}});
  return StreamSnapshot(*context, **taken, *writer);
}

grpc::Status AdminServiceImpl::GetServerInfo(grpc::ServerContext* context,
                                             const v1::GetServerInfoRequest* request,
                                             v1::ServerInfo* response) {
  if (auto caller = AdminCaller(*context, *request); !caller.ok()) {
    return ToGrpcStatus(caller.status());
  }
  response->set_program(program_);
  response->set_version(CivicwatchVersion());
  *response->mutable_start_time() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(start_time_));
  *response->mutable_uptime() = TimeUtil::MicrosecondsToDuration(
      absl::ToInt64Microseconds(absl::Now() - start_time_));
  if (source_) {
    if (absl::Status s = source_(*response); !s.ok()) return ToGrpcStatus(s);
  }
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::CreateRenormalization(
    grpc::ServerContext* context, const v1::CreateRenormalizationRequest* request,
    v1::Renormalization* response) {
  auto caller = AdminCaller(*context, *request);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!renormalizations_.create) return NotServed(program_, "CreateRenormalization");
  auto job = renormalizations_.create(caller->principal);
  if (!job.ok()) return ToGrpcStatus(job.status());
  WriteAuditRecord(
      AuditLogIsFile()
          ? absl::StrCat("{\"time\":", JsonString(AuditTimeNow()), ",\"principal\":",
                         JsonString(caller->principal),
                         ",\"method\":\"CreateRenormalization\",\"job\":",
                         JsonString(job->name()), "}\n")
          : std::string(),
      absl::StrCat(program_, " audit: principal=", caller->principal,
                   " method=CreateRenormalization job=", job->name(), "\n"));
  *response = *std::move(job);
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::GetRenormalization(grpc::ServerContext* context,
                                                  const v1::GetRenormalizationRequest* request,
                                                  v1::Renormalization* response) {
  if (auto caller = AdminCaller(*context, *request); !caller.ok()) {
    return ToGrpcStatus(caller.status());
  }
  if (!renormalizations_.get) return NotServed(program_, "GetRenormalization");
  auto job = renormalizations_.get(request->name());
  if (!job.ok()) return ToGrpcStatus(job.status());
  *response = *std::move(job);
  return grpc::Status::OK;
}

std::string CivicwatchVersion() { return CIVICWATCH_VERSION; }

}  // namespace civicwatch

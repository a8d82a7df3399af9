#include "services/common/admin_service.h"

#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/auth.h"
#include "services/common/grpc_status.h"

namespace civicwatch {

using google::protobuf::util::TimeUtil;

AdminServiceImpl::AdminServiceImpl(std::string program, InfoSource source)
    : program_(std::move(program)), source_(std::move(source)), start_time_(absl::Now()) {}

grpc::Status AdminServiceImpl::GetServerInfo(grpc::ServerContext* context,
                                             const v1::GetServerInfoRequest*,
                                             v1::ServerInfo* response) {
  if (auto caller = auth::Authorize(*context, auth::kAdmin); !caller.ok()) {
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

std::string CivicwatchVersion() { return CIVICWATCH_VERSION; }

}  // namespace civicwatch

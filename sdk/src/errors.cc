#include "civicwatch/errors.h"

#include "google/rpc/error_details.pb.h"

namespace civicwatch {

std::optional<google::rpc::Status> RpcStatusDetails(const absl::Status& status) {
  auto payload = status.GetPayload(kRpcStatusTypeUrl);  // absl::optional
  if (!payload.has_value()) return std::nullopt;
  google::rpc::Status details;
  if (!details.ParseFromString(std::string(*payload))) return std::nullopt;
  return details;
}

std::vector<std::pair<std::string, std::string>> FieldViolations(
    const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> violations;
  std::optional<google::rpc::Status> details = RpcStatusDetails(status);
  if (!details.has_value()) return violations;
  for (const google::protobuf::Any& any : details->details()) {
    google::rpc::BadRequest bad_request;
    if (!any.Is<google::rpc::BadRequest>() || !any.UnpackTo(&bad_request)) {
      continue;
    }
    for (const auto& v : bad_request.field_violations()) {
      violations.emplace_back(v.field(), v.description());
    }
  }
  return violations;
}

}  // namespace civicwatch

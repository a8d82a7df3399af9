#include "services/common/grpc_status.h"

#include <iostream>
#include <string>

#include "google/rpc/status.pb.h"
#include "services/common/errors.h"

namespace civicwatch {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInternal ||
      status.code() == absl::StatusCode::kUnknown ||
      status.code() == absl::StatusCode::kDataLoss) {
    std::cerr << "internal error: " << status << "\n";
    message = "internal error; the server has logged the details";
    code = grpc::StatusCode::INTERNAL;
  }
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    if (type_url != kBadRequestTypeUrl && type_url != kErrorInfoTypeUrl) return;
    auto* any = details.add_details();
    any->set_type_url(std::string(type_url));
    any->set_value(std::string(payload));
  });
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace civicwatch

#include "tests/support/violated_field.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace civicwatch::testing {

std::string ViolatedField(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return "";
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
      return bad.field_violations(0).field();
    }
  }
  return "";
}

}  // namespace civicwatch::testing

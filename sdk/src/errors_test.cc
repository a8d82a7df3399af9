#include "civicwatch/errors.h"

#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(FieldViolationsTest, ClientSideErrorsHaveNone) {
  EXPECT_TRUE(FieldViolations(absl::OkStatus()).empty());
  EXPECT_TRUE(FieldViolations(absl::UnavailableError("down")).empty());
  EXPECT_FALSE(RpcStatusDetails(absl::UnavailableError("down")).has_value());
}

TEST(FieldViolationsTest, CollectsAcrossSeveralBadRequests) {
  google::rpc::Status details;
  for (const char* field : {"report.body", "report.country_code"}) {
    google::rpc::BadRequest bad;
    auto* v = bad.add_field_violations();
    v->set_field(field);
    v->set_description("wrong");
    details.add_details()->PackFrom(bad);
  }
  absl::Status s = absl::InvalidArgumentError("bad report");
  s.SetPayload(kRpcStatusTypeUrl, absl::Cord(details.SerializeAsString()));
  auto v = FieldViolations(s);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].first, "report.body");
  EXPECT_EQ(v[1].first, "report.country_code");
}

}  // namespace
}  // namespace civicwatch

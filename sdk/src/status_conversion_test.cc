#include "status_conversion.h"

#include "civicwatch/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace civicwatch::internal {
namespace {

// The serialized google.rpc.Status a server puts in grpc-status-details-bin.
std::string BadRequestDetails() {
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field("filter.start_date");
  v->set_description("month must be 1 to 12");
  v = bad.add_field_violations();
  v->set_field("page_size");
  v->set_description("must not be negative");
  google::rpc::Status status;
  status.set_code(3);
  status.set_message("invalid filter");
  status.add_details()->PackFrom(google::rpc::ErrorInfo());  // Not a BadRequest.
  status.add_details()->PackFrom(bad);
  return status.SerializeAsString();
}

TEST(FromGrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(FromGrpcStatusTest, KeepsCodeAndMessage) {
  absl::Status s = FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "events/x not found"));
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "events/x not found");
  EXPECT_FALSE(s.GetPayload(kRpcStatusTypeUrl).has_value());
  EXPECT_TRUE(FieldViolations(s).empty());
}

TEST(FromGrpcStatusTest, EveryCanonicalCodeMapsToTheSameNumber) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status s = FromGrpcStatus(grpc::Status(static_cast<grpc::StatusCode>(code), "m"));
    EXPECT_EQ(static_cast<int>(s.code()), code);
  }
}

TEST(FromGrpcStatusTest, AttachesDetailsAndFieldViolationsReadThem) {
  absl::Status s = FromGrpcStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                               "invalid filter", BadRequestDetails()));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(s.GetPayload(kRpcStatusTypeUrl).has_value());
  std::optional<google::rpc::Status> details = RpcStatusDetails(s);
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->message(), "invalid filter");
  auto violations = FieldViolations(s);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].first, "filter.start_date");
  EXPECT_EQ(violations[0].second, "month must be 1 to 12");
  EXPECT_EQ(violations[1].first, "page_size");
}

TEST(FieldViolationsTest, GarbagePayloadGivesNothing) {
  absl::Status s = absl::InvalidArgumentError("x");
  s.SetPayload(kRpcStatusTypeUrl, absl::Cord("\xff\xff\xff not a proto"));
  EXPECT_TRUE(FieldViolations(s).empty());
}

}  // namespace
}  // namespace civicwatch::internal

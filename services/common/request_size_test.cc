#include "services/common/request_size.h"

#include "civicwatch/v1/ingest.pb.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace civicwatch {
namespace {

std::string OnlyField(const absl::Status& status) {
  auto violations = FieldViolationsOf(status);
  return violations.size() == 1 ? violations[0].first : "";
}

TEST(RequestSizeTest, WithinTheLimitIsOk) {
  v1::CreateReportRequest req;
  req.mutable_report()->set_body(std::string(1000, 'a'));
  EXPECT_TRUE(CheckRequestSize(req, 2000).ok());
}

TEST(RequestSizeTest, NamesTheLargestNestedField) {
  v1::CreateReportRequest req;
  req.set_request_id(std::string(100, 'r'));
  req.mutable_report()->set_title(std::string(200, 't'));
  req.mutable_report()->set_body(std::string(5000, 'a'));
  absl::Status s = CheckRequestSize(req, 4096);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(OnlyField(s), "report.body");
  EXPECT_NE(s.message().find("4096 bytes"), absl::string_view::npos) << s.message();

  req.mutable_report()->clear_body();
  req.mutable_report()->mutable_original()->set_content(std::string(5000, 'x'));
  EXPECT_EQ(OnlyField(CheckRequestSize(req, 4096)), "report.original.content");
}

TEST(RequestSizeTest, NamesARepeatedFieldWithItsIndex) {
  v1::CreateReportRequest req;
  req.mutable_report()->set_body("short");
  req.mutable_report()->add_publishers("a");
  req.mutable_report()->add_publishers(std::string(3000, 'p'));
  EXPECT_EQ(OnlyField(CheckRequestSize(req, 2048)), "report.publishers[1]");
}

TEST(RequestSizeTest, BytesThatDoNotParseNameTheRequest) {
  absl::Status s =
      CheckRequestSize(*v1::CreateReportRequest::descriptor(), std::string(100, '\xff'), 10);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(OnlyField(s), "request");
}

TEST(RequestSizeTest, LimitsInMebibytesReadAsSuch) {
  EXPECT_EQ(DescribeBytes(size_t{8} << 20), "8 MiB (8388608 bytes)");
  EXPECT_EQ(DescribeBytes(1000), "1000 bytes");
}

}  // namespace
}  // namespace civicwatch

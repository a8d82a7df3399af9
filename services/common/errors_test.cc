#include "services/common/errors.h"

#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(ErrorsTest, InvalidFieldNamesTheField) {
  absl::Status s = InvalidFieldError("report.body", "must not be empty");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "report.body: must not be empty");
  auto v = FieldViolationsOf(s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].first, "report.body");
  EXPECT_EQ(v[0].second, "must not be empty");
  EXPECT_EQ(ErrorReasonOf(s), "INVALID_FIELD");
}

TEST(ErrorsTest, TooLargeIsResourceExhaustedWithField) {
  absl::Status s = TooLargeError("report.body", "4 MiB");
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  ASSERT_EQ(FieldViolationsOf(s).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(s)[0].first, "report.body");
}

TEST(ErrorsTest, PlainStatusHasNoDetails) {
  EXPECT_TRUE(FieldViolationsOf(absl::NotFoundError("x")).empty());
  EXPECT_FALSE(ErrorReasonOf(absl::NotFoundError("x")).has_value());
}

}  // namespace
}  // namespace civicwatch

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

TEST(ErrorsTest, FieldSurvivesADescriptionQuotingBadUtf8) {
  // Found by tests/fuzz/partial_date_fuzzer: ParsePartialDate quotes its
  // input, and a BadRequest holding non-UTF-8 text did not parse back, so
  // the field named was lost.
  absl::Status s = InvalidFieldError("from", "\"00\xff\xff\" is not YYYY");
  auto v = FieldViolationsOf(s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].first, "from");
  EXPECT_EQ(v[0].second, "\"00\xEF\xBF\xBD\xEF\xBF\xBD\" is not YYYY");
}

TEST(ErrorsTest, PlainStatusHasNoDetails) {
  EXPECT_TRUE(FieldViolationsOf(absl::NotFoundError("x")).empty());
  EXPECT_FALSE(ErrorReasonOf(absl::NotFoundError("x")).has_value());
}

}  // namespace
}  // namespace civicwatch

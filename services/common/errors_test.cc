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

TEST(ErrorsTest, EchoedTextIsBounded) {
  // A 10 KB resource name in a NOT_FOUND message made the gRPC trailer too
  // large for clients, which saw RESOURCE_EXHAUSTED instead.
  const std::string huge = "events/" + std::string(10000, 'e');
  absl::Status missing = ResourceNotFoundError(huge);
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_LT(missing.message().size(), 600u);
  absl::Status invalid = InvalidFieldError("name", "\"" + huge + "\" is not valid");
  EXPECT_LT(invalid.message().size(), 1200u);
  ASSERT_EQ(FieldViolationsOf(invalid).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(invalid)[0].first, "name");
  // Cut at a character boundary: still UTF-8.
  absl::Status cyrillic = ResourceNotFoundError(std::string(3001, 'x') + std::string(2000, '\xd0'));
  EXPECT_LT(cyrillic.message().size(), 600u);
}

TEST(ErrorsTest, PlainStatusHasNoDetails) {
  EXPECT_TRUE(FieldViolationsOf(absl::NotFoundError("x")).empty());
  EXPECT_FALSE(ErrorReasonOf(absl::NotFoundError("x")).has_value());
}

}  // namespace
}  // namespace civicwatch

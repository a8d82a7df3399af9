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

TEST(ErrorsTest, NotFoundAndPreconditionCanNameTheFieldThatNamedTheResource) {
  absl::Status missing = FieldResourceNotFoundError("events[1]", "events/abc");
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "events[1]: events/abc does not exist");
  ASSERT_EQ(FieldViolationsOf(missing).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(missing)[0].first, "events[1]");
  EXPECT_EQ(ErrorReasonOf(missing), "RESOURCE_NOT_FOUND");

  absl::Status state = FieldPreconditionError("events[0]", "told by the same report");
  EXPECT_EQ(state.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(state.message(), "events[0]: told by the same report");
  ASSERT_EQ(FieldViolationsOf(state).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(state)[0].first, "events[0]");
  EXPECT_EQ(ErrorReasonOf(state), "FAILED_PRECONDITION");
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

TEST(ErrorsTest, KindsWithoutAFieldKeepTheirMessageAndCarryAReason) {
  struct Case {
    absl::Status status;
    absl::StatusCode code;
    const char* reason;
  };
  const Case cases[] = {
      {UnauthenticatedError("the token is not valid"), absl::StatusCode::kUnauthenticated,
       "UNAUTHENTICATED"},
      {FailedPreconditionError("the folder holds a database"),
       absl::StatusCode::kFailedPrecondition, "FAILED_PRECONDITION"},
      {UnavailableError("the peer is not serving"), absl::StatusCode::kUnavailable, "UNAVAILABLE"},
      {InvalidInputError("the PDF is corrupt"), absl::StatusCode::kInvalidArgument,
       "INVALID_INPUT"},
      {LimitExceededError("the PDF has too many pages"), absl::StatusCode::kResourceExhausted,
       "LIMIT_EXCEEDED"},
      {MissingInputError("the DOCX has no word/document.xml"), absl::StatusCode::kNotFound,
       "MISSING_INPUT"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.status;
    EXPECT_EQ(ErrorReasonOf(c.status), c.reason) << c.status;
    EXPECT_TRUE(FieldViolationsOf(c.status).empty());
  }
  EXPECT_EQ(InvalidInputError("the PDF is corrupt").message(), "the PDF is corrupt");
  const absl::Status scope = CallerLacksScopeError("ann", "review.write");
  EXPECT_EQ(scope.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(scope.message(), "principal ann lacks the scope review.write");
  EXPECT_EQ(ErrorReasonOf(scope), "MISSING_SCOPE");
}

}  // namespace
}  // namespace civicwatch

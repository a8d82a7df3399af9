#include "services/common/request_checks.h"

#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace civicwatch {
namespace {

TEST(RequestChecksTest, ResourceNamesNeedTheirCollectionAndOneId) {
  EXPECT_TRUE(ValidateResourceName("events/abc", "events", "name").ok());
  for (const char* bad : {"", "events/", "reports/abc", "events/a/b", "eventsabc"}) {
    absl::Status s = ValidateResourceName(bad, "events", "event.name");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    ASSERT_EQ(FieldViolationsOf(s).size(), 1u) << bad;
    EXPECT_EQ(FieldViolationsOf(s)[0].first, "event.name");
  }
}

TEST(RequestChecksTest, PageSizesAreDefaultedAndCapped) {
  EXPECT_EQ(*EffectivePageSize(0, "page_size", 50, 500), 50);
  EXPECT_EQ(*EffectivePageSize(7, "page_size", 50, 500), 7);
  EXPECT_EQ(*EffectivePageSize(501, "page_size", 50, 500), 500);
  absl::StatusOr<int> negative = EffectivePageSize(-1, "page_size", 50, 500);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(FieldViolationsOf(negative.status())[0].first, "page_size");
}

}  // namespace
}  // namespace civicwatch

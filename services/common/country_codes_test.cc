#include "services/common/country_codes.h"

#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace civicwatch {
namespace {

TEST(CountryCodesTest, KnowsAssignedUpperCaseCodes) {
  EXPECT_TRUE(IsKnownCountryCode("KG"));
  EXPECT_TRUE(IsKnownCountryCode("RU"));
  EXPECT_FALSE(IsKnownCountryCode("kg"));
  EXPECT_FALSE(IsKnownCountryCode("XX"));
  EXPECT_FALSE(IsKnownCountryCode("KGZ"));
  EXPECT_FALSE(IsKnownCountryCode(""));
}

TEST(CountryCodesTest, CheckAcceptsAKnownCode) {
  EXPECT_TRUE(CheckCountryCode("KG", "report.country_code").ok());
}

TEST(CountryCodesTest, CheckNamesTheFieldAndTheValue) {
  absl::Status s = CheckCountryCode("kg", "filter.country_codes[1]");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "filter.country_codes[1]: \"kg\" is not an ISO 3166-1 alpha-2 code (upper case, such "
            "as \"KG\")");
  auto violations = FieldViolationsOf(s);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].first, "filter.country_codes[1]");
}

}  // namespace
}  // namespace civicwatch

#include "enums.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

TEST(EnumsTest, ShortAndFullNamesInAnyCase) {
  EXPECT_EQ(*ParseCategory("detention"), v1::CATEGORY_DETENTION);
  EXPECT_EQ(*ParseCategory("CATEGORY_DETENTION"), v1::CATEGORY_DETENTION);
  EXPECT_EQ(*ParseCategory("Judicial-Harassment"), v1::CATEGORY_JUDICIAL_HARASSMENT);
  EXPECT_EQ(*ParseFreedom("peaceful_assembly"), v1::FREEDOM_PEACEFUL_ASSEMBLY);
  EXPECT_EQ(*ParseFreedom("FREEDOM_EXPRESSION"), v1::FREEDOM_EXPRESSION);
  EXPECT_EQ(*ParseValence("negative"), v1::VALENCE_NEGATIVE);
  EXPECT_EQ(*ParseEntityKind("state_body"), v1::ENTITY_KIND_STATE_BODY);
  EXPECT_EQ(*ParseDimension("month"), v1::STATISTICS_DIMENSION_MONTH);
  EXPECT_EQ(*ParseDimension("Category"), v1::STATISTICS_DIMENSION_CATEGORY);
}

TEST(EnumsTest, UnknownAndUnspecifiedAreRefusedWithTheChoices) {
  auto bad = ParseCategory("arrest");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), testing::HasSubstr("detention"));
  EXPECT_FALSE(ParseCategory("unspecified").ok());
  EXPECT_FALSE(ParseCategory("CATEGORY_UNSPECIFIED").ok());
  EXPECT_FALSE(ParseFreedom("").ok());
  EXPECT_FALSE(ParseDimension("fortnight").ok());
}

TEST(EnumsTest, ShortNames) {
  EXPECT_EQ(ShortName(v1::CATEGORY_JUDICIAL_HARASSMENT), "judicial_harassment");
  EXPECT_EQ(ShortName(v1::FREEDOM_UNSPECIFIED), "-");
  EXPECT_EQ(ShortName(v1::ROLE_VICTIM), "victim");
  EXPECT_EQ(ShortName(static_cast<v1::Category>(999)), "999");
  EXPECT_EQ(ShortName(v1::STATISTICS_DIMENSION_MONTH), "month");
}

TEST(EnumsTest, ShortKeysOfStatistics) {
  EXPECT_EQ(ShortKey("CATEGORY_DETENTION"), "detention");
  EXPECT_EQ(ShortKey("FREEDOM_UNSPECIFIED"), "unspecified");
  EXPECT_EQ(ShortKey("2018-06"), "2018-06");
  EXPECT_EQ(ShortKey("KG"), "KG");
  EXPECT_EQ(ShortKey("CATEGORY_NOT_A_VALUE"), "CATEGORY_NOT_A_VALUE");
}

}  // namespace
}  // namespace civicwatch::cli

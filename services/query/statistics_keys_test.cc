#include "services/query/statistics_keys.h"

#include "gtest/gtest.h"

namespace civicwatch::query {
namespace {

TEST(StatisticsKeysTest, EnumDimensionsAreKeyedByNameOrByAnUnknownNumber) {
  GroupValues v;
  v.category = v1::CATEGORY_DETENTION;
  v.freedom = v1::FREEDOM_PEACEFUL_ASSEMBLY;
  v.valence = v1::VALENCE_NEGATIVE;
  EXPECT_EQ(DimensionKey(v1::STATISTICS_DIMENSION_CATEGORY, v), "CATEGORY_DETENTION");
  EXPECT_EQ(DimensionKey(v1::STATISTICS_DIMENSION_FREEDOM, v), "FREEDOM_PEACEFUL_ASSEMBLY");
  EXPECT_EQ(DimensionKey(v1::STATISTICS_DIMENSION_VALENCE, v), "VALENCE_NEGATIVE");
  v.category = 999;
  EXPECT_EQ(DimensionKey(v1::STATISTICS_DIMENSION_CATEGORY, v), "999");
}

TEST(StatisticsKeysTest, EachColumnReadsItsOwnSqlColumn) {
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kCountry), "e.country");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kYear), "e.year");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kMonth), "e.month");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kDay), "e.day");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kCategory), "e.category");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kFreedom), "e.freedom");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kValence), "e.valence");
  EXPECT_STREQ(ColumnSql(StatisticsColumn::kEntity), "p.entity");
}

}  // namespace
}  // namespace civicwatch::query

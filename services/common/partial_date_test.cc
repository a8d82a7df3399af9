#include "services/common/partial_date.h"

#include "gtest/gtest.h"

namespace civicwatch {
namespace {

v1::PartialDate D(int y, int m = 0, int d = 0) {
  v1::PartialDate p;
  p.set_year(y);
  p.set_month(m);
  p.set_day(d);
  return p;
}

TEST(PartialDateTest, ValidatesRanges) {
  EXPECT_TRUE(ValidatePartialDate(D(0), "d").ok());
  EXPECT_TRUE(ValidatePartialDate(D(2018), "d").ok());
  EXPECT_TRUE(ValidatePartialDate(D(2024, 2, 29), "d").ok());
  EXPECT_FALSE(ValidatePartialDate(D(2023, 2, 29), "d").ok());
  EXPECT_FALSE(ValidatePartialDate(D(2018, 13), "d").ok());
  EXPECT_FALSE(ValidatePartialDate(D(99999), "d").ok());
  EXPECT_FALSE(ValidatePartialDate(D(2018, 0, 5), "d").ok());
  EXPECT_EQ(ValidatePartialDate(D(2018, 13), "filter.start_date").message(),
            "filter.start_date.month: must be between 1 and 12, or 0");
}

TEST(PartialDateTest, PeriodOfPartialDates) {
  EXPECT_EQ(LastDayOf(D(2018)) - FirstDayOf(D(2018)), 364);
  EXPECT_EQ(LastDayOf(D(2024, 2)) - FirstDayOf(D(2024, 2)), 28);
  EXPECT_EQ(FirstDayOf(D(2018, 6)), FirstDayOf(D(2018, 6, 1)));
  EXPECT_EQ(LastDayOf(D(2018, 6, 7)), FirstDayOf(D(2018, 6, 7)));
}

TEST(PartialDateTest, FormatsAndParsesWithPrecision) {
  EXPECT_EQ(FormatPartialDate(D(2018, 6)), "2018-06");
  EXPECT_EQ(FormatPartialDate(D(0)), "");
  auto p = ParsePartialDate("2018-06", "from");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->month(), 6);
  EXPECT_EQ(p->day(), 0);
  EXPECT_FALSE(ParsePartialDate("2018-6", "from").ok());
  EXPECT_FALSE(ParsePartialDate("2018-02-30", "from").ok());
  EXPECT_FALSE(ParsePartialDate("June", "from").ok());
}

}  // namespace
}  // namespace civicwatch

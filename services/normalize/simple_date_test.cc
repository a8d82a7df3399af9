#include "services/normalize/simple_date.h"

#include <gtest/gtest.h>

namespace civicwatch::normalize {
namespace {

TEST(SimpleDateTest, PrintsOnlyThePrecisionItHas) {
  EXPECT_EQ(SimpleDate{}.ToString(), "");
  EXPECT_EQ((SimpleDate{2018, 0, 0}).ToString(), "2018");
  EXPECT_EQ((SimpleDate{2018, 9, 0}).ToString(), "2018-09");
  EXPECT_EQ((SimpleDate{2018, 9, 7}).ToString(), "2018-09-07");
}

TEST(SimpleDateTest, CompareAndPeriods) {
  EXPECT_LT(CompareDates({2018, 0, 0}, {2018, 6, 0}), 0);
  EXPECT_LT(CompareDates({2018, 6, 0}, {2018, 6, 1}), 0);
  EXPECT_GT(CompareDates({2019, 1, 1}, {2018, 12, 31}), 0);
  EXPECT_EQ(CompareDates({2018, 6, 1}, {2018, 6, 1}), 0);
  EXPECT_TRUE(WithinPeriod({2018, 9, 7}, {2018, 8, 15}, {2018, 12, 15}));
  EXPECT_FALSE(WithinPeriod({2018, 8, 1}, {2018, 8, 15}, {2018, 12, 15}));
  // A month lies within a period only as a whole.
  EXPECT_FALSE(WithinPeriod({2018, 8, 0}, {2018, 8, 15}, {2018, 12, 15}));
  EXPECT_TRUE(WithinPeriod({2018, 8, 0}, {}, {}));
  EXPECT_FALSE(WithinPeriod({}, {}, {}));
}

TEST(SimpleDateTest, PeriodsRunFromTheirFirstToTheirLastDay) {
  EXPECT_EQ(PeriodStart({2018, 0, 0}), std::make_tuple(2018, 1, 1));
  EXPECT_EQ(PeriodEnd({2018, 0, 0}), std::make_tuple(2018, 12, 31));
  EXPECT_EQ(PeriodEnd({2020, 2, 0}), std::make_tuple(2020, 2, 29));
  EXPECT_EQ(DaysInMonth(2021, 2), 28);
}

TEST(SimpleDateTest, AddsAtTheUnitsPrecision) {
  EXPECT_EQ(AddToDate({2020, 12, 0}, DateUnit::kMonth, 1).ToString(), "2021-01");
  EXPECT_EQ(AddToDate({2020, 12, 31}, DateUnit::kDay, 1).ToString(), "2021-01-01");
  EXPECT_EQ(AddToDate({2020, 12, 31}, DateUnit::kYear, 0).ToString(), "2020");
  EXPECT_EQ(AddToDate({2020, 12, 31}, DateUnit::kMonth, 0).ToString(), "2020-12");
  // Not precise enough for the unit, or no date at all: unknown.
  EXPECT_FALSE(AddToDate({2020, 0, 0}, DateUnit::kDay, 1).known());
  EXPECT_FALSE(AddToDate({}, DateUnit::kYear, 1).known());
  EXPECT_FALSE(AddToDate({2020, 1, 1}, DateUnit::kWeekday, 1).known());
}

TEST(SimpleDateTest, WeekdayOfAFullDateOnly) {
  EXPECT_EQ(WeekdayOf({2021, 11, 29}), 1);  // a Monday
  EXPECT_EQ(WeekdayOf({2024, 3, 10}), 7);   // a Sunday
  EXPECT_EQ(WeekdayOf({2021, 11, 0}), 0);
}

}  // namespace
}  // namespace civicwatch::normalize

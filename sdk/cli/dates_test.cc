#include "dates.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

v1::PartialDate D(int y, int m, int d) {
  v1::PartialDate date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

void ExpectDate(absl::string_view text, int y, int m, int d) {
  auto date = ParseDate(text);
  ASSERT_TRUE(date.ok()) << text << ": " << date.status();
  EXPECT_EQ(date->year(), y) << text;
  EXPECT_EQ(date->month(), m) << text;
  EXPECT_EQ(date->day(), d) << text;
}

TEST(ParseDateTest, ThreePrecisions) {
  ExpectDate("2018", 2018, 0, 0);
  ExpectDate("2018-06", 2018, 6, 0);
  ExpectDate("2018-06-07", 2018, 6, 7);
  ExpectDate("2020-02-29", 2020, 2, 29);
  ExpectDate("2000-02-29", 2000, 2, 29);
}

TEST(ParseDateTest, RejectsOtherShapesAndImpossibleDates) {
  for (const char* bad : {"", "18", "2018-6", "2018-06-7", "2018/06", "June 2018", "2018-13",
                          "2018-00", "2018-02-30", "1900-02-29", "2019-02-29", "0000",
                          "2018-06-07-01", "2018-", "+2018", "２０１８"}) {
    EXPECT_FALSE(ParseDate(bad).ok()) << bad;
  }
  EXPECT_THAT(std::string(ParseDate("2018-13").status().message()), testing::HasSubstr("month"));
  EXPECT_THAT(std::string(ParseDate("2018/06").status().message()),
              testing::HasSubstr("YYYY, YYYY-MM or YYYY-MM-DD"));
}

TEST(FormatDateTest, KeepsPrecision) {
  EXPECT_EQ(FormatDate(D(2018, 0, 0)), "2018");
  EXPECT_EQ(FormatDate(D(2018, 6, 0)), "2018-06");
  EXPECT_EQ(FormatDate(D(2018, 6, 7)), "2018-06-07");
  EXPECT_EQ(FormatDate(D(0, 0, 0)), "undated");
  EXPECT_EQ(FormatDate(D(987, 1, 2)), "0987-01-02");
}

TEST(FormatPeriodTest, RangesAndSingleDates) {
  EXPECT_EQ(FormatPeriod(D(2018, 10, 23), D(2018, 10, 24)), "2018-10-23..2018-10-24");
  EXPECT_EQ(FormatPeriod(D(2018, 10, 23), D(0, 0, 0)), "2018-10-23");
  EXPECT_EQ(FormatPeriod(D(2018, 10, 0), D(2018, 10, 0)), "2018-10");
  EXPECT_EQ(FormatPeriod(D(0, 0, 0), D(0, 0, 0)), "undated");
}

TEST(ParseDateTest, RoundTrips) {
  for (const char* text : {"2018", "2018-06", "2018-06-07", "1999-12-31"}) {
    EXPECT_EQ(FormatDate(*ParseDate(text)), text);
  }
}

}  // namespace
}  // namespace civicwatch::cli

#include "services/normalize/occasion_dates.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

std::vector<DateMention> DatesOf(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<DateMention> dates = FindDates(tokens);
  CoarsenOccasionDates(tokens, &dates);
  return dates;
}

TEST(OccasionDatesTest, TheDayOfAnOccasionIsNotTheDayOfTheAct) {
  for (const char* text : {"Ahead of the 14 May 2023 elections, police detained twelve activists.",
                           "In the run-up to Independence Day on 16 December 2021, police detained "
                           "several people.",
                           "Накануне 16 декабря 2021 года полиция задержала активистов."}) {
    auto dates = DatesOf(text);
    ASSERT_EQ(dates.size(), 1u) << text;
    EXPECT_NE(dates[0].date.month, 0) << text;
    EXPECT_EQ(dates[0].date.day, 0) << text;
  }
}

TEST(OccasionDatesTest, TheActsOwnDateKeepsItsDay) {
  auto dates = DatesOf("Ahead of the elections, on 10 May 2023 police detained twelve activists.");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date.day, 10);
  dates = DatesOf("On 16 December 2021 police detained several people ahead of the rally.");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date.day, 16);
}

TEST(OccasionDatesTest, AFarOccasionWordDoesNotReachTheDate) {
  auto dates = DatesOf(
      "Ahead of what the authorities called a routine check of the registration of the group on "
      "3 March 2022 police searched its office.");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date.day, 3);
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/date_words.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

// The first token of `text`.
Token First(const std::string& text) {
  std::vector<Token> tokens = Tokenize(text, 0, text.size());
  return tokens.empty() ? Token{} : tokens[0];
}

TEST(DateWordsTest, MonthsInEveryListedFormEnglishOnlyCapitalised) {
  EXPECT_EQ(MonthNumber(First("September")), 9);
  EXPECT_EQ(MonthNumber(First("сентября")), 9);
  EXPECT_EQ(MonthNumber(First("mid-March")), 3);
  EXPECT_EQ(MonthNumber(First("may")), 0);  // the verb
  EXPECT_EQ(MonthNumber(First("May")), 5);
  EXPECT_EQ(MonthNumber(First("police")), 0);
}

TEST(DateWordsTest, DaysOfTheWeekEnglishOnlyCapitalised) {
  EXPECT_EQ(DayOfWeekNumber(First("Monday")), 1);
  EXPECT_EQ(DayOfWeekNumber(First("пятницу")), 5);
  EXPECT_EQ(DayOfWeekNumber(First("sunday")), 0);
  EXPECT_EQ(WeekdayDirection(First("following")), 1);
  EXPECT_EQ(WeekdayDirection(First("прошлый")), -1);
  EXPECT_EQ(WeekdayDirection(First("минувшую")), -1);
  EXPECT_EQ(WeekdayDirection(First("past")), -1);
  EXPECT_EQ(WeekdayDirection(First("on")), 0);
}

TEST(DateWordsTest, NumbersThatCanBeYearsOrDays) {
  EXPECT_TRUE(IsYear(First("2018")));
  EXPECT_FALSE(IsYear(First("1850")));
  EXPECT_TRUE(IsDay(First("31")));
  EXPECT_TRUE(IsDay(First("7th")));
  EXPECT_FALSE(IsDay(First("32")));
  EXPECT_TRUE(IsYearWord(First("года")));
}

TEST(DateWordsTest, WordsThatChangeWhatADateMeans) {
  EXPECT_TRUE(IsBoundWord(First("until")));
  EXPECT_TRUE(IsOriginWord(First("основан")));
  EXPECT_TRUE(IsDeterminer(First("the")));
  EXPECT_TRUE(IsActNoun(First("ruling")));
  EXPECT_TRUE(IsDocumentWord(First("Law")));
  EXPECT_FALSE(IsDocumentWord(First("law")));  // only as part of a name
  EXPECT_TRUE(IsSeason(First("весной")));
  EXPECT_TRUE(IntroducesBareMonth(First("since")));
  EXPECT_TRUE(IsRangeJoiner(First("по")));
}

TEST(DateWordsTest, TablesHoldRelativeAndQuantityPhrases) {
  const DateTables& tables = DateWordTables();
  EXPECT_FALSE(tables.relative_specs.empty());
  std::vector<Token> tokens = Tokenize("a month later", 0, 13);
  PhraseMatcher::Match match;
  ASSERT_TRUE(tables.relative.LongestAt(tokens, 0, tokens.size(), &match));
  EXPECT_EQ(tables.relative_specs[match.payload].unit, DateUnit::kMonth);
}

}  // namespace
}  // namespace civicwatch::normalize

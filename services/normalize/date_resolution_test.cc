#include "services/normalize/date_resolution.h"

#include <gtest/gtest.h>

#include <vector>

namespace civicwatch::normalize {
namespace {

DateMention Written(SimpleDate date, int paragraph = 0) {
  DateMention m;
  m.date = date;
  m.needs_year = date.year == 0;
  m.paragraph = paragraph;
  return m;
}

DateMention Relative(DateUnit unit, int offset) {
  DateMention m;
  m.kind = DateKind::kRelative;
  m.unit = unit;
  m.offset = offset;
  return m;
}

void Resolve(std::vector<DateMention>* ms, SimpleDate coverage_start = {}, SimpleDate coverage_end = {},
             SimpleDate published = {}) {
  std::vector<DateMention*> all;
  for (DateMention& m : *ms) all.push_back(&m);
  ResolveDates(coverage_start, coverage_end, &all, published);
}

TEST(DateResolutionTest, ADayWithoutAYearTakesTheCoverageYear) {
  std::vector<DateMention> ms = {Written({0, 1, 5})};
  Resolve(&ms, {2018, 11, 0}, {2019, 2, 0});
  EXPECT_EQ(ms[0].date.ToString(), "2019-01-05");
  EXPECT_TRUE(ms[0].resolved);
}

TEST(DateResolutionTest, WithoutCoverageTheYearToldBeforeOrAfter) {
  std::vector<DateMention> ms = {Written({2020, 5, 0}), Written({0, 6, 3})};
  Resolve(&ms);
  EXPECT_EQ(ms[1].date.ToString(), "2020-06-03");
  ms = {Written({0, 6, 3}), Written({2021, 5, 0})};
  Resolve(&ms);
  EXPECT_EQ(ms[0].date.ToString(), "2021-06-03");
}

TEST(DateResolutionTest, NothingAfterTheTimeOfWriting) {
  std::vector<DateMention> ms = {Written({0, 12, 28})};
  Resolve(&ms, {}, {}, {2024, 1, 10});
  EXPECT_EQ(ms[0].date.ToString(), "2023-12-28");
}

TEST(DateResolutionTest, RelativeDatesCountFromTheMentionBefore) {
  std::vector<DateMention> ms = {Written({2020, 5, 0}), Relative(DateUnit::kMonth, 1)};
  Resolve(&ms);
  EXPECT_EQ(ms[1].date.ToString(), "2020-06");
  ms = {Relative(DateUnit::kDay, -1)};
  Resolve(&ms, {}, {}, {2024, 6, 13});
  EXPECT_EQ(ms[0].date.ToString(), "2024-06-12");
}

TEST(DateResolutionTest, ADayOfTheWeekNeedsADayToCountFrom) {
  DateMention monday = Relative(DateUnit::kWeekday, 1);
  monday.weekday = 1;
  std::vector<DateMention> ms = {Written({2021, 11, 24}), monday};
  Resolve(&ms);
  EXPECT_EQ(ms[1].date.ToString(), "2021-11-29");
  ms = {monday};
  Resolve(&ms);
  EXPECT_FALSE(ms[0].resolved);
}

TEST(DateResolutionTest, LastTuesdayCountsFromTheWritingThePreviousOneFromTheDayBefore) {
  // Written on Friday 11 April 2025; the story before told of 1 April.
  DateMention last_tuesday = Relative(DateUnit::kWeekday, -1);
  last_tuesday.weekday = 2;
  last_tuesday.deictic = true;
  std::vector<DateMention> ms = {Written({2025, 4, 1}), last_tuesday};
  Resolve(&ms, {}, {}, {2025, 4, 11});
  EXPECT_EQ(ms[1].date.ToString(), "2025-04-08");
  DateMention previous_tuesday = last_tuesday;
  previous_tuesday.deictic = false;
  ms = {Written({2025, 4, 3}), previous_tuesday};
  Resolve(&ms, {}, {}, {2025, 4, 11});
  EXPECT_EQ(ms[1].date.ToString(), "2025-04-01");
}

TEST(DateResolutionTest, OverSeveralYearsADayTakesTheStorysYear) {
  // Coverage July 2017 to May 2022: "On 7 April 2022 ... On 8 April".
  std::vector<DateMention> ms = {Written({2022, 4, 7}), Written({0, 4, 8})};
  Resolve(&ms, {2017, 7, 0}, {2022, 5, 0});
  EXPECT_EQ(ms[1].date.ToString(), "2022-04-08");
  // Without a story year, the first year of the period that holds it.
  ms = {Written({0, 4, 8})};
  Resolve(&ms, {2017, 7, 0}, {2022, 5, 0});
  EXPECT_EQ(ms[0].date.ToString(), "2018-04-08");
}

TEST(DateResolutionTest, AStoryToldForwardCrossesIntoTheNextYear) {
  // Written 14 March 2025: "On 28 November 2024 ... On 20 February he
  // began a hunger strike."
  std::vector<DateMention> ms = {Written({2024, 11, 28}), Written({0, 2, 20})};
  Resolve(&ms, {}, {}, {2025, 3, 14});
  EXPECT_EQ(ms[1].date.ToString(), "2025-02-20");
  // Not past the time of writing: written in December 2024, it is the
  // February before.
  ms = {Written({2024, 11, 28}), Written({0, 2, 20})};
  Resolve(&ms, {}, {}, {2024, 12, 10});
  EXPECT_EQ(ms[1].date.ToString(), "2024-02-20");
}

TEST(DateResolutionTest, ABackgroundYearIsNotCarriedOn) {
  DateMention background = Written({2016, 0, 0});
  background.background = true;
  std::vector<DateMention> ms = {Written({2021, 3, 0}), background, Written({0, 4, 2})};
  Resolve(&ms);
  EXPECT_EQ(ms[2].date.ToString(), "2021-04-02");
}

TEST(DateResolutionTest, ARelativeDateFollowsTheStoryNotABackgroundActBeforeIt) {
  DateMention banned = Written({2018, 3, 13});
  banned.background = true;  // "ДВК, которое суд запретил 13 марта 2018 года"
  std::vector<DateMention> ms = {Written({2023, 6, 17}), banned, Relative(DateUnit::kDay, 2)};
  Resolve(&ms);
  EXPECT_EQ(ms[2].date.ToString(), "2023-06-19");
  // A background date that goes on from the story is its next day.
  DateMention declared = Written({2022, 5, 18});
  declared.background = true;  // "операцией, объявленной 18 мая"
  ms = {Written({2022, 5, 16}), declared, Relative(DateUnit::kDay, 0)};
  Resolve(&ms);
  EXPECT_EQ(ms[2].date.ToString(), "2022-05-18");
}

TEST(DateResolutionTest, AYearThatQualifiesANounIsNotCarriedOn) {
  DateMention qualifier = Written({1980, 0, 0});
  qualifier.kind = DateKind::kAttributive;  // "впервые с переворота 1980 года"
  std::vector<DateMention> ms = {Written({2021, 1, 1}), qualifier, Written({0, 1, 4})};
  Resolve(&ms);
  EXPECT_EQ(ms[2].date.ToString(), "2021-01-04");
}

// A year after the writing ("talks suspended until 2028") is a plan or a
// limit: the story's next day takes the year told before it.
TEST(DateResolutionTest, AYearAfterTheWritingIsNotTheStorysYear) {
  DateMention until = Written({2028, 0, 0});
  until.kind = DateKind::kBound;
  std::vector<DateMention> ms = {Written({2024, 11, 28}), until, Written({0, 12, 2})};
  Resolve(&ms, {}, {}, {2025, 4, 9});
  EXPECT_EQ(ms[2].date.ToString(), "2024-12-02");
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/ingest/incident_matching.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/common/partial_date.h"

namespace civicwatch::ingest {
namespace {

v1::PartialDate Date(int y, int m = 0, int d = 0) {
  v1::PartialDate out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

struct Who {
  std::string entity;
  v1::EntityKind kind = v1::ENTITY_KIND_PERSON;
};

v1::Event Mention(v1::PartialDate date, v1::Category category, std::vector<Who> who,
                  const std::string& report = "reports/a", const std::string& location = "") {
  v1::Event e;
  e.set_name("events/" + report.substr(8));
  e.set_country_code("KZ");
  *e.mutable_date() = date;
  e.set_category(category);
  e.set_location(location);
  for (const Who& w : who) {
    auto* p = e.add_participants();
    p->set_entity(w.entity);
    p->set_display_name(w.entity);
    p->set_kind(w.kind);
  }
  e.add_provenance()->set_report(report);
  return e;
}

const Who kAlma{"entities/alma"};
const Who kBek{"entities/bek"};
const Who kCourt{"entities/court", v1::ENTITY_KIND_STATE_BODY};
const Who kPolice{"entities/police", v1::ENTITY_KIND_STATE_BODY};
const Who kNgo{"entities/ngo", v1::ENTITY_KIND_ORGANISATION};

TEST(IncidentMatchingTest, SameActSameWordingMerges) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma, kPolice}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
  EXPECT_DOUBLE_EQ(r.score, 1.0);
  EXPECT_EQ(r.evidence.date, DateAgreement::kSame);
  EXPECT_EQ(r.evidence.category, CategoryAgreement::kSame);
  EXPECT_EQ(r.evidence.shared_people, std::vector<std::string>{"entities/alma"});
}

TEST(IncidentMatchingTest, OneRulingUnderTwoCategoriesMerges) {
  auto r = MatchIncident(Mention(Date(2022, 3, 14), v1::CATEGORY_COURT_RULING, {kAlma, kCourt}),
                         Mention(Date(2022, 3, 14), v1::CATEGORY_IMPRISONMENT, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
  EXPECT_EQ(r.evidence.category, CategoryAgreement::kRelated);
}

TEST(IncidentMatchingTest, DetentionAndFineOfOneDayMerge) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 1, 5), v1::CATEGORY_FINE, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
}

TEST(IncidentMatchingTest, DetainedAndChargedOnOneDayMerge) {
  // One source tells the detention, another the charge brought that day.
  auto r = MatchIncident(Mention(Date(2019, 6, 26), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2019, 6, 26), v1::CATEGORY_JUDICIAL_HARASSMENT, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
  EXPECT_EQ(r.evidence.category, CategoryAgreement::kRelated);
  // Told only by its month, the charge is no more than a candidate.
  r = MatchIncident(Mention(Date(2019, 6), v1::CATEGORY_JUDICIAL_HARASSMENT, {kAlma}),
                    Mention(Date(2019, 6, 26), v1::CATEGORY_DETENTION, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kCandidate);
}

TEST(IncidentMatchingTest, MonthTellingJoinsTheDatedOne) {
  auto r = MatchIncident(Mention(Date(2022, 10), v1::CATEGORY_IMPRISONMENT, {kAlma}),
                         Mention(Date(2022, 10, 11), v1::CATEGORY_IMPRISONMENT, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
  EXPECT_EQ(r.evidence.date, DateAgreement::kWithinMonth);
  // Symmetric.
  auto back = MatchIncident(Mention(Date(2022, 10, 11), v1::CATEGORY_IMPRISONMENT, {kAlma}),
                            Mention(Date(2022, 10), v1::CATEGORY_IMPRISONMENT, {kAlma}));
  EXPECT_EQ(back.decision, MatchDecision::kMerge);
  EXPECT_DOUBLE_EQ(back.score, r.score);
}

TEST(IncidentMatchingTest, YearTellingIsOnlyACandidate) {
  auto r = MatchIncident(Mention(Date(2022), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 10, 11), v1::CATEGORY_DETENTION, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kCandidate);
  EXPECT_EQ(r.evidence.date, DateAgreement::kWithinYear);
}

TEST(IncidentMatchingTest, DetentionAndLaterSentenceAreTwo) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 3, 14), v1::CATEGORY_IMPRISONMENT, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.evidence.date, DateAgreement::kConflict);
}

TEST(IncidentMatchingTest, DetentionAndSentenceOfTheSameMonthAreNotMerged) {
  // Related only weakly, and the month does not pin the day.
  auto r = MatchIncident(Mention(Date(2022, 3), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 3, 14), v1::CATEGORY_IMPRISONMENT, {kAlma}));
  EXPECT_NE(r.decision, MatchDecision::kMerge);
}

TEST(IncidentMatchingTest, SamePersonOnAnotherDayIsAnotherIncident) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 1, 19), v1::CATEGORY_DETENTION, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
}

TEST(IncidentMatchingTest, AnAttackAtNightMeetsTheDayBeforeOrAfter) {
  // "Shortly after midnight on 21 June" and "the night of 20 to 21 June".
  auto r = MatchIncident(Mention(Date(2019, 6, 21), v1::CATEGORY_ATTACK, {kAlma}),
                         Mention(Date(2019, 6, 20), v1::CATEGORY_ATTACK, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
  EXPECT_EQ(r.evidence.date, DateAgreement::kAdjacentDay);
  // Across a year's end too.
  r = MatchIncident(Mention(Date(2019, 12, 31), v1::CATEGORY_RAID, {kAlma}),
                    Mention(Date(2020, 1, 1), v1::CATEGORY_RAID, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kMerge);
  // Two days apart: two attacks.
  r = MatchIncident(Mention(Date(2019, 6, 22), v1::CATEGORY_ATTACK, {kAlma}),
                    Mention(Date(2019, 6, 20), v1::CATEGORY_ATTACK, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
}

TEST(IncidentMatchingTest, ADetentionAndTheNextDaysArrestAreTwo) {
  // The police detain on the 5th; the court orders arrest on the 6th.
  auto r = MatchIncident(Mention(Date(2023, 1, 5), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2023, 1, 6), v1::CATEGORY_DETENTION, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
}

TEST(IncidentMatchingTest, DifferentPeopleBySameCourtSameDayAreTwo) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_FINE, {kAlma, kCourt}),
                         Mention(Date(2022, 1, 5), v1::CATEGORY_FINE, {kBek, kCourt}));
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
  EXPECT_TRUE(r.evidence.different_people);
  EXPECT_EQ(r.evidence.shared_bodies, std::vector<std::string>{"entities/court"});
}

TEST(IncidentMatchingTest, UnrelatedCategoriesAreTwo) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}),
                         Mention(Date(2022, 1, 5), v1::CATEGORY_ADVOCACY, {kAlma}));
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
  EXPECT_EQ(r.evidence.category, CategoryAgreement::kConflict);
}

TEST(IncidentMatchingTest, AnotherCountryIsAnotherIncident) {
  v1::Event other = Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma});
  other.set_country_code("KG");
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}), other);
  EXPECT_EQ(r.decision, MatchDecision::kDistinct);
  EXPECT_FALSE(r.evidence.same_country);
}

TEST(IncidentMatchingTest, UndatedJoinsOnlyOnStrongEvidence) {
  auto weak = MatchIncident(Mention(Date(0), v1::CATEGORY_DETENTION, {kAlma}),
                            Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}));
  EXPECT_EQ(weak.decision, MatchDecision::kCandidate);
  EXPECT_EQ(weak.evidence.date, DateAgreement::kOneUndated);
  auto strong = MatchIncident(
      Mention(Date(0), v1::CATEGORY_DETENTION, {kAlma}, "reports/a", "Almaty"),
      Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}, "reports/b", "Almaty"));
  EXPECT_EQ(strong.decision, MatchDecision::kMerge);
  EXPECT_TRUE(strong.evidence.same_location);
  auto other_category = MatchIncident(
      Mention(Date(0), v1::CATEGORY_FINE, {kAlma}, "reports/a", "Almaty"),
      Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}, "reports/b", "Almaty"));
  EXPECT_NE(other_category.decision, MatchDecision::kMerge);
}

TEST(IncidentMatchingTest, ActsWithoutPeopleMatchOnBodyAndPlace) {
  auto raid = MatchIncident(
      Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {kNgo, kPolice}, "reports/a", "Almaty"),
      Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {kNgo}, "reports/b", "Almaty"));
  EXPECT_EQ(raid.decision, MatchDecision::kMerge);
  // Only the state body and the place: the same day merges, a month does not.
  auto police_day = MatchIncident(
      Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {kPolice}, "reports/a", "Almaty"),
      Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {kPolice}, "reports/b", "Almaty"));
  EXPECT_EQ(police_day.decision, MatchDecision::kMerge);
  auto police_month = MatchIncident(
      Mention(Date(2021, 6), v1::CATEGORY_RAID, {kPolice}, "reports/a", "Almaty"),
      Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {kPolice}, "reports/b", "Almaty"));
  EXPECT_NE(police_month.decision, MatchDecision::kMerge);
  // Nothing in common at all.
  auto nothing = MatchIncident(Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {}),
                               Mention(Date(2021, 6, 2), v1::CATEGORY_RAID, {}));
  EXPECT_EQ(nothing.decision, MatchDecision::kDistinct);
}

TEST(IncidentMatchingTest, MassActsWithoutNamesMatchOnThePlaceInEitherScript) {
  auto day = MatchIncident(
      Mention(Date(2022, 7, 1), v1::CATEGORY_PROTEST, {}, "reports/a", "Нукус"),
      Mention(Date(2022, 7, 1), v1::CATEGORY_PROTEST, {}, "reports/b", "Nukus"));
  EXPECT_EQ(day.decision, MatchDecision::kMerge);
  EXPECT_TRUE(day.evidence.same_location);
  auto month = MatchIncident(
      Mention(Date(2022, 7), v1::CATEGORY_PROTEST, {}, "reports/a", "Нукус"),
      Mention(Date(2022, 7, 1), v1::CATEGORY_PROTEST, {}, "reports/b", "Nukus"));
  EXPECT_NE(month.decision, MatchDecision::kMerge);
  auto elsewhere = MatchIncident(
      Mention(Date(2022, 7, 1), v1::CATEGORY_PROTEST, {}, "reports/a", "Нукус"),
      Mention(Date(2022, 7, 1), v1::CATEGORY_PROTEST, {}, "reports/b", "Tashkent"));
  EXPECT_EQ(elsewhere.decision, MatchDecision::kDistinct);
}

TEST(IncidentMatchingTest, UndatedAppealsAboutTheSamePeopleAreNotMerged) {
  auto r = MatchIncident(
      Mention(Date(0), v1::CATEGORY_ADVOCACY, {kAlma, kBek}, "reports/a", "Baku"),
      Mention(Date(2023, 11, 21), v1::CATEGORY_ADVOCACY, {kAlma, kBek}, "reports/b", "Baku"));
  EXPECT_EQ(r.decision, MatchDecision::kCandidate);
  auto dated = MatchIncident(
      Mention(Date(2023, 11, 21), v1::CATEGORY_ADVOCACY, {kAlma, kBek}, "reports/a"),
      Mention(Date(2023, 11, 21), v1::CATEGORY_ADVOCACY, {kAlma, kBek}, "reports/b"));
  EXPECT_EQ(dated.decision, MatchDecision::kMerge);
}

TEST(IncidentMatchingTest, BodyAloneCannotJoinATellingWithPeople) {
  auto r = MatchIncident(Mention(Date(2022, 1, 5), v1::CATEGORY_FINE, {kAlma, kCourt}),
                         Mention(Date(2022, 1, 5), v1::CATEGORY_FINE, {kCourt}));
  EXPECT_NE(r.decision, MatchDecision::kMerge);
}

TEST(IncidentMatchingTest, RelatedCategoriesAreSymmetricAndListed) {
  EXPECT_GT(RelatedCategoryWeight(v1::CATEGORY_IMPRISONMENT, v1::CATEGORY_COURT_RULING), 0);
  EXPECT_EQ(RelatedCategoryWeight(v1::CATEGORY_IMPRISONMENT, v1::CATEGORY_COURT_RULING),
            RelatedCategoryWeight(v1::CATEGORY_COURT_RULING, v1::CATEGORY_IMPRISONMENT));
  EXPECT_EQ(RelatedCategoryWeight(v1::CATEGORY_DETENTION, v1::CATEGORY_ADVOCACY), 0);
  auto c = CompatibleCategories(v1::CATEGORY_DETENTION);
  EXPECT_EQ(c.front(), v1::CATEGORY_DETENTION);
  EXPECT_NE(std::find(c.begin(), c.end(), v1::CATEGORY_FINE), c.end());
  EXPECT_EQ(std::find(c.begin(), c.end(), v1::CATEGORY_COURT_RULING), c.end());
}

TEST(IncidentMatchingTest, BestReadingTakesTheMostPreciseAgreedDateAndUnion) {
  v1::Event lede = Mention(Date(2022, 3), v1::CATEGORY_COURT_RULING, {kAlma, kCourt}, "reports/a");
  v1::Event dated = Mention(Date(2022, 3, 14), v1::CATEGORY_IMPRISONMENT, {kAlma}, "reports/b");
  v1::Event ru = Mention(Date(2022, 3, 14), v1::CATEGORY_IMPRISONMENT, {kAlma, kBek}, "reports/c",
                         "Almaty");
  std::vector<v1::Event> ms = {lede, dated, ru};
  v1::Event best = BestReading(ms);
  EXPECT_EQ(FormatPartialDate(best.date()), "2022-03-14");
  EXPECT_EQ(best.category(), v1::CATEGORY_IMPRISONMENT);  // two of three
  EXPECT_EQ(best.location(), "Almaty");
  ASSERT_EQ(best.participants_size(), 3);
  // The same whatever the order.
  std::vector<v1::Event> reversed = {ru, dated, lede};
  EXPECT_EQ(BestReading(reversed).SerializeAsString(), best.SerializeAsString());
}

TEST(IncidentMatchingTest, BestReadingBreaksCategoryTiesBySpecificity) {
  std::vector<v1::Event> ms = {
      Mention(Date(2022, 3, 14), v1::CATEGORY_COURT_RULING, {kAlma}, "reports/a"),
      Mention(Date(2022, 3, 14), v1::CATEGORY_IMPRISONMENT, {kAlma}, "reports/b")};
  EXPECT_EQ(BestReading(ms).category(), v1::CATEGORY_IMPRISONMENT);
  std::vector<v1::Event> fine = {
      Mention(Date(2022, 1, 5), v1::CATEGORY_FINE, {kAlma}, "reports/a"),
      Mention(Date(2022, 1, 5), v1::CATEGORY_DETENTION, {kAlma}, "reports/b")};
  EXPECT_EQ(BestReading(fine).category(), v1::CATEGORY_DETENTION);
}

TEST(IncidentMatchingTest, BestReadingOfUndatedMentionsStaysUndated) {
  std::vector<v1::Event> ms = {Mention(Date(0), v1::CATEGORY_DETENTION, {kAlma}, "reports/a")};
  EXPECT_EQ(PrecisionOf(BestReading(ms).date()), DatePrecision::kUndated);
  EXPECT_EQ(DescribeEvidence(MatchIncident(ms[0], ms[0]).evidence),
            "country=same date=both_undated category=same people=1 bodies=0 location=-");
}

}  // namespace
}  // namespace civicwatch::ingest

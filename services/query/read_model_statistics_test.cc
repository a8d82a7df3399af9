// The read model's statistics: counts by dimension, from the events table
// or the summaries, and the summaries kept through updates and deletes.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/query/read_model.h"
#include "services/query/read_model_test_fixture.h"
#include "services/query/test_changes.h"
#include "services/query/test_paging.h"

namespace civicwatch::query {
namespace {

using testing::AddParticipant;
using testing::AddProvenance;
using testing::Batch;
using testing::Date;
using testing::Delete;
using testing::MakeEntity;
using testing::MakeEvent;
using testing::MakeReport;
using testing::RandomDate;
using testing::ReadModelTest;
using testing::Upsert;

TEST_F(ReadModelTest, StatisticsAgreeWithListCounts) {
  absl::BitGen random;
  std::vector<v1::Change> changes;
  const std::vector<std::string> countries = {"KG", "KZ", "UZ"};
  for (int i = 0; i < 300; ++i) {
    v1::PartialDate date = RandomDate(random);
    v1::Event e = MakeEvent(absl::StrCat("e", i), countries[i % 3], date,
                            static_cast<v1::Category>(absl::Uniform(random, 1, 25)));
    e.set_valence(static_cast<v1::Valence>(absl::Uniform(random, 1, 4)));
    for (int p = absl::Uniform(random, 0, 3); p > 0; --p) {
      AddParticipant(e, absl::StrCat("person", absl::Uniform(random, 0, 10)));
    }
    changes.push_back(Upsert(i + 1, e));
  }
  Apply(std::move(changes));

  std::vector<v1::EventFilter> filters(4);
  filters[1].add_country_codes("KG");
  *filters[2].mutable_start_date() = Date(2016);
  *filters[2].mutable_end_date() = Date(2017, 6);
  filters[3].add_categories(v1::CATEGORY_DETENTION);
  filters[3].add_categories(v1::CATEGORY_FINE);
  filters[3].set_date_match(v1::DATE_MATCH_OVERLAP);
  *filters[3].mutable_start_date() = Date(2017, 3);
  const std::vector<std::vector<v1::StatisticsDimension>> groupings = {
      {v1::STATISTICS_DIMENSION_CATEGORY},
      {v1::STATISTICS_DIMENSION_MONTH},
      {v1::STATISTICS_DIMENSION_COUNTRY, v1::STATISTICS_DIMENSION_YEAR},
      {v1::STATISTICS_DIMENSION_VALENCE, v1::STATISTICS_DIMENSION_FREEDOM,
       v1::STATISTICS_DIMENSION_MONTH},
  };
  for (const auto& filter : filters) {
    const int64_t listed = static_cast<int64_t>(ListAll(filter, SortDirection::kAscending, 37).size());
    EXPECT_EQ(TotalOf(filter), listed);
    for (const auto& group_by : groupings) {
      auto stats = model_->ComputeStatistics(filter, group_by, {}, absl::InfiniteFuture());
      ASSERT_TRUE(stats.ok()) << stats.status();
      EXPECT_EQ(stats->total, listed);
      int64_t sum = 0;
      for (const auto& row : stats->rows) {
        sum += row.count;
        // Each group's count is what ListEvents finds for it.
        if (group_by[0] == v1::STATISTICS_DIMENSION_CATEGORY) {
          v1::EventFilter narrowed = filter;
          narrowed.clear_categories();
          v1::Category c;
          ASSERT_TRUE(v1::Category_Parse(row.keys[0], &c)) << row.keys[0];
          narrowed.add_categories(c);
          if (filter.categories().empty() ||
              std::count(filter.categories().begin(), filter.categories().end(), c)) {
            EXPECT_EQ(TotalOf(narrowed), row.count) << row.keys[0];
          }
        }
      }
      EXPECT_EQ(sum, listed);
      for (size_t i = 1; i < stats->rows.size(); ++i) {
        EXPECT_LT(stats->rows[i - 1].keys, stats->rows[i].keys);
      }
    }
  }
}

TEST_F(ReadModelTest, MonthStatisticsNeverPutAYearOnlyEventInJanuary) {
  Apply({Upsert(1, MakeEvent("y", "KG", Date(2018))),
         Upsert(2, MakeEvent("jan", "KG", Date(2018, 1, 15))),
         Upsert(3, MakeEvent("jun", "KG", Date(2018, 6))),
         Upsert(4, MakeEvent("u", "KG", Date(0)))});
  auto stats =
      model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_MONTH}, {}, absl::InfiniteFuture());
  ASSERT_TRUE(stats.ok()) << stats.status();
  std::map<std::string, int64_t> counts;
  for (const auto& row : stats->rows) counts[row.keys[0]] = row.count;
  EXPECT_EQ(counts, (std::map<std::string, int64_t>{
                        {"2018-01", 1}, {"2018-06", 1}, {"2018-unknown", 1}, {"undated", 1}}));
  EXPECT_EQ(stats->total, 4);
  EXPECT_EQ(stats->unplaced, 2);

  stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_YEAR, v1::STATISTICS_DIMENSION_CATEGORY}, {}, absl::InfiniteFuture());
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->rows.size(), 2u);
  EXPECT_EQ(stats->rows[0].keys, (std::vector<std::string>{"2018", "CATEGORY_DETENTION"}));
  EXPECT_EQ(stats->rows[0].count, 3);
  EXPECT_EQ(stats->rows[1].keys, (std::vector<std::string>{"undated", "CATEGORY_DETENTION"}));
  EXPECT_EQ(stats->unplaced, 1);
}

TEST_F(ReadModelTest, EntityStatisticsCountAnEventOncePerEntity) {
  v1::Event a = MakeEvent("a", "KG", Date(2018));
  AddParticipant(a, "x", v1::ROLE_VICTIM);
  AddParticipant(a, "x", v1::ROLE_ACTOR);  // Same entity twice.
  AddParticipant(a, "y");
  v1::Event b = MakeEvent("b", "KG", Date(2019));
  AddParticipant(b, "y");
  Apply({Upsert(1, a), Upsert(2, b), Upsert(3, MakeEvent("c", "KG", Date(2019)))});
  auto stats =
      model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_ENTITY}, {}, absl::InfiniteFuture());
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_EQ(stats->rows.size(), 2u);
  EXPECT_EQ(stats->rows[0].keys[0], "entities/x");
  EXPECT_EQ(stats->rows[0].count, 1);
  EXPECT_EQ(stats->rows[1].keys[0], "entities/y");
  EXPECT_EQ(stats->rows[1].count, 2);
  EXPECT_EQ(stats->total, 3);
}

TEST_F(ReadModelTest, SummaryCountsFollowUpdatesAndDeletes) {
  absl::BitGen random;
  const std::vector<std::string> countries = {"KG", "KZ", "UZ"};
  auto random_event = [&](int i) {
    v1::PartialDate date = RandomDate(random);
    v1::Event e = MakeEvent(absl::StrCat("e", i), countries[absl::Uniform(random, 0, 3)], date,
                            static_cast<v1::Category>(absl::Uniform(random, 1, 25)));
    if (date.year() != 0 && absl::Bernoulli(random, 0.3)) {
      *e.mutable_end_date() =
          Date(date.year() + absl::Uniform(random, 0, 2), absl::Uniform(random, 1, 13));
    }
    return e;
  };
  int64_t sequence = 0;
  std::vector<v1::Change> changes;
  for (int i = 0; i < 200; ++i) changes.push_back(Upsert(++sequence, random_event(i)));
  Apply(std::move(changes));
  changes.clear();
  // Replace half of them with other values, delete a quarter.
  for (int i = 0; i < 200; i += 2) changes.push_back(Upsert(++sequence, random_event(i)));
  for (int i = 1; i < 200; i += 4) changes.push_back(Delete(++sequence, absl::StrCat("events/e", i)));
  Apply(std::move(changes));

  std::vector<v1::EventFilter> filters(6);
  filters[1].add_country_codes("KZ");
  *filters[2].mutable_start_date() = Date(2016, 3);
  *filters[2].mutable_end_date() = Date(2018);
  filters[3].set_date_match(v1::DATE_MATCH_OVERLAP);
  *filters[3].mutable_start_date() = Date(2017);
  *filters[3].mutable_end_date() = Date(2017, 8);
  filters[3].add_country_codes("KG");
  *filters[4].mutable_end_date() = Date(2017, 2);
  *filters[5].mutable_start_date() = Date(2016, 3, 10);  // A day: counted from events.
  for (const auto& filter : filters) {
    const int64_t listed = static_cast<int64_t>(ListAll(filter, SortDirection::kAscending, 50).size());
    EXPECT_EQ(TotalOf(filter), listed) << filter.ShortDebugString();
    for (auto d : {v1::STATISTICS_DIMENSION_MONTH, v1::STATISTICS_DIMENSION_DAY}) {
      auto stats = model_->ComputeStatistics(filter, {d, v1::STATISTICS_DIMENSION_COUNTRY}, {},
                                             absl::InfiniteFuture());
      ASSERT_TRUE(stats.ok()) << stats.status();
      EXPECT_EQ(stats->total, listed) << filter.ShortDebugString();
      int64_t sum = 0;
      for (const auto& row : stats->rows) sum += row.count;
      EXPECT_EQ(sum, listed);
    }
    // Over every country, the small summary answers as the per-country
    // ones do, group for group.
    const std::vector<v1::StatisticsDimension> month_category = {
        v1::STATISTICS_DIMENSION_MONTH, v1::STATISTICS_DIMENSION_CATEGORY};
    auto smallest = model_->ComputeStatistics(filter, month_category, {},
                                              absl::InfiniteFuture());
    auto per_country = model_->ComputeStatistics(filter, month_category, {},
                                                 absl::InfiniteFuture(), 0,
                                                 StatisticsSummaries::kPerCountry);
    ASSERT_TRUE(smallest.ok() && per_country.ok());
    EXPECT_EQ(smallest->total, listed);
    EXPECT_EQ(smallest->unplaced, per_country->unplaced);
    ASSERT_EQ(smallest->rows.size(), per_country->rows.size());
    for (size_t i = 0; i < smallest->rows.size(); ++i) {
      EXPECT_EQ(smallest->rows[i].keys, per_country->rows[i].keys);
      EXPECT_EQ(smallest->rows[i].count, per_country->rows[i].count);
    }
  }
}

TEST_F(ReadModelTest, QuarterWeekAndDayBuckets) {
  Apply({Upsert(1, MakeEvent("a", "KG", Date(2018, 6, 7))),
         Upsert(2, MakeEvent("b", "KG", Date(2018, 6))),
         Upsert(3, MakeEvent("c", "KG", Date(2018))),
         Upsert(4, MakeEvent("d", "KG", Date(0))),
         // ISO week 1 of 2021 starts on Monday 4 January 2021; 3 January
         // 2021 is in week 53 of 2020, 31 December 2018 in week 1 of 2019.
         Upsert(5, MakeEvent("e", "KG", Date(2021, 1, 3))),
         Upsert(6, MakeEvent("f", "KG", Date(2018, 12, 31)))});
  auto keys_of = [&](v1::StatisticsDimension d) {
    auto stats = model_->ComputeStatistics({}, {d}, {}, absl::InfiniteFuture());
    EXPECT_TRUE(stats.ok()) << stats.status();
    std::vector<std::string> keys;
    if (stats.ok()) {
      for (const auto& row : stats->rows) keys.push_back(absl::StrCat(row.keys[0], "=", row.count));
    }
    return keys;
  };
  EXPECT_THAT(keys_of(v1::STATISTICS_DIMENSION_QUARTER),
              ::testing::ElementsAre("2018-Q2=2", "2018-Q4=1", "2018-unknown=1", "2021-Q1=1",
                                     "undated=1"));
  EXPECT_THAT(keys_of(v1::STATISTICS_DIMENSION_WEEK),
              ::testing::ElementsAre("2018-06-unknown=1", "2018-W23=1", "2018-unknown=1",
                                     "2019-W01=1", "2020-W53=1", "undated=1"));
  EXPECT_THAT(keys_of(v1::STATISTICS_DIMENSION_DAY),
              ::testing::ElementsAre("2018-06-07=1", "2018-06-unknown=1", "2018-12-31=1",
                                     "2018-unknown=1", "2021-01-03=1", "undated=1"));
  auto stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_WEEK}, {},
                                         absl::InfiniteFuture());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->unplaced, 3);
}

TEST_F(ReadModelTest, TopNFoldsTheRestIntoOneRow) {
  std::vector<v1::Change> changes;
  // DETENTION 4, FINE 3, BAN 3, RAID 1, PROTEST 1.
  const std::vector<std::pair<v1::Category, int>> counts = {
      {v1::CATEGORY_DETENTION, 4}, {v1::CATEGORY_FINE, 3}, {v1::CATEGORY_BAN, 3},
      {v1::CATEGORY_RAID, 1}, {v1::CATEGORY_PROTEST, 1}};
  int i = 0;
  for (const auto& [category, n] : counts) {
    for (int k = 0; k < n; ++k, ++i) {
      changes.push_back(Upsert(i + 1, MakeEvent(absl::StrCat("e", i), "KG", Date(2018), category)));
    }
  }
  Apply(std::move(changes));
  auto stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_CATEGORY}, {},
                                         absl::InfiniteFuture(), /*top_n=*/2);
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_EQ(stats->rows.size(), 3u);
  EXPECT_EQ(stats->rows[0].keys[0], "CATEGORY_DETENTION");
  EXPECT_EQ(stats->rows[0].count, 4);
  // FINE and BAN tie: the lower key (by name) wins.
  EXPECT_EQ(stats->rows[1].keys[0], "CATEGORY_BAN");
  EXPECT_EQ(stats->rows[2].keys[0], "other");
  EXPECT_EQ(stats->rows[2].count, 5);
  EXPECT_EQ(stats->other_groups, 3);
  EXPECT_EQ(stats->total, 12);
  // Fewer groups than top_n: nothing folded.
  stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_CATEGORY}, {},
                                    absl::InfiniteFuture(), /*top_n=*/10);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->rows.size(), 5u);
  EXPECT_EQ(stats->other_groups, 0);
}

// A batch far behind its head starts a bulk load (secondary indexes
// dropped); queries stay right during it, across a restart, and after the
// batch that nears the head builds the indexes again.

}  // namespace
}  // namespace civicwatch::query

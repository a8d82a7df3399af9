// ReadModel::ComputeStatistics: the counts of the events a filter keeps,
// grouped by one to three dimensions, from the events table or a summary.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/query/access.h"
#include "services/query/filter_sql.h"
#include "services/query/read_model.h"
#include "services/query/reader_rows.h"
#include "services/query/statistics_keys.h"
#include "services/query/withheld_names.h"

namespace civicwatch::query {
namespace {

// What a statistics query groups by.
struct Grouping {
  std::vector<StatisticsColumn> columns;
  // The columns as SQL, comma-separated.
  std::string column_sql;
  bool by_entity = false;
  bool by_day = false;
  // Quarters and weeks gather several groups of columns (months, days)
  // under one key; the other dimensions give each group its own keys.
  bool keys_merge = false;
  // The date precision the finest time dimension needs.
  int precision_needed = 0;
};

Grouping GroupingFor(const std::vector<v1::StatisticsDimension>& group_by) {
  Grouping g;
  g.columns = ColumnsFor(group_by);
  for (v1::StatisticsDimension d : group_by) {
    g.by_entity |= d == v1::STATISTICS_DIMENSION_ENTITY;
    g.keys_merge |= d == v1::STATISTICS_DIMENSION_QUARTER || d == v1::STATISTICS_DIMENSION_WEEK;
    g.precision_needed = std::max(g.precision_needed, PrecisionNeeded(d));
  }
  std::vector<std::string> column_sql;
  for (StatisticsColumn c : g.columns) {
    g.by_day |= c == StatisticsColumn::kDay;
    column_sql.push_back(ColumnSql(c));
  }
  g.column_sql = absl::StrJoin(column_sql, ", ");
  return g;
}

// The grouping query, its columns followed by the count: grouped by plain
// columns, in the order of the index (or summary) that serves the filter,
// so SQLite counts in one ordered pass.
SqlCondition GroupingQuery(const v1::EventFilter& filter, const Grouping& g,
                           const Access& access, const SqlCondition& where,
                           StatisticsSummaries summaries) {
  const std::string& grouped = g.column_sql;
  if (g.by_entity) {
    // An event counts once per distinct participating entity.
    return {absl::StrCat("SELECT ", grouped, ", COUNT(DISTINCT e.id) FROM events e",
                         " JOIN participants p ON p.event_id = e.id AND ",
                         VisibleParticipantSql(access), " WHERE ", where.sql, " GROUP BY ",
                         grouped),
            where.values};
  }
  if (g.by_day || !FilterFitsEventCounts(filter)) {
    return {absl::StrCat("SELECT ", grouped, ", COUNT(*) FROM events e WHERE ", where.sql,
                         " GROUP BY ", grouped),
            where.values};
  }
  // The summary has every column the filter and the groups need.
  SqlCondition summary = EventFilterCondition(filter, access, FilterTable::kEventCounts);
  bool freedom_or_valence = false;
  // Whether every grouped column is one event_counts_all_countries has.
  bool all_countries_columns = true;
  for (StatisticsColumn c : g.columns) {
    freedom_or_valence |= c == StatisticsColumn::kFreedom || c == StatisticsColumn::kValence;
    all_countries_columns &= c == StatisticsColumn::kYear || c == StatisticsColumn::kMonth ||
                             c == StatisticsColumn::kCategory;
  }
  const bool all_countries = summaries == StatisticsSummaries::kSmallest &&
                             all_countries_columns && FilterFitsAllCountriesCounts(filter);
  return {absl::StrCat("SELECT ", grouped, ", SUM(e.n) FROM ",
                       all_countries ? "event_counts_all_countries"
                                     : EventCountsTableFor(filter, freedom_or_valence),
                       " e WHERE ", summary.sql, " GROUP BY ", grouped, " HAVING SUM(e.n) > 0"),
          std::move(summary.values)};
}

// The values of one group's columns.
GroupValues GroupValuesOf(const sqlite::Statement& row,
                          const std::vector<StatisticsColumn>& columns) {
  GroupValues values;
  for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
    switch (columns[i]) {
      case StatisticsColumn::kCountry: values.country = row.ColumnText(i); break;
      case StatisticsColumn::kEntity: values.entity = row.ColumnText(i); break;
      case StatisticsColumn::kYear: values.year = row.ColumnInt(i); break;
      case StatisticsColumn::kMonth: values.month = row.ColumnInt(i); break;
      case StatisticsColumn::kDay: values.day = row.ColumnInt(i); break;
      case StatisticsColumn::kCategory: values.category = row.ColumnInt(i); break;
      case StatisticsColumn::kFreedom: values.freedom = row.ColumnInt(i); break;
      case StatisticsColumn::kValence: values.valence = row.ColumnInt(i); break;
    }
  }
  return values;
}

// Makes the keys of groups, remembering them per dimension by the values
// they depend on: a few hundred distinct months or categories make the keys
// of thousands of groups.
class GroupKeys {
 public:
  explicit GroupKeys(const std::vector<v1::StatisticsDimension>& group_by)
      : group_by_(group_by), made_(group_by.size()) {}

  std::vector<std::string> Of(const GroupValues& values) {
    std::vector<std::string> keys;
    keys.reserve(group_by_.size());
    for (size_t i = 0; i < group_by_.size(); ++i) {
      const v1::StatisticsDimension d = group_by_[i];
      if (d == v1::STATISTICS_DIMENSION_COUNTRY || d == v1::STATISTICS_DIMENSION_ENTITY) {
        keys.push_back(DimensionKey(d, values));
        continue;
      }
      auto [it, inserted] = made_[i].try_emplace(PackedValues(d, values));
      if (inserted) it->second = DimensionKey(d, values);
      keys.push_back(it->second);
    }
    return keys;
  }

 private:
  // The values the key of `d` depends on, as one number.
  static int64_t PackedValues(v1::StatisticsDimension d, const GroupValues& values) {
    switch (d) {
      case v1::STATISTICS_DIMENSION_CATEGORY: return values.category;
      case v1::STATISTICS_DIMENSION_FREEDOM: return values.freedom;
      case v1::STATISTICS_DIMENSION_VALENCE: return values.valence;
      default: return (values.year * 13 + values.month) * 32 + values.day;  // time
    }
  }

  const std::vector<v1::StatisticsDimension>& group_by_;
  std::vector<absl::flat_hash_map<int64_t, std::string>> made_;
};

// Keeps the top_n rows with the highest counts (ties: lower keys first),
// in that order, and folds the others into one last row keyed "other".
void FoldBeyondTop(int top_n, size_t key_count, Statistics* statistics) {
  std::vector<StatisticsRow>& rows = statistics->rows;
  if (rows.size() <= static_cast<size_t>(top_n)) return;
  // Stable: rows come sorted by keys, which breaks ties.
  std::stable_sort(rows.begin(), rows.end(), [](const StatisticsRow& a, const StatisticsRow& b) {
    return a.count > b.count;
  });
  StatisticsRow other{std::vector<std::string>(key_count, "other"), 0};
  for (size_t i = top_n; i < rows.size(); ++i) other.count += rows[i].count;
  statistics->other_groups = static_cast<int64_t>(rows.size()) - top_n;
  rows.resize(top_n);
  rows.push_back(std::move(other));
}

// An event is in as many entity groups as it has entities (or none): the
// totals of a grouping by entity count the events themselves.
absl::Status CountEventsThemselves(ReaderPool::Lease& db, const SqlCondition& where,
                                   int precision_needed, Statistics* result) {
  auto total = QueryCount(db, absl::StrCat("SELECT COUNT(*) FROM events e WHERE ", where.sql),
                          where.values);
  if (!total.ok()) return total.status();
  result->total = *total;
  if (precision_needed > 0) {
    SqlCondition c = where;
    c.And("e.precision < ?", {static_cast<int64_t>(precision_needed)});
    auto unplaced =
        QueryCount(db, absl::StrCat("SELECT COUNT(*) FROM events e WHERE ", c.sql), c.values);
    if (!unplaced.ok()) return unplaced.status();
    result->unplaced = *unplaced;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Statistics> ReadModel::ComputeStatistics(
    const v1::EventFilter& filter, const std::vector<v1::StatisticsDimension>& group_by,
    const Access& access, absl::Time deadline, int top_n, StatisticsSummaries summaries) const {
  auto lease = readers_.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  ReaderPool::Lease& db = *lease;
  const SqlCondition where = VisibleEventCondition(filter, access);
  const Grouping grouping = GroupingFor(group_by);
  const SqlCondition query = GroupingQuery(filter, grouping, access, where, summaries);

  Statistics result;
  absl::flat_hash_map<std::vector<std::string>, int64_t> merged;
  GroupKeys keys_of(group_by);
  const int n = static_cast<int>(grouping.columns.size());
  absl::Status s = ForEachRow(db, query.sql, query.values, [&](const sqlite::Statement& row) {
    const GroupValues values = GroupValuesOf(row, grouping.columns);
    const int64_t count = row.ColumnInt(n);
    std::vector<std::string> keys = keys_of.Of(values);
    if (grouping.keys_merge) {
      merged[std::move(keys)] += count;
    } else {
      result.rows.push_back(StatisticsRow{std::move(keys), count});
    }
    if (!grouping.by_entity) {
      // Each event is in exactly one group: the groups add up to the totals.
      result.total += count;
      if (PrecisionOf(values) < grouping.precision_needed) result.unplaced += count;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  for (auto& [keys, count] : merged) result.rows.push_back(StatisticsRow{keys, count});
  std::sort(result.rows.begin(), result.rows.end(),
            [](const StatisticsRow& a, const StatisticsRow& b) { return a.keys < b.keys; });
  if (top_n > 0) FoldBeyondTop(top_n, group_by.size(), &result);
  if (grouping.by_entity) {
    if (absl::Status c = CountEventsThemselves(db, where, grouping.precision_needed, &result);
        !c.ok()) {
      return c;
    }
  }
  return result;
}

}  // namespace civicwatch::query

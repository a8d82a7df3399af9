// The grouping keys of ComputeStatistics (query.proto
// StatisticsDimension).
//
// A statistics query groups rows by plain columns (the event's country,
// year, month, day, category, ...; StatisticsColumn) rather than by key
// expressions, so SQLite can count each group in one ordered pass over an
// index or the event_counts summary (read_model_schema.h). The keys are
// then made here from each group's column values, and groups that share a
// key (a week spanning two months, say) are added together.
#ifndef CIVICWATCH_SERVICES_QUERY_STATISTICS_KEYS_H_
#define CIVICWATCH_SERVICES_QUERY_STATISTICS_KEYS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "civicwatch/v1/query.pb.h"

namespace civicwatch::query {

// A column statistics group by.
enum class StatisticsColumn { kCountry, kYear, kMonth, kDay, kCategory, kFreedom, kValence, kEntity };

// The columns the dimensions need, each once, in a fixed order (the order
// of the statistics index and summary, so a GROUP BY on them needs no sort).
std::vector<StatisticsColumn> ColumnsFor(const std::vector<v1::StatisticsDimension>& group_by);

// The SQL for a column over the events row "e" (or the summary row with the
// same alias; kEntity: over the participants row "p").
const char* ColumnSql(StatisticsColumn column);

// One group's column values; those not grouped by stay empty or 0.
struct GroupValues {
  std::string country;
  std::string entity;
  int64_t year = 0;  // 0: undated
  int64_t month = 0;  // 0: unknown
  int64_t day = 0;  // 0: unknown
  int64_t category = 0;
  int64_t freedom = 0;
  int64_t valence = 0;
};

// The key of `dimension` for a group: enum names ("CATEGORY_DETENTION"),
// country codes, entity names, or time keys ("2018", "2018-Q2", "2018-06",
// "2018-W23", "2018-06-07", "2018-unknown", "2018-06-unknown", "undated").
std::string DimensionKey(v1::StatisticsDimension dimension, const GroupValues& values);

// The date precision (partial_date.h DatePrecision as a number) an event
// needs for a time dimension to place it: 1 for YEAR, 2 for QUARTER and
// MONTH, 3 for WEEK and DAY, 0 for the other dimensions (they place every
// event).
int PrecisionNeeded(v1::StatisticsDimension dimension);

// The precision a group's date values show, as far as they were grouped by
// (a group without the day column shows at most month precision).
int PrecisionOf(const GroupValues& values);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_STATISTICS_KEYS_H_

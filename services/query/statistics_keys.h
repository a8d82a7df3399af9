// The grouping keys of ComputeStatistics (query.proto
// StatisticsDimension): how each dimension is computed from an event row,
// and how its value is written as a key.
#ifndef CIVICWATCH_SERVICES_QUERY_STATISTICS_KEYS_H_
#define CIVICWATCH_SERVICES_QUERY_STATISTICS_KEYS_H_

#include <string>

#include "civicwatch/v1/query.pb.h"

namespace civicwatch::query {

// A SQL expression for the dimension's raw value over the events row "e"
// (for ENTITY, over the participants row "p"). Time dimensions produce the
// final key text ("2018", "2018-06", "2018-unknown", "undated"); the enum
// dimensions produce the enum number.
std::string DimensionValueSql(v1::StatisticsDimension dimension);

// The key for a raw value from DimensionValueSql: enum numbers become their
// names ("CATEGORY_DETENTION"); other values are already keys.
std::string DimensionKey(v1::StatisticsDimension dimension, const std::string& value);

// The date precision (partial_date.h DatePrecision as a number) an event
// needs for a time dimension to place it: 1 for YEAR, 2 for MONTH, 0 for
// the other dimensions (they place every event).
int PrecisionNeeded(v1::StatisticsDimension dimension);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_STATISTICS_KEYS_H_

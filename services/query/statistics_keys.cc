#include "services/query/statistics_keys.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace civicwatch::query {
namespace {

// The ISO 8601 week of a day: weeks start on Monday, and week 1 is the one
// with the year's first Thursday, so a week belongs to the year of its
// Thursday.
std::string IsoWeekKey(int64_t year, int64_t month, int64_t day) {
  const absl::CivilDay date(year, static_cast<int>(month), static_cast<int>(day));
  const int days_since_monday = (static_cast<int>(absl::GetWeekday(date)) + 7 -
                                 static_cast<int>(absl::Weekday::monday)) % 7;
  const absl::CivilDay thursday = date - days_since_monday + 3;
  const int week = (absl::GetYearDay(thursday) - 1) / 7 + 1;
  return absl::StrFormat("%04d-W%02d", thursday.year(), week);
}

// The key of a time bucket at `needed` precision (1 year, 2 month, 3 day),
// or of the coarser period the group is known to.
std::string UnknownKey(const GroupValues& v, int needed) {
  const int have = PrecisionOf(v);
  if (have == 0) return "undated";
  if (have == 1 || needed == 2) return absl::StrFormat("%04d-unknown", v.year);
  return absl::StrFormat("%04d-%02d-unknown", v.year, v.month);
}

}  // namespace

std::vector<StatisticsColumn> ColumnsFor(const std::vector<v1::StatisticsDimension>& group_by) {
  bool needed[8] = {};
  auto need = [&](StatisticsColumn c) { needed[static_cast<int>(c)] = true; };
  for (v1::StatisticsDimension d : group_by) {
    switch (d) {
      case v1::STATISTICS_DIMENSION_COUNTRY:
        need(StatisticsColumn::kCountry);
        break;
      case v1::STATISTICS_DIMENSION_DAY:
      case v1::STATISTICS_DIMENSION_WEEK:
        need(StatisticsColumn::kDay);
        [[fallthrough]];
      case v1::STATISTICS_DIMENSION_MONTH:
      case v1::STATISTICS_DIMENSION_QUARTER:
        need(StatisticsColumn::kMonth);
        [[fallthrough]];
      case v1::STATISTICS_DIMENSION_YEAR:
        need(StatisticsColumn::kYear);
        break;
      case v1::STATISTICS_DIMENSION_CATEGORY:
        need(StatisticsColumn::kCategory);
        break;
      case v1::STATISTICS_DIMENSION_FREEDOM:
        need(StatisticsColumn::kFreedom);
        break;
      case v1::STATISTICS_DIMENSION_VALENCE:
        need(StatisticsColumn::kValence);
        break;
      case v1::STATISTICS_DIMENSION_ENTITY:
        need(StatisticsColumn::kEntity);
        break;
      default:
        break;
    }
  }
  std::vector<StatisticsColumn> columns;
  for (int i = 0; i < 8; ++i) {
    if (needed[i]) columns.push_back(static_cast<StatisticsColumn>(i));
  }
  return columns;
}

const char* ColumnSql(StatisticsColumn column) {
  switch (column) {
    case StatisticsColumn::kCountry:
      return "e.country";
    case StatisticsColumn::kYear:
      return "e.year";
    case StatisticsColumn::kMonth:
      return "e.month";
    case StatisticsColumn::kDay:
      return "e.day";
    case StatisticsColumn::kCategory:
      return "e.category";
    case StatisticsColumn::kFreedom:
      return "e.freedom";
    case StatisticsColumn::kValence:
      return "e.valence";
    case StatisticsColumn::kEntity:
      return "p.entity";
  }
  return "NULL";
}

std::string DimensionKey(v1::StatisticsDimension dimension, const GroupValues& v) {
  const int needed = PrecisionNeeded(dimension);
  if (needed > 0 && PrecisionOf(v) < needed) return UnknownKey(v, needed);
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_CATEGORY:
      if (v1::Category_IsValid(static_cast<int>(v.category))) {
        return v1::Category_Name(static_cast<v1::Category>(v.category));
      }
      return absl::StrFormat("%d", v.category);
    case v1::STATISTICS_DIMENSION_FREEDOM:
      if (v1::Freedom_IsValid(static_cast<int>(v.freedom))) {
        return v1::Freedom_Name(static_cast<v1::Freedom>(v.freedom));
      }
      return absl::StrFormat("%d", v.freedom);
    case v1::STATISTICS_DIMENSION_VALENCE:
      if (v1::Valence_IsValid(static_cast<int>(v.valence))) {
        return v1::Valence_Name(static_cast<v1::Valence>(v.valence));
      }
      return absl::StrFormat("%d", v.valence);
    case v1::STATISTICS_DIMENSION_COUNTRY:
      return v.country;
    case v1::STATISTICS_DIMENSION_ENTITY:
      return v.entity;
    case v1::STATISTICS_DIMENSION_YEAR:
      return absl::StrFormat("%04d", v.year);
    case v1::STATISTICS_DIMENSION_QUARTER:
      return absl::StrFormat("%04d-Q%d", v.year, (v.month - 1) / 3 + 1);
    case v1::STATISTICS_DIMENSION_MONTH:
      return absl::StrFormat("%04d-%02d", v.year, v.month);
    case v1::STATISTICS_DIMENSION_WEEK:
      return IsoWeekKey(v.year, v.month, v.day);
    case v1::STATISTICS_DIMENSION_DAY:
      return absl::StrFormat("%04d-%02d-%02d", v.year, v.month, v.day);
    default:
      return "";
  }
}

int PrecisionNeeded(v1::StatisticsDimension dimension) {
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_YEAR:
      return 1;
    case v1::STATISTICS_DIMENSION_QUARTER:
    case v1::STATISTICS_DIMENSION_MONTH:
      return 2;
    case v1::STATISTICS_DIMENSION_WEEK:
    case v1::STATISTICS_DIMENSION_DAY:
      return 3;
    default:
      return 0;
  }
}

int PrecisionOf(const GroupValues& v) {
  if (v.year == 0) return 0;
  if (v.month == 0) return 1;
  if (v.day == 0) return 2;
  return 3;
}

}  // namespace civicwatch::query

#include "services/query/statistics_keys.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"

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

// The name of the enum value `number` of `type` ("CATEGORY_DETENTION"), or
// the number itself when this build does not know it.
std::string EnumKey(const google::protobuf::EnumDescriptor& type, int64_t number) {
  const google::protobuf::EnumValueDescriptor* value =
      type.FindValueByNumber(static_cast<int>(number));
  if (value != nullptr) return value->name();
  return absl::StrFormat("%d", number);
}

// The columns one dimension reads: a date at some precision reads its
// coarser parts too.
std::vector<StatisticsColumn> ColumnsOf(v1::StatisticsDimension dimension) {
  using C = StatisticsColumn;
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_COUNTRY: return {C::kCountry};
    case v1::STATISTICS_DIMENSION_DAY:
    case v1::STATISTICS_DIMENSION_WEEK: return {C::kDay, C::kMonth, C::kYear};
    case v1::STATISTICS_DIMENSION_MONTH:
    case v1::STATISTICS_DIMENSION_QUARTER: return {C::kMonth, C::kYear};
    case v1::STATISTICS_DIMENSION_YEAR: return {C::kYear};
    case v1::STATISTICS_DIMENSION_CATEGORY: return {C::kCategory};
    case v1::STATISTICS_DIMENSION_FREEDOM: return {C::kFreedom};
    case v1::STATISTICS_DIMENSION_VALENCE: return {C::kValence};
    case v1::STATISTICS_DIMENSION_ENTITY: return {C::kEntity};
    default: return {};
  }
}

}  // namespace

std::vector<StatisticsColumn> ColumnsFor(const std::vector<v1::StatisticsDimension>& group_by) {
  bool needed[8] = {};
  for (v1::StatisticsDimension d : group_by) {
    for (StatisticsColumn c : ColumnsOf(d)) needed[static_cast<int>(c)] = true;
  }
  std::vector<StatisticsColumn> columns;
  for (int i = 0; i < 8; ++i) {
    if (needed[i]) columns.push_back(static_cast<StatisticsColumn>(i));
  }
  return columns;
}

const char* ColumnSql(StatisticsColumn column) {
  // In the order of StatisticsColumn.
  static constexpr const char* kSql[] = {"e.country",  "e.year",    "e.month",   "e.day",
                                         "e.category", "e.freedom", "e.valence", "p.entity"};
  static_assert(std::size(kSql) == static_cast<size_t>(StatisticsColumn::kEntity) + 1);
  return kSql[static_cast<int>(column)];
}

std::string DimensionKey(v1::StatisticsDimension dimension, const GroupValues& v) {
  const int needed = PrecisionNeeded(dimension);
  if (needed > 0 && PrecisionOf(v) < needed) return UnknownKey(v, needed);
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_CATEGORY:
      return EnumKey(*v1::Category_descriptor(), v.category);
    case v1::STATISTICS_DIMENSION_FREEDOM:
      return EnumKey(*v1::Freedom_descriptor(), v.freedom);
    case v1::STATISTICS_DIMENSION_VALENCE:
      return EnumKey(*v1::Valence_descriptor(), v.valence);
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

#include "services/query/statistics_keys.h"

#include "absl/strings/numbers.h"

namespace civicwatch::query {

std::string DimensionValueSql(v1::StatisticsDimension dimension) {
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_CATEGORY:
      return "e.category";
    case v1::STATISTICS_DIMENSION_FREEDOM:
      return "e.freedom";
    case v1::STATISTICS_DIMENSION_VALENCE:
      return "e.valence";
    case v1::STATISTICS_DIMENSION_COUNTRY:
      return "e.country";
    case v1::STATISTICS_DIMENSION_ENTITY:
      return "p.entity";
    case v1::STATISTICS_DIMENSION_YEAR:
      return "CASE WHEN e.precision = 0 THEN 'undated' ELSE printf('%04d', e.year) END";
    case v1::STATISTICS_DIMENSION_MONTH:
      // A year-only event goes to its year's "unknown" month, never January.
      return "CASE e.precision WHEN 0 THEN 'undated' "
             "WHEN 1 THEN printf('%04d-unknown', e.year) "
             "ELSE printf('%04d-%02d', e.year, e.month) END";
    default:
      return "''";
  }
}

std::string DimensionKey(v1::StatisticsDimension dimension, const std::string& value) {
  int number = 0;
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_CATEGORY:
      if (absl::SimpleAtoi(value, &number) && v1::Category_IsValid(number)) {
        return v1::Category_Name(static_cast<v1::Category>(number));
      }
      return value;
    case v1::STATISTICS_DIMENSION_FREEDOM:
      if (absl::SimpleAtoi(value, &number) && v1::Freedom_IsValid(number)) {
        return v1::Freedom_Name(static_cast<v1::Freedom>(number));
      }
      return value;
    case v1::STATISTICS_DIMENSION_VALENCE:
      if (absl::SimpleAtoi(value, &number) && v1::Valence_IsValid(number)) {
        return v1::Valence_Name(static_cast<v1::Valence>(number));
      }
      return value;
    default:
      return value;
  }
}

int PrecisionNeeded(v1::StatisticsDimension dimension) {
  switch (dimension) {
    case v1::STATISTICS_DIMENSION_YEAR:
      return 1;
    case v1::STATISTICS_DIMENSION_MONTH:
      return 2;
    default:
      return 0;
  }
}

}  // namespace civicwatch::query

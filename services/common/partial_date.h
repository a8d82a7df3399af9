// Helpers for civicwatch.v1.PartialDate: validation, the period a partial
// date stands for, ordering and formatting (docs/design.md, "Domain
// model": Date).
#ifndef CIVICWATCH_SERVICES_COMMON_PARTIAL_DATE_H_
#define CIVICWATCH_SERVICES_COMMON_PARTIAL_DATE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch {

// How precise a partial date is.
enum class DatePrecision { kUndated = 0, kYear = 1, kMonth = 2, kDay = 3 };

DatePrecision PrecisionOf(const v1::PartialDate& date);

// OK for an all-zero (undated) date or a valid year, year-month or full
// date with year 1..9999. Otherwise INVALID_ARGUMENT naming `field`.
absl::Status ValidatePartialDate(const v1::PartialDate& date, absl::string_view field);

// The first and last day a dated value covers, as days since 1970-01-01:
// "2018" covers 2018-01-01..2018-12-31. Undefined for undated values.
int64_t FirstDayOf(const v1::PartialDate& date);
int64_t LastDayOf(const v1::PartialDate& date);

// "YYYY", "YYYY-MM", "YYYY-MM-DD", or "" when undated.
std::string FormatPartialDate(const v1::PartialDate& date);

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; INVALID_ARGUMENT naming
// `field` for anything else or an impossible date.
absl::StatusOr<v1::PartialDate> ParsePartialDate(absl::string_view text,
                                                 absl::string_view field);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_PARTIAL_DATE_H_

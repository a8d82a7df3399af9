#include "services/common/partial_date.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/common/errors.h"

namespace civicwatch {

DatePrecision PrecisionOf(const v1::PartialDate& date) {
  if (date.year() == 0) return DatePrecision::kUndated;
  if (date.month() == 0) return DatePrecision::kYear;
  if (date.day() == 0) return DatePrecision::kMonth;
  return DatePrecision::kDay;
}

absl::Status ValidatePartialDate(const v1::PartialDate& date, absl::string_view field) {
  int y = date.year(), m = date.month(), d = date.day();
  if (y == 0 && m == 0 && d == 0) return absl::OkStatus();
  if (y < 1 || y > 9999) {
    return InvalidFieldError(absl::StrCat(field, ".year"), "must be between 1 and 9999");
  }
  if (m < 0 || m > 12) {
    return InvalidFieldError(absl::StrCat(field, ".month"), "must be between 1 and 12, or 0");
  }
  if (m == 0 && d != 0) {
    return InvalidFieldError(absl::StrCat(field, ".day"), "must be 0 when month is 0");
  }
  if (d < 0 || d > 31) {
    return InvalidFieldError(absl::StrCat(field, ".day"), "must be between 1 and 31, or 0");
  }
  if (d != 0) {
    absl::CivilDay day(y, m, d);
    if (day.year() != y || day.month() != m || day.day() != d) {
      return InvalidFieldError(absl::StrCat(field, ".day"),
                               absl::StrFormat("%04d-%02d has no day %d", y, m, d));
    }
  }
  return absl::OkStatus();
}

namespace {
int64_t DaysSinceEpoch(absl::CivilDay day) { return day - absl::CivilDay(1970, 1, 1); }
}  // namespace

int64_t FirstDayOf(const v1::PartialDate& date) {
  int m = date.month() == 0 ? 1 : date.month();
  int d = date.day() == 0 ? 1 : date.day();
  return DaysSinceEpoch(absl::CivilDay(date.year(), m, d));
}

int64_t LastDayOf(const v1::PartialDate& date) {
  switch (PrecisionOf(date)) {
    case DatePrecision::kYear:
      return DaysSinceEpoch(absl::CivilDay(date.year(), 12, 31));
    case DatePrecision::kMonth:
      return DaysSinceEpoch(absl::CivilDay(absl::CivilMonth(date.year(), date.month()) + 1) - 1);
    default:
      return FirstDayOf(date);
  }
}

std::string FormatPartialDate(const v1::PartialDate& date) {
  switch (PrecisionOf(date)) {
    case DatePrecision::kUndated:
      return "";
    case DatePrecision::kYear:
      return absl::StrFormat("%04d", date.year());
    case DatePrecision::kMonth:
      return absl::StrFormat("%04d-%02d", date.year(), date.month());
    case DatePrecision::kDay:
      return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
  }
  return "";
}

absl::StatusOr<v1::PartialDate> ParsePartialDate(absl::string_view text,
                                                 absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  const absl::Status bad =
      InvalidFieldError(field, absl::StrCat("\"", text, "\" is not YYYY, YYYY-MM or YYYY-MM-DD"));
  if (parts.empty() || parts.size() > 3) return bad;
  int values[3] = {0, 0, 0};
  const size_t widths[3] = {4, 2, 2};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].size() != widths[i] || !absl::SimpleAtoi(parts[i], &values[i])) return bad;
    for (char c : parts[i]) {
      if (c < '0' || c > '9') return bad;
    }
  }
  v1::PartialDate date;
  date.set_year(values[0]);
  date.set_month(values[1]);
  date.set_day(values[2]);
  if (parts.size() >= 2 && date.month() == 0) return bad;
  if (parts.size() == 3 && date.day() == 0) return bad;
  if (absl::Status s = ValidatePartialDate(date, field); !s.ok()) return s;
  if (date.year() == 0) return bad;
  return date;
}

}  // namespace civicwatch

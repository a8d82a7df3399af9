#include "dates.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace civicwatch::cli {
namespace {

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Parses exactly `digits` ASCII digits.
bool ParseDigits(absl::string_view part, size_t digits, int* out) {
  if (part.size() != digits) return false;
  for (char c : part) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(part, out);
}

}  // namespace

absl::StatusOr<v1::PartialDate> ParseDate(absl::string_view text) {
  auto shape_error = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"));
  };
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.empty() || parts.size() > 3) return shape_error();
  int year = 0, month = 0, day = 0;
  if (!ParseDigits(parts[0], 4, &year)) return shape_error();
  if (parts.size() >= 2 && !ParseDigits(parts[1], 2, &month)) return shape_error();
  if (parts.size() == 3 && !ParseDigits(parts[2], 2, &day)) return shape_error();
  if (year < 1) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\": year 0000 does not exist"));
  }
  if (parts.size() >= 2 && (month < 1 || month > 12)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": month must be 01 to 12"));
  }
  if (parts.size() == 3 && (day < 1 || day > DaysInMonth(year, month))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\": that month has ", DaysInMonth(year, month), " days"));
  }
  v1::PartialDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

bool IsSet(const v1::PartialDate& date) {
  return date.year() != 0 || date.month() != 0 || date.day() != 0;
}

std::string FormatDate(const v1::PartialDate& date) {
  if (!IsSet(date)) return "undated";
  if (date.month() == 0) return absl::StrFormat("%04d", date.year());
  if (date.day() == 0) return absl::StrFormat("%04d-%02d", date.year(), date.month());
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string FormatPeriod(const v1::PartialDate& start, const v1::PartialDate& end) {
  std::string text = FormatDate(start);
  if (!IsSet(end)) return text;
  std::string end_text = FormatDate(end);
  if (end_text == text) return text;
  return absl::StrCat(text, "..", end_text);
}

}  // namespace civicwatch::cli

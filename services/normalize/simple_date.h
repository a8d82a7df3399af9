// Calendar dates as precise as the text that gives them (a year, a month
// or a day) and the arithmetic on them that date resolution needs.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_SIMPLE_DATE_H_
#define CIVICWATCH_SERVICES_NORMALIZE_SIMPLE_DATE_H_

#include <string>
#include <tuple>

namespace civicwatch::normalize {

// A calendar date as precise as its source: year only (month = day = 0),
// year and month (day = 0), or a full date. year == 0 means unknown.
struct SimpleDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool known() const { return year != 0; }
  bool operator==(const SimpleDate& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
  bool operator!=(const SimpleDate& o) const { return !(*this == o); }
  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when unknown.
  std::string ToString() const;
};

// kWeekday: "on Monday", "the following Friday" (DateMention::weekday).
enum class DateUnit { kDay, kMonth, kYear, kWeekday, kWeek };

// The number of days in `month` (1-12) of `year`.
int DaysInMonth(int year, int month);

// The first and the last day of the period `d` stands for, as (year,
// month, day): "2018" is 2018-01-01 to 2018-12-31.
std::tuple<int, int, int> PeriodStart(const SimpleDate& d);
std::tuple<int, int, int> PeriodEnd(const SimpleDate& d);

// The day of the week of a full date: 1 (Monday) to 7 (Sunday); 0 when
// `d` has no day.
int WeekdayOf(const SimpleDate& d);

// Compares partial dates by the start of their periods; coarser first on
// ties. Returns <0, 0, >0.
int CompareDates(const SimpleDate& a, const SimpleDate& b);

// True when the period of `d` lies within [start, end] (either may be
// unknown, meaning open).
bool WithinPeriod(const SimpleDate& d, const SimpleDate& start, const SimpleDate& end);

// Adds `count` units to `d` and returns the result at the unit's precision.
// Returns an unknown date when `d` is not precise enough.
SimpleDate AddToDate(const SimpleDate& d, DateUnit unit, int count);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_SIMPLE_DATE_H_

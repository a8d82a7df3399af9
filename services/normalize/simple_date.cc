#include "services/normalize/simple_date.h"

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace civicwatch::normalize {

int DaysInMonth(int year, int month) {
  return static_cast<int>(absl::CivilDay(absl::CivilMonth(year, month) + 1) - absl::CivilDay(year, month, 1));
}

std::tuple<int, int, int> PeriodStart(const SimpleDate& d) {
  return {d.year, d.month ? d.month : 1, d.day ? d.day : 1};
}

std::tuple<int, int, int> PeriodEnd(const SimpleDate& d) {
  const int m = d.month ? d.month : 12;
  return {d.year, m, d.day ? d.day : DaysInMonth(d.year, m)};
}

std::string SimpleDate::ToString() const {
  if (!year) return "";
  if (!month) return absl::StrFormat("%04d", year);
  if (!day) return absl::StrFormat("%04d-%02d", year, month);
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

int CompareDates(const SimpleDate& a, const SimpleDate& b) {
  auto ka = PeriodStart(a), kb = PeriodStart(b);
  if (ka != kb) return ka < kb ? -1 : 1;
  const int pa = (a.month ? 1 : 0) + (a.day ? 1 : 0), pb = (b.month ? 1 : 0) + (b.day ? 1 : 0);
  return pa - pb;
}

bool WithinPeriod(const SimpleDate& d, const SimpleDate& start, const SimpleDate& end) {
  if (!d.known()) return false;
  if (start.known() && PeriodStart(d) < PeriodStart(start)) return false;
  if (end.known() && PeriodEnd(d) > PeriodEnd(end)) return false;
  return true;
}

SimpleDate AddToDate(const SimpleDate& d, DateUnit unit, int count) {
  if (!d.known()) return {};
  if (count == 0) {
    SimpleDate r = d;
    if (unit == DateUnit::kYear) r.month = r.day = 0;
    if (unit == DateUnit::kMonth) r.day = 0;
    return r;
  }
  switch (unit) {
    case DateUnit::kDay: {
      if (!d.day) return {};
      absl::CivilDay day(d.year, d.month, d.day);
      day += count;
      return {static_cast<int>(day.year()), day.month(), day.day()};
    }
    case DateUnit::kMonth: {
      if (!d.month) return {};
      absl::CivilMonth m(d.year, d.month);
      m += count;
      return {static_cast<int>(m.year()), m.month(), 0};
    }
    case DateUnit::kYear:
      return {d.year + count, 0, 0};
    case DateUnit::kWeekday:
    case DateUnit::kWeek:
      return {};  // counted by ResolveDates, not added
  }
  return {};
}

int WeekdayOf(const SimpleDate& d) {
  if (!d.known() || !d.month || !d.day) return 0;
  // absl::Weekday counts from Monday = 0.
  return static_cast<int>(absl::GetWeekday(absl::CivilDay(d.year, d.month, d.day))) + 1;
}

}  // namespace civicwatch::normalize

#include "services/query/event_row.h"

#include <algorithm>

#include "absl/time/civil_time.h"

namespace civicwatch::query {

EventCountsKey CountsKeyOf(const v1::Event& event) {
  EventCountsKey key;
  key.country = event.country_code();
  key.year = event.date().year();
  key.month = event.date().month();
  key.category = static_cast<int64_t>(event.category());
  key.freedom = static_cast<int64_t>(event.freedom());
  key.valence = static_cast<int64_t>(event.valence());
  key.confidentiality = static_cast<int64_t>(event.confidentiality());
  return key;
}

EventDays DaysOf(const v1::Event& event) {
  EventDays days;
  days.precision = PrecisionOf(event.date());
  if (days.precision == DatePrecision::kUndated) return days;
  days.first_day = FirstDayOf(event.date());
  days.last_day = LastDayOf(event.date());
  if (PrecisionOf(event.end_date()) != DatePrecision::kUndated) {
    days.last_day = std::max(*days.last_day, LastDayOf(event.end_date()));
  }
  const absl::CivilDay last = absl::CivilDay(1970, 1, 1) + *days.last_day;
  days.last_month = static_cast<int64_t>(last.year()) * 12 + last.month() - 1;
  return days;
}

void BindEventRow(const std::string& name, const v1::Event& event, const EventDays& days,
                  const EventCountsKey& key, v1::ReviewState review_state,
                  const std::string& proto, sqlite::Statement& statement) {
  statement.Bind(1, absl::string_view(name)).Bind(2, absl::string_view(key.country));
  if (days.first_day.has_value()) {
    statement.Bind(3, *days.first_day).Bind(4, *days.last_day);
  } else {
    statement.BindNull(3).BindNull(4);
  }
  statement.Bind(5, days.last_month)
      .Bind(6, static_cast<int64_t>(days.precision))
      .Bind(7, key.year)
      .Bind(8, key.month)
      .Bind(9, static_cast<int64_t>(event.date().day()))
      .Bind(10, key.category)
      .Bind(11, key.freedom)
      .Bind(12, key.valence)
      .Bind(13, key.confidentiality)
      .BindBlob(14, proto)
      .Bind(15, static_cast<int64_t>(review_state));
}

}  // namespace civicwatch::query

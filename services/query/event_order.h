// The order of a timeline (docs/design.md, "Domain model": Date), and the
// sort key that keyset pagination resumes from.
//
// Ascending order: dated events first, by the first day of their period;
// on the same first day the coarser date comes first ("2018" before
// "2018-01" before "2018-01-01"); then by resource name so the order is
// total. Undated events come last, by resource name. Descending order is
// the exact reverse of the dated part, and undated events still come last
// (in descending name order).
#ifndef CIVICWATCH_SERVICES_QUERY_EVENT_ORDER_H_
#define CIVICWATCH_SERVICES_QUERY_EVENT_ORDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::query {

enum class SortDirection { kAscending, kDescending };

// Parses ListEventsRequest.order_by: "", "date", "date asc" (ascending) or
// "date desc" (descending), case-insensitive, extra spaces allowed.
// INVALID_ARGUMENT naming "order_by" for anything else.
absl::StatusOr<SortDirection> ParseOrderBy(absl::string_view order_by);

// Where one event sits in the timeline order.
struct EventKey {
  // True for an undated event; first_day and precision are then unused.
  bool undated = true;
  // Days since 1970-01-01 of the first day of the event's period.
  int64_t first_day = 0;
  // 1 year, 2 month, 3 day (DatePrecision as an integer).
  int precision = 0;
  // The event's resource name, "events/{id}".
  std::string name;

  friend bool operator==(const EventKey& a, const EventKey& b) {
    return a.undated == b.undated && a.first_day == b.first_day &&
           a.precision == b.precision && a.name == b.name;
  }
};

// The key of `event`, computed from its date and name.
EventKey KeyOfEvent(const v1::Event& event);

// True when `a` comes before `b` in `direction`.
bool ComesBefore(const EventKey& a, const EventKey& b, SortDirection direction);

// The key as the strings a page token carries, and back. DecodeEventKey
// returns INVALID_ARGUMENT naming `field` for strings EncodeEventKey did not
// produce.
std::vector<std::string> EncodeEventKey(const EventKey& key);
absl::StatusOr<EventKey> DecodeEventKey(const std::vector<std::string>& parts,
                                        absl::string_view field);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_EVENT_ORDER_H_

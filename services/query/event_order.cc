#include "services/query/event_order.h"

#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"

namespace civicwatch::query {

absl::StatusOr<SortDirection> ParseOrderBy(absl::string_view order_by) {
  std::vector<std::string> words =
      absl::StrSplit(absl::AsciiStrToLower(order_by), ' ', absl::SkipWhitespace());
  if (words.empty()) return SortDirection::kAscending;
  if (words[0] == "date") {
    if (words.size() == 1) return SortDirection::kAscending;
    if (words.size() == 2 && words[1] == "asc") return SortDirection::kAscending;
    if (words.size() == 2 && words[1] == "desc") return SortDirection::kDescending;
  }
  return InvalidFieldError("order_by",
                           absl::StrCat("\"", order_by,
                                        "\" is not supported; use \"date\" or \"date desc\""));
}

EventKey KeyOfEvent(const v1::Event& event) {
  EventKey key;
  key.name = event.name();
  DatePrecision precision = PrecisionOf(event.date());
  key.undated = precision == DatePrecision::kUndated;
  if (!key.undated) {
    key.first_day = FirstDayOf(event.date());
    key.precision = static_cast<int>(precision);
  }
  return key;
}

bool ComesBefore(const EventKey& a, const EventKey& b, SortDirection direction) {
  // Undated events come last in both directions.
  if (a.undated != b.undated) return !a.undated;
  if (a == b) return false;
  bool ascending_before =
      a.undated ? a.name < b.name
                : std::tie(a.first_day, a.precision, a.name) <
                      std::tie(b.first_day, b.precision, b.name);
  return direction == SortDirection::kAscending ? ascending_before : !ascending_before;
}

// Dated keys are "d", first_day, precision, name; undated keys "u", name.
std::vector<std::string> EncodeEventKey(const EventKey& key) {
  if (key.undated) return {"u", key.name};
  return {"d", absl::StrCat(key.first_day), absl::StrCat(key.precision), key.name};
}

absl::StatusOr<EventKey> DecodeEventKey(const std::vector<std::string>& parts,
                                        absl::string_view field) {
  const absl::Status bad =
      InvalidFieldError(field, "is not a token this service issued; pass next_page_token unchanged");
  EventKey key;
  if (parts.size() == 2 && parts[0] == "u") {
    key.undated = true;
    key.name = parts[1];
    return key;
  }
  if (parts.size() != 4 || parts[0] != "d") return bad;
  key.undated = false;
  if (!absl::SimpleAtoi(parts[1], &key.first_day) || !absl::SimpleAtoi(parts[2], &key.precision) ||
      key.precision < 1 || key.precision > 3) {
    return bad;
  }
  key.name = parts[3];
  return key;
}

}  // namespace civicwatch::query

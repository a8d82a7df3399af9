// libFuzzer target for partial dates typed by people
// (services/common/partial_date.h ParsePartialDate): a date either parses
// into a valid value that formats back to text parsing to the same value,
// with a period whose first day is not after its last, or is refused with
// INVALID_ARGUMENT naming the field given.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto date = civicwatch::ParsePartialDate(text, "from");
  if (!date.ok()) {
    Check(date.status().code() == absl::StatusCode::kInvalidArgument);
    auto violations = civicwatch::FieldViolationsOf(date.status());
    Check(!violations.empty() && absl::StartsWith(violations[0].first, "from"));
    return 0;
  }
  Check(civicwatch::ValidatePartialDate(*date, "from").ok());
  const std::string formatted = civicwatch::FormatPartialDate(*date);
  auto again = civicwatch::ParsePartialDate(formatted, "from");
  Check(again.ok());
  Check(again->year() == date->year() && again->month() == date->month() &&
        again->day() == date->day());
  if (civicwatch::PrecisionOf(*date) != civicwatch::DatePrecision::kUndated) {
    Check(civicwatch::FirstDayOf(*date) <= civicwatch::LastDayOf(*date));
  }
  return 0;
}

// Partial dates on the command line and in output: "2018", "2018-06",
// "2018-06-07", "undated", and "a..b" for a period.
#ifndef CIVICWATCH_SDK_CLI_DATES_H_
#define CIVICWATCH_SDK_CLI_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::cli {

// Parses YYYY, YYYY-MM or YYYY-MM-DD into a PartialDate with the missing
// parts zero ("2018-06" is {2018, 6, 0}). Returns INVALID_ARGUMENT with a
// sentence (not naming the flag: the caller does) for any other shape, a
// month outside 1..12 or a day the month does not have.
absl::StatusOr<v1::PartialDate> ParseDate(absl::string_view text);

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" by the date's precision; "undated"
// when all zero.
std::string FormatDate(const v1::PartialDate& date);

// FormatDate(start), or "start..end" when `end` is set and differs.
std::string FormatPeriod(const v1::PartialDate& start,
                         const v1::PartialDate& end);

// Whether the date is set (not all zero).
bool IsSet(const v1::PartialDate& date);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_DATES_H_

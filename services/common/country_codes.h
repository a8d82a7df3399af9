// ISO 3166-1 alpha-2 country codes, as ICU knows them.
#ifndef CIVICWATCH_SERVICES_COMMON_COUNTRY_CODES_H_
#define CIVICWATCH_SERVICES_COMMON_COUNTRY_CODES_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace civicwatch {

// True for an assigned ISO 3166-1 alpha-2 code in upper case ("KG").
bool IsKnownCountryCode(absl::string_view code);

// OK when `code` is a known code (IsKnownCountryCode); otherwise
// INVALID_ARGUMENT naming `field`, with the one wording every request check
// uses.
absl::Status CheckCountryCode(absl::string_view code, absl::string_view field);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_COUNTRY_CODES_H_

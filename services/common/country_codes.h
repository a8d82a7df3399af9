// ISO 3166-1 alpha-2 country codes, as ICU knows them.
#ifndef CIVICWATCH_SERVICES_COMMON_COUNTRY_CODES_H_
#define CIVICWATCH_SERVICES_COMMON_COUNTRY_CODES_H_

#include "absl/strings/string_view.h"

namespace civicwatch {

// True for an assigned ISO 3166-1 alpha-2 code in upper case ("KG").
bool IsKnownCountryCode(absl::string_view code);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_COUNTRY_CODES_H_

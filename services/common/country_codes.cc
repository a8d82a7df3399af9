#include "services/common/country_codes.h"

#include <unicode/uloc.h>

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch {
namespace {

// ICU's list also carries a few withdrawn codes (such as "AN"); they are
// harmless to accept, since old reports use them.
const absl::flat_hash_set<std::string>& Codes() {
  static const auto* codes = [] {
    auto* set = new absl::flat_hash_set<std::string>();
    for (const char* const* c = uloc_getISOCountries(); *c != nullptr; ++c) set->insert(*c);
    return set;
  }();
  return *codes;
}

}  // namespace

bool IsKnownCountryCode(absl::string_view code) {
  return code.size() == 2 && Codes().contains(std::string(code));
}

absl::Status CheckCountryCode(absl::string_view code, absl::string_view field) {
  if (IsKnownCountryCode(code)) return absl::OkStatus();
  return InvalidFieldError(
      field, absl::StrCat("\"", code,
                          "\" is not an ISO 3166-1 alpha-2 code (upper case, such as \"KG\")"));
}

}  // namespace civicwatch

#include "services/common/country_codes.h"

#include <unicode/uloc.h>

#include <string>

#include "absl/container/flat_hash_set.h"

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

}  // namespace civicwatch

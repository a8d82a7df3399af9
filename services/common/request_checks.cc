#include "services/common/request_checks.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch {

absl::Status ValidateResourceName(absl::string_view name, absl::string_view collection,
                                  absl::string_view field) {
  const std::string prefix = absl::StrCat(collection, "/");
  if (!absl::StartsWith(name, prefix) || name.size() == prefix.size() ||
      absl::StrContains(name.substr(prefix.size()), '/')) {
    return InvalidFieldError(field, absl::StrCat("\"", name, "\" is not a name of the form \"",
                                                 prefix, "{id}\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> EffectivePageSize(int32_t page_size, absl::string_view field,
                                      int default_size, int max_size) {
  if (page_size < 0) return InvalidFieldError(field, "must not be negative");
  if (page_size == 0) return default_size;
  return page_size > max_size ? max_size : page_size;
}

}  // namespace civicwatch

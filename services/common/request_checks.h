// Checks on request fields that every service's handlers share. Each
// returns OK or INVALID_ARGUMENT naming the offending field (errors.h).
#ifndef CIVICWATCH_SERVICES_COMMON_REQUEST_CHECKS_H_
#define CIVICWATCH_SERVICES_COMMON_REQUEST_CHECKS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch {

// Checks that `name` is "<collection>/<id>" with a non-empty id without
// slashes; INVALID_ARGUMENT naming `field` otherwise.
absl::Status ValidateResourceName(absl::string_view name, absl::string_view collection,
                                  absl::string_view field);

// The page size to use for a requested `page_size`: 0 gives
// `default_size`, values above `max_size` give `max_size`, negative values
// are INVALID_ARGUMENT naming `field`.
absl::StatusOr<int> EffectivePageSize(int32_t page_size, absl::string_view field,
                                      int default_size, int max_size);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_REQUEST_CHECKS_H_

// Checks on query requests, shared by every handler that takes them. Each
// returns OK or INVALID_ARGUMENT naming the offending field with its full
// path in the request ("filter.country_codes[1]"), so a client can act on it.
#ifndef CIVICWATCH_SERVICES_QUERY_REQUEST_VALIDATION_H_
#define CIVICWATCH_SERVICES_QUERY_REQUEST_VALIDATION_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/query.pb.h"
#include "services/common/request_checks.h"

namespace civicwatch::query {

// Page sizes: 0 means kDefaultPageSize; larger values are capped.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// Most values one repeated filter field may hold.
inline constexpr int kMaxFilterValues = 500;

// Longest filter.text accepted, in bytes.
inline constexpr size_t kMaxTextBytes = 1000;

// Checks every field of `filter`; `field` is the filter's path ("filter").
// Rejects unknown country codes, impossible dates, an end date before the
// start date, enum values that are out of range or UNSPECIFIED where the
// proto says so, resource names of the wrong collection, entity_role
// without entities, and oversized lists or text.
absl::Status ValidateEventFilter(const v1::EventFilter& filter, absl::string_view field);

// The page size to use for a requested `page_size`: 0 gives the default,
// values above kMaxPageSize give kMaxPageSize, negative values are
// INVALID_ARGUMENT naming `field`.
absl::StatusOr<int> EffectivePageSize(int32_t page_size, absl::string_view field);

// Resource names are checked with services/common/request_checks.h's
// ValidateResourceName.

// Checks ComputeStatisticsRequest.group_by: one to three known dimensions,
// none repeated.
absl::Status ValidateGroupBy(
    const google::protobuf::RepeatedField<int>& group_by);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_REQUEST_VALIDATION_H_

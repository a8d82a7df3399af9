// Which events a reviewer may act on: the query service's rule for who
// sees what, applied to the ingest service's review methods, and the
// caller's etag checked.
#ifndef CIVICWATCH_SERVICES_INGEST_REVIEW_ACCESS_H_
#define CIVICWATCH_SERVICES_INGEST_REVIEW_ACCESS_H_

#include <string>

#include "absl/status/statusor.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"

namespace civicwatch::ingest {

// Whether a caller seeing events up to `highest_level` may review `event`,
// as the query service shows events: a confidential event above it is one
// the caller may not know exists (NOT_FOUND, the answer for no event at
// all, given before the etag says anything); a restricted one it knows
// of, but not the persons in it, so reviewing it takes query.restricted
// (PERMISSION_DENIED naming `field`).
absl::Status CheckVisible(const v1::Event& event, v1::Confidentiality highest_level,
                          const std::string& field = "name");

// The stored event `name` ("events/{id}") for review: NOT_FOUND when
// there is none, CheckVisible, then ABORTED when `etag` is not empty and
// not its current etag.
absl::StatusOr<v1::Event> LoadForReview(sqlite::Database& db, const std::string& name,
                                        const std::string& etag,
                                        v1::Confidentiality highest_level);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_REVIEW_ACCESS_H_

// Where the ingest store keeps the person's layer of each event a person
// touched (person_layer.h) and every event's revisions, inside the
// caller's transaction. The tables are part of kIngestSchema
// (change_writer.cc):
//
//   event_reviews(event_id, review_state, paths, layer_values, review,
//                 report_id, start_offset, end_offset)
//       one row per event a person reviewed, edited or added, with the
//       span of report text it is anchored to (report_id "" for an
//       imported record's event, which has none);
//   event_revisions(event_id, revision_id, revision)
//       every EventRevision, revision_id counting from 1 per event.
#ifndef CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_STORE_H_
#define CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/sqlite.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/span_matching.h"
#include "services/ingest/statement_cache.h"

namespace civicwatch::ingest {

// A person's layer with the event it belongs to and where its text is.
struct AnchoredLayer {
  std::string event_id;  // without "events/"
  PersonLayer layer;
  std::string report_id;  // "" when not anchored in a report
  Span span;
};

// The layer of `event_id`, if a person touched it.
absl::StatusOr<std::optional<AnchoredLayer>> LoadPersonLayer(sqlite::Database& db,
                                                             const std::string& event_id);
// The same, its statement prepared once in `statements` (ingest asks it of
// every incident a telling merges into).
absl::StatusOr<std::optional<AnchoredLayer>> LoadPersonLayer(StatementCache& statements,
                                                             const std::string& event_id);

// The layers anchored in report `report_id`, by event id.
absl::StatusOr<std::vector<AnchoredLayer>> LoadPersonLayersOf(sqlite::Database& db,
                                                             const std::string& report_id);

// Creates or replaces the row of `anchored.event_id`.
absl::Status SavePersonLayer(sqlite::Database& db, const AnchoredLayer& anchored);

// Gives `revision` the next revision id of `event_id` (and its name) and
// stores it.
absl::Status StoreRevision(sqlite::Database& db, const std::string& event_id,
                           v1::EventRevision& revision);

// Revisions of `event_id` with ids above `after_id`, oldest first, at most
// `limit`.
absl::StatusOr<std::vector<v1::EventRevision>> LoadRevisions(sqlite::Database& db,
                                                             const std::string& event_id,
                                                             int64_t after_id, int limit);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_STORE_H_

// An imported record as a source of its incident (table imported_records,
// inside the caller's transaction).
//
// A structured record (ImportIncidents) is kept beside the event it
// became, under the event's id, as a source of its own: reports that tell
// the same act join that event, and when the last of them goes the event
// is what the record says again; it is never deleted with a report. The
// record is curated by people, so its date, country, category, freedom,
// valence, place and participants are the incident's whatever the reports
// say; reports add their provenance, their mentions, the participants the
// record does not name, and a place or summary the record leaves empty.
#ifndef CIVICWATCH_SERVICES_INGEST_RECORD_SOURCES_H_
#define CIVICWATCH_SERVICES_INGEST_RECORD_SOURCES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/statement_cache.h"

namespace civicwatch::ingest {

// The event record of event `event_id` (without "events/") as its record
// made it (IncidentFromRecord: no provenance, no times); nullopt when the
// event holds no record.
absl::StatusOr<std::optional<v1::Event>> LoadRecord(sqlite::Database& db,
                                                    const std::string& event_id);
// The same, its statement prepared once in `statements` (ingest asks it of
// every incident a report's telling joins).
absl::StatusOr<std::optional<v1::Event>> LoadRecord(StatementCache& statements,
                                                    const std::string& event_id);

// Stores `record` (the event a record made, named) as the record of its
// event, replacing the one stored, with the record's `source` and
// `external_id`.
absl::Status SaveRecord(sqlite::Database& db, const std::string& source,
                        const std::string& external_id, const v1::Event& record);

// `stored` (the incident) with the fields its `record` gives and those the
// `mentions` (its reports' tellings, perhaps none) add: the record's
// country, dates, category, freedom, valence, review state, place, summary
// and participants; then the participants of the mentions' best reading
// (BestReading) that have an entity the record does not name, and that
// reading's place and summary where the record has none. The
// review is cleared: a person's layer goes on top after. Name,
// provenance, confidentiality and times are left as they are.
v1::Event ReadWithRecord(v1::Event stored, const v1::Event& record,
                         const std::vector<v1::Event>& mentions);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_RECORD_SOURCES_H_

// An incident's mentions (table event_mentions: each report's own telling
// of it) and its fields read from them, inside the caller's transaction.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_READING_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_READING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/statement_cache.h"

namespace civicwatch::ingest {

// The mentions of event `event_id` (without "events/"), by report id.
absl::StatusOr<std::vector<v1::Event>> LoadMentions(sqlite::Database& db,
                                                    const std::string& event_id);
// The same, its statement prepared once in `statements` (for a merge, which
// ingest may do for any event).
absl::StatusOr<std::vector<v1::Event>> LoadMentions(StatementCache& statements,
                                                    const std::string& event_id);

// `stored` (the incident) with the fields its `mentions` best support
// (BestReading: dates, category, freedom, valence, participants, location,
// summary), or, when it holds an imported record, the fields the record
// gives and the mentions (perhaps none) add (ReadWithRecord,
// record_sources.h); a person's layer of it back on top. Name,
// provenance, confidentiality and times are left as they are. An event
// with neither mentions nor a record keeps its fields.
absl::StatusOr<v1::Event> Reread(sqlite::Database& db, v1::Event stored,
                                 const std::vector<v1::Event>& mentions);
// The same, the person's layer read through `statements` (a merge, which
// ingest may do for any event).
absl::StatusOr<v1::Event> Reread(StatementCache& statements, v1::Event stored,
                                 const std::vector<v1::Event>& mentions);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_READING_H_

// The replica's SQLite schema.
//
//   meta(key, value)           "cursor": last applied feed sequence;
//                              "schema_version"; "bulk_load": 1 while the
//                              secondary indexes are dropped for a catch-up.
//   reports(name, body, proto) body kept apart from the proto (which is
//                              stored with body cleared) so quotes can be cut
//                              with substr() without parsing the report.
//   events(...)                one row per event: the serialized proto as
//                              ingest sent it, plus the columns queries filter
//                              and sort on:
//                                country, category, freedom, valence,
//                                confidentiality, review_state (enum
//                                numbers; review_state SUGGESTED for an
//                                event sent without one);
//                                first_day, last_day: the event's period
//                                (date..end_date) as days since 1970-01-01,
//                                NULL when undated;
//                                last_month: the month of last_day as
//                                year * 12 + month - 1, 0 when undated;
//                                precision: 0 undated, 1 year, 2 month, 3 day;
//                                year, month, day: the start date's fields.
//   participants(event_id, position, entity, role, withheld): withheld = 1
//                              for a person in a restricted event (access.h)
//   provenance(event_id, position, report, start_offset, end_offset)
//   event_counts(country, year, month, category, freedom, valence,
//                confidentiality, last_month, n): events per combination,
//                              for statistics and totals (rejected events
//                              not counted), kept in the
//                              transactions of the events (new events
//                              counted by the writer per batch, updates and
//                              deletions by triggers); event_counts_by_category:
//                              the same without freedom and valence;
//                              event_counts_all_countries(year, month,
//                              category, confidentiality, n): the same over
//                              every country, without the last month.
//   entities(name, kind, sort_name, proto)
//   entity_names(entity_id, folded): every name and alias, folded
//                              (services/text/fold.h), for prefix search.
//   event_text                 FTS5 over each event's summary and the report
//                              text its provenance points at; rowid = events.id.
//
// Indexes serve the timeline order (first_day, precision, name) alone and
// under country and category (carrying last_day so date ranges are checked
// in the index), statistics per country (covering the grouped columns),
// participants by entity, provenance by report.
#ifndef CIVICWATCH_SERVICES_QUERY_READ_MODEL_SCHEMA_H_
#define CIVICWATCH_SERVICES_QUERY_READ_MODEL_SCHEMA_H_

#include "absl/status/status.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

// Bumped when the schema changes; a replica of another version is rebuilt
// from sequence 0 (it is only a copy).
inline constexpr int kSchemaVersion = 11;

// Creates the tables (with their primary keys, unique names and the entity
// name indexes) that do not exist yet.
absl::Status CreateTables(sqlite::Database& db);

// Creates the secondary indexes of events and participants that do not
// exist yet (the writer never reads through them). A replica catching up on a long backlog drops them
// (DropSecondaryIndexes) and builds them again at the end: building an
// index from sorted rows is far cheaper than inserting rows one by one at
// random places of it. Queries stay correct without them, only slower.
absl::Status CreateSecondaryIndexes(sqlite::Database& db);
absl::Status DropSecondaryIndexes(sqlite::Database& db);

// Drops every table of the schema (for a rebuild).
absl::Status DropSchema(sqlite::Database& db);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_READ_MODEL_SCHEMA_H_

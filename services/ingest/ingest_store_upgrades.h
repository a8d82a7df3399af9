// Upgrades of an ingest database made by an earlier version, run by
// IngestStore::Open after the schema's CREATE ... IF NOT EXISTS. Each is
// idempotent, does its work in one transaction, and leaves a database it
// finds current as it is.
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_STORE_UPGRADES_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_STORE_UPGRADES_H_

#include "absl/status/status.h"
#include "services/common/sqlite.h"

namespace civicwatch::ingest {

// Databases made before the events' filing columns (incident_keys.h:
// people and match_keys) get them, filled from every stored event; so do
// the events of one an earlier version wrote with matching off, leaving
// match_keys empty and meta("incident_keys") marked "stale". The table
// incident_keys, where earlier versions kept the candidate index, goes
// (the index is held in memory now, incident_index.h), with that mark.
absl::Status UpgradeIncidentFiling(sqlite::Database& db);

// Stores made before reports had a confidentiality column get it, filled
// from each stored report.
absl::Status AddReportConfidentialityColumn(sqlite::Database& db);

// Stores made before imported records were kept beside their events
// (table imported_records, record_sources.h) get a row for each event an
// import made (one no report tells, without provenance), holding the
// event as stored (a person's changes included, which go on top again
// anyway) with an empty source and external id, until the record is
// imported again. Done once: meta("imported_records") is then "kept".
absl::Status KeepImportedRecords(sqlite::Database& db);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_STORE_UPGRADES_H_

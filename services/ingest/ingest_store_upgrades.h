// Upgrades of an ingest database made by an earlier version, run by
// IngestStore::Open after the schema's CREATE ... IF NOT EXISTS. Each is
// idempotent, does its work in one transaction, and leaves a database it
// finds current as it is.
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_STORE_UPGRADES_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_STORE_UPGRADES_H_

#include "absl/status/status.h"
#include "services/common/sqlite.h"

namespace civicwatch::ingest {

// Databases made before the incident index (incident_keys.h) get the
// events' people and match_keys columns and every stored event filed under
// its keys; so do databases written with matching off since, and those
// whose incident_keys an earlier version keyed category before date.
absl::Status AddIncidentKeys(sqlite::Database& db);

// Stores made before reports had a confidentiality column get it, filled
// from each stored report.
absl::Status AddReportConfidentialityColumn(sqlite::Database& db);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_STORE_UPGRADES_H_

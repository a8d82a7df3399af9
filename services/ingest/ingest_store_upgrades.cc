#include "services/ingest/ingest_store_upgrades.h"

#include <string>
#include <utility>
#include <vector>

#include "civicwatch/v1/types.pb.h"
#include "services/common/errors.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_keys.h"

namespace civicwatch::ingest {

// Databases made before the incident index (incident_keys.h) get the
// events' people and match_keys columns and every stored event filed under
// its keys, in one transaction; so do databases written with matching off
// since. The indexes on events that candidates were found through before
// go, and an incident_keys keyed category before date (as made by an
// earlier version) is made again keyed for the look-up.
absl::Status AddIncidentKeys(sqlite::Database& db) {
  auto has_people = sqlite::HasColumn(db, "events", "people");
  if (!has_people.ok()) return has_people.status();
  auto has_keys = sqlite::HasColumn(db, "events", "match_keys");
  if (!has_keys.ok()) return has_keys.status();
  auto stale = IncidentKeysStale(db);
  if (!stale.ok()) return stale.status();
  auto keyed_by_date = IncidentKeysKeyedByDate(db);
  if (!keyed_by_date.ok()) return keyed_by_date.status();
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  if (!*keyed_by_date) {
    // The schema's CREATE ... IF NOT EXISTS makes the table anew, keyed as
    // it is now; the events are filed in it below.
    if (absl::Status s = db.Exec("DROP TABLE incident_keys"); !s.ok()) return s;
    if (absl::Status s = db.Exec(kIngestSchema); !s.ok()) return s;
  }
  if (!*has_people) {
    if (absl::Status s = db.Exec("ALTER TABLE events ADD COLUMN people TEXT NOT NULL DEFAULT ''");
        !s.ok()) {
      return s;
    }
  }
  if (!*has_keys) {
    if (absl::Status s =
            db.Exec("ALTER TABLE events ADD COLUMN match_keys TEXT NOT NULL DEFAULT ''");
        !s.ok()) {
      return s;
    }
  }
  if (!*has_keys || *stale || !*keyed_by_date) {
    if (absl::Status s = IndexStoredIncidents(db); !s.ok()) return s;
  }
  if (absl::Status s = db.Exec(
          "DROP INDEX IF EXISTS events_by_incident; "
          "DROP INDEX IF EXISTS events_by_incident_people;");
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

// Stores made before reports had a confidentiality column get it, filled
// from each stored report, in one transaction.
absl::Status AddReportConfidentialityColumn(sqlite::Database& db) {
  absl::StatusOr<bool> present = sqlite::HasColumn(db, "reports", "confidentiality");
  if (!present.ok()) return present.status();
  if (*present) return absl::OkStatus();

  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  if (absl::Status s = db.Exec(
          "ALTER TABLE reports ADD COLUMN confidentiality INTEGER NOT NULL DEFAULT 0");
      !s.ok()) {
    return s;
  }
  std::vector<std::pair<std::string, int64_t>> levels;
  auto st = db.Prepare("SELECT id, report FROM reports");
  if (!st.ok()) return st.status();
  absl::Status read = st->ForEachRow([&] {
    v1::Report report;
    if (!report.ParseFromString(st->ColumnText(1))) return InternalError("undecodable report");
    levels.emplace_back(st->ColumnText(0), report.confidentiality());
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  auto update = db.Prepare("UPDATE reports SET confidentiality = ? WHERE id = ?");
  if (!update.ok()) return update.status();
  for (const auto& [id, level] : levels) {
    update->Reset();
    update->Bind(1, level).Bind(2, id);
    if (absl::Status s = update->Run(); !s.ok()) return s;
  }
  return tx.Commit();
}

}  // namespace civicwatch::ingest

#include "services/ingest/ingest_store_upgrades.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/errors.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_keys.h"
#include "services/ingest/record_sources.h"

namespace civicwatch::ingest {

namespace {

// Fills the people and match_keys columns of every stored event from the
// event, in batches by id, so neither memory nor a statement reading the
// table it updates spans the whole store.
absl::Status FillFilingColumns(sqlite::Database& db) {
  std::string after;
  while (true) {
    std::vector<std::pair<std::string, v1::Event>> batch;
    {
      auto st = db.Prepare("SELECT id, event FROM events WHERE id > ? ORDER BY id LIMIT 1000");
      if (!st.ok()) return st.status();
      st->Bind(1, after);
      absl::Status read = st->ForEachRow([&] {
        v1::Event e;
        if (!e.ParseFromString(st->ColumnText(1))) {
          return InternalError(absl::StrCat("undecodable event ", st->ColumnText(0)));
        }
        batch.emplace_back(st->ColumnText(0), std::move(e));
        return absl::OkStatus();
      });
      if (!read.ok()) return read;
    }
    if (batch.empty()) return absl::OkStatus();
    after = batch.back().first;
    auto update = db.Prepare("UPDATE events SET match_keys = ?, people = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    for (const auto& [id, event] : batch) {
      const IncidentFiling f = FilingOf(event);
      update->Reset();
      update->Bind(1, f.match_keys).Bind(2, f.people).Bind(3, id);
      if (absl::Status s = update->Run(); !s.ok()) return s;
    }
  }
}

// Whether `sql` returns a row.
absl::StatusOr<bool> Any(sqlite::Database& db, absl::string_view sql) {
  auto st = db.Prepare(sql);
  if (!st.ok()) return st.status();
  return st->Step();
}

}  // namespace

// In one transaction; the indexes on events that candidates were found
// through before incident_keys go too.
absl::Status UpgradeIncidentFiling(sqlite::Database& db) {
  auto has_people = sqlite::HasColumn(db, "events", "people");
  if (!has_people.ok()) return has_people.status();
  auto has_keys = sqlite::HasColumn(db, "events", "match_keys");
  if (!has_keys.ok()) return has_keys.status();
  auto stale = Any(db, "SELECT 1 FROM meta WHERE key = 'incident_keys' AND value = 'stale'");
  if (!stale.ok()) return stale.status();
  auto has_table =
      Any(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident_keys'");
  if (!has_table.ok()) return has_table.status();
  if (*has_people && *has_keys && !*stale && !*has_table) return absl::OkStatus();
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
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
  if (!*has_people || !*has_keys || *stale) {
    if (absl::Status s = FillFilingColumns(db); !s.ok()) return s;
  }
  if (absl::Status s = db.Exec(
          "DROP TABLE IF EXISTS incident_keys; "
          "DELETE FROM meta WHERE key = 'incident_keys'; "
          "DROP INDEX IF EXISTS events_by_incident; "
          "DROP INDEX IF EXISTS events_by_incident_people;");
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

// In one transaction. The events no report tells are read in one pass;
// of those, a person's orphaned event still has its provenance.
absl::Status KeepImportedRecords(sqlite::Database& db) {
  auto kept = Any(db, "SELECT 1 FROM meta WHERE key = 'imported_records' AND value = 'kept'");
  if (!kept.ok()) return kept.status();
  if (*kept) return absl::OkStatus();
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  std::vector<v1::Event> records;
  {
    auto st = db.Prepare(
        "SELECT id, event FROM events WHERE id NOT IN (SELECT event_id FROM event_sources) "
        "AND id NOT IN (SELECT event_id FROM imported_records)");
    if (!st.ok()) return st.status();
    absl::Status read = st->ForEachRow([&] {
      v1::Event e;
      if (!e.ParseFromString(st->ColumnText(1))) {
        return InternalError(absl::StrCat("undecodable event ", st->ColumnText(0)));
      }
      if (e.provenance_size() == 0) records.push_back(std::move(e));
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
  }
  for (v1::Event& record : records) {
    record.clear_create_time();
    record.clear_update_time();
    record.clear_etag();
    if (absl::Status s = SaveRecord(db, "", "", record); !s.ok()) return s;
  }
  if (absl::Status s = db.Exec(
          "INSERT OR REPLACE INTO meta(key, value) VALUES('imported_records', 'kept')");
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

#include "services/query/replica_statements.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch::query {
namespace {

struct StatementSql {
  ReplicaStatement id;
  const char* sql;
};

using S = ReplicaStatement;

// In ReplicaStatement order (Prepare checks it).
constexpr StatementSql kStatements[] = {
    {S::kGetMeta, "SELECT value FROM meta WHERE key = ?"},
    {S::kSetMeta,
     "INSERT INTO meta(key, value) VALUES(?, ?) "
     "ON CONFLICT(key) DO UPDATE SET value = excluded.value"},
    {S::kUpsertReport,
     "INSERT INTO reports(name, body, proto) VALUES(?, ?, ?) "
     "ON CONFLICT(name) DO UPDATE SET body = excluded.body, proto = excluded.proto"},
    {S::kDeleteReport, "DELETE FROM reports WHERE name = ?"},
    {S::kEventsOfReport, "SELECT DISTINCT event_id FROM provenance WHERE report = ?"},
    {S::kEventProto, "SELECT proto FROM events WHERE id = ?"},
    // A new event is inserted (no row comes back when the name is taken)...
    {S::kInsertEvent,
     "INSERT INTO events(name, country, first_day, last_day, last_month, precision, year, month,"
     " day, category, freedom, valence, confidentiality, proto, review_state)"
     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
     " ON CONFLICT(name) DO NOTHING RETURNING id"},
    // ... and a known one updated, with the same parameters.
    {S::kUpdateEvent,
     "UPDATE events SET country = ?2, first_day = ?3, last_day = ?4, last_month = ?5,"
     " precision = ?6, year = ?7, month = ?8, day = ?9, category = ?10, freedom = ?11,"
     " valence = ?12, confidentiality = ?13, proto = ?14, review_state = ?15"
     " WHERE name = ?1 RETURNING id"},
    {S::kEventId, "SELECT id FROM events WHERE name = ?"},
    {S::kDeleteEvent, "DELETE FROM events WHERE id = ?"},
    {S::kDeleteParticipants, "DELETE FROM participants WHERE event_id = ?"},
    {S::kDeleteProvenance, "DELETE FROM provenance WHERE event_id = ?"},
    {S::kUpsertEntity,
     "INSERT INTO entities(name, kind, sort_name, proto) VALUES(?, ?, ?, ?)"
     " ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, sort_name = excluded.sort_name,"
     " proto = excluded.proto"
     " RETURNING id"},
    {S::kDeleteEntity, "DELETE FROM entities WHERE name = ?"},
    {S::kDeleteEntityNames, "DELETE FROM entity_names WHERE entity_id = ?"},
    {S::kInsertEntityName, "INSERT INTO entity_names(entity_id, folded) VALUES(?, ?)"},
};

static_assert(sizeof(kStatements) / sizeof(kStatements[0]) ==
              static_cast<size_t>(ReplicaStatement::kCount));

}  // namespace

absl::StatusOr<ReplicaStatements> ReplicaStatements::Prepare(sqlite::Database& db) {
  ReplicaStatements prepared;
  for (const StatementSql& statement : kStatements) {
    if (static_cast<size_t>(statement.id) != prepared.statements_.size()) {
      return InternalError(absl::StrCat("replica statement ", static_cast<int>(statement.id),
                                        " is out of order"));
    }
    auto compiled = db.Prepare(statement.sql);
    if (!compiled.ok()) return compiled.status();
    prepared.statements_.push_back(std::move(*compiled));
  }
  return prepared;
}

absl::Status RunOnce(sqlite::Statement& statement) {
  absl::Status s = statement.Run();
  statement.Reset();
  return s;
}

absl::StatusOr<std::optional<int64_t>> QueryInt(sqlite::Statement& statement) {
  absl::StatusOr<bool> row = statement.Step();
  std::optional<int64_t> value;
  absl::Status s = row.status();
  if (s.ok() && *row) {
    value = statement.ColumnInt(0);
    s = statement.Run();
  }
  statement.Reset();
  if (!s.ok()) return s;
  return value;
}

}  // namespace civicwatch::query

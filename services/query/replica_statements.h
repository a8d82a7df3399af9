// The replica writer's prepared statements: each one's id beside its SQL,
// prepared once on the writing connection, and the two ways the writer runs
// them.
//
// Not thread-safe: used by ReplicaWriter under ReadModel's write mutex.
#ifndef CIVICWATCH_SERVICES_QUERY_REPLICA_STATEMENTS_H_
#define CIVICWATCH_SERVICES_QUERY_REPLICA_STATEMENTS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

// The statements, by purpose; the SQL of each is in replica_statements.cc.
enum class ReplicaStatement : int {
  kGetMeta,
  kSetMeta,
  kUpsertReport,
  kDeleteReport,
  kEventsOfReport,
  kEventProto,
  kInsertEvent,
  kUpdateEvent,
  kEventId,
  kDeleteEvent,
  kDeleteParticipants,
  kDeleteProvenance,
  kUpsertEntity,
  kDeleteEntity,
  kDeleteEntityNames,
  kInsertEntityName,
  kCount
};

// Every ReplicaStatement prepared on one connection.
class ReplicaStatements {
 public:
  // Prepares them all on `db`, which must outlive the result.
  static absl::StatusOr<ReplicaStatements> Prepare(sqlite::Database& db);

  sqlite::Statement& operator[](ReplicaStatement id) {
    return statements_[static_cast<size_t>(id)];
  }

 private:
  std::vector<sqlite::Statement> statements_;
};

// Runs a prepared statement to completion and resets it for the next use.
absl::Status RunOnce(sqlite::Statement& statement);

// Runs a statement whose first row's first column is an integer (RETURNING
// id, SELECT id) to completion and resets it; nullopt when it returns no
// row.
absl::StatusOr<std::optional<int64_t>> QueryInt(sqlite::Statement& statement);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_REPLICA_STATEMENTS_H_

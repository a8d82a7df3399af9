#include "services/query/server_info.h"

#include <algorithm>

#include "services/common/errors.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

absl::Status FillReplicaInfo(const std::string& db_path, const FeedFollower::Progress& progress,
                             v1::ServerInfo& info) {
  auto db = sqlite::Database::Open(db_path, /*read_only=*/true);
  if (!db.ok()) return UnavailableError("the replica cannot be read");
  auto counts = (*db)->Prepare(
      "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM events), "
      "(SELECT COUNT(*) FROM entities)");
  if (!counts.ok()) return UnavailableError("the replica cannot be read");
  auto row = counts->Step();
  if (!row.ok() || !*row) return UnavailableError("the replica cannot be read");
  info.set_report_count(counts->ColumnInt(0));
  info.set_event_count(counts->ColumnInt(1));
  info.set_entity_count(counts->ColumnInt(2));
  info.set_database_bytes(sqlite::DatabaseFileBytes(db_path));

  info.set_applied_sequence(progress.cursor);
  // Before the first batch the follower knows no head yet; the replica is
  // then at least as far as its own cursor.
  info.set_head_sequence(std::max(progress.head_sequence, progress.cursor));
  info.set_replica_lag(info.head_sequence() - info.applied_sequence());
  info.set_caught_up(progress.caught_up);
  return absl::OkStatus();
}

}  // namespace civicwatch::query

// The first step of every copy of a database: SQLite's online backup from
// the live database into an empty copy.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_BACKUP_START_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_BACKUP_START_H_

#include <sqlite3.h>

#include "absl/status/statusor.h"

namespace civicwatch::snapshot {

// Runs `copy_pragma` on the empty copy `dest` (how it journals or syncs:
// a copy never outlives a crash), then starts the backup of `source`
// into it. The caller steps and finishes the backup. The error names
// what failed, as sqlite::StatusFromSqlite makes it.
absl::StatusOr<sqlite3_backup*> StartBackup(sqlite3* source, sqlite3* dest, const char* copy_pragma);

}  // namespace civicwatch::snapshot

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_BACKUP_START_H_

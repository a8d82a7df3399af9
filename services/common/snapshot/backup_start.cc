#include "services/common/snapshot/backup_start.h"

#include "services/common/sqlite.h"

namespace civicwatch::snapshot {

absl::StatusOr<sqlite3_backup*> StartBackup(sqlite3* source, sqlite3* dest, const char* copy_pragma) {
  const int rc = sqlite3_exec(dest, copy_pragma, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "create the copy", dest);
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (backup == nullptr) return sqlite::StatusFromSqlite(sqlite3_errcode(dest), "start the copy", dest);
  return backup;
}

}  // namespace civicwatch::snapshot

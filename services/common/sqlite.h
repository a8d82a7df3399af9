// Thin RAII wrappers over the SQLite C API.
//
// A Database owns one connection; a Statement owns one prepared statement;
// a Transaction rolls back unless committed. Errors come back as
// absl::Status: UNAVAILABLE for a busy, locked, full or read-only database
// (the caller may retry later), INTERNAL for everything else (the message
// holds SQLite's text and is for logs only: grpc_status.h keeps it from
// clients).
//
// Thread-safety: a Database and its Statements belong to one thread at a
// time. Services open one connection for writing and guard it with a mutex,
// plus connections per reader as they need.
#ifndef CIVICWATCH_SERVICES_COMMON_SQLITE_H_
#define CIVICWATCH_SERVICES_COMMON_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace civicwatch::sqlite {

class Statement;

// One open connection.
class Database {
 public:
  // Opens (creating if missing, unless read_only) the database file at
  // `path` in WAL mode with foreign keys on and synchronous=FULL, so a
  // committed transaction survives power loss. Waits up to 5 s on a lock.
  // Errors: UNAVAILABLE when the file cannot be opened or written.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        bool read_only = false);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  absl::Status Exec(absl::string_view sql);

  // Compiles one statement.
  absl::StatusOr<Statement> Prepare(absl::string_view sql);

  // Makes running statements fail with DEADLINE_EXCEEDED once
  // `deadline` passes (checked every few thousand VM steps). InfiniteFuture
  // turns it off. Used so that a query honours its RPC's deadline.
  void SetDeadline(absl::Time deadline);

  // Rowid of the last INSERT on this connection.
  int64_t LastInsertRowId() const;

  // Rows changed by the last statement.
  int Changes() const;

  sqlite3* handle() { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  static int ProgressHandler(void* self);

  sqlite3* db_;
  absl::Time deadline_ = absl::InfiniteFuture();
  friend class Statement;
};

// A prepared statement. Bind indexes start at 1, column indexes at 0.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, absl::string_view text);
  // Binds `text` without copying it: it must stay alive and unchanged
  // until the statement is reset or the parameter bound again. For look-ups
  // repeated for every row written, where the copy costs more than the
  // seek's comparisons.
  Statement& BindUnowned(int index, absl::string_view text);
  Statement& BindBlob(int index, absl::string_view bytes);
  Statement& BindNull(int index);

  // Advances to the next row: true when a row is ready, false when done.
  absl::StatusOr<bool> Step();

  // Steps to completion, ignoring rows.
  absl::Status Run();

  // Steps to completion, calling `on_row` at each row (read it with the
  // Column functions); stops at and returns the first error of a step or
  // of `on_row`.
  absl::Status ForEachRow(absl::FunctionRef<absl::Status()> on_row);

  // Steps to completion; the first column of every row, as text.
  absl::StatusOr<std::vector<std::string>> FirstColumnTexts();

  // Steps once: the first column of the first row as text, or nullopt when
  // there is no row.
  absl::StatusOr<std::optional<std::string>> FirstText();

  // Resets for another execution and clears bindings.
  void Reset();

  int64_t ColumnInt(int index) const;
  std::string ColumnText(int index) const;
  bool ColumnIsNull(int index) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  Database* db_;
  sqlite3_stmt* stmt_;
  absl::Status bind_status_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit()
// succeeded. Check status() before using the transaction.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const absl::Status& status() const { return status_; }
  absl::Status Commit();

 private:
  Database& db_;
  absl::Status status_;
  bool open_ = false;
};

// Whether `table` has a column named `column`. The statement that asks is
// finished before this returns, so the caller may ALTER the table next.
absl::StatusOr<bool> HasColumn(Database& db, absl::string_view table, absl::string_view column);

// Bytes used on disk by the database at `path` with its -wal and -shm
// files; 0 for files that do not exist.
int64_t DatabaseFileBytes(const std::string& path);

// Maps a SQLite result code to a Status (see the file comment).
absl::Status StatusFromSqlite(int rc, absl::string_view context, sqlite3* db);

// Makes SQLite put its temporary files (sorts too large for memory, such as
// an index build, and spilled temporary tables) in `dir`, created if
// missing, instead of the first writable one of $SQLITE_TMPDIR, $TMPDIR,
// /var/tmp, /usr/tmp, /tmp: a service's data directory is writable and
// sized for its data where /tmp may be small or, in a container with a
// read-only root file system, missing. Process-wide; call it once at
// start-up, before opening any database. UNAVAILABLE when `dir` cannot be
// created.
absl::Status UseTempDirectory(const std::string& dir);

}  // namespace civicwatch::sqlite

#endif  // CIVICWATCH_SERVICES_COMMON_SQLITE_H_

#include "services/common/sqlite.h"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch::sqlite {

absl::Status StatusFromSqlite(int rc, absl::string_view context, sqlite3* db) {
  int primary = rc & 0xff;
  if (primary == SQLITE_OK || primary == SQLITE_DONE || primary == SQLITE_ROW) {
    return absl::OkStatus();
  }
  std::string detail = absl::StrCat(context, ": ", sqlite3_errstr(rc));
  if (db != nullptr) absl::StrAppend(&detail, " (", sqlite3_errmsg(db), ")");
  switch (primary) {
    case SQLITE_INTERRUPT:
      return DeadlineExceededError("the call ran past its deadline");
    case SQLITE_FULL:
      return LimitExceededError("the server's storage is full; try again later");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
      return StorageUnavailableError("storage is not available");
    default:
      return InternalError(detail);
  }
}

absl::StatusOr<bool> HasColumn(Database& db, absl::string_view table,
                               absl::string_view column) {
  auto st = db.Prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  if (!st.ok()) return st.status();
  return st->Bind(1, table).Bind(2, column).Step();
}

int64_t DatabaseFileBytes(const std::string& path) {
  int64_t total = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += static_cast<int64_t>(size);
  }
  return total;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                         bool read_only) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Database> db(new Database(raw));
  if (rc != SQLITE_OK) {
    return UnavailableError(absl::StrCat("cannot open database ", path, ": ",
                                               raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_progress_handler(raw, 4000, &Database::ProgressHandler, db.get());
  if (!read_only) {
    // journal_mode returns a row, so it cannot go through Exec's error path
    // unnoticed: check that WAL really took.
    auto st = db->Prepare("PRAGMA journal_mode=WAL");
    if (!st.ok()) return UnavailableError(absl::StrCat("cannot open database ", path));
    auto row = st->Step();
    if (!row.ok() || !*row || st->ColumnText(0) != "wal") {
      return UnavailableError(
          absl::StrCat("cannot put database ", path, " in WAL mode (is the folder writable?)"));
    }
  }
  absl::Status s = db->Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  if (!s.ok()) return UnavailableError(absl::StrCat("cannot configure database ", path));
  return db;
}

Database::~Database() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

int Database::ProgressHandler(void* self) {
  auto* db = static_cast<Database*>(self);
  return db->deadline_ != absl::InfiniteFuture() && absl::Now() > db->deadline_ ? 1 : 0;
}

void Database::SetDeadline(absl::Time deadline) { deadline_ = deadline; }

absl::Status Database::Exec(absl::string_view sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (err != nullptr) sqlite3_free(err);
  return StatusFromSqlite(rc, absl::StrCat("exec ", sql.substr(0, 60)), db_);
}

absl::StatusOr<Statement> Database::Prepare(absl::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return StatusFromSqlite(rc, absl::StrCat("prepare ", sql.substr(0, 60)), db_);
  }
  return Statement(this, stmt);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)),
      bind_status_(std::move(other.bind_status_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_status_ = std::move(other.bind_status_);
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) bind_status_.Update(StatusFromSqlite(rc, "bind", db_->db_));
  return *this;
}

Statement& Statement::Bind(int index, absl::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_status_.Update(StatusFromSqlite(rc, "bind", db_->db_));
  return *this;
}

Statement& Statement::BindUnowned(int index, absl::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_status_.Update(StatusFromSqlite(rc, "bind", db_->db_));
  return *this;
}

Statement& Statement::BindBlob(int index, absl::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) bind_status_.Update(StatusFromSqlite(rc, "bind", db_->db_));
  return *this;
}

Statement& Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) bind_status_.Update(StatusFromSqlite(rc, "bind", db_->db_));
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return StatusFromSqlite(rc, absl::StrCat("step ", sqlite3_sql(stmt_)), db_->db_);
}

absl::Status Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

absl::Status Statement::ForEachRow(absl::FunctionRef<absl::Status()> on_row) {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    if (absl::Status s = on_row(); !s.ok()) return s;
  }
}

absl::StatusOr<std::vector<std::string>> Statement::FirstColumnTexts() {
  std::vector<std::string> texts;
  absl::Status s = ForEachRow([&] {
    texts.push_back(ColumnText(0));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return texts;
}

absl::StatusOr<std::optional<std::string>> Statement::FirstText() {
  auto row = Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  return ColumnText(0);
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = absl::OkStatus();
}

int64_t Statement::ColumnInt(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Statement::ColumnText(int index) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, index));
  int n = sqlite3_column_bytes(stmt_, index);
  return p ? std::string(p, n) : std::string();
}

bool Statement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

absl::Status UseTempDirectory(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return UnavailableError(
        absl::StrCat("cannot create the temporary directory ", dir, ": ", error.message()));
  }
  // SQLite reads this variable whenever it opens a temporary file; it must
  // hold memory from sqlite3_mprintf (SQLite frees it at shutdown).
  sqlite3_temp_directory = sqlite3_mprintf("%s", dir.c_str());
  return absl::OkStatus();
}

Transaction::Transaction(Database& db) : db_(db) {
  status_ = db_.Exec("BEGIN IMMEDIATE");
  open_ = status_.ok();
}

Transaction::~Transaction() {
  if (open_) db_.Exec("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Commit() {
  if (!open_) return status_.ok() ? FailedPreconditionError("not open") : status_;
  absl::Status s = db_.Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace civicwatch::sqlite

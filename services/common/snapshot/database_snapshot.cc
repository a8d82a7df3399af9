#include "services/common/snapshot/database_snapshot.h"

#include <openssl/evp.h>
#include <sqlite3.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/errors.h"
#include "services/common/snapshot/atomic_file.h"
#include "services/common/snapshot/backup_start.h"
#include "services/common/sqlite.h"

namespace civicwatch::snapshot {
namespace {

// Closes a raw connection however the function leaves.
struct RawConnection {
  sqlite3* db = nullptr;
  ~RawConnection() {
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

constexpr char kCopyPrefix[] = "snapshot-";

// The process id in the name of a copy NewCopyPath made ("snapshot-PID-N.db",
// or its "-journal"), or 0 for any other file.
pid_t CopyOwner(const std::string& file_name) {
  if (!absl::StartsWith(file_name, kCopyPrefix)) return 0;
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(file_name).substr(sizeof(kCopyPrefix) - 1), '-');
  if (parts.size() < 2 || !absl::StrContains(parts[1], ".db")) return 0;
  int pid = 0;
  if (!absl::SimpleAtoi(parts[0], &pid) || pid <= 0) return 0;
  return pid;
}

bool Runs(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

absl::Status CopyWithBackupApi(const std::string& source_path, const std::string& dest_path) {
  RawConnection source, dest;
  int rc = sqlite3_open_v2(source_path.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "open the database", source.db);
  sqlite3_busy_timeout(source.db, 5000);
  rc = sqlite3_open_v2(dest_path.c_str(), &dest.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "create the copy", dest.db);
  // The copy is read once and removed, and never outlives a crash: no
  // fsync of the whole file at the end of the copy.
  auto started = StartBackup(source.db, dest.db, "PRAGMA synchronous=OFF");
  if (!started.ok()) return started.status();
  sqlite3_backup* backup = *started;
  // One step copies every page inside one read transaction of the source:
  // the copy is the database as of that transaction's start. (Stepping a
  // few pages at a time would restart whenever a writer commits.)
  rc = sqlite3_backup_step(backup, -1);
  int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqlite::StatusFromSqlite(rc, "copy the database", dest.db);
  if (finish != SQLITE_OK) return sqlite::StatusFromSqlite(finish, "copy the database", dest.db);
  // The copy carries the source's WAL flag; a file handed around stands
  // alone, so give it a rollback journal.
  char* error = nullptr;
  rc = sqlite3_exec(dest.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "finish the copy", dest.db);
  rc = sqlite3_close_v2(dest.db);
  dest.db = nullptr;
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "close the copy", nullptr);
  return absl::OkStatus();
}

// The first column of the first row of `sql`, as text; nullopt for no row.
absl::StatusOr<std::optional<std::string>> QueryText(sqlite::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row || st->ColumnIsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(st->ColumnText(0));
}

constexpr char kSchemaVersionSql[] = "SELECT value FROM meta WHERE key = 'schema_version'";

}  // namespace

std::string NewCopyPath(const std::string& tmp_dir) {
  static std::atomic<int> counter{0};
  return (std::filesystem::path(tmp_dir) /
          absl::StrCat(kCopyPrefix, getpid(), "-", counter.fetch_add(1), ".db"))
      .string();
}

TakenSnapshot::~TakenSnapshot() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);
  std::filesystem::remove(path_ + "-journal", ec);
}

int RemoveAbandonedSnapshots(const std::string& tmp_dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> abandoned;
  for (const auto& entry : std::filesystem::directory_iterator(tmp_dir, ec)) {
    const pid_t owner = CopyOwner(entry.path().filename().string());
    // A restarted server in a container often has the id of the one that
    // was killed: its own id marks no copy of its own yet.
    if (owner != 0 && (owner == getpid() || !Runs(owner))) abandoned.push_back(entry.path());
  }
  int removed = 0;
  for (const auto& path : abandoned) {
    if (std::filesystem::remove(path, ec)) ++removed;
  }
  return removed;
}

absl::StatusOr<FileDigest> DigestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UnavailableError(absl::StrCat("cannot read ", path));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  FileDigest digest;
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(n));
    digest.size += n;
  }
  if (in.bad()) return UnavailableError(absl::StrCat("cannot read ", path));
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), hash, &length);
  digest.sha256 = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(hash), length));
  return digest;
}

absl::StatusOr<std::unique_ptr<TakenSnapshot>> TakeSnapshot(const std::string& source_path,
                                                            const std::string& tmp_dir,
                                                            const DatabaseProfile& profile) {
  std::error_code ec;
  std::filesystem::create_directories(tmp_dir, ec);
  if (ec) {
    return UnavailableError(absl::StrCat("cannot create ", tmp_dir, ": ", ec.message()));
  }
  const absl::Time taken = absl::Now();
  // Owns the file from here on, so every error path removes it.
  auto snapshot = std::make_unique<TakenSnapshot>(NewCopyPath(tmp_dir), v1::SnapshotMetadata());
  if (absl::Status s = CopyWithBackupApi(source_path, snapshot->path()); !s.ok()) return s;

  v1::SnapshotMetadata metadata;
  metadata.set_database_kind(profile.kind);
  {
    auto copy = sqlite::Database::Open(snapshot->path(), /*read_only=*/true);
    if (!copy.ok()) return copy.status();
    auto version = QueryText(**copy, kSchemaVersionSql);
    if (!version.ok()) return version.status();
    int parsed = 0;
    if (version->has_value()) parsed = std::atoi((*version)->c_str());
    metadata.set_schema_version(parsed);
    auto id = QueryText(**copy, profile.database_id_sql);
    if (!id.ok()) return id.status();
    if (id->has_value()) metadata.set_database_id(**id);
    auto sequence = QueryText(**copy, profile.sequence_sql);
    if (!sequence.ok()) return sequence.status();
    if (sequence->has_value()) metadata.set_sequence(std::atoll((*sequence)->c_str()));
  }
  auto digest = DigestFile(snapshot->path());
  if (!digest.ok()) return digest.status();
  metadata.set_size_bytes(digest->size);
  metadata.set_sha256(digest->sha256);
  *metadata.mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(taken));
  snapshot->set_metadata(std::move(metadata));
  return snapshot;
}

absl::Status CheckSnapshot(const std::string& path, const v1::SnapshotMetadata& metadata,
                           const DatabaseProfile& profile, const CheckOptions& options) {
  if (metadata.database_kind() != profile.kind) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot holds a ", v1::DatabaseKind_Name(metadata.database_kind()),
                     " database, not ", v1::DatabaseKind_Name(profile.kind)));
  }
  if (metadata.schema_version() != profile.schema_version) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot has schema version ", metadata.schema_version(),
                     "; this program reads version ", profile.schema_version));
  }
  auto digest = options.digest_checked
                    ? absl::StatusOr<FileDigest>(FileDigest{metadata.size_bytes(), metadata.sha256()})
                    : DigestFile(path);
  if (!digest.ok()) return digest.status();
  if (digest->size != metadata.size_bytes()) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot's database is ", digest->size, " bytes; its metadata says ",
                     metadata.size_bytes(), " (truncated or padded)"));
  }
  if (digest->sha256 != metadata.sha256()) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot's SHA-256 is ", digest->sha256, "; its metadata says ",
                     metadata.sha256(), " (corrupted)"));
  }
  auto db = sqlite::Database::Open(path, /*read_only=*/true);
  if (!db.ok()) return db.status();
  const char* pragma =
      options.pages == PageCheck::kQuick ? "PRAGMA quick_check" : "PRAGMA integrity_check";
  auto integrity = QueryText(**db, pragma);
  if (!integrity.ok()) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot's database is not readable: ", integrity.status().message()));
  }
  if (!integrity->has_value() || **integrity != "ok") {
    return FailedPreconditionError(
        absl::StrCat(pragma, " of the snapshot: ", integrity->value_or("no answer")));
  }
  auto version = QueryText(**db, kSchemaVersionSql);
  if (!version.ok() || !version->has_value() ||
      std::atoi((*version)->c_str()) != metadata.schema_version()) {
    return FailedPreconditionError(
        "the snapshot's database does not hold the schema version its metadata says");
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::snapshot

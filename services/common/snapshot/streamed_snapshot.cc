#include "services/common/snapshot/streamed_snapshot.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/errors.h"
#include "services/common/snapshot/snapshot_file.h"
#include "services/common/sqlite.h"

namespace civicwatch::snapshot {
namespace {

// Offsets 18 and 19 of the database header: the file format's write and
// read versions, 2 for a database in WAL mode, 1 for a rollback journal.
constexpr int kHeaderFormatVersions = 18;

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() {
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

// The copy's file and what SQLite may have put beside it, removed however
// the function leaves.
struct CopyFiles {
  std::string path;
  int fd = -1;
  ~CopyFiles() {
    if (fd >= 0) close(fd);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    std::filesystem::remove(path + "-journal", ec);
  }
};

// The first column of the first row of `sql` on `db`, as text; nullopt for
// no row or NULL.
absl::StatusOr<std::optional<std::string>> QueryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "read the database", db);
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> owned(st, sqlite3_finalize);
  rc = sqlite3_step(st);
  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_NULL)) {
    return std::optional<std::string>();
  }
  if (rc != SQLITE_ROW) return sqlite::StatusFromSqlite(rc, "read the database", db);
  return std::optional<std::string>(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
}

absl::StatusOr<int64_t> QueryInteger(sqlite3* db, const std::string& sql) {
  auto text = QueryText(db, sql);
  if (!text.ok()) return text.status();
  if (!text->has_value()) return UnavailableError(absl::StrCat("no answer to ", sql));
  return std::atoll((*text)->c_str());
}

// Reads [offset, offset + length) of `fd` into `out`.
absl::Status ReadRange(int fd, int64_t offset, size_t length, std::string& out) {
  out.resize(length);
  size_t done = 0;
  while (done < length) {
    ssize_t n = pread(fd, out.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return UnavailableError(absl::StrCat("cannot read the copy: ",
                                           n < 0 ? strerror(errno) : "it is shorter than written"));
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

// Digests and sends what the copy's file holds in [from, to), in chunks.
// The range is dropped from the file once sent: nothing reads it again.
class DataSender {
 public:
  DataSender(int fd, EVP_MD_CTX* sha,
             const std::function<absl::Status(const v1::SnapshotChunk&)>& send)
      : fd_(fd), sha_(sha), send_(send) {}

  absl::Status Send(int64_t from, int64_t to) {
    for (int64_t at = from; at < to;) {
      const size_t n = static_cast<size_t>(std::min<int64_t>(to - at, kChunkBytes));
      chunk_.Clear();
      std::string* data = chunk_.mutable_data();
      if (absl::Status s = ReadRange(fd_, at, n, *data); !s.ok()) return s;
      EVP_DigestUpdate(sha_, data->data(), data->size());
      if (absl::Status s = send_(chunk_); !s.ok()) return s;
      at += static_cast<int64_t>(n);
    }
    // Not supported everywhere; the bytes are then merely left for the
    // file's removal.
    fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, from, to - from);
    return absl::OkStatus();
  }

 private:
  const int fd_;
  EVP_MD_CTX* const sha_;
  const std::function<absl::Status(const v1::SnapshotChunk&)>& send_;
  v1::SnapshotChunk chunk_;
};

constexpr char kSchemaVersionSql[] = "SELECT value FROM meta WHERE key = 'schema_version'";

}  // namespace

absl::StatusOr<v1::SnapshotMetadata> StreamSnapshotWhileCopying(
    const std::string& source_path, const std::string& tmp_dir, const DatabaseProfile& profile,
    const std::function<absl::Status(const v1::SnapshotChunk&)>& send, int64_t step_bytes) {
  std::error_code ec;
  std::filesystem::create_directories(tmp_dir, ec);
  if (ec) return UnavailableError(absl::StrCat("cannot create ", tmp_dir, ": ", ec.message()));
  const absl::Time taken = absl::Now();

  Connection source;
  int rc = sqlite3_open_v2(source_path.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "open the database", source.db);
  sqlite3_busy_timeout(source.db, 5000);
  // One read transaction from the metadata's first query to the backup's
  // last step: the backup uses a transaction it finds open rather than one
  // per step (which would start over whenever a writer commits), so the
  // metadata and every page are of the same moment.
  rc = sqlite3_exec(source.db, "BEGIN", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "read the database", source.db);

  v1::SnapshotMetadata metadata;
  metadata.set_database_kind(profile.kind);
  auto version = QueryText(source.db, kSchemaVersionSql);
  if (!version.ok()) return version.status();
  metadata.set_schema_version(version->has_value() ? std::atoi((*version)->c_str()) : 0);
  auto id = QueryText(source.db, profile.database_id_sql);
  if (!id.ok()) return id.status();
  if (id->has_value()) metadata.set_database_id(**id);
  auto sequence = QueryText(source.db, profile.sequence_sql);
  if (!sequence.ok()) return sequence.status();
  if (sequence->has_value()) metadata.set_sequence(std::atoll((*sequence)->c_str()));
  auto page_size = QueryInteger(source.db, "PRAGMA page_size");
  if (!page_size.ok()) return page_size.status();
  auto page_count = QueryInteger(source.db, "PRAGMA page_count");
  if (!page_count.ok()) return page_count.status();
  metadata.set_size_bytes(*page_size * *page_count);
  metadata.set_deferred_head_bytes(*page_size);
  *metadata.mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(taken));

  CopyFiles copy{NewCopyPath(tmp_dir)};
  Connection dest;
  rc = sqlite3_open_v2(copy.path.c_str(), &dest.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "create the copy", dest.db);
  // The copy is read as it is written and then removed: no fsync.
  rc = sqlite3_exec(dest.db, "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "create the copy", dest.db);
  copy.fd = open(copy.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (copy.fd < 0) return UnavailableError(absl::StrCat("cannot read the copy: ", strerror(errno)));

  sqlite3_backup* backup = sqlite3_backup_init(dest.db, "main", source.db, "main");
  if (backup == nullptr) {
    return sqlite::StatusFromSqlite(sqlite3_errcode(dest.db), "start the copy", dest.db);
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> sha(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(sha.get(), EVP_sha256(), nullptr);
  DataSender sender(copy.fd, sha.get(), send);
  const int64_t head = *page_size;
  absl::Status failed;
  {
    v1::SnapshotChunk chunk;
    *chunk.mutable_metadata() = metadata;
    failed = send(chunk);
  }
  // Bytes before `sent` are on their way; pages up to the last step's are
  // in the file once the copy's cache is flushed (the first page excepted:
  // the backup holds it until it commits).
  int64_t sent = head;
  const int pages_per_step = static_cast<int>(std::max<int64_t>(1, step_bytes / head));
  while (failed.ok()) {
    rc = sqlite3_backup_step(backup, pages_per_step);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
      failed = sqlite::StatusFromSqlite(rc, "copy the database", dest.db);
      break;
    }
    if (rc == SQLITE_DONE) break;
    rc = sqlite3_db_cacheflush(dest.db);
    if (rc != SQLITE_OK) {
      failed = sqlite::StatusFromSqlite(rc, "write the copy", dest.db);
      break;
    }
    const int64_t copied =
        static_cast<int64_t>(sqlite3_backup_pagecount(backup) - sqlite3_backup_remaining(backup));
    failed = sender.Send(sent, copied * head);
    sent = std::max(sent, copied * head);
  }
  const int finish = sqlite3_backup_finish(backup);
  if (!failed.ok()) return failed;
  if (finish != SQLITE_OK) return sqlite::StatusFromSqlite(finish, "copy the database", dest.db);
  sqlite3_exec(source.db, "COMMIT", nullptr, nullptr, nullptr);
  rc = sqlite3_close_v2(dest.db);
  dest.db = nullptr;
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "close the copy", nullptr);

  struct stat st;
  if (fstat(copy.fd, &st) != 0 || st.st_size != metadata.size_bytes()) {
    return UnavailableError(absl::StrCat("the copy is ", static_cast<int64_t>(st.st_size),
                                         " bytes, not the ", metadata.size_bytes(),
                                         " its source holds"));
  }
  if (absl::Status s = sender.Send(sent, metadata.size_bytes()); !s.ok()) return s;
  v1::SnapshotChunk end_chunk;
  v1::SnapshotEnd* end = end_chunk.mutable_end();
  if (absl::Status s = ReadRange(copy.fd, 0, static_cast<size_t>(head), *end->mutable_head());
      !s.ok()) {
    return s;
  }
  // The source's header says WAL; the copy stands alone with a rollback
  // journal (what PRAGMA journal_mode=DELETE would write here).
  if (end->head().size() > kHeaderFormatVersions + 1) {
    (*end->mutable_head())[kHeaderFormatVersions] = 1;
    (*end->mutable_head())[kHeaderFormatVersions + 1] = 1;
  }
  EVP_DigestUpdate(sha.get(), end->head().data(), end->head().size());
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(sha.get(), hash, &length);
  end->set_sha256(
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(hash), length)));
  metadata.set_sha256(end->sha256());
  if (absl::Status s = send(end_chunk); !s.ok()) return s;
  return metadata;
}

}  // namespace civicwatch::snapshot

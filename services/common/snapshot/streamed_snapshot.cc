#include "services/common/snapshot/streamed_snapshot.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/errors.h"
#include "services/common/snapshot/backup_start.h"
#include "services/common/snapshot/page_queue_vfs.h"
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

// Takes bytes of the copy from its queue, digests them and sends them, in
// chunks.
class DataSender {
 public:
  DataSender(PageQueue& queue, EVP_MD_CTX* sha,
             const std::function<absl::Status(const v1::SnapshotChunk&)>& send)
      : queue_(queue), sha_(sha), send_(send) {}

  absl::Status Send(int64_t from, int64_t to) {
    for (int64_t at = from; at < to;) {
      const int64_t n = std::min<int64_t>(to - at, kChunkBytes);
      chunk_.Clear();
      std::string* data = chunk_.mutable_data();
      if (absl::Status s = queue_.Take(at, at + n, *data); !s.ok()) return s;
      EVP_DigestUpdate(sha_, data->data(), data->size());
      if (absl::Status s = send_(chunk_); !s.ok()) return s;
      at += n;
    }
    return absl::OkStatus();
  }

 private:
  PageQueue& queue_;
  EVP_MD_CTX* const sha_;
  const std::function<absl::Status(const v1::SnapshotChunk&)>& send_;
  v1::SnapshotChunk chunk_;
};

constexpr char kSchemaVersionSql[] = "SELECT value FROM meta WHERE key = 'schema_version'";

}  // namespace

absl::StatusOr<v1::SnapshotMetadata> StreamSnapshotWhileCopying(
    const std::string& source_path, const DatabaseProfile& profile,
    const std::function<absl::Status(const v1::SnapshotChunk&)>& send, int64_t step_bytes) {
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

  // The copy's pages wait in memory until sent; it needs no journal (a
  // copy that fails is dropped whole).
  PageQueue queue;
  Connection dest;
  rc = OpenQueuedDatabase("snapshot", &queue, &dest.db);
  if (rc != SQLITE_OK) return sqlite::StatusFromSqlite(rc, "create the copy", dest.db);
  auto started = StartBackup(source.db, dest.db, "PRAGMA journal_mode=OFF");
  if (!started.ok()) return started.status();
  sqlite3_backup* backup = *started;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> sha(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(sha.get(), EVP_sha256(), nullptr);
  DataSender sender(queue, sha.get(), send);
  const int64_t head = *page_size;
  absl::Status failed;
  {
    v1::SnapshotChunk chunk;
    *chunk.mutable_metadata() = metadata;
    failed = send(chunk);
  }
  // Bytes before `sent` are on their way; pages up to the last step's are
  // in the queue once the copy's cache is flushed (the first page excepted:
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
  if (queue.size() != metadata.size_bytes()) {
    return UnavailableError(absl::StrCat("the copy is ", queue.size(), " bytes, not the ",
                                         metadata.size_bytes(), " its source holds"));
  }
  if (absl::Status s = sender.Send(sent, metadata.size_bytes()); !s.ok()) return s;
  v1::SnapshotChunk end_chunk;
  v1::SnapshotEnd* end = end_chunk.mutable_end();
  if (absl::Status s = queue.Take(0, head, *end->mutable_head()); !s.ok()) return s;
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

// Consistent point-in-time copies of a live SQLite database, and the checks
// a copy must pass before it is used.
//
// A copy is taken with SQLite's online backup API in one step from a
// read-only connection: it reads the database inside one read transaction,
// so it holds exactly the commits made before it started, while writers
// go on committing to the write-ahead log and readers go on reading. The
// copy is a standalone file (rollback journal, not WAL).
//
// Both services keep a table meta(key, value) holding "schema_version"; a
// DatabaseProfile says where the rest of the metadata lives.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_DATABASE_SNAPSHOT_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_DATABASE_SNAPSHOT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civicwatch/v1/snapshot.pb.h"

namespace civicwatch::snapshot {

// What differs between the databases that snapshots are taken of.
struct DatabaseProfile {
  v1::DatabaseKind kind = v1::DATABASE_KIND_UNSPECIFIED;
  // The schema version this program reads and writes.
  int schema_version = 0;
  // A query returning one integer: the database's feed sequence.
  std::string sequence_sql;
  // A query returning the database identity as text (no row: none).
  std::string database_id_sql;
};

// A copy in a temporary file, removed when this object is destroyed.
class TakenSnapshot {
 public:
  TakenSnapshot(std::string path, v1::SnapshotMetadata metadata)
      : path_(std::move(path)), metadata_(std::move(metadata)) {}
  ~TakenSnapshot();
  TakenSnapshot(const TakenSnapshot&) = delete;
  TakenSnapshot& operator=(const TakenSnapshot&) = delete;

  const std::string& path() const { return path_; }
  const v1::SnapshotMetadata& metadata() const { return metadata_; }
  void set_metadata(v1::SnapshotMetadata metadata) { metadata_ = std::move(metadata); }

 private:
  std::string path_;
  v1::SnapshotMetadata metadata_;
};

// Copies the database at `source_path` into a new file in `tmp_dir`
// (created if missing) and describes it: the metadata is read from the
// copy itself, so it matches the bytes exactly. UNAVAILABLE when the
// source cannot be read or the copy written; RESOURCE_EXHAUSTED when the
// disk is full. Nothing is left in `tmp_dir` on error.
absl::StatusOr<std::unique_ptr<TakenSnapshot>> TakeSnapshot(const std::string& source_path,
                                                            const std::string& tmp_dir,
                                                            const DatabaseProfile& profile);

// How CheckSnapshot examines the database's pages.
enum class PageCheck {
  // PRAGMA integrity_check: every page, and every index entry against its
  // table's row (reads each index once per row: several times the CPU of
  // kQuick on a large replica).
  kIntegrity,
  // PRAGMA quick_check: every page and every b-tree's structure, but no
  // index matched against its table (one pass). Enough for a copy whose SHA-256 shows it to be byte for byte
  // the database its sender serves from.
  kQuick,
};

struct CheckOptions {
  PageCheck pages = PageCheck::kIntegrity;
  // The size and SHA-256 were checked as the bytes were written
  // (SnapshotReceiver::Finish): do not read the file again for them.
  bool digest_checked = false;
};

// Checks the database file at `path` against `metadata` and `profile`: its
// kind, its size and SHA-256, its pages (`options`), and that the schema
// version stored in it is the one in `metadata` and the one this program
// knows. FAILED_PRECONDITION saying what does not match; UNAVAILABLE when
// the file cannot be read.
absl::Status CheckSnapshot(const std::string& path, const v1::SnapshotMetadata& metadata,
                           const DatabaseProfile& profile, const CheckOptions& options = {});

// A new file name in `tmp_dir` for a copy ("snapshot-PID-N.db"), one that
// RemoveAbandonedSnapshots knows for a copy.
std::string NewCopyPath(const std::string& tmp_dir);

// Removes the copies TakeSnapshot left in `tmp_dir` for processes that no
// longer run (a server killed with SIGKILL in the middle of handing out a
// snapshot leaves its copy, as large as the database). A copy's name holds
// the process id that made it; copies of running processes other than
// this one (a --snapshot_to run beside a server) are kept, so call it
// before this process takes copies of its own. Returns how many
// files were removed.
int RemoveAbandonedSnapshots(const std::string& tmp_dir);

// SHA-256 of the file at `path` as 64 lowercase hex digits, and its size.
struct FileDigest {
  int64_t size = 0;
  std::string sha256;
};
absl::StatusOr<FileDigest> DigestFile(const std::string& path);

}  // namespace civicwatch::snapshot

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_DATABASE_SNAPSHOT_H_

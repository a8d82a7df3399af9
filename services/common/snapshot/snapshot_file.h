// Snapshot files and snapshot streams.
//
// A snapshot file is a database copy with its description in front:
//
//   "CIVICWATCH-SNAPSHOT 1\n"             (the magic line, 22 bytes)
//   4 bytes: length N of the metadata, big-endian
//   N bytes: civicwatch.v1.SnapshotMetadata, serialised
//   metadata.size_bytes bytes: the SQLite database file
//
// so a backup carries its own checksum, sequence, identity and schema
// version. (`tail -c SIZE FILE > copy.db` gives the bare database.)
//
// A snapshot stream is the metadata chunk followed by the database bytes
// (civicwatch.v1.SnapshotChunk), or, with a deferred head, by the bytes
// after the head and then the head and the SHA-256 (a SnapshotEnd).
// SnapshotReceiver writes either to disk, atomically (atomic_file.h), and
// checks size and SHA-256 as it arrives.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_SNAPSHOT_FILE_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_SNAPSHOT_FILE_H_

#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/snapshot.pb.h"
#include "services/common/snapshot/atomic_file.h"
#include "services/common/snapshot/database_snapshot.h"

namespace civicwatch::snapshot {

inline constexpr absl::string_view kSnapshotMagic = "CIVICWATCH-SNAPSHOT 1\n";
// Metadata larger than this is refused: a real one is a few hundred bytes.
inline constexpr size_t kMaxMetadataBytes = 64 << 10;
// The database bytes per SnapshotChunk on a stream.
inline constexpr size_t kChunkBytes = 1 << 20;
// A deferred head longer than this is refused: it is one database page,
// and SQLite's largest page is 64 KiB.
inline constexpr int64_t kMaxDeferredHeadBytes = 64 << 10;

// The magic line, the length and the metadata.
std::string EncodeSnapshotHeader(const v1::SnapshotMetadata& metadata);

// Parses the header at the start of `bytes`. Sets `*header_size` to its
// length. FAILED_PRECONDITION when `bytes` is not a snapshot file (wrong
// magic, metadata too long or undecodable, a negative size) or is shorter
// than its header.
absl::StatusOr<v1::SnapshotMetadata> ParseSnapshotHeader(absl::string_view bytes,
                                                        size_t* header_size);

// Copies the database out of the snapshot file `file` into `db_path`
// (atomically: nothing is left under `db_path` unless every check passed)
// and checks it against its metadata and `profile` (CheckSnapshot).
// Returns the metadata. FAILED_PRECONDITION naming what is wrong with the
// file; UNAVAILABLE when it cannot be read or the copy written.
absl::StatusOr<v1::SnapshotMetadata> ExtractSnapshotFile(const std::string& file,
                                                        const std::string& db_path,
                                                        const DatabaseProfile& profile);

// Writes a snapshot stream to `target`: as a snapshot file, or as the bare
// database. Not thread-safe.
class SnapshotReceiver {
 public:
  enum class Layout { kSnapshotFile, kDatabaseOnly };

  // UNAVAILABLE when the temporary file beside `target` cannot be made.
  static absl::StatusOr<std::unique_ptr<SnapshotReceiver>> Create(const std::string& target,
                                                                  Layout layout);
  ~SnapshotReceiver();

  // Takes the next chunk. FAILED_PRECONDITION when the stream is out of
  // form: no metadata first, metadata twice, more bytes than announced, an
  // end on a stream without a deferred head or before every byte, a head
  // of another length than announced, anything after the end, a deferred
  // head for the kSnapshotFile layout.
  absl::Status Add(const v1::SnapshotChunk& chunk);

  // Checks that every announced byte arrived (and the end, on a stream
  // with a deferred head) and that their SHA-256 is the announced one
  // (FAILED_PRECONDITION otherwise), then puts the file under the target
  // name. Returns the metadata, with the SHA-256 the stream carried.
  absl::StatusOr<v1::SnapshotMetadata> Finish();

  // The metadata, once received.
  const std::optional<v1::SnapshotMetadata>& metadata() const { return metadata_; }
  int64_t bytes_received() const { return received_; }

 private:
  SnapshotReceiver(AtomicFile file, Layout layout);

  AtomicFile file_;
  const Layout layout_;
  std::optional<v1::SnapshotMetadata> metadata_;
  int64_t received_ = 0;
  bool ended_ = false;  // a SnapshotEnd came
  EVP_MD_CTX* sha_ = nullptr;
};

}  // namespace civicwatch::snapshot

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_SNAPSHOT_FILE_H_

// Sending a consistent point-in-time copy of a live SQLite database while
// the copy is still being taken.
//
// TakeSnapshot (database_snapshot.h) writes the whole copy and reads it
// back for its SHA-256 before the first byte can go out.
// StreamSnapshotWhileCopying sends the bytes as they are copied: SQLite's
// online backup API copies the pages in order, a few MiB per step, inside
// one read transaction of the source held from the first step to the
// last, so the copy is still exactly the database as of that
// transaction's start while writers go on committing. The copy is no file
// but a queue in memory (page_queue_vfs.h): after each step its pages are
// flushed into the queue, taken out and sent. Every page but the first is
// written once, so it is final when flushed. The first page (the database
// header, which SQLite rewrites when the copy commits) is sent last as the
// stream's deferred head (civicwatch.v1.SnapshotMetadata.
// deferred_head_bytes), with the SHA-256 of the bytes in the order sent.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAMED_SNAPSHOT_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAMED_SNAPSHOT_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civicwatch/v1/snapshot.pb.h"
#include "services/common/snapshot/database_snapshot.h"

namespace civicwatch::snapshot {

// Copies the database at `source_path` and hands the stream to `send`, in
// order: a chunk with the metadata (read from the source in the copy's
// read transaction; no sha256, deferred_head_bytes set), chunks of at most
// kChunkBytes of data (the database after its head), and a chunk with the
// SnapshotEnd. The head says the database uses a rollback journal, as a
// copy handed around stands alone. Stops at the first error `send`
// returns and returns it. Otherwise returns the metadata with the SHA-256
// sent; UNAVAILABLE when the source cannot be read or copied. Holds about
// `step_bytes` (how much each backup step copies before it is sent) and
// SQLite's page cache in memory.
absl::StatusOr<v1::SnapshotMetadata> StreamSnapshotWhileCopying(
    const std::string& source_path, const DatabaseProfile& profile,
    const std::function<absl::Status(const v1::SnapshotChunk&)>& send,
    int64_t step_bytes = 8 << 20);

}  // namespace civicwatch::snapshot

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAMED_SNAPSHOT_H_

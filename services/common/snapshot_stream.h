// Sends snapshots over a server stream of civicwatch.v1.SnapshotChunk: a
// taken one (the metadata, then the database bytes in chunks of 1 MiB;
// AdminService.BackupDatabase), or the chunks of one sent while it is
// being taken (streamed_snapshot.h; QueryService.StreamReplicaSnapshot).
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAM_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAM_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/sync_stream.h>

#include <functional>

#include "absl/status/status.h"

#include "civicwatch/v1/snapshot.pb.h"
#include "services/common/snapshot/database_snapshot.h"

namespace civicwatch {

// OK once every byte was written; CANCELLED when the client went away,
// DEADLINE_EXCEEDED at the call's deadline, UNAVAILABLE when the copy
// cannot be read.
grpc::Status StreamSnapshot(grpc::ServerContext& context, const snapshot::TakenSnapshot& taken,
                            grpc::internal::WriterInterface<v1::SnapshotChunk>& writer);

// A `send` for snapshot::StreamSnapshotWhileCopying that writes each chunk
// on `writer` (both must outlive it): CANCELLED when the client went away,
// DEADLINE_EXCEEDED once the call's deadline has passed.
std::function<absl::Status(const v1::SnapshotChunk&)> ChunkWriter(
    grpc::ServerContext& context, grpc::internal::WriterInterface<v1::SnapshotChunk>& writer);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAM_H_

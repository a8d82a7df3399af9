// Sends a taken snapshot over a server stream of civicwatch.v1.SnapshotChunk:
// the metadata, then the database bytes in chunks of 1 MiB. Shared by
// AdminService.BackupDatabase (ingest) and QueryService.StreamReplicaSnapshot.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAM_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAM_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/sync_stream.h>

#include "civicwatch/v1/snapshot.pb.h"
#include "services/common/snapshot/database_snapshot.h"

namespace civicwatch {

// OK once every byte was written; CANCELLED when the client went away,
// DEADLINE_EXCEEDED at the call's deadline, UNAVAILABLE when the copy
// cannot be read.
grpc::Status StreamSnapshot(grpc::ServerContext& context, const snapshot::TakenSnapshot& taken,
                            grpc::internal::WriterInterface<v1::SnapshotChunk>& writer);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_STREAM_H_

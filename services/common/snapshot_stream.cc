#include "services/common/snapshot_stream.h"

#include <fstream>
#include <string>

#include "absl/time/clock.h"
#include "services/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/snapshot/snapshot_file.h"

namespace civicwatch {

grpc::Status StreamSnapshot(grpc::ServerContext& context, const snapshot::TakenSnapshot& taken,
                            grpc::internal::WriterInterface<v1::SnapshotChunk>& writer) {
  const absl::Time deadline = absl::FromChrono(context.deadline());
  v1::SnapshotChunk chunk;
  *chunk.mutable_metadata() = taken.metadata();
  if (!writer.Write(chunk)) return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
  std::ifstream in(taken.path(), std::ios::binary);
  if (!in) return ToGrpcStatus(UnavailableError("cannot read the snapshot"));
  std::string buffer(snapshot::kChunkBytes, '\0');
  int64_t sent = 0;
  while (sent < taken.metadata().size_bytes()) {
    if (context.IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
    if (absl::Now() >= deadline) {
      return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                          "the snapshot was not sent before the call's deadline");
    }
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) return ToGrpcStatus(UnavailableError("cannot read the snapshot"));
    chunk.Clear();
    chunk.set_data(buffer.data(), static_cast<size_t>(n));
    if (!writer.Write(chunk)) return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
    sent += n;
  }
  return grpc::Status::OK;
}

std::function<absl::Status(const v1::SnapshotChunk&)> ChunkWriter(
    grpc::ServerContext& context, grpc::internal::WriterInterface<v1::SnapshotChunk>& writer) {
  const absl::Time deadline = absl::FromChrono(context.deadline());
  return [&context, &writer, deadline](const v1::SnapshotChunk& chunk) -> absl::Status {
    if (context.IsCancelled()) return CancelledError("the client went away");
    if (absl::Now() >= deadline) {
      return DeadlineExceededError("the snapshot was not sent before the call's deadline");
    }
    if (!writer.Write(chunk)) return CancelledError("the client went away");
    return absl::OkStatus();
  };
}

}  // namespace civicwatch

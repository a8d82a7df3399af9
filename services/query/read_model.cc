// ReadModel: opening and applying the feed. The queries are in
// read_model_queries.cc.
#include "services/common/snapshot/streamed_snapshot.h"
#include "services/query/read_model.h"

#include "services/query/read_model_schema.h"
#include "services/query/replica_writer.h"

namespace civicwatch::query {

ReadModel::ReadModel(std::unique_ptr<ReplicaWriter> writer, const std::string& path,
                     int idle_readers)
    : path_(path),
      cursor_(writer->cursor()),
      source_database_id_(writer->source_database_id()),
      writer_(std::move(writer)),
      readers_(path, idle_readers) {}

ReadModel::~ReadModel() = default;

absl::StatusOr<std::unique_ptr<ReadModel>> ReadModel::Open(const std::string& path,
                                                           const Options& options) {
  auto writer = ReplicaWriter::Open(path, options.rebuild);
  if (!writer.ok()) return writer.status();
  std::unique_ptr<ReadModel> model(
      new ReadModel(std::move(*writer), path, options.idle_readers));
  // Fail now, not on the first query, if readers cannot open the file.
  auto probe = model->readers_.Acquire(absl::InfiniteFuture());
  if (!probe.ok()) return probe.status();
  return model;
}

absl::Status ReadModel::Apply(const v1::WatchChangesResponse& batch) {
  absl::MutexLock lock(&write_mu_);
  if (writer_ == nullptr) {
    // A failed Rebuild left no writer: try again from scratch.
    auto writer = ReplicaWriter::Open(path_, /*rebuild=*/true);
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
  }
  absl::Status s = writer_->Apply(batch);
  cursor_.store(writer_->cursor());
  absl::MutexLock id_lock(&id_mu_);
  source_database_id_ = writer_->source_database_id();
  return s;
}

snapshot::DatabaseProfile ReadModel::SnapshotProfile() {
  return {v1::DATABASE_KIND_QUERY_REPLICA, kSchemaVersion,
          /*sequence_sql=*/"SELECT COALESCE((SELECT value FROM meta WHERE key = 'cursor'), 0)",
          /*database_id_sql=*/"SELECT value FROM meta WHERE key = 'source_database_id'"};
}

absl::StatusOr<v1::SnapshotMetadata> ReadModel::StreamSnapshot(
    const std::function<absl::Status(const v1::SnapshotChunk&)>& send) const {
  return snapshot::StreamSnapshotWhileCopying(path_, SnapshotProfile(), send);
}

std::string ReadModel::source_database_id() const {
  absl::MutexLock lock(&id_mu_);
  return source_database_id_;
}

absl::Status ReadModel::Rebuild() {
  absl::MutexLock lock(&write_mu_);
  writer_.reset();  // Closes the writing connection (committing what it holds).
  auto writer = ReplicaWriter::Open(path_, /*rebuild=*/true);
  if (!writer.ok()) return writer.status();
  writer_ = std::move(*writer);
  cursor_.store(writer_->cursor());
  absl::MutexLock id_lock(&id_mu_);
  source_database_id_ = writer_->source_database_id();
  return absl::OkStatus();
}

}  // namespace civicwatch::query

// ReadModel: opening and applying the feed. The queries are in
// read_model_queries.cc.
#include "services/query/read_model.h"

#include "services/query/replica_writer.h"

namespace civicwatch::query {

ReadModel::ReadModel(std::unique_ptr<ReplicaWriter> writer, const std::string& path,
                     int idle_readers)
    : cursor_(writer->cursor()), writer_(std::move(writer)), readers_(path, idle_readers) {}

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
  absl::Status s = writer_->Apply(batch);
  cursor_.store(writer_->cursor());
  return s;
}

}  // namespace civicwatch::query

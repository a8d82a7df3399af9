#include "services/ingest/change_feed_service.h"

#include <algorithm>

#include "absl/time/time.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/request_size.h"

namespace civicwatch::ingest {
namespace {

constexpr int kDefaultBatch = 500;
constexpr int kMaxBatch = 5000;
// An idle follower hears from the feed this often, so it can tell a quiet
// feed from a dead connection.
constexpr absl::Duration kHeartbeat = absl::Seconds(1);

}  // namespace

grpc::Status ChangeFeedServiceImpl::WatchChanges(
    grpc::ServerContext* context, const v1::WatchChangesRequest* request,
    grpc::ServerWriter<v1::WatchChangesResponse>* writer) {
  if (absl::Status s = CheckRequestSize(*request, kDefaultMaxRequestBytes); !s.ok()) {
    return ToGrpcStatus(s);
  }
  if (auto caller = auth::Authorize(*context, auth::kFeedRead); !caller.ok()) {
    return ToGrpcStatus(caller.status());
  }
  if (request->after_sequence() < 0) {
    return ToGrpcStatus(InvalidFieldError("after_sequence", "must not be negative"));
  }
  if (request->max_batch_size() < 0) {
    return ToGrpcStatus(InvalidFieldError("max_batch_size", "must not be negative"));
  }
  const int batch = request->max_batch_size() == 0
                        ? kDefaultBatch
                        : std::min(request->max_batch_size(), kMaxBatch);
  int64_t cursor = request->after_sequence();
  while (!context->IsCancelled()) {
    auto changes = store_->ReadChanges(cursor, batch);
    if (!changes.ok()) return ToGrpcStatus(changes.status());
    // The head is read after the changes: a commit landing between the two
    // reads is then counted, so a follower handed the first part of a
    // large commit learns how far behind it is.
    const int64_t head = store_->HeadSequence();
    v1::WatchChangesResponse response;
    // The true head, even when it is below the follower's cursor: that is
    // how a follower of a restored or replaced store finds out.
    response.set_head_sequence(changes->empty() ? head : std::max(head, changes->back().sequence()));
    response.set_database_id(store_->database_id());
    for (auto& c : *changes) *response.add_changes() = std::move(c);
    if (!response.changes().empty()) cursor = response.changes().rbegin()->sequence();
    const bool caught_up = response.changes_size() < batch;
    if (!writer->Write(response)) break;  // the follower went away
    if (caught_up) {
      // Wait for new changes; with none, the next turn sends an empty batch
      // as a heartbeat.
      store_->WaitForChangesAfter(cursor, kHeartbeat);
      if (store_->IsShuttingDown()) break;
    }
  }
  return grpc::Status::OK;
}

}  // namespace civicwatch::ingest

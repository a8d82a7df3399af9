#include "services/query/synthetic_feed_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace civicwatch::query::testing {

grpc::Status SyntheticFeedService::WatchChanges(
    grpc::ServerContext* context, const v1::WatchChangesRequest* request,
    grpc::ServerWriter<v1::WatchChangesResponse>* writer) {
  const int batch_size =
      request->max_batch_size() > 0 ? std::min(request->max_batch_size(), 5000) : 500;
  SyntheticFeed feed(options_);
  // A caller already at the head (a replica bootstrapped from a copy) gets
  // the heartbeat at once, as from ingest, not after the whole feed has
  // been generated again to be skipped.
  while (request->after_sequence() < feed.head_sequence() && !context->IsCancelled()) {
    v1::WatchChangesResponse batch = feed.NextBatch(batch_size);
    if (batch.changes().empty()) break;
    // What the caller has already applied is left out, as ingest would.
    auto* changes = batch.mutable_changes();
    changes->erase(std::remove_if(changes->begin(), changes->end(),
                                  [&](const v1::Change& change) {
                                    return change.sequence() <= request->after_sequence();
                                  }),
                   changes->end());
    if (batch.changes().empty()) continue;
    if (!writer->Write(batch)) return grpc::Status::OK;
  }
  v1::WatchChangesResponse heartbeat;
  heartbeat.set_head_sequence(feed.head_sequence());
  while (!context->IsCancelled() && writer->Write(heartbeat)) {
    absl::SleepFor(absl::Seconds(1));
  }
  return grpc::Status::OK;
}

ServedFeed ServeOnLoopback(SyntheticFeedService& feed) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&feed);
  ServedFeed served;
  served.server = builder.BuildAndStart();
  served.address = absl::StrCat("127.0.0.1:", port);
  return served;
}

}  // namespace civicwatch::query::testing

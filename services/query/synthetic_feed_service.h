// A ChangeFeed server over SyntheticFeed (synthetic_feed.h), for the
// benchmark: the query service's own FeedFollower catches up from it over
// loopback gRPC, as it would from an ingest service holding that feed.
//
// Each WatchChanges call generates the feed from its start (the same seed,
// so the same changes), skips what the caller already has, streams the rest
// in batches of the requested size (500 when unset, at most 5000), and then
// sends an empty batch (the feed's heartbeat) every second until the call
// is cancelled.
#ifndef CIVICWATCH_SERVICES_QUERY_SYNTHETIC_FEED_SERVICE_H_
#define CIVICWATCH_SERVICES_QUERY_SYNTHETIC_FEED_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "civicwatch/v1/feed.grpc.pb.h"
#include "services/query/synthetic_feed.h"

namespace civicwatch::query::testing {

class SyntheticFeedService final : public v1::ChangeFeed::Service {
 public:
  explicit SyntheticFeedService(SyntheticFeed::Options options) : options_(options) {}

  grpc::Status WatchChanges(grpc::ServerContext* context,
                            const v1::WatchChangesRequest* request,
                            grpc::ServerWriter<v1::WatchChangesResponse>* writer) override;

 private:
  const SyntheticFeed::Options options_;
};

// A running server of one SyntheticFeedService on a free loopback port.
struct ServedFeed {
  std::unique_ptr<grpc::Server> server;  // nullptr when it could not start
  std::string address;                   // "127.0.0.1:PORT"
};

// Serves `feed` (which must outlive the server) on a free loopback port.
ServedFeed ServeOnLoopback(SyntheticFeedService& feed);

}  // namespace civicwatch::query::testing

#endif  // CIVICWATCH_SERVICES_QUERY_SYNTHETIC_FEED_SERVICE_H_

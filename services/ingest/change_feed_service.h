// gRPC handler of civicwatch.v1.ChangeFeed: streams the ingest store's
// change log to followers, then tails it.
#ifndef CIVICWATCH_SERVICES_INGEST_CHANGE_FEED_SERVICE_H_
#define CIVICWATCH_SERVICES_INGEST_CHANGE_FEED_SERVICE_H_

#include "civicwatch/v1/feed.grpc.pb.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

class ChangeFeedServiceImpl final : public v1::ChangeFeed::Service {
 public:
  // `store` is not owned and must outlive the service.
  explicit ChangeFeedServiceImpl(IngestStore* store) : store_(store) {}

  // Ends with OK when the client cancels or the server shuts down, with
  // UNAVAILABLE when the store cannot be read.
  grpc::Status WatchChanges(grpc::ServerContext* context, const v1::WatchChangesRequest* request,
                            grpc::ServerWriter<v1::WatchChangesResponse>* writer) override;

 private:
  IngestStore* store_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_CHANGE_FEED_SERVICE_H_

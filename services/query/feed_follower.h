// Follows the ingest service's change feed into the read model.
//
// A background thread calls ChangeFeed.WatchChanges(after_sequence = the
// replica's cursor), applies each batch (ReadModel::Apply stores the cursor
// with the changes), and when the stream ends or ingest cannot be reached,
// reconnects with exponential backoff (capped, with jitter). A stream that
// goes silent for longer than `idle_timeout` (ingest sends a heartbeat
// about every second) is cancelled and reopened; time spent applying a
// batch does not count as silence.
//
// Sequences count only under one source identity: a batch whose
// database_id differs from the one the replica holds, or whose head is
// below the replica's cursor, means the ingest store was restored from a
// backup or replaced, and the replica holds changes that the source no
// longer has. The follower then logs why, empties the replica
// (ReadModel::Rebuild) and follows the feed again from sequence 0.
//
// "Caught up" means the cursor has reached the head_sequence the feed
// reported. The first time that happens, `on_caught_up` runs once (the
// service then reports SERVING on its health service). With
// `max_serving_lag`, a replica that falls further behind than that (a
// large import upstream, a slow disk) is no longer caught up until its
// cursor reaches the head again (the service reports NOT_SERVING
// meanwhile, so load balancers send reads to replicas that are current). Queries are never
// blocked by the follower: while ingest is down they answer from the
// replica as it is.
//
// Thread-safe: Start() and Stop() from one owning thread; progress() from
// any.
#ifndef CIVICWATCH_SERVICES_QUERY_FEED_FOLLOWER_H_
#define CIVICWATCH_SERVICES_QUERY_FEED_FOLLOWER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "services/query/read_model.h"

namespace civicwatch::query {

class FeedFollower {
 public:
  struct Options {
    // host:port of the ingest service.
    std::string ingest_address;
    // Sent as "authorization: Bearer <token>" when not empty; ingest wants
    // the feed.read scope when it runs with authentication.
    std::string bearer_token;
    // PEM root certificates to reach ingest over TLS; plaintext when empty.
    std::string tls_root_certs;
    // PEM client certificate chain and its private key, presented to an
    // ingest that requires mutual TLS (--tls_client_ca); both or neither,
    // and only with tls_root_certs.
    std::string tls_cert_chain;
    std::string tls_private_key;
    // Backoff before the first reconnect, doubled after each failed attempt
    // up to max_backoff; each wait is drawn uniformly from [b/2, b].
    absl::Duration initial_backoff = absl::Milliseconds(200);
    absl::Duration max_backoff = absl::Seconds(10);
    // Reconnect when no batch (not even a heartbeat) arrives for this long.
    absl::Duration idle_timeout = absl::Seconds(15);
    // Changes per batch asked of ingest (0: ingest's default, 500). The
    // feed's maximum by default: each batch is one transaction, and fewer,
    // larger transactions make a catch-up from zero faster
    // (query_benchmark --batch measures it).
    int max_batch_size = 5000;
    // Once caught up, a replica more than this many changes behind the
    // head after applying a batch has fallen behind: `on_fell_behind` runs,
    // and `on_caught_up` again when its cursor reaches the head. 0: never.
    int64_t max_serving_lag = 0;
    // Runs on the follower's thread when the first catch-up is done, again
    // after each rebuild once caught up again, and after each fall behind
    // once caught up again.
    std::function<void()> on_caught_up;
    // Runs on the follower's thread when a caught-up replica falls more
    // than max_serving_lag changes behind.
    std::function<void()> on_fell_behind;
    // Runs on the follower's thread when the replica is rebuilt from zero
    // because its source was restored or replaced (see below).
    std::function<void()> on_rebuild;
  };

  // What the follower knows, for logs and operators.
  struct Progress {
    int64_t cursor = 0;         // last applied sequence
    int64_t head_sequence = 0;  // last head reported by ingest
    bool connected = false;     // a stream is open
    bool caught_up = false;     // caught up, and not fallen behind since
    // When ingest committed the newest change applied; InfinitePast until
    // the follower has applied one (it is not stored in the replica).
    absl::Time applied_commit_time = absl::InfinitePast();
    int64_t catch_ups = 0;     // times caught_up went from false to true
    int64_t falls_behind = 0;  // times it went from true to false by lag
    int64_t rebuilds = 0;   // times the replica was emptied to start again
  };

  // `model` must outlive the follower.
  FeedFollower(ReadModel* model, Options options);
  ~FeedFollower();  // Stops.
  FeedFollower(const FeedFollower&) = delete;
  FeedFollower& operator=(const FeedFollower&) = delete;

  // Starts the background thread.
  void Start();

  // Cancels the open stream, wakes any backoff wait and joins the thread.
  // Returns promptly; safe to call more than once.
  void Stop();

  Progress progress() const;

 private:
  void Run();
  // Follows one stream until it ends; true when a batch was received.
  bool FollowOnce(v1::ChangeFeed::Stub& stub);
  // Why the replica must start again from zero before applying `batch`;
  // empty when it need not.
  std::string ReasonToRebuild(const v1::WatchChangesResponse& batch) const;
  // Cancels the stream when it has been silent too long; runs until Stop.
  void WatchIdle();
  // Sleeps up to `d`; false when stopping.
  bool SleepUnlessStopping(absl::Duration d);

  ReadModel* const model_;
  const Options options_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::shared_ptr<grpc::ClientContext> context_ ABSL_GUARDED_BY(mu_);
  // When the last batch arrived or was applied, and whether one is being
  // applied: the idle watcher measures the feed's silence, not ours.
  absl::Time last_batch_ ABSL_GUARDED_BY(mu_);
  bool applying_ ABSL_GUARDED_BY(mu_) = false;
  Progress progress_ ABSL_GUARDED_BY(mu_);

  // Only the follower thread uses these: failures are logged once per
  // outage, then at most every kFailureLogInterval.
  bool failing_ = false;
  absl::Time last_failure_log_ = absl::InfinitePast();

  std::thread thread_;
  std::thread idle_watcher_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_FEED_FOLLOWER_H_

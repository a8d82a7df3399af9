#include "services/query/replica_metrics.h"

#include <algorithm>

namespace civicwatch::query {

void CollectReplicaMetrics(const FeedFollower::Progress& progress, absl::Time now,
                           metrics::Exposition& out) {
  out.Family("civicwatch_replica_lag_seconds", "gauge",
             "0 when caught up with the feed's head; while behind, age of the newest change "
             "applied (now minus its commit time at ingest).");
  if (progress.cursor >= progress.head_sequence) {
    out.Sample("civicwatch_replica_lag_seconds", {}, 0);
  } else if (progress.applied_commit_time != absl::InfinitePast()) {
    out.Sample("civicwatch_replica_lag_seconds", {},
               std::max(0.0, absl::ToDoubleSeconds(now - progress.applied_commit_time)));
  }
  out.Family("civicwatch_replica_catch_ups_total", "counter",
             "Times the replica caught up with the change feed (at start, after each rebuild).");
  out.Sample("civicwatch_replica_catch_ups_total", {}, static_cast<double>(progress.catch_ups));
  out.Family("civicwatch_replica_rebuilds_total", "counter",
             "Times the replica was emptied and refilled from sequence 0 because its source "
             "was restored or replaced.");
  out.Sample("civicwatch_replica_rebuilds_total", {}, static_cast<double>(progress.rebuilds));
}

}  // namespace civicwatch::query

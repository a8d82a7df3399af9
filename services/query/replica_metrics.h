// The replica's metric families beyond the ServerInfo gauges
// (server_info_metrics.h), from the feed follower's progress:
//
//   civicwatch_replica_lag_seconds    gauge: 0 when the replica has applied
//       every change up to the feed's head; while behind, seconds between
//       `now` and the commit time of the newest change applied. The head is
//       learnt with each applied batch, so this grows only during a real
//       catch-up, never from a quiet feed. Left out while behind when no
//       change has been applied since start-up (the replica does not store
//       commit times).
//   civicwatch_replica_catch_ups_total  counter: times the replica caught up
//       with the feed (once at start, once after each rebuild)
//   civicwatch_replica_rebuilds_total   counter: times the replica was
//       emptied and refilled from sequence 0 because its source was
//       restored or replaced
#ifndef CIVICWATCH_SERVICES_QUERY_REPLICA_METRICS_H_
#define CIVICWATCH_SERVICES_QUERY_REPLICA_METRICS_H_

#include "absl/time/time.h"
#include "services/common/metrics/exposition.h"
#include "services/query/feed_follower.h"

namespace civicwatch::query {

void CollectReplicaMetrics(const FeedFollower::Progress& progress, absl::Time now,
                           metrics::Exposition& out);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_REPLICA_METRICS_H_

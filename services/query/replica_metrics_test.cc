#include "services/query/replica_metrics.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace civicwatch::query {
namespace {

std::string Collect(const FeedFollower::Progress& progress, absl::Time now) {
  metrics::Exposition out;
  CollectReplicaMetrics(progress, now, out);
  return out.text();
}

TEST(ReplicaMetricsTest, CaughtUpIsZeroLagWhateverTheChangesAge) {
  FeedFollower::Progress progress;
  progress.cursor = 40;
  progress.head_sequence = 40;
  progress.applied_commit_time = absl::FromUnixSeconds(1000);
  progress.catch_ups = 2;
  progress.rebuilds = 1;
  const std::string text = Collect(progress, absl::FromUnixSeconds(5000));
  EXPECT_TRUE(absl::StrContains(text, "\ncivicwatch_replica_lag_seconds 0\n")) << text;
  EXPECT_TRUE(absl::StrContains(text, "\ncivicwatch_replica_catch_ups_total 2\n")) << text;
  EXPECT_TRUE(absl::StrContains(text, "\ncivicwatch_replica_rebuilds_total 1\n")) << text;
  EXPECT_TRUE(absl::StrContains(text, "# TYPE civicwatch_replica_lag_seconds gauge\n")) << text;
  EXPECT_TRUE(absl::StrContains(text, "# TYPE civicwatch_replica_catch_ups_total counter\n"))
      << text;
}

TEST(ReplicaMetricsTest, BehindIsTheAgeOfTheNewestAppliedChange) {
  FeedFollower::Progress progress;
  progress.cursor = 10;
  progress.head_sequence = 30;
  progress.applied_commit_time = absl::FromUnixSeconds(1000) + absl::Milliseconds(250);
  const std::string text = Collect(progress, absl::FromUnixSeconds(1007) + absl::Milliseconds(750));
  EXPECT_TRUE(absl::StrContains(text, "\ncivicwatch_replica_lag_seconds 7.5\n")) << text;
}

TEST(ReplicaMetricsTest, BehindWithNoChangeAppliedYetLeavesTheLagOut) {
  FeedFollower::Progress progress;
  progress.cursor = 10;
  progress.head_sequence = 30;
  const std::string text = Collect(progress, absl::FromUnixSeconds(1007));
  EXPECT_TRUE(absl::StrContains(text, "# TYPE civicwatch_replica_lag_seconds gauge\n")) << text;
  EXPECT_FALSE(absl::StrContains(text, "\ncivicwatch_replica_lag_seconds ")) << text;
}

}  // namespace
}  // namespace civicwatch::query

#include "services/common/server_info_metrics.h"

#include "services/common/metrics/process_metrics.h"

namespace civicwatch {

void CollectServerInfoMetrics(const std::function<absl::Status(v1::ServerInfo&)>& fill,
                              const std::string& db_path, bool replica,
                              metrics::Exposition& out) {
  metrics::CollectSqliteFileSizes(db_path, out);
  v1::ServerInfo info;
  if (!fill(info).ok()) return;
  auto gauge = [&out](const char* name, const char* help, double value) {
    out.Family(name, "gauge", help);
    out.Sample(name, {}, value);
  };
  gauge("civicwatch_reports", "Reports stored.", info.report_count());
  gauge("civicwatch_events", "Events stored.", info.event_count());
  gauge("civicwatch_entities", "Entities stored.", info.entity_count());
  gauge("civicwatch_feed_head_sequence",
        replica ? "Last change feed sequence the source reported." : "Change feed head sequence.",
        info.head_sequence());
  if (!replica) return;
  gauge("civicwatch_replica_applied_sequence", "Last change feed sequence applied to the replica.",
        info.applied_sequence());
  gauge("civicwatch_replica_lag_changes", "Changes on the feed not yet applied to the replica.",
        info.replica_lag());
  gauge("civicwatch_replica_caught_up", "1 once the replica has caught up with the feed.",
        info.caught_up() ? 1 : 0);
}

}  // namespace civicwatch

// The store's figures that GetServerInfo reports, as Prometheus gauges, so
// that /metrics and AdminService always agree: civicwatch_reports,
// civicwatch_events, civicwatch_entities, civicwatch_feed_head_sequence,
// civicwatch_sqlite_file_bytes and, for a replica (`replica` true),
// civicwatch_replica_applied_sequence, civicwatch_replica_lag_changes and
// civicwatch_replica_caught_up.
#ifndef CIVICWATCH_SERVICES_COMMON_SERVER_INFO_METRICS_H_
#define CIVICWATCH_SERVICES_COMMON_SERVER_INFO_METRICS_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "civicwatch/v1/admin.pb.h"
#include "services/common/metrics/exposition.h"

namespace civicwatch {

// Fills `info` (as the AdminService's InfoSource does) and writes its
// gauges; writes only the file sizes when `fill` fails.
void CollectServerInfoMetrics(const std::function<absl::Status(v1::ServerInfo&)>& fill,
                              const std::string& db_path, bool replica,
                              metrics::Exposition& out);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_SERVER_INFO_METRICS_H_

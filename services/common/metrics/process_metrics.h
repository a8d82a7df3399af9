// The standard process_* families (CPU, memory, file descriptors, start
// time), read from /proc/self at scrape time.
#ifndef CIVICWATCH_SERVICES_COMMON_METRICS_PROCESS_METRICS_H_
#define CIVICWATCH_SERVICES_COMMON_METRICS_PROCESS_METRICS_H_

#include <string>

#include "services/common/metrics/exposition.h"

namespace civicwatch::metrics {

// process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds,
// process_start_time_seconds. Families that cannot be read are left out.
void CollectProcessMetrics(Exposition& out);

// civicwatch_sqlite_file_bytes{file="database"|"wal"}: the sizes of the
// SQLite database at `db_path` and of its write-ahead log (0 when absent).
void CollectSqliteFileSizes(const std::string& db_path, Exposition& out);

}  // namespace civicwatch::metrics

#endif  // CIVICWATCH_SERVICES_COMMON_METRICS_PROCESS_METRICS_H_

// The ingest service's own metric families, recorded by the IngestService
// handlers and written on each scrape of /metrics:
//
//   civicwatch_normalize_input_bytes_total  counter: report body bytes
//       given to the normaliser (CreateReport and NormalizeReport)
//   civicwatch_normalize_duration_seconds   histogram: time the normaliser
//       took per report
//   civicwatch_import_records_total{outcome}  counter: ImportIncidents
//       records by outcome (created, updated, unchanged, rejected), counted
//       when the call succeeds, as its response reports them
//
// Recording is lock-free (metric_types.h). Thread-safe.
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_METRICS_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_METRICS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "services/common/metrics/exposition.h"
#include "services/common/metrics/metric_types.h"

namespace civicwatch::ingest {

class IngestMetrics {
 public:
  enum class ImportOutcome { kCreated = 0, kUpdated = 1, kUnchanged = 2, kRejected = 3 };

  IngestMetrics();

  // One run of the normaliser over `body_bytes` bytes, taking `seconds`.
  void RecordNormalize(uint64_t body_bytes, double seconds);
  // `n` import records ended with `outcome`.
  void RecordImport(ImportOutcome outcome, uint64_t n);

  void Collect(metrics::Exposition& out) const;

 private:
  metrics::Counter normalize_bytes_;
  metrics::Histogram normalize_seconds_;
  std::array<metrics::Counter, 4> import_records_;
};

// Buckets for the normaliser's time per report: 1 ms to 60 s (a 10 MB
// report takes seconds).
std::vector<double> NormalizeSecondsBuckets();

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_METRICS_H_

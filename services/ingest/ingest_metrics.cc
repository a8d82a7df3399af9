#include "services/ingest/ingest_metrics.h"

namespace civicwatch::ingest {
namespace {

constexpr const char* kOutcomeNames[] = {"created", "updated", "unchanged", "rejected"};

}  // namespace

std::vector<double> NormalizeSecondsBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}

IngestMetrics::IngestMetrics() : normalize_seconds_(NormalizeSecondsBuckets()) {}

void IngestMetrics::RecordNormalize(uint64_t body_bytes, double seconds) {
  normalize_bytes_.Increment(body_bytes);
  normalize_seconds_.Observe(seconds);
}

void IngestMetrics::RecordImport(ImportOutcome outcome, uint64_t n) {
  import_records_[static_cast<int>(outcome)].Increment(n);
}

void IngestMetrics::Collect(metrics::Exposition& out) const {
  out.Family("civicwatch_normalize_input_bytes_total", "counter",
             "Report body bytes given to the normaliser (CreateReport, NormalizeReport).");
  out.Sample("civicwatch_normalize_input_bytes_total", {},
             static_cast<double>(normalize_bytes_.Value()));
  out.Family("civicwatch_normalize_duration_seconds", "histogram",
             "Time the normaliser took per report.");
  out.HistogramSamples("civicwatch_normalize_duration_seconds", {}, normalize_seconds_);
  out.Family("civicwatch_import_records_total", "counter",
             "ImportIncidents records by outcome, as the successful calls' responses report "
             "them.");
  for (int i = 0; i < 4; ++i) {
    out.Sample("civicwatch_import_records_total", {{"outcome", kOutcomeNames[i]}},
               static_cast<double>(import_records_[i].Value()));
  }
}

}  // namespace civicwatch::ingest

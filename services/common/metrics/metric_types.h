// Lock-free counters and histograms for the Prometheus exposition. A
// recording is one relaxed atomic add (a histogram: two adds and a CAS on
// its sum), so they are cheap enough for every RPC; reading them for a
// scrape sees each value atomically, not all values at one instant.
#ifndef CIVICWATCH_SERVICES_COMMON_METRICS_METRIC_TYPES_H_
#define CIVICWATCH_SERVICES_COMMON_METRICS_METRIC_TYPES_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace civicwatch::metrics {

// A monotonically increasing count.
class Counter {
 public:
  void Increment(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// Observations counted into fixed buckets. `bounds` are the buckets' upper
// bounds, strictly increasing, without +Inf (added implicitly).
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);

  void Observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Per-bucket (not cumulative) counts; the last one counts values above
  // every bound.
  std::vector<uint64_t> BucketCounts() const;
  double Sum() const;
  uint64_t Count() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // bounds_.size() + 1
  std::atomic<uint64_t> sum_bits_{0};                // a double's bits
};

// Buckets for RPC latencies in seconds: 0.5 ms to 30 s.
std::vector<double> LatencyBuckets();

}  // namespace civicwatch::metrics

#endif  // CIVICWATCH_SERVICES_COMMON_METRICS_METRIC_TYPES_H_

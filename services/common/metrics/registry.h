// The set of collectors one process exposes on /metrics. Each collector
// writes its families when scraped, so gauges are computed from live state
// at scrape time rather than kept up to date on every change.
#ifndef CIVICWATCH_SERVICES_COMMON_METRICS_REGISTRY_H_
#define CIVICWATCH_SERVICES_COMMON_METRICS_REGISTRY_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/metrics/exposition.h"

namespace civicwatch::metrics {

using Collector = std::function<void(Exposition&)>;

class Registry {
 public:
  // Adds a collector; it is called on every scrape, from the metrics
  // server's thread, and must be safe to call concurrently with the
  // service's work.
  void Add(Collector collector);
  // Runs every collector in the order added; returns the exposition text.
  std::string Scrape() const;

 private:
  mutable absl::Mutex mu_;
  std::vector<Collector> collectors_ ABSL_GUARDED_BY(mu_);
};

}  // namespace civicwatch::metrics

#endif  // CIVICWATCH_SERVICES_COMMON_METRICS_REGISTRY_H_

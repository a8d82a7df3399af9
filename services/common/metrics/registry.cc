#include "services/common/metrics/registry.h"

namespace civicwatch::metrics {

void Registry::Add(Collector collector) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(collector));
}

std::string Registry::Scrape() const {
  Exposition out;
  absl::MutexLock lock(&mu_);
  for (const Collector& c : collectors_) c(out);
  return out.text();
}

}  // namespace civicwatch::metrics

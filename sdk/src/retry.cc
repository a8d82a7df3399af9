#include "retry.h"

#include <algorithm>
#include <cmath>

#include "absl/random/random.h"

namespace civicwatch::internal {

absl::Duration BackoffDelay(const BackoffPolicy& policy, int retry, double u) {
  // Grow in floating point and clamp before converting, so a large retry
  // number cannot overflow.
  double nominal = absl::ToDoubleSeconds(policy.initial) *
                   std::pow(policy.multiplier, std::max(retry, 0));
  nominal = std::min(nominal, absl::ToDoubleSeconds(policy.maximum));
  double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  u = std::clamp(u, 0.0, 1.0);
  return absl::Seconds(nominal * (1.0 - jitter * u));
}

absl::Duration BackoffDelay(const BackoffPolicy& policy, int retry) {
  // One generator per thread: no locking, and a Client shared by many
  // threads still draws independent jitter in each.
  thread_local absl::BitGen gen;
  return BackoffDelay(policy, retry, absl::Uniform(gen, 0.0, 1.0));
}

bool IsRetryable(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable;
}

}  // namespace civicwatch::internal

// Retry policy of the gRPC connection: which failures are retried, how long
// to wait between attempts, and the loop that ties them to a deadline.
// Internal to the SDK.
#ifndef CIVICWATCH_SDK_SRC_RETRY_H_
#define CIVICWATCH_SDK_SRC_RETRY_H_

#include <functional>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace civicwatch::internal {

// Exponential backoff with jitter. Before retry number n (0 for the first
// retry) the nominal wait is min(initial * multiplier^n, maximum); the
// actual wait is drawn uniformly from [nominal * (1 - jitter), nominal], so
// clients that failed together do not retry together.
struct BackoffPolicy {
  absl::Duration initial = absl::Milliseconds(100);
  absl::Duration maximum = absl::Seconds(5);
  double multiplier = 2.0;
  double jitter = 0.5;  // In [0, 1].
};

// The wait before retry number `retry` (from 0), for a uniform random
// draw `u` in [0, 1). Pure, so it can be tested without randomness.
absl::Duration BackoffDelay(const BackoffPolicy& policy, int retry, double u);

// The same with a draw from a per-thread random generator.
absl::Duration BackoffDelay(const BackoffPolicy& policy, int retry);

// Whether a failed attempt may be tried again: only UNAVAILABLE, which
// gRPC gives when the request did not reach a server or the connection
// broke, and the server uses for "try again later".
bool IsRetryable(const absl::Status& status);

// Everything a RetryLoop needs besides the attempt itself.
struct RetrySettings {
  int max_retries = 3;
  absl::Duration timeout = absl::Seconds(30);  // For all attempts together.
  BackoffPolicy backoff;
  // Seams for tests; real time by default.
  std::function<absl::Time()> now = [] { return absl::Now(); };
  std::function<void(absl::Duration)> sleep = [](absl::Duration d) {
    absl::SleepFor(d);
  };
  std::function<absl::Duration(int)> delay;  // Empty: BackoffDelay(backoff, n).
};

// Calls `attempt(deadline)` until it succeeds or fails for good, and
// returns its last result. It is retried only when `idempotent`, the error
// IsRetryable, fewer than max_retries retries were made, and the wait
// before the next attempt ends before the deadline (start + timeout),
// which every attempt shares.
template <typename T, typename Attempt>
absl::StatusOr<T> RetryLoop(const RetrySettings& settings, bool idempotent,
                            Attempt&& attempt) {
  const absl::Time deadline = settings.now() + settings.timeout;
  for (int retry = 0;; ++retry) {
    absl::StatusOr<T> result = attempt(deadline);
    if (result.ok() || !idempotent || !IsRetryable(result.status()) ||
        retry >= settings.max_retries) {
      return result;
    }
    absl::Duration wait = settings.delay ? settings.delay(retry)
                                         : BackoffDelay(settings.backoff, retry);
    if (settings.now() + wait >= deadline) return result;
    settings.sleep(wait);
  }
}

}  // namespace civicwatch::internal

#endif  // CIVICWATCH_SDK_SRC_RETRY_H_

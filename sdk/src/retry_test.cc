#include "retry.h"

#include <vector>

#include "gtest/gtest.h"

namespace civicwatch::internal {
namespace {

TEST(BackoffDelayTest, GrowsExponentiallyWithoutJitter) {
  BackoffPolicy policy;
  policy.initial = absl::Milliseconds(100);
  policy.multiplier = 2.0;
  policy.maximum = absl::Seconds(5);
  // u = 0 draws the top of the jitter interval: the nominal wait.
  EXPECT_EQ(BackoffDelay(policy, 0, 0.0), absl::Milliseconds(100));
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), absl::Milliseconds(200));
  EXPECT_EQ(BackoffDelay(policy, 2, 0.0), absl::Milliseconds(400));
}

TEST(BackoffDelayTest, IsCappedAtMaximumEvenForHugeRetryNumbers) {
  BackoffPolicy policy;
  policy.maximum = absl::Seconds(5);
  EXPECT_EQ(BackoffDelay(policy, 10, 0.0), absl::Seconds(5));
  EXPECT_EQ(BackoffDelay(policy, 100000, 0.0), absl::Seconds(5));
}

TEST(BackoffDelayTest, JitterStaysWithinBounds) {
  BackoffPolicy policy;
  policy.jitter = 0.5;
  for (int retry = 0; retry < 12; ++retry) {
    absl::Duration nominal = BackoffDelay(policy, retry, 0.0);
    EXPECT_GE(BackoffDelay(policy, retry, 0.999), nominal / 2 - absl::Nanoseconds(1));
    for (int i = 0; i < 200; ++i) {
      absl::Duration d = BackoffDelay(policy, retry);
      EXPECT_LE(d, nominal) << "retry " << retry;
      EXPECT_GE(d, nominal * 0.5 - absl::Nanoseconds(1)) << "retry " << retry;
    }
  }
}

TEST(BackoffDelayTest, RandomDrawsDiffer) {
  BackoffPolicy policy;
  absl::Duration first = BackoffDelay(policy, 3);
  bool differs = false;
  for (int i = 0; i < 50 && !differs; ++i) differs = BackoffDelay(policy, 3) != first;
  EXPECT_TRUE(differs);
}

TEST(IsRetryableTest, OnlyUnavailable) {
  EXPECT_TRUE(IsRetryable(absl::UnavailableError("x")));
  EXPECT_FALSE(IsRetryable(absl::DeadlineExceededError("x")));
  EXPECT_FALSE(IsRetryable(absl::InvalidArgumentError("x")));
  EXPECT_FALSE(IsRetryable(absl::InternalError("x")));
  EXPECT_FALSE(IsRetryable(absl::OkStatus()));
}

// A fake clock that sleeping advances, so no test waits.
struct FakeTime {
  absl::Time now = absl::UnixEpoch();
  std::vector<absl::Duration> sleeps;
  RetrySettings Settings(int max_retries, absl::Duration timeout) {
    RetrySettings s;
    s.max_retries = max_retries;
    s.timeout = timeout;
    s.now = [this] { return now; };
    s.sleep = [this](absl::Duration d) {
      sleeps.push_back(d);
      now += d;
    };
    s.delay = [](int retry) { return absl::Seconds(1) * (retry + 1); };
    return s;
  }
};

TEST(RetryLoopTest, RetriesUnavailableUntilSuccess) {
  FakeTime t;
  int calls = 0;
  absl::StatusOr<int> r = RetryLoop<int>(
      t.Settings(3, absl::Seconds(60)), true,
      [&](absl::Time) -> absl::StatusOr<int> {
        if (++calls < 3) return absl::UnavailableError("down");
        return 42;
      });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(t.sleeps, (std::vector<absl::Duration>{absl::Seconds(1), absl::Seconds(2)}));
}

TEST(RetryLoopTest, GivesUpAfterMaxRetries) {
  FakeTime t;
  int calls = 0;
  absl::StatusOr<int> r = RetryLoop<int>(
      t.Settings(2, absl::Seconds(60)), true,
      [&](absl::Time) -> absl::StatusOr<int> {
        ++calls;
        return absl::UnavailableError("down");
      });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(calls, 3);  // The first try and two retries.
}

TEST(RetryLoopTest, NeverRetriesNonIdempotentCalls) {
  FakeTime t;
  int calls = 0;
  absl::StatusOr<int> r = RetryLoop<int>(
      t.Settings(3, absl::Seconds(60)), false,
      [&](absl::Time) -> absl::StatusOr<int> {
        ++calls;
        return absl::UnavailableError("down");
      });
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(t.sleeps.empty());
}

TEST(RetryLoopTest, DoesNotRetryOtherErrors) {
  FakeTime t;
  int calls = 0;
  absl::StatusOr<int> r = RetryLoop<int>(
      t.Settings(3, absl::Seconds(60)), true,
      [&](absl::Time) -> absl::StatusOr<int> {
        ++calls;
        return absl::InvalidArgumentError("bad filter");
      });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(calls, 1);
}

TEST(RetryLoopTest, EveryAttemptSharesOneDeadlineAndNoWaitPassesIt) {
  FakeTime t;
  std::vector<absl::Time> deadlines;
  absl::StatusOr<int> r = RetryLoop<int>(
      t.Settings(10, absl::Milliseconds(2500)), true,
      [&](absl::Time deadline) -> absl::StatusOr<int> {
        deadlines.push_back(deadline);
        return absl::UnavailableError("down");
      });
  // Waits of 1 s then 2 s: the second would end past 2.5 s, so it is not
  // taken and the last error is returned.
  EXPECT_EQ(deadlines.size(), 2u);
  for (absl::Time d : deadlines) EXPECT_EQ(d, absl::UnixEpoch() + absl::Milliseconds(2500));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace civicwatch::internal

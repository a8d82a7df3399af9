// A generator of realistic synthetic change-feed batches for benchmarks:
// reports with bodies, events across countries and categories with mixed
// date precision (most to the day, some to the month or year, a few
// undated), summaries with words of known frequencies ("monitors" in a
// third of the events, "tribunal" in one in a thousand), and participants
// drawn from a Zipf-distributed entity pool, so a few entities take part in
// many events, as in real monitoring.
//
// Deterministic for a given seed. Not thread-safe.
#ifndef CIVICWATCH_SERVICES_QUERY_SYNTHETIC_FEED_H_
#define CIVICWATCH_SERVICES_QUERY_SYNTHETIC_FEED_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "civicwatch/v1/feed.pb.h"

namespace civicwatch::query::testing {

class SyntheticFeed {
 public:
  struct Options {
    int64_t events = 1000000;
    int entities = 50000;
    int events_per_report = 50;
    uint32_t seed = 42;
  };

  explicit SyntheticFeed(const Options& options);

  // The countries events are spread over, most frequent first.
  static const std::vector<std::string>& Countries();

  // The next batch of up to `max_changes` changes (entities first, then
  // reports followed by their events); empty when everything was sent.
  v1::WatchChangesResponse NextBatch(int max_changes);

  // The sequence the last change will have (the feed's head).
  int64_t head_sequence() const { return head_; }

 private:
  v1::Change NextChange();

  Options options_;
  std::mt19937_64 random_;
  int64_t sequence_ = 0;
  int64_t head_ = 0;
  int entities_sent_ = 0;
  int64_t events_sent_ = 0;
  int64_t report_index_ = -1;
  std::string body_;
};

}  // namespace civicwatch::query::testing

#endif  // CIVICWATCH_SERVICES_QUERY_SYNTHETIC_FEED_H_

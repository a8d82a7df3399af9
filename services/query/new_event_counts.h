// The summary counts (event_counts, event_counts_by_category,
// event_counts_all_countries; read_model_schema.h) of the events a batch
// inserts, kept by combination and added to the summaries in one go.
//
// Triggers keep the summaries for updates and deletions, but a trigger per
// inserted event made each insert a statement with a sub-program and a
// statement journal, and two upserts of its own. So the writer counts the
// events it inserts itself and flushes the counts, in key order and many
// combinations to an upsert, before any update or deletion of an event
// (whose triggers need those counts in) and at the end of the batch.
//
// Not thread-safe.
#ifndef CIVICWATCH_SERVICES_QUERY_NEW_EVENT_COUNTS_H_
#define CIVICWATCH_SERVICES_QUERY_NEW_EVENT_COUNTS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/sqlite.h"
#include "services/query/row_buffer.h"

namespace civicwatch::query {

// The combination an event is counted under in event_counts.
struct EventCountsKey {
  std::string country;
  int64_t year = 0;
  int64_t month = 0;
  int64_t category = 0;
  int64_t freedom = 0;
  int64_t valence = 0;
  int64_t confidentiality = 0;
  // The month the event's period ends in, as year * 12 + month - 1; 0 for
  // an undated event.
  int64_t last_month = 0;

  // The fields in the order of event_counts' columns.
  auto Columns() const {
    return std::tie(country, year, month, category, freedom, valence, confidentiality,
                    last_month);
  }
  bool operator<(const EventCountsKey& other) const { return Columns() < other.Columns(); }
};

class NewEventCounts {
 public:
  // Prepares the summaries' upserts on `db`, which must outlive the result.
  static absl::StatusOr<std::unique_ptr<NewEventCounts>> Create(sqlite::Database& db);

  // Counts one inserted event.
  void Add(const EventCountsKey& key) { ++counts_[key]; }

  // Adds the counts kept since the last Flush or Clear to the summaries.
  absl::Status Flush();

  // Drops them (the batch failed).
  void Clear();

 private:
  NewEventCounts() = default;

  std::map<EventCountsKey, int64_t> counts_;
  std::unique_ptr<RowBuffer> event_counts_;
  std::unique_ptr<RowBuffer> by_category_;
  std::unique_ptr<RowBuffer> all_countries_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_NEW_EVENT_COUNTS_H_

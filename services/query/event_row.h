// The columns of an events row (read_model_schema.h) that the replica
// writer derives from an event: its summary combination and its days.
#ifndef CIVICWATCH_SERVICES_QUERY_EVENT_ROW_H_
#define CIVICWATCH_SERVICES_QUERY_EVENT_ROW_H_

#include <cstdint>
#include <optional>
#include <string>

#include "civicwatch/v1/types.pb.h"
#include "services/common/partial_date.h"
#include "services/common/sqlite.h"
#include "services/query/new_event_counts.h"

namespace civicwatch::query {

// The combination `event` is counted under in the summaries, last_month
// left 0 (EventDays has it).
EventCountsKey CountsKeyOf(const v1::Event& event);

// The columns of an events row that come from its date.
struct EventDays {
  DatePrecision precision = DatePrecision::kUndated;
  // Days since 1970-01-01 of the period's first and last day (the later of
  // date and end_date); unset when undated.
  std::optional<int64_t> first_day, last_day;
  // year * 12 + month - 1 of last_day; 0 when undated.
  int64_t last_month = 0;
};

EventDays DaysOf(const v1::Event& event);

// Binds the parameters the insert and the update of an events row share
// (replica_statements.cc: kInsertEvent, kUpdateEvent).
void BindEventRow(const std::string& name, const v1::Event& event, const EventDays& days,
                  const EventCountsKey& key, v1::ReviewState review_state,
                  const std::string& proto, sqlite::Statement& statement);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_EVENT_ROW_H_

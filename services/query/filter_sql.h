// Turns an EventFilter into a SQL condition over the replica's events
// table (alias "e"; see read_model_schema.h), with its bound values.
//
// Expects a filter that ValidateEventFilter() accepted. Every query that
// takes a filter (list, export, statistics) goes through here, so their
// counts agree by construction.
#ifndef CIVICWATCH_SERVICES_QUERY_FILTER_SQL_H_
#define CIVICWATCH_SERVICES_QUERY_FILTER_SQL_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/query.pb.h"
#include "services/common/sqlite.h"
#include "services/query/access.h"

namespace civicwatch::query {

// A value bound to a "?" placeholder.
using SqlValue = std::variant<int64_t, std::string>;

// A piece of SQL with its "?" placeholders' values, in order.
struct SqlCondition {
  std::string sql;               // "1" when the filter is empty.
  std::vector<SqlValue> values;  // One per "?" in sql.

  // Appends " AND (<sql>)" with its values.
  void And(absl::string_view condition, std::vector<SqlValue> condition_values = {});
};

// The table a condition is for.
enum class FilterTable {
  kEvents,       // events
  kEventCounts,  // the event_counts summary (read_model_schema.h)
};

// The condition an event row "e" must meet to match `filter` and be seen
// with `access`; over the event_counts summary, the condition a summary row
// meets when its events do (only for a filter FilterFitsEventCounts).
SqlCondition EventFilterCondition(const v1::EventFilter& filter, const Access& access,
                                  FilterTable table = FilterTable::kEvents);

// Whether the event_counts summary can answer `filter`: no entities, text,
// reports or review states (the summary counts every event but the
// rejected ones, which is what a filter without review states asks for), and a date range (if any) whose ends are whole months or
// years.
bool FilterFitsEventCounts(const v1::EventFilter& filter);

// Whether the event_counts_all_countries summary can answer `filter`: one
// FilterFitsEventCounts accepts with no country, no date range, no freedom
// and no valence. (Statistics also need to group by no more than year,
// month and category; read_model_queries.cc.)
bool FilterFitsAllCountriesCounts(const v1::EventFilter& filter);

// The smallest summary table (read_model_schema.h) with the columns a
// filter that FilterFitsEventCounts needs, and `freedom_or_valence_grouped`
// (whether the statistics group by freedom or valence):
// "event_counts_by_category" or "event_counts".
const char* EventCountsTableFor(const v1::EventFilter& filter, bool freedom_or_valence_grouped);

// The condition a participants row "p" must meet to count for `access`
// ("1" when every participation counts).
std::string VisibleParticipantSql(const Access& access);

// The FTS5 query for free text: every word must occur (as a phrase each,
// so the caller's punctuation is never read as FTS5 syntax). Empty when the
// text holds no words.
std::string FtsQueryForText(absl::string_view text);

// Binds `values` to `statement` starting at placeholder `first_index`;
// returns the index after the last one bound.
int BindAll(sqlite::Statement& statement, const std::vector<SqlValue>& values,
            int first_index = 1);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_FILTER_SQL_H_

#include "services/query/filter_sql.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/common/partial_date.h"

namespace civicwatch::query {
namespace {

// "?, ?, ?" for n values.
std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, i == 0 ? "?" : ", ?");
  return out;
}

template <typename Repeated>
std::vector<SqlValue> IntValues(const Repeated& values) {
  std::vector<SqlValue> out;
  for (auto v : values) out.emplace_back(static_cast<int64_t>(v));
  return out;
}

template <typename Repeated>
std::vector<SqlValue> TextValues(const Repeated& values) {
  std::vector<SqlValue> out;
  for (const auto& v : values) out.emplace_back(std::string(v));
  return out;
}

}  // namespace

void SqlCondition::And(absl::string_view condition, std::vector<SqlValue> condition_values) {
  if (sql == "1" || sql.empty()) {
    sql = absl::StrCat("(", condition, ")");
  } else {
    absl::StrAppend(&sql, " AND (", condition, ")");
  }
  for (auto& v : condition_values) values.push_back(std::move(v));
}

std::string VisibleParticipantSql(const Access& access) {
  return access.restricted ? "1" : "p.withheld = 0";
}

namespace {

// The months since year 0 (year * 12 + month - 1) of the first and last
// month a partial date covers.
int64_t FirstMonthOf(const v1::PartialDate& date) {
  return int64_t{date.year()} * 12 + std::max(date.month(), 1) - 1;
}
int64_t LastMonthOf(const v1::PartialDate& date) {
  return int64_t{date.year()} * 12 + (date.month() == 0 ? 12 : date.month()) - 1;
}

// The date range of `filter` over the event_counts summary, whose rows know
// an event's first month (from year and month; a year-only event starts in
// January) and last month. The range's ends are whole months or years
// (FilterFitsEventCounts), so comparing months is exact.
void AndMonthRange(const v1::EventFilter& filter, bool has_start, bool has_end, bool overlap,
                   SqlCondition* c) {
  constexpr const char* kFirstMonth = "(e.year * 12 + max(e.month, 1) - 1)";
  c->And("e.year != 0");  // Undated events never match a range.
  if (has_start) {
    const int64_t start = FirstMonthOf(filter.start_date());
    if (overlap) {
      c->And("e.last_month >= ?", {SqlValue(start)});
    } else {
      // The year bound lets the scan start at the range's year.
      c->And(absl::StrCat(kFirstMonth, " >= ? AND e.year >= ?"),
             {SqlValue(start), SqlValue(start / 12)});
    }
  }
  if (has_end) {
    const int64_t end = LastMonthOf(filter.end_date());
    if (overlap) {
      c->And(absl::StrCat(kFirstMonth, " <= ? AND e.year <= ?"),
             {SqlValue(end), SqlValue(end / 12)});
    } else {
      c->And("e.last_month <= ? AND e.year <= ?", {SqlValue(end), SqlValue(end / 12)});
    }
  }
}

}  // namespace

SqlCondition EventFilterCondition(const v1::EventFilter& filter, const Access& access,
                                  FilterTable table) {
  SqlCondition c{"1", {}};
  if (!access.confidential) {
    c.And("e.confidentiality != ?", {static_cast<int64_t>(v1::CONFIDENTIALITY_CONFIDENTIAL)});
  }
  if (!filter.country_codes().empty()) {
    c.And(absl::StrCat("e.country IN (", Placeholders(filter.country_codes_size()), ")"),
          TextValues(filter.country_codes()));
  }

  // Undated events have NULL days, so any range condition excludes them.
  bool has_start = PrecisionOf(filter.start_date()) != DatePrecision::kUndated;
  bool has_end = PrecisionOf(filter.end_date()) != DatePrecision::kUndated;
  bool overlap = filter.date_match() == v1::DATE_MATCH_OVERLAP;
  if (table == FilterTable::kEventCounts) {
    if (has_start || has_end) AndMonthRange(filter, has_start, has_end, overlap, &c);
  } else if (has_start) {
    c.And(overlap ? "e.last_day >= ?" : "e.first_day >= ?",
          {SqlValue(FirstDayOf(filter.start_date()))});
  }
  if (has_end && table == FilterTable::kEvents) {
    const int64_t end = LastDayOf(filter.end_date());
    if (overlap) {
      c.And("e.first_day <= ?", {SqlValue(end)});
    } else {
      // first_day <= last_day, so this adds no condition; it bounds the
      // index scan on first_day from above as well as below.
      c.And("e.last_day <= ? AND e.first_day <= ?", {SqlValue(end), SqlValue(end)});
    }
  }

  if (!filter.categories().empty()) {
    c.And(absl::StrCat("e.category IN (", Placeholders(filter.categories_size()), ")"),
          IntValues(filter.categories()));
  }
  if (!filter.freedoms().empty()) {
    c.And(absl::StrCat("e.freedom IN (", Placeholders(filter.freedoms_size()), ")"),
          IntValues(filter.freedoms()));
  }
  if (!filter.valences().empty()) {
    c.And(absl::StrCat("e.valence IN (", Placeholders(filter.valences_size()), ")"),
          IntValues(filter.valences()));
  }
  if (!filter.confidentialities().empty()) {
    c.And(absl::StrCat("e.confidentiality IN (", Placeholders(filter.confidentialities_size()),
                       ")"),
          IntValues(filter.confidentialities()));
  }
  if (!filter.review_states().empty()) {
    c.And(absl::StrCat("e.review_state IN (", Placeholders(filter.review_states_size()), ")"),
          IntValues(filter.review_states()));
  } else if (table == FilterTable::kEvents) {
    // Rejected events are left out unless asked for; the summaries never
    // count them (read_model_schema.h).
    c.And("e.review_state != ?", {static_cast<int64_t>(v1::REVIEW_STATE_REJECTED)});
  }
  if (!filter.entities().empty()) {
    std::vector<SqlValue> values = TextValues(filter.entities());
    std::string role;
    if (filter.entity_role() != v1::ROLE_UNSPECIFIED) {
      role = " AND p.role = ?";
      values.emplace_back(static_cast<int64_t>(filter.entity_role()));
    }
    c.And(absl::StrCat("e.id IN (SELECT p.event_id FROM participants p WHERE p.entity IN (",
                       Placeholders(filter.entities_size()), ")", role, " AND ",
                       VisibleParticipantSql(access), ")"),
          std::move(values));
  }
  if (!filter.reports().empty()) {
    c.And(absl::StrCat("e.id IN (SELECT v.event_id FROM provenance v WHERE v.report IN (",
                       Placeholders(filter.reports_size()), "))"),
          TextValues(filter.reports()));
  }
  std::string fts = FtsQueryForText(filter.text());
  if (!fts.empty()) {
    c.And("e.id IN (SELECT rowid FROM event_text WHERE event_text MATCH ?)", {SqlValue(fts)});
  }
  return c;
}

bool FilterFitsEventCounts(const v1::EventFilter& filter) {
  // Keep in step with EventFilterCondition.
  return PrecisionOf(filter.start_date()) != DatePrecision::kDay &&
         PrecisionOf(filter.end_date()) != DatePrecision::kDay &&
         filter.entities().empty() && filter.reports().empty() &&
         filter.review_states().empty() &&
         FtsQueryForText(filter.text()).empty();
}

bool FilterFitsAllCountriesCounts(const v1::EventFilter& filter) {
  return FilterFitsEventCounts(filter) && filter.country_codes().empty() &&
         PrecisionOf(filter.start_date()) == DatePrecision::kUndated &&
         PrecisionOf(filter.end_date()) == DatePrecision::kUndated &&
         filter.freedoms().empty() && filter.valences().empty();
}

const char* EventCountsTableFor(const v1::EventFilter& filter, bool freedom_or_valence_grouped) {
  const bool needs_freedom_or_valence =
      freedom_or_valence_grouped || !filter.freedoms().empty() || !filter.valences().empty();
  return needs_freedom_or_valence ? "event_counts" : "event_counts_by_category";
}

std::string FtsQueryForText(absl::string_view text) {
  std::vector<std::string> phrases;
  for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"),
                                               absl::SkipWhitespace())) {
    // A double-quoted FTS5 string is taken literally; quotes inside are
    // doubled.
    phrases.push_back(absl::StrCat("\"", absl::StrReplaceAll(word, {{"\"", "\"\""}}), "\""));
  }
  return absl::StrJoin(phrases, " ");
}

int BindAll(sqlite::Statement& statement, const std::vector<SqlValue>& values, int first_index) {
  int i = first_index;
  for (const SqlValue& v : values) {
    if (const int64_t* n = std::get_if<int64_t>(&v)) {
      statement.Bind(i++, *n);
    } else {
      statement.Bind(i++, absl::string_view(std::get<std::string>(v)));
    }
  }
  return i;
}

}  // namespace civicwatch::query

// ReadModel: the queries. Each runs on one pooled reader connection inside
// one read transaction (reader_pool.h), so its parts (a page and its total,
// rows and their total) always agree with each other.
#include <algorithm>
#include <functional>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/errors.h"
#include "services/query/access.h"
#include "services/query/filter_sql.h"
#include "services/query/quote.h"
#include "services/query/read_model.h"
#include "services/query/statistics_keys.h"
#include "services/text/fold.h"
#include "services/query/withheld_names.h"

namespace civicwatch::query {
namespace {

// Runs `sql` with `values` bound and calls `on_row` for each row.
absl::Status ForEachRow(ReaderPool::Lease& db, const std::string& sql,
                        const std::vector<SqlValue>& values,
                        const std::function<absl::Status(const sqlite::Statement&)>& on_row) {
  auto prepared = db.Prepare(sql);
  if (!prepared.ok()) return prepared.status();
  sqlite::Statement& statement = **prepared;
  BindAll(statement, values);
  absl::Status status;
  while (true) {
    auto row = statement.Step();
    if (!row.ok()) {
      status = row.status();
      break;
    }
    if (!*row) break;
    status = on_row(statement);
    if (!status.ok()) break;
  }
  statement.Reset();  // For the next use, and to let go of the snapshot.
  return status;
}

// The single integer `sql` returns (COUNT(*) and the like).
absl::StatusOr<int64_t> QueryCount(ReaderPool::Lease& db, const std::string& sql,
                                   const std::vector<SqlValue>& values) {
  int64_t count = 0;
  absl::Status s = ForEachRow(db, sql, values, [&](const sqlite::Statement& row) {
    count = row.ColumnInt(0);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return count;
}

template <typename Message>
absl::Status ParseRow(const sqlite::Statement& row, int column, Message* message) {
  if (!message->ParseFromString(row.ColumnText(column))) {
    return InternalError("unreadable row in the replica");
  }
  return absl::OkStatus();
}

// Appends the events `sql` returns (first column: proto) to `events`.
absl::Status AppendEvents(ReaderPool::Lease& db, const std::string& sql,
                          const std::vector<SqlValue>& values, std::vector<v1::Event>* events) {
  return ForEachRow(db, sql, values, [&](const sqlite::Statement& row) {
    events->emplace_back();
    return ParseRow(row, 0, &events->back());
  });
}

// A partial date from the year, month and day columns starting at `column`.
v1::PartialDate DateFromColumns(const sqlite::Statement& row, int column) {
  v1::PartialDate date;
  date.set_year(static_cast<int32_t>(row.ColumnInt(column)));
  date.set_month(static_cast<int32_t>(row.ColumnInt(column + 1)));
  date.set_day(static_cast<int32_t>(row.ColumnInt(column + 2)));
  return date;
}

// Fills the output-only counts and dates of `entity` from the events
// `access` may see it in.
absl::Status FillEntityStatistics(ReaderPool::Lease& db, const Access& access,
                                  v1::Entity* entity) {
  SqlCondition visible = EventFilterCondition(v1::EventFilter(), access);
  std::vector<SqlValue> values = {entity->name()};
  values.insert(values.end(), visible.values.begin(), visible.values.end());
  const std::string events_of_entity = absl::StrCat(
      " FROM events e WHERE e.id IN (SELECT p.event_id FROM participants p WHERE p.entity = ? AND ",
      VisibleParticipantSql(access), ") AND ", visible.sql);
  auto count = QueryCount(db, "SELECT COUNT(*)" + events_of_entity, values);
  if (!count.ok()) return count.status();
  entity->set_event_count(*count);
  const std::string dated =
      "SELECT e.year, e.month, e.day" + events_of_entity + " AND e.first_day IS NOT NULL ";
  absl::Status s = ForEachRow(
      db, dated + "ORDER BY e.first_day, e.precision, e.name LIMIT 1", values,
      [&](const sqlite::Statement& row) {
        *entity->mutable_first_event_date() = DateFromColumns(row, 0);
        return absl::OkStatus();
      });
  if (!s.ok()) return s;
  return ForEachRow(db,
                    dated + "ORDER BY e.first_day DESC, e.precision DESC, e.name DESC LIMIT 1",
                    values, [&](const sqlite::Statement& row) {
                      *entity->mutable_last_event_date() = DateFromColumns(row, 0);
                      return absl::OkStatus();
                    });
}

// Fills the breakdowns GetEntity adds to `entity`: its visible events by
// category, by its role in them and by country, most events first.
absl::Status FillEntityBreakdowns(ReaderPool::Lease& db, const Access& access,
                                  v1::Entity* entity) {
  SqlCondition visible = EventFilterCondition(v1::EventFilter(), access);
  std::vector<SqlValue> values = {entity->name()};
  values.insert(values.end(), visible.values.begin(), visible.values.end());
  const std::string participations = absl::StrCat(
      " FROM participants p JOIN events e ON e.id = p.event_id WHERE p.entity = ? AND ",
      VisibleParticipantSql(access), " AND ", visible.sql);
  // Runs `add` on each (key, events) row of the entity's events grouped by
  // `key`, most events first. An entity named twice in one event (two
  // roles) is one event of its category and country, hence DISTINCT.
  auto count_by = [&](const std::string& key, auto add) {
    return ForEachRow(db,
                      absl::StrCat("SELECT ", key, ", COUNT(DISTINCT e.id) AS n", participations,
                                   " GROUP BY ", key, " ORDER BY n DESC, ", key),
                      values, [&](const sqlite::Statement& row) {
                        add(row)->set_event_count(row.ColumnInt(1));
                        return absl::OkStatus();
                      });
  };
  absl::Status s = count_by("e.category", [&](const sqlite::Statement& row) {
    v1::Entity::CategoryCount* count = entity->add_category_counts();
    count->set_category(static_cast<v1::Category>(row.ColumnInt(0)));
    return count;
  });
  if (!s.ok()) return s;
  s = count_by("p.role", [&](const sqlite::Statement& row) {
    v1::Entity::RoleCount* count = entity->add_role_counts();
    count->set_role(static_cast<v1::Role>(row.ColumnInt(0)));
    return count;
  });
  if (!s.ok()) return s;
  return count_by("e.country", [&](const sqlite::Statement& row) {
    v1::Entity::CountryCount* count = entity->add_country_counts();
    count->set_country_code(row.ColumnText(0));
    return count;
  });
}

// Keeps the top_n rows with the highest counts (ties: lower keys first),
// in that order, and folds the others into one last row keyed "other".
void FoldBeyondTop(int top_n, size_t key_count, Statistics* statistics) {
  std::vector<StatisticsRow>& rows = statistics->rows;
  if (rows.size() <= static_cast<size_t>(top_n)) return;
  // Stable: rows come sorted by keys, which breaks ties.
  std::stable_sort(rows.begin(), rows.end(), [](const StatisticsRow& a, const StatisticsRow& b) {
    return a.count > b.count;
  });
  StatisticsRow other{std::vector<std::string>(key_count, "other"), 0};
  for (size_t i = top_n; i < rows.size(); ++i) other.count += rows[i].count;
  statistics->other_groups = static_cast<int64_t>(rows.size()) - top_n;
  rows.resize(top_n);
  rows.push_back(std::move(other));
}

// A text search with at least this many text matches walks the timeline
// (TextSearchPlan::kAdaptive); with fewer, finding and sorting them all
// costs less than a walk might.
constexpr int64_t kWalkFromTextMatches = 2000;
// Events a walk tests against the full-text index for one part of a page
// before it gives up and finds every match instead: a search matching fewer
// than about one in (kWalkBudget / page size) of the events the rest of the
// filter keeps is found faster from its matches.
constexpr int64_t kWalkBudget = 4000;

// The first text matches of a search, and how many of them the rest of the
// filter keeps.
struct TextMatchSample {
  int64_t text_matches = 0;
  int64_t matches = 0;
};

// Samples at most `limit` text matches of `fts` (in rowid order) and counts
// those that meet `others` (the filter but its text match).
absl::StatusOr<TextMatchSample> SampleTextMatches(ReaderPool::Lease& db, const std::string& fts,
                                                  const SqlCondition& others, int64_t limit) {
  std::vector<SqlValue> values = others.values;
  values.emplace_back(fts);
  values.emplace_back(limit);
  TextMatchSample sample;
  absl::Status s = ForEachRow(
      db,
      absl::StrCat("SELECT COUNT(*), COALESCE(SUM(CASE WHEN ", others.sql,
                   " THEN 1 ELSE 0 END), 0) FROM (SELECT rowid AS id FROM event_text"
                   " WHERE event_text MATCH ? LIMIT ?) t JOIN events e ON e.id = t.id"),
      values, [&](const sqlite::Statement& row) {
        sample.text_matches = row.ColumnInt(0);
        sample.matches = row.ColumnInt(1);
        return absl::OkStatus();
      });
  if (!s.ok()) return s;
  return sample;
}

// Appends to `events` up to `limit` events meeting `c`, in `order`.
// Without `walk_fts`, `c` is the whole filter. With it, `c` is the filter
// but its text match and the events are walked in `order` (through the
// index of that order), each tested against the full-text query `walk_fts`,
// until `limit` match; a walk that tests kWalkBudget events first finds
// the part from the text matches instead (`c` AND the text match).
absl::Status AppendPagePart(ReaderPool::Lease& db, const SqlCondition& c,
                            const std::string& order, const std::string& walk_fts,
                            size_t limit, std::vector<v1::Event>* events) {
  if (!walk_fts.empty()) {
    std::vector<SqlValue> values = {walk_fts};
    values.insert(values.end(), c.values.begin(), c.values.end());
    values.emplace_back(kWalkBudget);
    std::vector<int64_t> found;
    int64_t walked = 0;
    absl::Status s = ForEachRow(
        db,
        absl::StrCat("SELECT e.id, EXISTS (SELECT 1 FROM event_text t WHERE t.event_text MATCH ?"
                     " AND t.rowid = e.id) FROM events e WHERE ",
                     c.sql, " ORDER BY ", order, " LIMIT ?"),
        values, [&](const sqlite::Statement& row) {
          ++walked;
          if (row.ColumnInt(1) != 0) found.push_back(row.ColumnInt(0));
          // Cancelled: stop stepping, the rest of the walk is not needed.
          return found.size() == limit ? absl::CancelledError() : absl::OkStatus();
        });
    if (!s.ok() && !absl::IsCancelled(s)) return s;
    if (found.size() == limit || walked < kWalkBudget) {
      for (int64_t id : found) {
        if (absl::Status s = AppendEvents(db, "SELECT e.proto FROM events e WHERE e.id = ?",
                                          {id}, events);
            !s.ok()) {
          return s;
        }
      }
      return absl::OkStatus();
    }
    SqlCondition with_text = c;
    with_text.And("e.id IN (SELECT rowid FROM event_text WHERE event_text MATCH ?)",
                  {walk_fts});
    return AppendPagePart(db, with_text, order, "", limit, events);
  }
  std::vector<SqlValue> values = c.values;
  values.emplace_back(static_cast<int64_t>(limit));
  return AppendEvents(db,
                      absl::StrCat("SELECT e.proto FROM events e WHERE ", c.sql, " ORDER BY ",
                                   order, " LIMIT ?"),
                      values, events);
}

}  // namespace

absl::StatusOr<EventPage> ReadModel::ListEvents(const ListEventsQuery& query,
                                                absl::Time deadline) const {
  auto lease = readers_.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  ReaderPool::Lease& db = *lease;

  const SqlCondition filter = VisibleEventCondition(query.filter, query.access);
  const std::string fts = FtsQueryForText(query.filter.text());
  const bool adaptive_text = !fts.empty() && query.text_plan == TextSearchPlan::kAdaptive;
  // A text search's first text matches (at most kExactTotalBound + 1, in
  // rowid order, which is no order of the timeline's), and how many of them
  // meet the rest of the filter: the total when the search has no more, and
  // the plan either way.
  TextMatchSample sample;
  std::optional<SqlCondition> others;  // The filter but its text match.
  if (adaptive_text) {
    others = VisibleEventCondition(query.filter, query.access, TextMatch::kLeftOut);
    auto sampled = SampleTextMatches(
        db, fts, *others, query.count_total ? kExactTotalBound + 1 : kWalkFromTextMatches);
    if (!sampled.ok()) return sampled.status();
    sample = *sampled;
  }
  const bool walk = adaptive_text && sample.text_matches >= kWalkFromTextMatches;

  const bool ascending = query.direction == SortDirection::kAscending;
  const char* dir = ascending ? "" : " DESC";
  const size_t want = static_cast<size_t>(query.page_size) + 1;  // One more: is there a next?
  EventPage page;

  // Dated events first (keyset on first_day, precision, name), then the
  // undated ones (keyset on name), in both directions.
  if (!query.after.has_value() || !query.after->undated) {
    SqlCondition c = walk ? *others : filter;
    c.And("e.first_day IS NOT NULL");
    if (query.after.has_value()) {
      c.And(ascending ? "(e.first_day, e.precision, e.name) > (?, ?, ?)"
                      : "(e.first_day, e.precision, e.name) < (?, ?, ?)",
            {query.after->first_day, static_cast<int64_t>(query.after->precision),
             query.after->name});
    }
    const std::string order =
        absl::StrCat("e.first_day", dir, ", e.precision", dir, ", e.name", dir);
    if (absl::Status s = AppendPagePart(db, c, order, walk ? fts : "", want, &page.events);
        !s.ok()) {
      return s;
    }
  }
  if (page.events.size() < want) {
    SqlCondition c = walk ? *others : filter;
    c.And("e.first_day IS NULL");
    if (query.after.has_value() && query.after->undated) {
      c.And(ascending ? "e.name > ?" : "e.name < ?", {query.after->name});
    }
    if (absl::Status s = AppendPagePart(db, c, absl::StrCat("e.name", dir), walk ? fts : "",
                                        want - page.events.size(), &page.events);
        !s.ok()) {
      return s;
    }
  }
  if (page.events.size() == want) {
    page.events.pop_back();
    page.next = KeyOfEvent(page.events.back());
  }
  for (v1::Event& event : page.events) {
    if (absl::Status s = WithholdFromReplica(db.db(), query.access, &event); !s.ok()) return s;
  }

  if (query.count_total) {
    if (adaptive_text) {
      if (sample.text_matches > kExactTotalBound) {
        page.total_size = std::min(sample.matches, kExactTotalBound);
        page.total_size_is_lower_bound = true;
      } else {
        page.total_size = sample.matches;
      }
    } else if (FilterFitsEventCounts(query.filter)) {
      // Tens of times fewer rows to add up than events to count.
      const SqlCondition summary =
          EventFilterCondition(query.filter, query.access, FilterTable::kEventCounts);
      auto total = QueryCount(db,
                              absl::StrCat("SELECT COALESCE(SUM(e.n), 0) FROM ",
                                           FilterFitsAllCountriesCounts(query.filter)
                                               ? "event_counts_all_countries"
                                               : EventCountsTableFor(query.filter, false),
                                           " e WHERE ", summary.sql),
                              summary.values);
      if (!total.ok()) return total.status();
      page.total_size = *total;
    } else if (query.text_plan == TextSearchPlan::kEveryMatch) {
      auto total = QueryCount(db, absl::StrCat("SELECT COUNT(*) FROM events e WHERE ", filter.sql),
                              filter.values);
      if (!total.ok()) return total.status();
      page.total_size = *total;
    } else {
      // Counted through the indexes, up to the bound.
      SqlCondition c = filter;
      c.values.emplace_back(kExactTotalBound + 1);
      auto total = QueryCount(
          db, absl::StrCat("SELECT COUNT(*) FROM (SELECT 1 FROM events e WHERE ", c.sql,
                           " LIMIT ?)"),
          c.values);
      if (!total.ok()) return total.status();
      page.total_size = std::min(*total, kExactTotalBound);
      page.total_size_is_lower_bound = *total > kExactTotalBound;
    }
  }
  return page;
}

absl::StatusOr<v1::Event> ReadModel::GetEvent(const std::string& name, const Access& access,
                                              absl::Time deadline) const {
  auto lease = readers_.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  ReaderPool::Lease& db = *lease;

  std::vector<v1::Event> found;
  if (absl::Status s =
          AppendEvents(db, "SELECT proto FROM events WHERE name = ?", {name}, &found);
      !s.ok()) {
    return s;
  }
  // An event the caller may not see does not exist for them.
  if (found.empty() || !MaySee(access, found.front())) return ResourceNotFoundError(name);
  v1::Event& event = found.front();

  std::map<std::string, std::string> bodies;  // Report name -> body, for this call.
  for (v1::Provenance& p : *event.mutable_provenance()) {
    auto it = bodies.find(p.report());
    if (it == bodies.end()) {
      std::string body;
      absl::Status s = ForEachRow(db, "SELECT body FROM reports WHERE name = ?", {p.report()},
                                  [&](const sqlite::Statement& row) {
                                    body = row.ColumnText(0);
                                    return absl::OkStatus();
                                  });
      if (!s.ok()) return s;
      it = bodies.emplace(p.report(), std::move(body)).first;
    }
    p.set_quote(QuoteOf(it->second, p.start_offset(), p.end_offset()));
  }
  // After the quotes are filled: they name the withheld persons too.
  if (absl::Status s = WithholdFromReplica(db.db(), access, &event); !s.ok()) return s;
  return std::move(event);
}

absl::StatusOr<Statistics> ReadModel::ComputeStatistics(
    const v1::EventFilter& filter, const std::vector<v1::StatisticsDimension>& group_by,
    const Access& access, absl::Time deadline, int top_n, StatisticsSummaries summaries) const {
  auto lease = readers_.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  ReaderPool::Lease& db = *lease;
  const SqlCondition where = VisibleEventCondition(filter, access);

  const std::vector<StatisticsColumn> columns = ColumnsFor(group_by);
  bool by_entity = false;
  bool by_day = false;
  int precision_needed = 0;
  for (v1::StatisticsDimension d : group_by) {
    by_entity |= d == v1::STATISTICS_DIMENSION_ENTITY;
    precision_needed = std::max(precision_needed, PrecisionNeeded(d));
  }
  for (StatisticsColumn c : columns) by_day |= c == StatisticsColumn::kDay;
  std::vector<std::string> column_sql;
  for (StatisticsColumn c : columns) column_sql.push_back(ColumnSql(c));
  const std::string grouped = absl::StrJoin(column_sql, ", ");

  // Group by plain columns, in the order of the index (or summary) that
  // serves the filter, so SQLite counts in one ordered pass; the keys are
  // made from each group's values below.
  std::string sql;
  SqlCondition summary;
  if (by_entity) {
    // An event counts once per distinct participating entity.
    sql = absl::StrCat("SELECT ", grouped, ", COUNT(DISTINCT e.id) FROM events e",
                       " JOIN participants p ON p.event_id = e.id AND ",
                       VisibleParticipantSql(access), " WHERE ", where.sql, " GROUP BY ",
                       grouped);
  } else if (!by_day && FilterFitsEventCounts(filter)) {
    // The summary has every column the filter and the groups need.
    summary = EventFilterCondition(filter, access, FilterTable::kEventCounts);
    bool freedom_or_valence = false;
    // Whether every grouped column is one event_counts_all_countries has.
    bool all_countries_columns = true;
    for (StatisticsColumn c : columns) {
      freedom_or_valence |= c == StatisticsColumn::kFreedom || c == StatisticsColumn::kValence;
      all_countries_columns &= c == StatisticsColumn::kYear || c == StatisticsColumn::kMonth ||
                               c == StatisticsColumn::kCategory;
    }
    const bool all_countries = summaries == StatisticsSummaries::kSmallest &&
                               all_countries_columns && FilterFitsAllCountriesCounts(filter);
    sql = absl::StrCat("SELECT ", grouped, ", SUM(e.n) FROM ",
                       all_countries ? "event_counts_all_countries"
                                     : EventCountsTableFor(filter, freedom_or_valence),
                       " e WHERE ", summary.sql, " GROUP BY ", grouped, " HAVING SUM(e.n) > 0");
  } else {
    sql = absl::StrCat("SELECT ", grouped, ", COUNT(*) FROM events e WHERE ", where.sql,
                       " GROUP BY ", grouped);
  }

  Statistics result;
  // Quarters and weeks gather several groups of columns (months, days) under
  // one key; the other dimensions give each group its own keys.
  bool keys_merge = false;
  for (v1::StatisticsDimension d : group_by) {
    keys_merge |= d == v1::STATISTICS_DIMENSION_QUARTER || d == v1::STATISTICS_DIMENSION_WEEK;
  }
  absl::flat_hash_map<std::vector<std::string>, int64_t> merged;
  // Keys already made, per dimension, by the values they depend on: a few
  // hundred distinct months or categories make the keys of thousands of
  // groups.
  std::vector<absl::flat_hash_map<int64_t, std::string>> made(group_by.size());
  const int n = static_cast<int>(columns.size());
  const std::vector<SqlValue>& values_bound = summary.sql.empty() ? where.values : summary.values;
  absl::Status s = ForEachRow(db, sql, values_bound, [&](const sqlite::Statement& row) {
    GroupValues values;
    for (int i = 0; i < n; ++i) {
      switch (columns[i]) {
        case StatisticsColumn::kCountry:
          values.country = row.ColumnText(i);
          break;
        case StatisticsColumn::kEntity:
          values.entity = row.ColumnText(i);
          break;
        case StatisticsColumn::kYear:
          values.year = row.ColumnInt(i);
          break;
        case StatisticsColumn::kMonth:
          values.month = row.ColumnInt(i);
          break;
        case StatisticsColumn::kDay:
          values.day = row.ColumnInt(i);
          break;
        case StatisticsColumn::kCategory:
          values.category = row.ColumnInt(i);
          break;
        case StatisticsColumn::kFreedom:
          values.freedom = row.ColumnInt(i);
          break;
        case StatisticsColumn::kValence:
          values.valence = row.ColumnInt(i);
          break;
      }
    }
    const int64_t count = row.ColumnInt(n);
    std::vector<std::string> keys;
    keys.reserve(group_by.size());
    for (size_t i = 0; i < group_by.size(); ++i) {
      const v1::StatisticsDimension d = group_by[i];
      if (d == v1::STATISTICS_DIMENSION_COUNTRY || d == v1::STATISTICS_DIMENSION_ENTITY) {
        keys.push_back(DimensionKey(d, values));
        continue;
      }
      // The values the key depends on.
      int64_t packed;
      switch (d) {
        case v1::STATISTICS_DIMENSION_CATEGORY:
          packed = values.category;
          break;
        case v1::STATISTICS_DIMENSION_FREEDOM:
          packed = values.freedom;
          break;
        case v1::STATISTICS_DIMENSION_VALENCE:
          packed = values.valence;
          break;
        default:  // A time dimension.
          packed = (values.year * 13 + values.month) * 32 + values.day;
          break;
      }
      auto [it, inserted] = made[i].try_emplace(packed);
      if (inserted) it->second = DimensionKey(d, values);
      keys.push_back(it->second);
    }
    if (keys_merge) {
      merged[std::move(keys)] += count;
    } else {
      result.rows.push_back(StatisticsRow{std::move(keys), count});
    }
    if (!by_entity) {
      // Each event is in exactly one group: the groups add up to the totals.
      result.total += count;
      if (PrecisionOf(values) < precision_needed) result.unplaced += count;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  for (auto& [keys, count] : merged) result.rows.push_back(StatisticsRow{keys, count});
  std::sort(result.rows.begin(), result.rows.end(),
            [](const StatisticsRow& a, const StatisticsRow& b) { return a.keys < b.keys; });
  if (top_n > 0) FoldBeyondTop(top_n, group_by.size(), &result);

  if (by_entity) {
    // An event is in as many groups as it has entities (or none): count
    // the events themselves.
    auto total = QueryCount(db, absl::StrCat("SELECT COUNT(*) FROM events e WHERE ", where.sql),
                            where.values);
    if (!total.ok()) return total.status();
    result.total = *total;
    if (precision_needed > 0) {
      SqlCondition c = where;
      c.And("e.precision < ?", {static_cast<int64_t>(precision_needed)});
      auto unplaced =
          QueryCount(db, absl::StrCat("SELECT COUNT(*) FROM events e WHERE ", c.sql), c.values);
      if (!unplaced.ok()) return unplaced.status();
      result.unplaced = *unplaced;
    }
  }
  return result;
}

absl::StatusOr<v1::Entity> ReadModel::GetEntity(const std::string& name, const Access& access,
                                                absl::Time deadline) const {
  auto lease = readers_.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  ReaderPool::Lease& db = *lease;
  std::optional<v1::Entity> entity;
  // An entity seen only in events the caller may not see does not exist
  // for them.
  SqlCondition where{"en.name = ?", {name}};
  SqlCondition visible = VisibleEntityCondition(access);
  if (visible.sql != "1") where.And(visible.sql, std::move(visible.values));
  absl::Status s = ForEachRow(db, "SELECT en.proto FROM entities en WHERE " + where.sql,
                              where.values, [&](const sqlite::Statement& row) {
                                entity.emplace();
                                return ParseRow(row, 0, &*entity);
                              });
  if (!s.ok()) return s;
  if (!entity.has_value()) return ResourceNotFoundError(name);
  if (absl::Status s = FillEntityStatistics(db, access, &*entity); !s.ok()) return s;
  if (absl::Status s = FillEntityBreakdowns(db, access, &*entity); !s.ok()) return s;
  return std::move(*entity);
}

absl::StatusOr<EntityPage> ReadModel::ListEntities(const std::string& query,
                                                   v1::EntityKind kind, int page_size,
                                                   const std::optional<EntityKey>& after,
                                                   const Access& access,
                                                   absl::Time deadline) const {
  auto lease = readers_.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  ReaderPool::Lease& db = *lease;

  SqlCondition c{"1", {}};
  const std::string folded = text::FoldCase(query);
  if (!folded.empty()) {
    // A prefix range on the folded names: every string starting with p sorts
    // in [p, p + "\xff") as bytes, since 0xff never occurs in UTF-8.
    const std::string skeleton = text::SpellingSkeleton(query);
    std::string names =
        "en.id IN (SELECT entity_id FROM entity_names WHERE (folded >= ? AND folded < ?)";
    std::vector<SqlValue> values = {folded, folded + "\xff"};
    if (!skeleton.empty()) {
      absl::StrAppend(&names, " OR (folded >= ? AND folded < ?)");
      values.push_back(skeleton);
      values.push_back(skeleton + "\xff");
    }
    c.And(names + ")", std::move(values));
  }
  if (kind != v1::ENTITY_KIND_UNSPECIFIED) c.And("en.kind = ?", {static_cast<int64_t>(kind)});
  SqlCondition visible = VisibleEntityCondition(access);
  if (visible.sql != "1") c.And(visible.sql, std::move(visible.values));

  EntityPage page;
  auto total = QueryCount(db, "SELECT COUNT(*) FROM entities en WHERE " + c.sql, c.values);
  if (!total.ok()) return total.status();
  page.total_size = *total;

  if (after.has_value()) {
    c.And("(en.sort_name, en.name) > (?, ?)", {after->sort_name, after->name});
  }
  c.values.emplace_back(static_cast<int64_t>(page_size) + 1);
  std::vector<std::string> sort_names;
  absl::Status s = ForEachRow(
      db,
      "SELECT en.proto, en.sort_name FROM entities en WHERE " + c.sql +
          " ORDER BY en.sort_name, en.name LIMIT ?",
      c.values, [&](const sqlite::Statement& row) {
        page.entities.emplace_back();
        sort_names.push_back(row.ColumnText(1));
        return ParseRow(row, 0, &page.entities.back());
      });
  if (!s.ok()) return s;
  if (page.entities.size() > static_cast<size_t>(page_size)) {
    page.entities.pop_back();
    page.next = EntityKey{sort_names[page.entities.size() - 1], page.entities.back().name()};
  }
  for (v1::Entity& entity : page.entities) {
    if (absl::Status s = FillEntityStatistics(db, access, &entity); !s.ok()) return s;
  }
  return page;
}

}  // namespace civicwatch::query

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
#include "services/query/reader_rows.h"
#include "services/text/fold.h"
#include "services/query/withheld_names.h"

namespace civicwatch::query {
namespace {

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

// What the queries about one entity's events bind and test: the entity's
// name (for the `p.entity = ?` they start with), then what the caller may
// see of participations p and events e.
struct EntityEventsScope {
  std::vector<SqlValue> values;     // The entity's name, then those of event_visible.
  std::string participant_visible;  // SQL over p.
  std::string event_visible;        // SQL over e.
};

EntityEventsScope EntityEventsScopeOf(const v1::Entity& entity, const Access& access) {
  SqlCondition visible = EventFilterCondition(v1::EventFilter(), access);
  EntityEventsScope scope{{entity.name()}, VisibleParticipantSql(access), std::move(visible.sql)};
  scope.values.insert(scope.values.end(), visible.values.begin(), visible.values.end());
  return scope;
}

// Fills the output-only counts and dates of `entity` from the events of
// `scope`.
absl::Status FillEntityStatistics(ReaderPool::Lease& db, const EntityEventsScope& scope,
                                  v1::Entity* entity) {
  const std::vector<SqlValue>& values = scope.values;
  const std::string events_of_entity = absl::StrCat(
      " FROM events e WHERE e.id IN (SELECT p.event_id FROM participants p WHERE p.entity = ? AND ",
      scope.participant_visible, ") AND ", scope.event_visible);
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

// Fills the breakdowns GetEntity adds to `entity`: the events of `scope`
// by category, by its role in them and by country, most events first.
absl::Status FillEntityBreakdowns(ReaderPool::Lease& db, const EntityEventsScope& scope,
                                  v1::Entity* entity) {
  const std::vector<SqlValue>& values = scope.values;
  const std::string participations = absl::StrCat(
      " FROM participants p JOIN events e ON e.id = p.event_id WHERE p.entity = ? AND ",
      scope.participant_visible, " AND ", scope.event_visible);
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
          return found.size() == limit ? CancelledError("the page is full") : absl::OkStatus();
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
  const EntityEventsScope scope = EntityEventsScopeOf(*entity, access);
  if (absl::Status s = FillEntityStatistics(db, scope, &*entity); !s.ok()) return s;
  if (absl::Status s = FillEntityBreakdowns(db, scope, &*entity); !s.ok()) return s;
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
    absl::Status filled = FillEntityStatistics(db, EntityEventsScopeOf(entity, access), &entity);
    if (!filled.ok()) return filled;
  }
  return page;
}

}  // namespace civicwatch::query

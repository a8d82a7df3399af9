#include "services/ingest/incident_keys.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/ingest/incident_matching.h"
#include "services/text/fold.h"

namespace civicwatch::ingest {

std::string IncidentDateKey(const v1::Event& e) {
  return absl::StrCat(FormatPartialDate(e.date()), "/", FormatPartialDate(e.end_date()));
}

std::vector<std::string> PeopleOf(const v1::Event& e) {
  std::vector<std::string> out;
  for (const auto& p : e.participants()) {
    if (p.kind() == v1::ENTITY_KIND_PERSON && !p.entity().empty()) out.push_back(p.entity());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string PlaceKey(absl::string_view location) {
  if (location.empty()) return "";
  // The matcher takes two places for one when they are written alike or
  // fold alike (SamePlace): a place that folds to nothing is keyed as
  // written. Line breaks separate keys in match_keys.
  std::string folded = text::FoldingKey(location);
  if (folded.empty()) return absl::StrCat("place=", absl::StrReplaceAll(location, {{"\n", " "}}));
  return absl::StrCat("place:", folded);
}

std::vector<std::pair<std::string, std::string>> CandidateKeyRanges(const v1::Event& event) {
  // date_key is "date/end_date"; every character after a date is '-' or
  // '/', both below '0', so [prefix, prefix + "0") is "starts with prefix".
  const v1::PartialDate& d = event.date();
  const std::string own = FormatPartialDate(d);
  std::vector<std::pair<std::string, std::string>> out = {{own, own + "0"}};
  if (own.empty()) {
    out[0] = {"/", "0"};
    return out;
  }
  const DatePrecision p = PrecisionOf(d);
  if (p == DatePrecision::kDay) {
    const std::string month = own.substr(0, 7) + "/";
    out.push_back({month, own.substr(0, 7) + "0"});
  }
  if (p != DatePrecision::kYear) {
    const std::string year = own.substr(0, 4) + "/";
    out.push_back({year, own.substr(0, 4) + "0"});
  }
  return out;
}

namespace {

// The entity keys and the place key of `e`, sorted and unique.
std::vector<std::string> KeysOf(const v1::Event& e) {
  std::vector<std::string> out;
  for (const auto& p : e.participants()) {
    if (!p.entity().empty()) out.push_back(p.entity());
  }
  if (std::string place = PlaceKey(e.location()); !place.empty()) out.push_back(std::move(place));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// What incident_keys holds an event under; the rows differ when this does.
bool SameFiling(const IncidentFiling& a, const IncidentFiling& b) {
  return a.country_code == b.country_code && a.people.empty() == b.people.empty() &&
         a.category == b.category && a.date_key == b.date_key && a.match_keys == b.match_keys;
}

// The statement filing `keys` keys of one event in one step: the
// event's country, people named, category, date and id are bound once
// (?1 to ?5) and each key after them.
std::string InsertKeysSql(size_t keys) {
  std::string sql =
      "INSERT OR IGNORE INTO incident_keys(key, country_code, names_people, category, date_key, "
      "event_id) VALUES ";
  for (size_t i = 0; i < keys; ++i) {
    absl::StrAppend(&sql, i == 0 ? "" : ", ", "(?", 6 + i, ", ?1, ?2, ?3, ?4, ?5)");
  }
  return sql;
}

absl::Status InsertKeys(StatementCache& statements, const std::string& event_id,
                        const IncidentFiling& f) {
  const std::vector<absl::string_view> keys =
      absl::StrSplit(f.match_keys, '\n', absl::SkipEmpty());
  if (keys.empty()) return absl::OkStatus();
  auto st = statements.Get(InsertKeysSql(keys.size()));
  if (!st.ok()) return st.status();
  // `f`, `event_id` and the keys outlive the statement's run.
  (*st)->BindUnowned(1, f.country_code)
      .Bind(2, f.names_people())
      .Bind(3, f.category)
      .BindUnowned(4, f.date_key)
      .BindUnowned(5, event_id);
  for (size_t i = 0; i < keys.size(); ++i) (*st)->BindUnowned(6 + i, keys[i]);
  absl::Status s = (*st)->Run();
  (*st)->Reset();
  return s;
}

absl::Status DeleteKeys(StatementCache& statements, const std::string& event_id,
                        const IncidentFiling& f) {
  auto st = statements.Get(
      "DELETE FROM incident_keys WHERE key = ? AND country_code = ? AND names_people = ? AND "
      "date_key = ? AND category = ? AND event_id = ?");
  if (!st.ok()) return st.status();
  for (absl::string_view key : absl::StrSplit(f.match_keys, '\n', absl::SkipEmpty())) {
    (*st)->Reset();
    (*st)->Bind(1, key)
        .Bind(2, f.country_code)
        .Bind(3, f.names_people())
        .Bind(4, f.date_key)
        .Bind(5, f.category)
        .Bind(6, event_id);
    if (absl::Status s = (*st)->Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

bool InRanges(const std::string& date_key,
              const std::vector<std::pair<std::string, std::string>>& ranges) {
  for (const auto& [from, to] : ranges) {
    if (date_key >= from && date_key < to) return true;
  }
  return false;
}

}  // namespace

std::string MatchKeysOf(const v1::Event& event) { return absl::StrJoin(KeysOf(event), "\n"); }

IncidentFiling FilingOf(const v1::Event& event, bool with_keys) {
  IncidentFiling f;
  f.country_code = event.country_code();
  f.people = absl::StrJoin(PeopleOf(event), ",");
  f.category = static_cast<int64_t>(event.category());
  f.date_key = IncidentDateKey(event);
  if (with_keys) f.match_keys = MatchKeysOf(event);
  return f;
}

absl::Status ReindexIncident(StatementCache& statements, const std::string& event_id,
                             const IncidentFiling* filing) {
  auto st = statements.Get(
      "SELECT country_code, people, category, date_key, match_keys FROM events WHERE id = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, event_id);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  std::optional<IncidentFiling> before;
  if (*row) {
    before.emplace();
    before->country_code = (*st)->ColumnText(0);
    before->people = (*st)->ColumnText(1);
    before->category = (*st)->ColumnInt(2);
    before->date_key = (*st)->ColumnText(3);
    before->match_keys = (*st)->ColumnText(4);
  }
  (*st)->Reset();
  if (before && filing != nullptr && SameFiling(*before, *filing)) return absl::OkStatus();
  if (!before && filing == nullptr) return absl::OkStatus();
  if (before) {
    if (absl::Status s = DeleteKeys(statements, event_id, *before); !s.ok()) return s;
  }
  if (filing != nullptr) {
    if (absl::Status s = InsertKeys(statements, event_id, *filing); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> FindCandidateIncidents(StatementCache& statements,
                                                                const v1::Event& mention) {
  const std::vector<v1::Category> categories = CompatibleCategories(mention.category());
  const auto ranges = CandidateKeyRanges(mention);
  // The ranges lie within one year (or are the undated range): one seek
  // per key and people named reads the span from the lowest start to the
  // highest end, every category in it, and the rows outside the ranges or
  // the categories are left here. That span holds few rows of one key, so
  // reading them costs less than a seek for each category and range.
  std::string from = ranges[0].first, to = ranges[0].second;
  for (const auto& [f, t] : ranges) {
    from = std::min(from, f);
    to = std::max(to, t);
  }
  auto st = statements.Get(
      "SELECT date_key, category, event_id FROM incident_keys WHERE key = ? AND "
      "country_code = ? AND names_people = ? AND date_key >= ? AND date_key < ?");
  if (!st.ok()) return st.status();

  // A person the mention names finds the incidents naming that person; a
  // body or its place finds the incidents naming nobody (an incident
  // naming other people is another incident), or every incident when the
  // mention names nobody either.
  const std::vector<std::string> people = PeopleOf(mention);
  const bool names_people = !people.empty();
  // (key, lowest and highest names_people of the incidents it finds).
  std::vector<std::tuple<std::string, int64_t, int64_t>> lookups;
  for (const std::string& person : people) lookups.emplace_back(person, 1, 1);
  const int64_t body_high = names_people ? 0 : 1;
  for (const auto& p : mention.participants()) {
    if (p.kind() != v1::ENTITY_KIND_PERSON && !p.entity().empty()) {
      lookups.emplace_back(p.entity(), 0, body_high);
    }
  }
  if (std::string place = PlaceKey(mention.location()); !place.empty()) {
    lookups.emplace_back(std::move(place), 0, body_high);
  }
  std::sort(lookups.begin(), lookups.end());
  lookups.erase(std::unique(lookups.begin(), lookups.end()), lookups.end());
  std::vector<std::string> out;
  for (const auto& [key, low, high] : lookups) {
    for (int64_t names = low; names <= high; ++names) {
      // The bound texts outlive the look-up; the statement is reset below.
      (*st)->Reset();
      (*st)->BindUnowned(1, key)
          .BindUnowned(2, mention.country_code())
          .Bind(3, names)
          .BindUnowned(4, from)
          .BindUnowned(5, to);
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        const auto category = static_cast<v1::Category>((*st)->ColumnInt(1));
        if (std::find(categories.begin(), categories.end(), category) == categories.end()) {
          continue;
        }
        if (!InRanges((*st)->ColumnText(0), ranges)) continue;
        out.push_back((*st)->ColumnText(2));
      }
    }
  }
  (*st)->Reset();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

absl::Status MarkIncidentKeysStale(StatementCache& statements) {
  auto st = statements.Get(
      "INSERT OR IGNORE INTO meta(key, value) VALUES('incident_keys', 'stale')");
  if (!st.ok()) return st.status();
  return (*st)->Run();
}

absl::StatusOr<bool> IncidentKeysStale(sqlite::Database& db) {
  auto st = db.Prepare("SELECT 1 FROM meta WHERE key = 'incident_keys' AND value = 'stale'");
  if (!st.ok()) return st.status();
  return st->Step();
}

absl::StatusOr<bool> IncidentKeysKeyedByDate(sqlite::Database& db) {
  auto st = db.Prepare("SELECT name FROM pragma_table_info('incident_keys') WHERE pk = 4");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return *row && st->ColumnText(0) == "date_key";
}

absl::Status IndexStoredIncidents(sqlite::Database& db) {
  if (absl::Status s = db.Exec(
          "DELETE FROM incident_keys; DELETE FROM meta WHERE key = 'incident_keys';");
      !s.ok()) {
    return s;
  }
  // In batches by id, so neither memory nor a statement reading the
  // table it updates spans the whole store.
  StatementCache statements(db);
  std::string after;
  while (true) {
    std::vector<std::pair<std::string, v1::Event>> batch;
    auto st = statements.Get("SELECT id, event FROM events WHERE id > ? ORDER BY id LIMIT 1000");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, after);
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      v1::Event e;
      if (!e.ParseFromString((*st)->ColumnText(1))) {
        return InternalError(absl::StrCat("undecodable event ", (*st)->ColumnText(0)));
      }
      batch.emplace_back((*st)->ColumnText(0), std::move(e));
    }
    (*st)->Reset();
    if (batch.empty()) return absl::OkStatus();
    after = batch.back().first;
    for (const auto& [id, event] : batch) {
      const IncidentFiling f = FilingOf(event, /*with_keys=*/true);
      if (absl::Status s = InsertKeys(statements, id, f); !s.ok()) return s;
      auto update = statements.Get("UPDATE events SET match_keys = ?, people = ? WHERE id = ?");
      if (!update.ok()) return update.status();
      (*update)->Bind(1, f.match_keys).Bind(2, f.people).Bind(3, id);
      if (absl::Status s = (*update)->Run(); !s.ok()) return s;
    }
  }
}

}  // namespace civicwatch::ingest

#include "services/ingest/incident_index.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/partial_date.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_matching.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {
namespace {

// Events from small vocabularies, so that many share a person, a body, a
// place (written in two scripts) or a period, and some name nobody.
v1::Event RandomEvent(std::mt19937& rng) {
  static const char* kCountries[] = {"UZ", "BY"};
  static const v1::Category kCategories[] = {
      v1::CATEGORY_COURT_RULING, v1::CATEGORY_IMPRISONMENT, v1::CATEGORY_FINE,
      v1::CATEGORY_DETENTION,    v1::CATEGORY_ADVOCACY,     v1::CATEGORY_JUDICIAL_HARASSMENT,
      v1::CATEGORY_ATTACK,       v1::CATEGORY_RAID};
  static const char* kPlaces[] = {"", "Nukus", "Нукус", "Minsk", "Минск", "!!"};
  v1::Event e;
  e.set_country_code(kCountries[rng() % 2]);
  const int precision = rng() % 6;
  if (precision > 0) e.mutable_date()->set_year(2020 + rng() % 2);
  if (precision > 1) e.mutable_date()->set_month(1 + rng() % 2);
  if (precision > 2) e.mutable_date()->set_day(1 + rng() % 3);
  if (rng() % 4 == 0) e.mutable_end_date()->set_year(2022);
  e.set_category(kCategories[rng() % 8]);
  e.set_location(kPlaces[rng() % 6]);
  const int people = rng() % 3;
  for (int i = 0; i < people; ++i) {
    auto* p = e.add_participants();
    p->set_entity(absl::StrCat("entities/person", rng() % 6));
    p->set_kind(v1::ENTITY_KIND_PERSON);
  }
  if (rng() % 2 == 0) {
    auto* p = e.add_participants();
    // Now and then an entity taken for a person in one telling and for a
    // body in another.
    p->set_entity(rng() % 8 == 0 ? absl::StrCat("entities/person", rng() % 6)
                                 : absl::StrCat("entities/body", rng() % 3));
    p->set_kind(rng() % 2 ? v1::ENTITY_KIND_STATE_BODY : v1::ENTITY_KIND_ORGANISATION);
  }
  return e;
}

// Whether `incident` is dated in a period a look-up for `mention` meets,
// told by ranges [from, to) of date_key text: the mention's own date and
// every finer date inside it ("2021-03" meets "2021-03/..." and
// "2021-03-14/..."), and the month and year that hold it; an undated
// mention, the undated incidents. A statement of the rule independent of
// the integers IncidentIndex keeps it with.
bool InPeriodsLookedUp(const v1::Event& incident, const v1::Event& mention) {
  const std::string own = FormatPartialDate(mention.date());
  std::vector<std::pair<std::string, std::string>> ranges = {{own, own + "0"}};
  if (own.empty()) {
    ranges[0] = {"/", "0"};
  } else {
    const DatePrecision p = PrecisionOf(mention.date());
    if (p == DatePrecision::kDay) ranges.push_back({own.substr(0, 7) + "/", own.substr(0, 7) + "0"});
    if (p != DatePrecision::kYear) ranges.push_back({own.substr(0, 4) + "/", own.substr(0, 4) + "0"});
  }
  const std::string date_key = IncidentDateKey(incident);
  for (const auto& [from, to] : ranges) {
    if (date_key >= from && date_key < to) return true;
  }
  // An act told across midnight: a day meets the day before and after.
  if (ToldAcrossMidnight(mention.category()) && PrecisionOf(mention.date()) == DatePrecision::kDay &&
      PrecisionOf(mention.end_date()) == DatePrecision::kUndated &&
      PrecisionOf(incident.date()) == DatePrecision::kDay) {
    const int64_t apart = FirstDayOf(incident.date()) - FirstDayOf(mention.date());
    if (apart == 1 || apart == -1) return true;
  }
  return false;
}

// Every stored incident `index` should find for `mention`, and whether it
// is one the look-up may return at all.
void CheckFinds(const IncidentIndex& index, const std::map<int64_t, v1::Event>& stored,
                const v1::Event& mention, int& non_distinct) {
  const std::vector<int64_t> found = index.Find(mention);
  ASSERT_TRUE(std::is_sorted(found.begin(), found.end()));
  const std::set<int64_t> got(found.begin(), found.end());
  ASSERT_EQ(got.size(), found.size());
  const auto categories = CompatibleCategories(mention.category());
  for (const auto& [rowid, incident] : stored) {
    const bool looked_at =
        incident.country_code() == mention.country_code() &&
        std::count(categories.begin(), categories.end(), incident.category()) > 0 &&
        InPeriodsLookedUp(incident, mention);
    const MatchResult r = MatchIncident(mention, incident);
    if (looked_at && r.decision != MatchDecision::kDistinct) {
      ++non_distinct;
      EXPECT_TRUE(got.count(rowid)) << "missed " << rowid << " (" << DecisionName(r.decision)
                                    << ")";
    }
    // Nothing outside the country, categories and periods looked up.
    if (got.count(rowid)) EXPECT_TRUE(looked_at) << rowid;
  }
  for (int64_t rowid : found) EXPECT_TRUE(stored.count(rowid)) << "not filed: " << rowid;
}

// Every incident the matcher does not find distinct from a mention (within
// the country, categories and periods looked up) is found, including after
// the incidents change and go.
TEST(IncidentIndexTest, FindsEveryIncidentTheMatcherWouldNotSetApart) {
  IncidentIndex index;
  std::mt19937 rng(7);
  std::map<int64_t, v1::Event> stored;
  for (int64_t i = 1; i <= 400; ++i) {
    stored[i] = RandomEvent(rng);
    index.File(i, FilingOf(stored[i]));
  }
  // Some change (new keys, date, category) and some go.
  for (int64_t i = 1; i <= 100; ++i) {
    ASSERT_TRUE(index.Unfile(i, FilingOf(stored[i])).ok());
    stored[i] = RandomEvent(rng);
    index.File(i, FilingOf(stored[i]));
  }
  for (int64_t i = 101; i <= 150; ++i) {
    ASSERT_TRUE(index.Unfile(i, FilingOf(stored[i])).ok());
    stored.erase(i);
  }
  index.Commit();

  int non_distinct = 0;
  for (int m = 0; m < 300; ++m) {
    CheckFinds(index, stored, RandomEvent(rng), non_distinct);
  }
  // The vocabularies make the check bite: many pairs are not distinct.
  EXPECT_GT(non_distinct, 100);
}

// An attack told on 31 December is found from its telling on 1 January,
// filed under the other year.
TEST(IncidentIndexTest, AnActAtNightIsFoundAcrossTheYearsEnd) {
  IncidentIndex index;
  v1::Event told;
  told.set_country_code("BY");
  told.mutable_date()->set_year(2020);
  told.mutable_date()->set_month(12);
  told.mutable_date()->set_day(31);
  told.set_category(v1::CATEGORY_ATTACK);
  auto* p = told.add_participants();
  p->set_entity("entities/person1");
  p->set_kind(v1::ENTITY_KIND_PERSON);
  index.File(1, FilingOf(told));
  v1::Event again = told;
  again.mutable_date()->set_year(2021);
  again.mutable_date()->set_month(1);
  again.mutable_date()->set_day(1);
  EXPECT_EQ(index.Find(again), std::vector<int64_t>{1});
  // A detention is not told across midnight.
  told.set_category(v1::CATEGORY_DETENTION);
  index.File(2, FilingOf(told));
  again.set_category(v1::CATEGORY_DETENTION);
  EXPECT_TRUE(index.Find(again).empty());
}

// A rolled-back change leaves the index answering as before it.
TEST(IncidentIndexTest, RollbackUndoesEveryChangeSinceTheCommit) {
  IncidentIndex index;
  std::mt19937 rng(11);
  std::map<int64_t, v1::Event> stored;
  for (int64_t i = 1; i <= 300; ++i) {
    stored[i] = RandomEvent(rng);
    index.File(i, FilingOf(stored[i]));
  }
  index.Commit();
  const int64_t entries = index.entries();
  std::vector<v1::Event> mentions;
  std::vector<std::vector<int64_t>> before;
  for (int m = 0; m < 200; ++m) {
    mentions.push_back(RandomEvent(rng));
    before.push_back(index.Find(mentions.back()));
  }
  // New incidents, changed ones (one filed again under the same rowid
  // after it went, as SQLite reuses the highest rowid) and gone ones.
  for (int64_t i = 301; i <= 400; ++i) index.File(i, FilingOf(RandomEvent(rng)));
  for (int64_t i = 1; i <= 100; ++i) {
    ASSERT_TRUE(index.Unfile(i, FilingOf(stored[i])).ok());
    if (i % 2 == 0) index.File(i, FilingOf(RandomEvent(rng)));
  }
  ASSERT_TRUE(index.Unfile(300, FilingOf(stored[300])).ok());
  index.File(300, FilingOf(RandomEvent(rng)));
  int changed = 0;
  for (size_t m = 0; m < mentions.size(); ++m) changed += index.Find(mentions[m]) != before[m];
  EXPECT_GT(changed, 50);

  index.Rollback();
  EXPECT_EQ(index.entries(), entries);
  for (size_t m = 0; m < mentions.size(); ++m) EXPECT_EQ(index.Find(mentions[m]), before[m]);
  int non_distinct = 0;
  for (const v1::Event& mention : mentions) CheckFinds(index, stored, mention, non_distinct);
  EXPECT_GT(non_distinct, 50);
}

TEST(IncidentIndexTest, UnfilingWhatIsNotFiledIsAnInternalError) {
  IncidentIndex index;
  std::mt19937 rng(3);
  v1::Event e = RandomEvent(rng);
  e.set_location("Nukus");
  index.File(1, FilingOf(e));
  EXPECT_EQ(index.Unfile(2, FilingOf(e)).code(), absl::StatusCode::kInternal);
  v1::Event moved = e;
  moved.set_category(v1::CATEGORY_RAID);
  EXPECT_EQ(index.Unfile(1, FilingOf(moved)).code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(index.Unfile(1, FilingOf(e)).ok());
  EXPECT_EQ(index.entries(), 0);
}

TEST(IncidentIndexTest, MemoryGrowsWithTheEntriesAndComesBack) {
  IncidentIndex index;
  const int64_t empty = index.MemoryBytes();
  std::mt19937 rng(5);
  std::vector<v1::Event> events;
  for (int64_t i = 1; i <= 1000; ++i) {
    events.push_back(RandomEvent(rng));
    events.back().set_summary(absl::StrCat(i));
    index.File(i, FilingOf(events.back()));
  }
  index.Commit();
  EXPECT_GT(index.entries(), 1000);
  EXPECT_GT(index.MemoryBytes(), empty + index.entries() * 16);
  for (int64_t i = 1; i <= 1000; ++i) ASSERT_TRUE(index.Unfile(i, FilingOf(events[i - 1])).ok());
  index.Commit();
  EXPECT_EQ(index.entries(), 0);
}

// A bucket larger than one chunk of the pool, and many middling ones
// filling several chunks, keep every entry through growing, shrinking and
// growing again.
TEST(IncidentIndexTest, LargeBucketsKeepEveryEntry) {
  IncidentIndex index;
  // Event i names person p up to 70,000 (one bucket of 70,000 entries),
  // person q(i mod 50) after, and body b(i mod 5000).
  const auto event = [](int64_t i) {
    v1::Event e;
    e.set_country_code("UZ");
    e.mutable_date()->set_year(2021);
    e.set_category(v1::CATEGORY_DETENTION);
    auto* person = e.add_participants();
    person->set_entity(i <= 70000 ? "entities/p" : absl::StrCat("entities/q", i % 50));
    person->set_kind(v1::ENTITY_KIND_PERSON);
    auto* body = e.add_participants();
    body->set_entity(absl::StrCat("entities/b", i % 5000));
    body->set_kind(v1::ENTITY_KIND_STATE_BODY);
    return e;
  };
  const auto naming = [](const std::string& entity, v1::EntityKind kind) {
    v1::Event e;
    e.set_country_code("UZ");
    e.mutable_date()->set_year(2021);
    e.set_category(v1::CATEGORY_DETENTION);
    auto* p = e.add_participants();
    p->set_entity(entity);
    p->set_kind(kind);
    return e;
  };
  const v1::Event by_p = naming("entities/p", v1::ENTITY_KIND_PERSON);
  const v1::Event by_q4 = naming("entities/q4", v1::ENTITY_KIND_PERSON);
  const v1::Event by_b7 = naming("entities/b7", v1::ENTITY_KIND_STATE_BODY);
  const v1::Event by_b8 = naming("entities/b8", v1::ENTITY_KIND_STATE_BODY);
  for (int64_t i = 1; i <= 150000; ++i) index.File(i, FilingOf(event(i)));
  index.Commit();
  EXPECT_EQ(index.Find(by_p).size(), 70000u);
  EXPECT_EQ(index.Find(by_q4).size(), 1600u);
  EXPECT_EQ(index.Find(by_b7).size(), 30u);
  EXPECT_EQ(index.Find(by_b8).size(), 30u);
  // The even events after 70,000 go: every q4 and the later b8.
  for (int64_t i = 70002; i <= 150000; i += 2) {
    ASSERT_TRUE(index.Unfile(i, FilingOf(event(i))).ok());
  }
  index.Commit();
  EXPECT_EQ(index.Find(by_p).size(), 70000u);
  EXPECT_EQ(index.Find(by_q4).size(), 0u);
  EXPECT_EQ(index.Find(by_b7).size(), 30u);
  const std::vector<int64_t> b8 = index.Find(by_b8);
  ASSERT_EQ(b8.size(), 14u);
  EXPECT_TRUE(std::all_of(b8.begin(), b8.end(), [](int64_t i) { return i < 70000; }));
  for (int64_t i = 150001; i <= 200000; ++i) index.File(i, FilingOf(event(i)));
  index.Commit();
  EXPECT_EQ(index.Find(by_p).size(), 70000u);
  EXPECT_EQ(index.Find(by_q4).size(), 1000u);
  EXPECT_EQ(index.Find(by_b7).size(), 40u);
  EXPECT_EQ(index.Find(by_b8).size(), 24u);
  EXPECT_EQ(index.entries(), 2 * (150000 - 40000 + 50000));
}

// A writer's filing follows its transaction: kept when it commits, gone
// when it rolls back.
TEST(IncidentIndexTest, AWritersFilingFollowsItsTransaction) {
  char tmpl[] = "/tmp/cw-incident-index-XXXXXX";
  auto db = sqlite::Database::Open(std::string(mkdtemp(tmpl)) + "/index.db");
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec(kIngestSchema).ok());
  IncidentIndex index;
  std::mt19937 rng(13);
  v1::Event kept = RandomEvent(rng);
  kept.set_name("events/kept");
  kept.set_location("Nukus");
  v1::Event dropped = kept;
  dropped.set_name("events/dropped");
  {
    sqlite::Transaction tx(**db);
    ChangeWriter writer(**db, absl::Now(), &index);
    ASSERT_TRUE(writer.StoreEvent(kept).ok());
    ASSERT_TRUE(tx.Commit().ok());
    writer.Committed();
  }
  ASSERT_EQ(index.Find(kept).size(), 1u);
  const std::vector<int64_t> found = index.Find(kept);
  {
    sqlite::Transaction tx(**db);
    ChangeWriter writer(**db, absl::Now(), &index);
    ASSERT_TRUE(writer.StoreEvent(dropped).ok());
    ASSERT_TRUE(writer.DeleteEvent("kept").ok());
    EXPECT_EQ(index.Find(kept).size(), 1u);
    EXPECT_NE(index.Find(kept), found);
  }
  EXPECT_EQ(index.Find(kept), found);
}

// One incident's telling, as the normaliser reads it from a report.
normalize::NormalizedReport OneTelling(const std::string& person = "00000000000000bb",
                                       int day = 14) {
  normalize::NormalizedReport n;
  n.report.set_country_code("UZ");
  v1::Event e;
  e.mutable_date()->set_year(2021);
  e.mutable_date()->set_month(3);
  e.mutable_date()->set_day(day);
  e.set_category(v1::CATEGORY_DETENTION);
  auto* p = e.add_participants();
  p->set_entity(absl::StrCat("entities/", person));
  p->set_kind(v1::ENTITY_KIND_PERSON);
  p->set_display_name(absl::StrCat("Person ", person));
  auto* prov = e.add_provenance();
  prov->set_start_offset(0);
  prov->set_end_offset(5);
  n.events.push_back(e);
  return n;
}

v1::Report Body(const std::string& body, const std::string& source_uri = "") {
  v1::Report r;
  r.set_body(body);
  r.set_source_uri(source_uri);
  return r;
}

// A store is filed again from its events each time it opens: a telling
// written before a restart merges into the incident after it.
TEST(IncidentIndexTest, AReopenedStoreFindsWhatWasWrittenBefore) {
  char tmpl[] = "/tmp/cw-incident-index-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const normalize::NormalizedReport n = OneTelling();
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->CreateReport(Body("first telling"), "", n).ok());
    ASSERT_TRUE((*store)->CreateReport(Body("another incident"), "", OneTelling("cc", 2)).ok());
    auto stats = (*store)->GetStats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->incident_index_entries, 2);
    EXPECT_GT(stats->incident_index_bytes, 0);
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->incident_index_entries, 2);
  auto told = (*store)->CreateReport(Body("second telling"), "", n);
  ASSERT_TRUE(told.ok()) << told.status();
  ASSERT_EQ(told->events_size(), 1);
  EXPECT_EQ(told->events(0).provenance_size(), 2);
}

// A report whose transaction rolls back leaves the index as it was: the
// incidents it filed are not found, those it took out (superseding a
// report) are.
TEST(IncidentIndexTest, AFailedReportLeavesTheIndexAsItWas) {
  char tmpl[] = "/tmp/cw-incident-index-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE(
        (*store)->CreateReport(Body("first version", "https://example.org/a"), "", OneTelling())
            .ok());
  }
  {
    // The failure comes after the report's events are stored: in the
    // last write of CreateReport, the request id's.
    auto db = sqlite::Database::Open(dir + "/ingest.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE TRIGGER fail_boom BEFORE INSERT ON request_ids "
                            "WHEN NEW.request_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;")
                    .ok());
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  // A new version of the report, about another incident: the first
  // version's incident is taken out of the index, the new one filed.
  auto failed = (*store)->CreateReport(Body("second version", "https://example.org/a"), "boom",
                                       OneTelling("cc", 2));
  ASSERT_FALSE(failed.ok());
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 1);
  EXPECT_EQ(stats->incident_index_entries, 1);
  // The new version's incident was never stored: its retelling is new.
  auto other = (*store)->CreateReport(Body("another source"), "", OneTelling("cc", 2));
  ASSERT_TRUE(other.ok()) << other.status();
  ASSERT_EQ(other->events_size(), 1);
  EXPECT_EQ(other->events(0).provenance_size(), 1);
  // The first version's incident is still found.
  auto retold = (*store)->CreateReport(Body("a retelling"), "", OneTelling());
  ASSERT_TRUE(retold.ok()) << retold.status();
  ASSERT_EQ(retold->events_size(), 1);
  EXPECT_EQ(retold->events(0).provenance_size(), 2);
  stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 2);
}

// A store written with matching off, or made before the filing columns,
// is found complete when opened with matching; the table an earlier
// version kept the index in goes.
TEST(IncidentIndexTest, StoresWrittenWithoutTheIndexAreFiledWhenOpened) {
  char tmpl[] = "/tmp/cw-incident-index-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const normalize::NormalizedReport n = OneTelling();
  {
    IngestStoreOptions off;
    off.match_incidents = false;
    auto store = IngestStore::Open(dir, off);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->CreateReport(Body("first telling"), "", n).ok());
    auto stats = (*store)->GetStats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->incident_index_bytes, 0);
  }
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    auto told = (*store)->CreateReport(Body("second telling"), "", n);
    ASSERT_TRUE(told.ok()) << told.status();
    ASSERT_EQ(told->events_size(), 1);
    EXPECT_EQ(told->events(0).provenance_size(), 2);
  }
  // As made before the filing columns, with the table incident_keys and
  // the mark an earlier version left after writing with matching off.
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db");
    ASSERT_TRUE(db.ok());
    absl::Status old =
        (*db)->Exec("CREATE TABLE events_before (id TEXT PRIMARY KEY, country_code TEXT NOT NULL, "
                    "date_key TEXT NOT NULL, category INTEGER NOT NULL, event BLOB NOT NULL); "
                    "INSERT INTO events_before SELECT id, country_code, date_key, category, event "
                    "FROM events; "
                    "DROP TABLE events; ALTER TABLE events_before RENAME TO events; "
                    "CREATE TABLE incident_keys (key TEXT NOT NULL, country_code TEXT NOT NULL, "
                    "names_people INTEGER NOT NULL, category INTEGER NOT NULL, "
                    "date_key TEXT NOT NULL, event_id TEXT NOT NULL, "
                    "PRIMARY KEY (key, country_code, names_people, date_key, category, event_id)) "
                    "WITHOUT ROWID; "
                    "INSERT INTO meta(key, value) VALUES('incident_keys', 'stale');");
    ASSERT_TRUE(old.ok()) << old;
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db", /*read_only=*/true);
    ASSERT_TRUE(db.ok());
    auto st = (*db)->Prepare(
        "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE name = 'incident_keys'), "
        "(SELECT COUNT(*) FROM meta WHERE key = 'incident_keys')");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->ColumnInt(0), 0);
    EXPECT_EQ(st->ColumnInt(1), 0);
  }
  auto told = (*store)->CreateReport(Body("third telling"), "", n);
  ASSERT_TRUE(told.ok()) << told.status();
  ASSERT_EQ(told->events_size(), 1);
  EXPECT_EQ(told->events(0).provenance_size(), 3);
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 1);
}

}  // namespace
}  // namespace civicwatch::ingest

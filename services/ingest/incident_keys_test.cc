#include "services/ingest/incident_keys.h"

#include <algorithm>
#include <cstdlib>
#include <random>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
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
      v1::CATEGORY_DETENTION,    v1::CATEGORY_ADVOCACY,     v1::CATEGORY_JUDICIAL_HARASSMENT};
  static const char* kPlaces[] = {"", "Nukus", "Нукус", "Minsk", "Минск", "!!"};
  v1::Event e;
  e.set_country_code(kCountries[rng() % 2]);
  const int precision = rng() % 6;
  if (precision > 0) e.mutable_date()->set_year(2020 + rng() % 2);
  if (precision > 1) e.mutable_date()->set_month(1 + rng() % 2);
  if (precision > 2) e.mutable_date()->set_day(1 + rng() % 3);
  e.set_category(kCategories[rng() % 6]);
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

bool InRanges(const std::string& date_key,
              const std::vector<std::pair<std::string, std::string>>& ranges) {
  for (const auto& [from, to] : ranges) {
    if (date_key >= from && date_key < to) return true;
  }
  return false;
}

// Every incident the matcher does not find distinct from a mention (within
// the country, categories and date ranges looked up) is found through
// incident_keys, including after the incidents change and go.
TEST(IncidentKeysTest, FindsEveryIncidentTheMatcherWouldNotSetApart) {
  char tmpl[] = "/tmp/cw-incident-keys-XXXXXX";
  auto db = sqlite::Database::Open(std::string(mkdtemp(tmpl)) + "/keys.db");
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec(kIngestSchema).ok());
  sqlite::Transaction tx(**db);
  ChangeWriter writer(**db, absl::Now());
  std::mt19937 rng(7);
  std::vector<v1::Event> stored;
  for (int i = 0; i < 400; ++i) {
    v1::Event e = RandomEvent(rng);
    e.set_name(absl::StrCat("events/e", 1000 + i));
    ASSERT_TRUE(writer.StoreEvent(e).ok());
    stored.push_back(e);
  }
  // Some change (new keys, date, category) and some go.
  for (int i = 0; i < 100; ++i) {
    v1::Event e = RandomEvent(rng);
    e.set_name(stored[i].name());
    ASSERT_TRUE(writer.StoreEvent(e).ok());
    stored[i] = e;
  }
  StatementCache statements(**db);
  for (int i = 100; i < 150; ++i) {
    ASSERT_TRUE(ReindexIncident(statements, absl::StrCat("e", 1000 + i), nullptr).ok());
    ASSERT_TRUE((*db)->Exec(absl::StrCat("DELETE FROM events WHERE id = 'e", 1000 + i, "'")).ok());
  }
  stored.erase(stored.begin() + 100, stored.begin() + 150);

  int non_distinct = 0;
  for (int m = 0; m < 300; ++m) {
    const v1::Event mention = RandomEvent(rng);
    auto found = FindCandidateIncidents(statements, mention);
    ASSERT_TRUE(found.ok()) << found.status();
    const std::set<std::string> got(found->begin(), found->end());
    const auto ranges = CandidateKeyRanges(mention);
    const auto categories = CompatibleCategories(mention.category());
    for (const v1::Event& incident : stored) {
      const std::string id = incident.name().substr(7);
      const bool looked_at =
          incident.country_code() == mention.country_code() &&
          std::count(categories.begin(), categories.end(), incident.category()) > 0 &&
          InRanges(IncidentDateKey(incident), ranges);
      const MatchResult r = MatchIncident(mention, incident);
      if (looked_at && r.decision != MatchDecision::kDistinct) {
        ++non_distinct;
        EXPECT_TRUE(got.count(id)) << "missed " << id << " (" << DecisionName(r.decision) << ")";
      }
      // Nothing outside the country, categories and periods looked up.
      if (got.count(id)) EXPECT_TRUE(looked_at) << id;
    }
  }
  // The vocabularies make the check bite: many pairs are not distinct.
  EXPECT_GT(non_distinct, 100);
}

// One incident's telling, as the normaliser reads it from a report.
normalize::NormalizedReport OneTelling() {
  normalize::NormalizedReport n;
  n.report.set_country_code("UZ");
  v1::Event e;
  e.mutable_date()->set_year(2021);
  e.mutable_date()->set_month(3);
  e.mutable_date()->set_day(14);
  e.set_category(v1::CATEGORY_DETENTION);
  auto* p = e.add_participants();
  p->set_entity("entities/00000000000000bb");
  p->set_kind(v1::ENTITY_KIND_PERSON);
  p->set_display_name("Dilmurod Sayid");
  auto* prov = e.add_provenance();
  prov->set_start_offset(0);
  prov->set_end_offset(5);
  n.events.push_back(e);
  return n;
}

// A store written before the index, or with matching off, is filed when
// opened: a later telling of a stored incident merges into it.
TEST(IncidentKeysTest, StoresWithoutTheIndexAreFiledWhenOpened) {
  char tmpl[] = "/tmp/cw-incident-keys-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const normalize::NormalizedReport n = OneTelling();
  v1::Report first, second, third;
  first.set_body("first telling");
  second.set_body("second telling");
  third.set_body("third telling");
  {
    IngestStoreOptions off;
    off.match_incidents = false;
    auto store = IngestStore::Open(dir, off);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->CreateReport(first, "", n).ok());
  }
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    auto told = (*store)->CreateReport(second, "", n);
    ASSERT_TRUE(told.ok()) << told.status();
    ASSERT_EQ(told->events_size(), 1);
    EXPECT_EQ(told->events(0).provenance_size(), 2);
  }
  // As made before the index: no match_keys column, no keys.
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db");
    ASSERT_TRUE(db.ok());
    absl::Status dropped =
        (*db)->Exec("DELETE FROM incident_keys; "
                    "CREATE TABLE events_before (id TEXT PRIMARY KEY, country_code TEXT NOT NULL, "
                    "date_key TEXT NOT NULL, category INTEGER NOT NULL, event BLOB NOT NULL, "
                    "people TEXT NOT NULL DEFAULT ''); "
                    "INSERT INTO events_before SELECT id, country_code, date_key, category, event, "
                    "people FROM events; "
                    "DROP TABLE events; ALTER TABLE events_before RENAME TO events;");
    ASSERT_TRUE(dropped.ok()) << dropped;
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  auto told = (*store)->CreateReport(third, "", n);
  ASSERT_TRUE(told.ok()) << told.status();
  ASSERT_EQ(told->events_size(), 1);
  EXPECT_EQ(told->events(0).provenance_size(), 3);
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 1);
}

// An index keyed category before date, as an earlier version made it, is
// made again keyed for the look-up when the store is opened, with every
// stored event filed in it.
TEST(IncidentKeysTest, AnIndexKeyedByCategoryFirstIsMadeAgainWhenOpened) {
  char tmpl[] = "/tmp/cw-incident-keys-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const normalize::NormalizedReport n = OneTelling();
  v1::Report first, second;
  first.set_body("first telling");
  second.set_body("second telling");
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->CreateReport(first, "", n).ok());
  }
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db");
    ASSERT_TRUE(db.ok());
    absl::Status rekeyed = (*db)->Exec(
        "DROP TABLE incident_keys; "
        "CREATE TABLE incident_keys (key TEXT NOT NULL, country_code TEXT NOT NULL, "
        "names_people INTEGER NOT NULL, category INTEGER NOT NULL, date_key TEXT NOT NULL, "
        "event_id TEXT NOT NULL, "
        "PRIMARY KEY (key, country_code, names_people, category, date_key, event_id)) "
        "WITHOUT ROWID;");
    ASSERT_TRUE(rekeyed.ok()) << rekeyed;
    auto keyed = IncidentKeysKeyedByDate(**db);
    ASSERT_TRUE(keyed.ok());
    EXPECT_FALSE(*keyed);
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db", /*read_only=*/true);
    ASSERT_TRUE(db.ok());
    auto keyed = IncidentKeysKeyedByDate(**db);
    ASSERT_TRUE(keyed.ok());
    EXPECT_TRUE(*keyed);
  }
  auto told = (*store)->CreateReport(second, "", n);
  ASSERT_TRUE(told.ok()) << told.status();
  ASSERT_EQ(told->events_size(), 1);
  EXPECT_EQ(told->events(0).provenance_size(), 2);
}

}  // namespace
}  // namespace civicwatch::ingest

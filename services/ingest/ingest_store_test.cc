#include "services/ingest/ingest_store.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

#include "gtest/gtest.h"
#include "services/common/sqlite.h"

namespace civicwatch::ingest {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/cw-ingest-XXXXXX";
  return mkdtemp(tmpl);
}

// A hand-made normaliser result: two events sharing one entity.
normalize::NormalizedReport Normalized(const std::string& person_alias) {
  normalize::NormalizedReport n;
  n.report.set_title("Test report");
  n.report.set_country_code("KG");
  v1::Entity entity;
  entity.set_name("entities/00000000000000aa");
  entity.set_kind(v1::ENTITY_KIND_PERSON);
  entity.set_display_name("Azimjan Askarov");
  entity.add_aliases(person_alias);
  n.entities.push_back(entity);
  for (int i = 0; i < 2; ++i) {
    v1::Event e;
    e.mutable_date()->set_year(2018 + i);
    e.set_category(v1::CATEGORY_DETENTION);
    auto* p = e.add_participants();
    p->set_entity(entity.name());
    p->set_display_name("Askarov");
    auto* prov = e.add_provenance();
    prov->set_start_offset(i * 10);
    prov->set_end_offset(i * 10 + 5);
    n.events.push_back(e);
  }
  return n;
}

v1::Report Body(const std::string& text, const std::string& uri = "") {
  v1::Report r;
  r.set_body(text);
  r.set_source_uri(uri);
  return r;
}

TEST(IngestStoreTest, StoresReportEventsAndChangesInOrder) {
  auto store = IngestStore::Open(TempDir());
  ASSERT_TRUE(store.ok()) << store.status();
  auto resp = (*store)->CreateReport(Body("first body"), "", Normalized("Askarov"));
  ASSERT_TRUE(resp.ok()) << resp.status();
  ASSERT_EQ(resp->events_size(), 2);
  EXPECT_EQ(resp->events(0).provenance(0).report(), resp->report().name());
  EXPECT_EQ(resp->events(0).confidentiality(), v1::CONFIDENTIALITY_PUBLIC);
  EXPECT_EQ(resp->events(0).country_code(), "KG");

  auto changes = (*store)->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  // entity, report, two events: the report before its events.
  ASSERT_EQ(changes->size(), 4u);
  EXPECT_EQ((*changes)[0].resource_name(), "entities/00000000000000aa");
  EXPECT_EQ((*changes)[1].resource_name(), resp->report().name());
  EXPECT_TRUE((*changes)[1].report().body() == "first body");
  EXPECT_EQ((*changes)[3].sequence(), 4);
  EXPECT_EQ((*store)->HeadSequence(), 4);
}

TEST(IngestStoreTest, SameContentOrRequestIdCreatesNothingNew) {
  auto store = IngestStore::Open(TempDir());
  ASSERT_TRUE(store.ok());
  auto first = (*store)->CreateReport(Body("same body"), "req-1", Normalized("Askarov"));
  ASSERT_TRUE(first.ok());
  const int64_t head = (*store)->HeadSequence();
  auto again = (*store)->CreateReport(Body("same body"), "", Normalized("Askarov"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());
  auto retry = (*store)->CreateReport(Body("same body"), "req-1", Normalized("Askarov"));
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->SerializeAsString(), first->SerializeAsString());
  EXPECT_EQ((*store)->HeadSequence(), head);

  auto misuse = (*store)->CreateReport(Body("another body"), "req-1", Normalized("Askarov"));
  EXPECT_EQ(misuse.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->HeadSequence(), head);
}

TEST(IngestStoreTest, NewVersionAtSameSourceSupersedesOld) {
  auto store = IngestStore::Open(TempDir());
  ASSERT_TRUE(store.ok());
  auto v1r = (*store)->CreateReport(Body("version one", "https://x/r"), "", Normalized("Askarov"));
  ASSERT_TRUE(v1r.ok());
  const int64_t head = (*store)->HeadSequence();
  auto v2r = (*store)->CreateReport(Body("version two", "https://x/r"), "", Normalized("Askarov"));
  ASSERT_TRUE(v2r.ok());
  EXPECT_EQ((*store)->GetReport(v1r->report().name()).status().code(),
            absl::StatusCode::kNotFound);
  auto changes = (*store)->ReadChanges(head, 100);
  ASSERT_TRUE(changes.ok());
  int deletes = 0;
  for (const auto& c : *changes) deletes += c.type() == v1::CHANGE_TYPE_DELETE;
  EXPECT_EQ(deletes, 3);  // two events and the report
}

TEST(IngestStoreTest, EntitiesMergeAliasesAcrossReports) {
  auto store = IngestStore::Open(TempDir());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->CreateReport(Body("one"), "", Normalized("Askarov")).ok());
  ASSERT_TRUE((*store)->CreateReport(Body("two"), "", Normalized("Аскаров")).ok());
  auto changes = (*store)->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  v1::Entity last;
  for (const auto& c : *changes) {
    if (c.has_entity()) last = c.entity();
  }
  ASSERT_EQ(last.aliases_size(), 2);
  EXPECT_EQ(last.aliases(1), "Аскаров");
}

TEST(IngestStoreTest, SameIncidentFromTwoReportsIsOneEventWithTwoSources) {
  auto store = IngestStore::Open(TempDir());
  ASSERT_TRUE(store.ok());
  auto first = (*store)->CreateReport(Body("first telling", "https://a/1"), "", Normalized("Askarov"));
  ASSERT_TRUE(first.ok());
  v1::Report restricted = Body("second telling", "https://b/2");
  restricted.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  auto second = (*store)->CreateReport(restricted, "", Normalized("Askarov"));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->events_size(), 2);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(second->events(i).name(), first->events(i).name());
    ASSERT_EQ(second->events(i).provenance_size(), 2);
    EXPECT_EQ(second->events(i).provenance(1).report(), second->report().name());
    // The least confidential source decides.
    EXPECT_EQ(second->events(i).confidentiality(), v1::CONFIDENTIALITY_PUBLIC);
  }

  // Withdrawing the first report (a new version at its source) leaves the
  // events, told by the second report alone, now restricted.
  const int64_t head = (*store)->HeadSequence();
  ASSERT_TRUE((*store)->CreateReport(Body("first, corrected", "https://a/1"), "",
                                     normalize::NormalizedReport()).ok());
  auto changes = (*store)->ReadChanges(head, 100);
  ASSERT_TRUE(changes.ok());
  int event_upserts = 0, event_deletes = 0;
  for (const auto& c : *changes) {
    if (!c.has_event() && c.type() == v1::CHANGE_TYPE_DELETE &&
        c.resource_name().rfind("events/", 0) == 0) {
      ++event_deletes;
    }
    if (c.has_event()) {
      ++event_upserts;
      EXPECT_EQ(c.event().provenance_size(), 1);
      EXPECT_EQ(c.event().provenance(0).report(), second->report().name());
      EXPECT_EQ(c.event().confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
    }
  }
  EXPECT_EQ(event_upserts, 2);
  EXPECT_EQ(event_deletes, 0);
}

TEST(IngestStoreTest, ReopenKeepsHeadAndData) {
  std::string dir = TempDir();
  std::string name;
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok());
    auto r = (*store)->CreateReport(Body("kept"), "", Normalized("Askarov"));
    ASSERT_TRUE(r.ok());
    name = r->report().name();
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->HeadSequence(), 4);
  auto report = (*store)->GetReport(name);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->body(), "kept");
}

TEST(IngestStoreTest, ListReportsLeavesOutConfidentialReportsUnlessAsked) {
  std::string dir = TempDir();
  std::string open_name, secret_name;
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    auto open = (*store)->CreateReport(Body("open body"), "", Normalized("Askarov"));
    v1::Report secret = Body("secret body");
    secret.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
    auto hidden = (*store)->CreateReport(secret, "", Normalized("Askarov"));
    ASSERT_TRUE(open.ok() && hidden.ok());
    open_name = open->report().name();
    secret_name = hidden->report().name();
  }
  auto names = [](IngestStore& store, bool include_confidential) {
    std::vector<std::string> out;
    auto page = store.ListReports("", include_confidential, 1, "");
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return out;
    for (const auto& r : page->reports) out.push_back(r.name());
    out.push_back(absl::StrCat("total=", page->total_size));
    return out;
  };
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(names(**store, false), (std::vector<std::string>{open_name, "total=1"}));
    EXPECT_EQ(names(**store, true).back(), "total=2");
  }
  // A store written before reports had the column gets it, filled from
  // the stored reports, when opened.
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db");
    ASSERT_TRUE(db.ok()) << db.status();
    absl::Status dropped = (*db)->Exec(
        "CREATE TABLE old_reports AS SELECT id, content_hash, source_uri, country_code, "
        "create_micros, report, response FROM reports; DROP TABLE reports; "
        "ALTER TABLE old_reports RENAME TO reports;");
    ASSERT_TRUE(dropped.ok()) << dropped;
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(names(**store, false), (std::vector<std::string>{open_name, "total=1"}));
  auto all = (*store)->ListReports("", true, 10, "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total_size, 2);
  EXPECT_EQ(all->reports.size(), 2u);
}

TEST(IngestStoreTest, ChangingConfidentialityNeedsTheScopeOfBothLevels) {
  auto store = IngestStore::Open(TempDir());
  ASSERT_TRUE(store.ok()) << store.status();
  auto resp = (*store)->CreateReport(Body("a body"), "", Normalized("Askarov"));
  ASSERT_TRUE(resp.ok()) << resp.status();
  v1::Event edit;
  edit.set_name(resp->events(0).name());
  edit.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
  // A caller who sees restricted events but not confidential ones may not
  // hide an event from itself, and is told which scope it lacks.
  auto refused = (*store)->UpdateEvent(edit, {"confidentiality"}, "", "analyst",
                                       v1::CONFIDENTIALITY_RESTRICTED);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied) << refused.status();
  EXPECT_NE(refused.status().message().find("event.confidentiality"), std::string::npos);
  EXPECT_NE(refused.status().message().find("query.confidential"), std::string::npos);
  edit.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  auto restricted = (*store)->UpdateEvent(edit, {"confidentiality"}, "", "analyst",
                                          v1::CONFIDENTIALITY_RESTRICTED);
  ASSERT_TRUE(restricted.ok()) << restricted.status();
  EXPECT_EQ(restricted->event.confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
  // Making it public again needs query.restricted too: a caller without it
  // never saw the persons it would reveal.
  edit.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  auto lowered = (*store)->UpdateEvent(edit, {"confidentiality"}, "", "partner",
                                       v1::CONFIDENTIALITY_PUBLIC);
  EXPECT_EQ(lowered.status().code(), absl::StatusCode::kPermissionDenied) << lowered.status();
  EXPECT_NE(lowered.status().message().find("query.restricted"), std::string::npos);
}

TEST(IngestStoreTest, UnwritableDataDirIsUnavailable) {
  auto store = IngestStore::Open("/proc/civicwatch-cannot-exist");
  EXPECT_EQ(store.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace civicwatch::ingest

#include "services/ingest/record_sources.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/ingest/incident_edits.h"
#include "services/ingest/incident_record.h"
#include "services/ingest/ingest_store.h"
#include "services/ingest/person_layer_store.h"

namespace civicwatch::ingest {
namespace {

constexpr char kPerson[] = "entities/00000000000000bb";

v1::Participant Person(const std::string& entity, const std::string& name) {
  v1::Participant p;
  p.set_entity(entity);
  p.set_display_name(name);
  p.set_kind(v1::ENTITY_KIND_PERSON);
  p.set_role(v1::ROLE_VICTIM);
  return p;
}

// A partner's record of a detention in Nukus on 14 March 2021.
v1::IncidentRecord Record(const std::string& summary = "Detained at home.") {
  v1::IncidentRecord r;
  r.set_source("partner/cases");
  r.set_external_id("case-1");
  v1::Event* e = r.mutable_event();
  e->set_country_code("UZ");
  e->mutable_date()->set_year(2021);
  e->mutable_date()->set_month(3);
  e->mutable_date()->set_day(14);
  e->set_category(v1::CATEGORY_DETENTION);
  e->set_freedom(v1::FREEDOM_EXPRESSION);
  e->set_valence(v1::VALENCE_NEGATIVE);
  e->set_summary(summary);
  e->set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  *e->add_participants() = Person(kPerson, "Person BB");
  return r;
}

ImportedIncident Imported(const v1::IncidentRecord& r = Record()) {
  EXPECT_TRUE(ValidateIncidentRecord(r).ok()) << ValidateIncidentRecord(r);
  return IncidentFromRecord(r);
}

// A report's telling of the same detention, as the normaliser reads it:
// the month only, a body beside the person, and the place.
normalize::NormalizedReport Telling(int day = 0, const std::string& person = kPerson) {
  normalize::NormalizedReport n;
  n.report.set_country_code("UZ");
  v1::Event e;
  e.mutable_date()->set_year(2021);
  e.mutable_date()->set_month(3);
  if (day > 0) e.mutable_date()->set_day(day);
  e.set_category(v1::CATEGORY_DETENTION);
  e.set_valence(v1::VALENCE_NEGATIVE);
  e.set_location("Nukus");
  e.set_summary("Police detained him in March.");
  *e.add_participants() = Person(person, "BB");
  v1::Participant* body = e.add_participants();
  body->set_entity("entities/police");
  body->set_display_name("police");
  body->set_kind(v1::ENTITY_KIND_STATE_BODY);
  body->set_role(v1::ROLE_ACTOR);
  auto* prov = e.add_provenance();
  prov->set_start_offset(0);
  prov->set_end_offset(5);
  n.events.push_back(e);
  return n;
}

v1::Report Body(const std::string& body, const std::string& source_uri) {
  v1::Report r;
  r.set_body(body);
  r.set_source_uri(source_uri);
  r.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  return r;
}

std::string NewDir() {
  char tmpl[] = "/tmp/cw-record-sources-XXXXXX";
  return mkdtemp(tmpl);
}

// The stored events, by id.
std::vector<v1::Event> StoredEvents(const std::string& dir) {
  std::vector<v1::Event> out;
  auto db = sqlite::Database::Open(dir + "/ingest.db", /*read_only=*/true);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return out;
  auto st = (*db)->Prepare("SELECT event FROM events ORDER BY id");
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(st->ForEachRow([&] {
                  out.emplace_back().ParseFromString(st->ColumnText(0));
                  return absl::OkStatus();
                }).ok());
  return out;
}

TEST(ReadWithRecordTest, TheRecordsFieldsStandAndTheMentionsAddWhatItLacks) {
  v1::Event record = Imported().event;
  record.clear_location();
  v1::Event stored = record;
  stored.set_name("events/x");
  stored.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  v1::Event mention = Telling(0).events[0];
  mention.set_category(v1::CATEGORY_IMPRISONMENT);
  const v1::Event read = ReadWithRecord(stored, record, {mention});
  EXPECT_EQ(read.name(), "events/x");
  EXPECT_EQ(read.confidentiality(), v1::CONFIDENTIALITY_PUBLIC);
  EXPECT_EQ(read.category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(read.date().day(), 14);
  EXPECT_EQ(read.summary(), "Detained at home.");
  EXPECT_EQ(read.location(), "Nukus") << "the record has no place";
  ASSERT_EQ(read.participants_size(), 2);
  EXPECT_EQ(read.participants(0).display_name(), "Person BB") << "the record's own";
  EXPECT_EQ(read.participants(1).entity(), "entities/police");

  const v1::Event alone = ReadWithRecord(read, record, {});
  EXPECT_EQ(alone.participants_size(), 1);
  EXPECT_EQ(alone.location(), "");
}

// A report's telling of a recorded act joins the record's event; the
// record's fields stay; importing the record again keeps the report; the
// report's withdrawal leaves the event as the record says it.
TEST(RecordSourcesTest, AReportJoinsTheRecordAndItsWithdrawalLeavesTheRecord) {
  const std::string dir = NewDir();
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  const ImportedIncident record = Imported();
  auto counts = (*store)->ImportIncidents({record});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->created, 1);

  auto told = (*store)->CreateReport(Body("a telling", "https://example.org/a"), "", Telling());
  ASSERT_TRUE(told.ok()) << told.status();
  ASSERT_EQ(told->events_size(), 1);
  const v1::Event& joined = told->events(0);
  EXPECT_EQ(joined.name(), record.event.name());
  ASSERT_EQ(joined.provenance_size(), 1);
  EXPECT_EQ(joined.provenance(0).report(), told->report().name());
  EXPECT_EQ(joined.date().day(), 14) << "the record's date, not the report's month";
  EXPECT_EQ(joined.summary(), "Detained at home.");
  EXPECT_EQ(joined.review_state(), v1::REVIEW_STATE_CONFIRMED);
  EXPECT_EQ(joined.location(), "Nukus");
  ASSERT_EQ(joined.participants_size(), 2);
  EXPECT_EQ(joined.confidentiality(), v1::CONFIDENTIALITY_PUBLIC) << "the least confidential source";
  auto stats = (*store)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 1);

  counts = (*store)->ImportIncidents({record});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->unchanged, 1);
  counts = (*store)->ImportIncidents({Imported(Record("Detained at home by police."))});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->updated, 1);
  std::vector<v1::Event> events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].summary(), "Detained at home by police.");
  EXPECT_EQ(events[0].provenance_size(), 1) << "the report stays";
  EXPECT_EQ(events[0].participants_size(), 2);

  // A new version of the report tells another act.
  auto other = (*store)->CreateReport(Body("another act", "https://example.org/a"), "",
                                      Telling(2, "entities/00000000000000cc"));
  ASSERT_TRUE(other.ok()) << other.status();
  events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 2u);
  const v1::Event& kept = events[0].name() == record.event.name() ? events[0] : events[1];
  EXPECT_EQ(kept.name(), record.event.name());
  EXPECT_EQ(kept.provenance_size(), 0);
  EXPECT_EQ(kept.participants_size(), 1);
  EXPECT_EQ(kept.location(), "");
  EXPECT_EQ(kept.date().day(), 14);
  EXPECT_EQ(kept.confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
}

// A new record of an act reports already tell takes their incident in,
// under the record's name; the incident's old name is deleted on the feed.
TEST(RecordSourcesTest, ANewRecordTakesInTheIncidentOfReports) {
  const std::string dir = NewDir();
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  auto told = (*store)->CreateReport(Body("a telling", "https://example.org/a"), "", Telling(14));
  ASSERT_TRUE(told.ok()) << told.status();
  auto retold = (*store)->CreateReport(Body("a retelling", "https://example.org/b"), "", Telling());
  ASSERT_TRUE(retold.ok()) << retold.status();
  ASSERT_EQ(retold->events(0).name(), told->events(0).name());
  const std::string narrative = told->events(0).name();
  const int64_t head = (*store)->HeadSequence();

  const ImportedIncident record = Imported();
  auto counts = (*store)->ImportIncidents({record});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->created, 1);
  std::vector<v1::Event> events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), record.event.name());
  EXPECT_EQ(events[0].provenance_size(), 2);
  EXPECT_EQ(events[0].summary(), "Detained at home.");
  EXPECT_EQ(events[0].participants_size(), 2);
  auto changes = (*store)->ReadChanges(head, 100);
  ASSERT_TRUE(changes.ok());
  bool deleted = false;
  for (const v1::Change& c : *changes) {
    deleted |= c.type() == v1::CHANGE_TYPE_DELETE && c.resource_name() == narrative;
  }
  EXPECT_TRUE(deleted);

  // Both reports withdrawn, the record's event stays.
  for (const char* uri : {"https://example.org/a", "https://example.org/b"}) {
    ASSERT_TRUE((*store)->CreateReport(Body(absl::StrCat("withdrawn ", uri), uri), "",
                                       normalize::NormalizedReport())
                    .ok());
  }
  events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), record.event.name());
  EXPECT_EQ(events[0].provenance_size(), 0);
}

// A store made before records were kept beside their events gets them
// when it opens, so its imports outlive the reports that join them.
TEST(RecordSourcesTest, AnOlderStoresImportsAreKeptWhenItOpens) {
  const std::string dir = NewDir();
  const ImportedIncident record = Imported();
  {
    auto store = IngestStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->ImportIncidents({record}).ok());
  }
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("DROP TABLE imported_records; "
                            "DELETE FROM meta WHERE key = 'imported_records';")
                    .ok());
  }
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db", /*read_only=*/true);
    ASSERT_TRUE(db.ok());
    auto kept = LoadRecord(**db, std::string(absl::StripPrefix(record.event.name(), "events/")));
    ASSERT_TRUE(kept.ok()) << kept.status();
    ASSERT_TRUE(kept->has_value());
    EXPECT_EQ((*kept)->date().day(), 14);
  }
  auto counts = (*store)->ImportIncidents({record});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->unchanged, 1);
  auto told = (*store)->CreateReport(Body("a telling", "https://example.org/a"), "", Telling());
  ASSERT_TRUE(told.ok()) << told.status();
  EXPECT_EQ(told->events(0).name(), record.event.name());
  ASSERT_TRUE((*store)->CreateReport(Body("withdrawn", "https://example.org/a"), "",
                                     normalize::NormalizedReport())
                  .ok());
  const std::vector<v1::Event> events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), record.event.name());
}

// Normalised again, a report's telling leaves the record's event and joins
// it again; read as telling nothing, it leaves the record alone.
TEST(RecordSourcesTest, ARenormalisedReportRejoinsTheRecordOrLeavesIt) {
  const std::string dir = NewDir();
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  const ImportedIncident record = Imported();
  ASSERT_TRUE((*store)->ImportIncidents({record}).ok());
  auto told = (*store)->CreateReport(Body("a telling", "https://example.org/a"), "", Telling());
  ASSERT_TRUE(told.ok()) << told.status();
  const std::string report_id(absl::StripPrefix(told->report().name(), "reports/"));
  const std::string hash = told->report().content_hash();

  auto job = (*store)->StartRenormalization("operator");
  ASSERT_TRUE(job.ok()) << job.status();
  auto done = (*store)->RenormalizeReport(job->name(), report_id, hash, Telling());
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->events_unchanged(), 1);
  EXPECT_EQ(done->events_gone(), 0);
  std::vector<v1::Event> events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), record.event.name());
  EXPECT_EQ(events[0].provenance_size(), 1);
  ASSERT_TRUE(
      (*store)->EndRenormalization(job->name(), v1::RENORMALIZATION_STATE_SUCCEEDED, "").ok());

  job = (*store)->StartRenormalization("operator");
  ASSERT_TRUE(job.ok()) << job.status();
  done = (*store)->RenormalizeReport(job->name(), report_id, hash, normalize::NormalizedReport());
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->events_gone(), 0) << "the record's event is not the report's to lose";
  events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), record.event.name());
  EXPECT_EQ(events[0].provenance_size(), 0);
  EXPECT_EQ(events[0].participants_size(), 1);
}

// A person may merge a report's event into a record's, which is then read
// from the record, but never fold a record's event away: its name is the
// record's.
TEST(RecordSourcesTest, APersonMergesIntoARecordsEventButNeverFoldsItAway) {
  const std::string dir = NewDir();
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  const ImportedIncident record = Imported();
  ASSERT_TRUE((*store)->ImportIncidents({record}).ok());
  // Told by the year only, the matcher leaves it apart.
  normalize::NormalizedReport yearly = Telling();
  yearly.events[0].mutable_date()->clear_month();
  auto told = (*store)->CreateReport(Body("a yearly review", "https://example.org/y"), "", yearly);
  ASSERT_TRUE(told.ok()) << told.status();
  const std::string narrative = told->events(0).name();
  ASSERT_NE(narrative, record.event.name());

  IncidentEditor editor{"reviewer", "one detention", v1::CONFIDENTIALITY_CONFIDENTIAL};
  auto refused = (*store)->MergeEvents(narrative, {record.event.name()}, "", editor);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  const auto violations = FieldViolationsOf(refused.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].first, "events[0]");
  EXPECT_EQ(StoredEvents(dir).size(), 2u) << "nothing written";

  auto merged = (*store)->MergeEvents(record.event.name(), {narrative}, "", editor);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->event.provenance_size(), 1);
  EXPECT_EQ(merged->event.date().day(), 14) << "the record's date, not the year";
  EXPECT_EQ(merged->event.confidentiality(), v1::CONFIDENTIALITY_PUBLIC);
  EXPECT_EQ(StoredEvents(dir).size(), 1u);
}

// A person's correction of a record's event that a report joined stays
// with the event when the report goes, anchored in no report's text.
TEST(RecordSourcesTest, APersonsCorrectionStaysWithTheRecordWhenTheReportGoes) {
  const std::string dir = NewDir();
  auto store = IngestStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  const ImportedIncident record = Imported();
  ASSERT_TRUE((*store)->ImportIncidents({record}).ok());
  auto told = (*store)->CreateReport(Body("a telling", "https://example.org/a"), "", Telling());
  ASSERT_TRUE(told.ok()) << told.status();
  ASSERT_EQ(told->events(0).name(), record.event.name());
  v1::Event edit;
  edit.set_name(record.event.name());
  edit.set_summary("Detained at home, then released.");
  auto corrected = (*store)->UpdateEvent(edit, {"summary"}, "released", "reviewer",
                                         v1::CONFIDENTIALITY_CONFIDENTIAL);
  ASSERT_TRUE(corrected.ok()) << corrected.status();

  auto withdrawn = (*store)->CreateReport(Body("withdrawn", "https://example.org/a"), "",
                                          normalize::NormalizedReport());
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status();
  std::vector<v1::Event> events = StoredEvents(dir);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].provenance_size(), 0);
  EXPECT_EQ(events[0].summary(), "Detained at home, then released.");
  EXPECT_EQ(events[0].review_state(), v1::REVIEW_STATE_CORRECTED);
  {
    auto db = sqlite::Database::Open(dir + "/ingest.db", /*read_only=*/true);
    ASSERT_TRUE(db.ok());
    auto layer =
        LoadPersonLayer(**db, std::string(absl::StripPrefix(record.event.name(), "events/")));
    ASSERT_TRUE(layer.ok()) << layer.status();
    ASSERT_TRUE(layer->has_value());
    EXPECT_EQ((*layer)->report_id, "");
  }
  auto counts = (*store)->ImportIncidents({record});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->unchanged, 1);
}

}  // namespace
}  // namespace civicwatch::ingest

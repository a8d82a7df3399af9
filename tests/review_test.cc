// Review against the real binaries: people confirm, correct, add and
// reject events through the ingest service (the SDK over gRPC), the query
// replica shows each change within a second, and a person's work survives
// the same report ingested again and a superseding version of it, which is
// matched to the new normaliser run by where the text is, not by position.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/versioned_report.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

constexpr const char* kSourceUri = testing::kVersionedReportUri;
constexpr const char* kVersion1 = testing::kReportVersion1;
constexpr const char* kVersion2 = testing::kReportVersion2;

constexpr char kProtestText[] = "a peaceful protest against the new media law";

class ReviewTest : public testing::IngestAndQueryTest {
 protected:
  ReviewTest() : IngestAndQueryTest("cw-review") {}

  v1::CreateReportResponse Ingest(const std::string& body) {
    v1::Report report;
    report.set_body(body);
    report.set_source_uri(kSourceUri);
    auto created = client_->CreateReport(report);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : v1::CreateReportResponse();
  }

  // The event of `response` whose category is `category`.
  static v1::Event Find(const v1::CreateReportResponse& response, v1::Category category) {
    for (const v1::Event& e : response.events()) {
      if (e.category() == category) return e;
    }
    ADD_FAILURE() << "no event of category " << v1::Category_Name(category);
    return v1::Event();
  }

  // Waits (at most `limit`) until the replica's copy of `name` passes
  // `done`; returns how long it took, or nullopt.
  template <typename Pred>
  std::optional<absl::Duration> WaitForReplica(const std::string& name, Pred done,
                                               absl::Duration limit = absl::Seconds(1)) {
    const absl::Time start = absl::Now();
    while (absl::Now() - start <= limit) {
      auto event = client_->GetEvent(name);
      if (event.ok() && done(*event)) return absl::Now() - start;
      absl::SleepFor(absl::Milliseconds(10));
    }
    return std::nullopt;
  }

  std::vector<v1::Event> Timeline(std::vector<v1::ReviewState> states = {}) {
    v1::EventFilter filter;
    filter.add_country_codes("KG");
    for (v1::ReviewState s : states) filter.add_review_states(s);
    std::vector<v1::Event> out;
    for (auto& e : client_->ListEvents(filter)) {
      EXPECT_TRUE(e.ok()) << e.status();
      if (e.ok()) out.push_back(*e);
    }
    return out;
  }

  int64_t StatisticsTotal(std::vector<v1::ReviewState> states = {}) {
    v1::EventFilter filter;
    filter.add_country_codes("KG");
    for (v1::ReviewState s : states) filter.add_review_states(s);
    auto stats = client_->ComputeStatistics(filter, {v1::STATISTICS_DIMENSION_CATEGORY});
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? stats->total() : -1;
  }

  std::vector<v1::EventRevision> History(const std::string& name) {
    std::vector<v1::EventRevision> out;
    for (auto& r : client_->ListEventRevisions(name)) {
      EXPECT_TRUE(r.ok()) << r.status();
      if (r.ok()) out.push_back(*r);
    }
    return out;
  }

  int64_t IngestHead() {
    auto stub = v1::AdminService::NewStub(
        grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ServerInfo info;
    grpc::Status s = stub->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return info.head_sequence();
  }

};

TEST_F(ReviewTest, PersonsWorkSurvivesReingestAndANewVersion) {
  const v1::CreateReportResponse first = Ingest(kVersion1);
  ASSERT_EQ(first.events_size(), 3);
  for (const v1::Event& e : first.events()) {
    EXPECT_EQ(e.review_state(), v1::REVIEW_STATE_SUGGESTED) << e.name();
    EXPECT_FALSE(e.etag().empty());
  }
  const v1::Event detention = Find(first, v1::CATEGORY_DETENTION);
  const v1::Event summons = Find(first, v1::CATEGORY_INTIMIDATION);
  const v1::Event attack = Find(first, v1::CATEGORY_ATTACK);

  // Correct the detention: the text's protest was a day later, say.
  v1::Event edit;
  edit.set_name(detention.name());
  edit.set_etag(detention.etag());
  edit.mutable_date()->set_year(2021);
  edit.mutable_date()->set_month(5);
  edit.set_category(v1::CATEGORY_IMPRISONMENT);
  auto corrected = client_->UpdateEvent(edit, {"date", "category"}, "only the month is sure");
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  EXPECT_EQ(corrected->review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(corrected->category(), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(corrected->date().day(), 0);
  EXPECT_EQ(corrected->review().reviewer(), "anonymous");
  EXPECT_NE(corrected->etag(), detention.etag());
  auto seen = WaitForReplica(detention.name(), [](const v1::Event& e) {
    return e.review_state() == v1::REVIEW_STATE_CORRECTED &&
           e.category() == v1::CATEGORY_IMPRISONMENT;
  });
  ASSERT_TRUE(seen.has_value()) << "the replica did not show the correction within a second";
  std::cerr << "replica showed the correction after " << absl::FormatDuration(*seen) << "\n";

  // Confirm the summons; reject the attack.
  auto confirmed = client_->ConfirmEvent(summons.name(), summons.etag(), "checked");
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->review_state(), v1::REVIEW_STATE_CONFIRMED);
  auto rejected = client_->RejectEvent(attack.name(), "", "not this report's incident");
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->review_state(), v1::REVIEW_STATE_REJECTED);
  ASSERT_TRUE(WaitForReplica(attack.name(), [](const v1::Event& e) {
                return e.review_state() == v1::REVIEW_STATE_REJECTED;
              }).has_value())
      << "the replica did not show the rejection within a second";

  // Add the protest the normaliser did not make an event of.
  const std::string body(kVersion1);
  const size_t at = body.find(kProtestText);
  ASSERT_NE(at, std::string::npos);
  v1::Event protest;
  protest.mutable_date()->set_year(2021);
  protest.mutable_date()->set_month(5);
  protest.mutable_date()->set_day(3);
  protest.set_category(v1::CATEGORY_PROTEST);
  protest.set_freedom(v1::FREEDOM_PEACEFUL_ASSEMBLY);
  protest.set_valence(v1::VALENCE_NEUTRAL);
  protest.set_summary("A peaceful protest against the new media law in Bishkek.");
  v1::Provenance* p = protest.add_provenance();
  p->set_report(first.report().name());
  p->set_start_offset(static_cast<int64_t>(at));
  p->set_end_offset(static_cast<int64_t>(at + std::string(kProtestText).size()));
  auto curated = client_->CreateEvent(protest, "missed by the normaliser");
  ASSERT_TRUE(curated.ok()) << curated.status();
  EXPECT_EQ(curated->review_state(), v1::REVIEW_STATE_CURATED);
  EXPECT_EQ(curated->country_code(), "KG");
  ASSERT_TRUE(WaitForReplica(curated->name(), [](const v1::Event& e) {
                return e.review_state() == v1::REVIEW_STATE_CURATED;
              }).has_value());
  // The same span again is the same curated event.
  auto again = client_->CreateEvent(protest);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();

  // Rejected events are out of the timeline and the statistics unless asked.
  EXPECT_EQ(Timeline().size(), 3u);  // detention, summons, protest
  EXPECT_EQ(StatisticsTotal(), 3);
  EXPECT_EQ(StatisticsTotal({v1::REVIEW_STATE_REJECTED}), 1);
  ASSERT_EQ(Timeline({v1::REVIEW_STATE_REJECTED}).size(), 1u);
  EXPECT_EQ(Timeline({v1::REVIEW_STATE_REJECTED})[0].name(), attack.name());
  EXPECT_EQ(StatisticsTotal({v1::REVIEW_STATE_CONFIRMED, v1::REVIEW_STATE_CORRECTED,
                             v1::REVIEW_STATE_CURATED}),
            3);

  // The same report again writes nothing and answers with the events as
  // people left them.
  const int64_t head = IngestHead();
  const v1::CreateReportResponse repeat = Ingest(kVersion1);
  EXPECT_EQ(IngestHead(), head);
  EXPECT_EQ(Find(repeat, v1::CATEGORY_IMPRISONMENT).name(), detention.name());
  EXPECT_EQ(Find(repeat, v1::CATEGORY_IMPRISONMENT).review_state(),
            v1::REVIEW_STATE_CORRECTED);

  // A new version: the machine's events are rebuilt from it, the person's
  // layer goes back on top, matched by where the text now is.
  const v1::CreateReportResponse second = Ingest(kVersion2);
  ASSERT_NE(second.report().name(), first.report().name());
  ASSERT_EQ(second.events_size(), 3);
  // The corrected detention is second in the new list, under its old name,
  // with the person's date and category.
  EXPECT_EQ(second.events(1).name(), detention.name());
  EXPECT_EQ(second.events(1).category(), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(second.events(1).date().day(), 0);
  EXPECT_EQ(second.events(1).review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(second.events(1).provenance(0).report(), second.report().name());
  EXPECT_EQ(second.events(1).review().comment(), "only the month is sure");
  // The rejected attack stays rejected; the new censorship event is new.
  EXPECT_EQ(second.events(2).name(), attack.name());
  EXPECT_EQ(second.events(2).review_state(), v1::REVIEW_STATE_REJECTED);
  EXPECT_EQ(second.events(0).category(), v1::CATEGORY_CENSORSHIP);
  EXPECT_EQ(second.events(0).review_state(), v1::REVIEW_STATE_SUGGESTED);

  // The replica: the corrected event kept its correction; the confirmed
  // summons, whose text is gone, is kept and flagged orphaned; the curated
  // protest moved to the new text.
  auto rebuilt = WaitForReplica(detention.name(), [&](const v1::Event& e) {
    return !e.provenance().empty() && e.provenance(0).report() == second.report().name();
  });
  ASSERT_TRUE(rebuilt.has_value());
  auto replica_detention = client_->GetEvent(detention.name());
  ASSERT_TRUE(replica_detention.ok()) << replica_detention.status();
  EXPECT_EQ(replica_detention->category(), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(replica_detention->review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(replica_detention->provenance(0).quote().rfind("On 3rd May 2021 activist", 0), 0u)
      << replica_detention->provenance(0).quote();

  auto orphan = client_->GetEvent(summons.name());
  ASSERT_TRUE(orphan.ok()) << orphan.status();
  EXPECT_TRUE(orphan->orphaned());
  EXPECT_EQ(orphan->review_state(), v1::REVIEW_STATE_CONFIRMED);

  auto moved = client_->GetEvent(curated->name());
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->review_state(), v1::REVIEW_STATE_CURATED);
  EXPECT_FALSE(moved->orphaned());
  ASSERT_EQ(moved->provenance_size(), 1);
  EXPECT_EQ(moved->provenance(0).report(), second.report().name());
  EXPECT_EQ(moved->provenance(0).quote(), kProtestText);

  auto still_rejected = client_->GetEvent(attack.name());
  ASSERT_TRUE(still_rejected.ok());
  EXPECT_EQ(still_rejected->review_state(), v1::REVIEW_STATE_REJECTED);
  // Timeline: censorship (new), detention, protest, and the orphaned
  // summons; never the rejected attack.
  std::vector<std::string> names;
  for (const v1::Event& e : Timeline()) names.push_back(e.name());
  EXPECT_EQ(names.size(), 4u);
  EXPECT_EQ(std::count(names.begin(), names.end(), attack.name()), 0);
  EXPECT_EQ(StatisticsTotal(), 4);

  // History: who changed what from what to what.
  const std::vector<v1::EventRevision> history = History(detention.name());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action(), v1::REVISION_ACTION_UPDATE);
  EXPECT_EQ(history[0].principal(), "anonymous");
  EXPECT_EQ(history[0].comment(), "only the month is sure");
  ASSERT_GE(history[0].field_changes_size(), 2);
  EXPECT_EQ(history[0].field_changes(0).field(), "date");
  EXPECT_EQ(history[0].field_changes(0).old_value(), "2021-05-03");
  EXPECT_EQ(history[0].field_changes(0).new_value(), "2021-05");
  EXPECT_EQ(history[0].field_changes(1).field(), "category");
  EXPECT_EQ(history[0].field_changes(1).old_value(), "CATEGORY_DETENTION");
  EXPECT_EQ(history[0].field_changes(1).new_value(), "CATEGORY_IMPRISONMENT");
  EXPECT_EQ(history[1].action(), v1::REVISION_ACTION_REBUILD);
  EXPECT_EQ(history[1].principal(), "ingest");
  const std::vector<v1::EventRevision> orphan_history = History(summons.name());
  ASSERT_EQ(orphan_history.size(), 2u);
  EXPECT_EQ(orphan_history[1].action(), v1::REVISION_ACTION_ORPHAN);

  // Every review action is in the audit trail.
  const std::string log = ingest_->ReadLog();
  for (const char* method : {"UpdateEvent", "ConfirmEvent", "RejectEvent", "CreateEvent"}) {
    EXPECT_NE(log.find(absl::StrCat("civicwatch-ingest audit: principal=anonymous method=",
                                    method)),
              std::string::npos)
        << method;
  }
}

TEST_F(ReviewTest, AStaleEtagIsAbortedAndWritesNothing) {
  const v1::CreateReportResponse created = Ingest(kVersion1);
  ASSERT_GE(created.events_size(), 1);
  const v1::Event event = created.events(0);
  auto confirmed = client_->ConfirmEvent(event.name(), event.etag());
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  const int64_t head = IngestHead();

  // Another analyst still holds the etag from before the confirmation.
  v1::Event edit;
  edit.set_name(event.name());
  edit.set_etag(event.etag());
  edit.set_summary("overwritten");
  auto stale_edit = client_->UpdateEvent(edit, {"summary"});
  EXPECT_EQ(stale_edit.status().code(), absl::StatusCode::kAborted) << stale_edit.status();
  auto stale_reject = client_->RejectEvent(event.name(), event.etag());
  EXPECT_EQ(stale_reject.status().code(), absl::StatusCode::kAborted) << stale_reject.status();

  EXPECT_EQ(IngestHead(), head) << "a refused change wrote to the change log";
  EXPECT_EQ(History(event.name()).size(), 1u);
  absl::SleepFor(absl::Milliseconds(300));
  auto replica = client_->GetEvent(event.name());
  ASSERT_TRUE(replica.ok()) << replica.status();
  EXPECT_EQ(replica->review_state(), v1::REVIEW_STATE_CONFIRMED);
  EXPECT_EQ(replica->summary(), event.summary());

  // With the current etag the same edit goes through.
  edit.set_etag(confirmed->etag());
  auto fresh = client_->UpdateEvent(edit, {"summary"});
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(fresh->summary(), "overwritten");
}

TEST_F(ReviewTest, BadEditsNameTheFieldAndWriteNothing) {
  const v1::CreateReportResponse created = Ingest(kVersion1);
  ASSERT_GE(created.events_size(), 1);
  const v1::Event event = created.events(0);
  const int64_t head = IngestHead();
  struct Case {
    std::vector<std::string> paths;
    std::function<void(v1::Event&)> set;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{}, [](v1::Event&) {}, "update_mask"},
      {{"country_code"}, [](v1::Event&) {}, "update_mask.paths[0]"},
      {{"date", "date"}, [](v1::Event&) {}, "update_mask.paths[1]"},
      {{"date"}, [](v1::Event& e) { e.mutable_date()->set_year(2021); e.mutable_date()->set_month(13); },
       "event.date.month"},
      {{"category"}, [](v1::Event& e) { e.set_category(v1::CATEGORY_UNSPECIFIED); },
       "event.category"},
      {{"end_date"}, [](v1::Event& e) { e.mutable_end_date()->set_year(2020); },
       "event.end_date"},
      {{"summary"}, [](v1::Event& e) { e.set_summary(""); }, "event.summary"},
  };
  for (const Case& c : cases) {
    v1::Event edit;
    edit.set_name(event.name());
    c.set(edit);
    auto result = client_->UpdateEvent(edit, c.paths);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_NE(result.status().message().find(c.field), std::string::npos)
        << c.field << ": " << result.status().message();
  }
  auto missing = client_->ConfirmEvent("events/00000000000000000000");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound) << missing.status();
  auto malformed = client_->RejectEvent("reports/abc");
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  v1::Event outside;
  outside.set_category(v1::CATEGORY_OTHER);
  outside.set_valence(v1::VALENCE_NEUTRAL);
  auto* where = outside.add_provenance();
  where->set_report(created.report().name());
  where->set_start_offset(10);
  where->set_end_offset(100000);
  auto beyond = client_->CreateEvent(outside);
  EXPECT_EQ(beyond.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(beyond.status().message().find("event.provenance[0].end_offset"), std::string::npos)
      << beyond.status();
  where->set_report("reports/0123456789abcdef0123");
  where->set_end_offset(20);
  auto unknown = client_->CreateEvent(outside);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound) << unknown.status();
  EXPECT_EQ(IngestHead(), head) << "a refused change wrote to the change log";
}

TEST_F(ReviewTest, ParticipantsAndConfidentialityAreEditedAndKeptOverANewVersion) {
  const v1::CreateReportResponse first = Ingest(kVersion1);
  ASSERT_EQ(first.events_size(), 3);
  const v1::Event detention = Find(first, v1::CATEGORY_DETENTION);

  v1::Event edit;
  edit.set_name(detention.name());
  edit.set_etag(detention.etag());
  edit.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  v1::Participant* victim = edit.add_participants();
  victim->set_display_name("Aigul Nurlanova");
  victim->set_kind(v1::ENTITY_KIND_PERSON);
  victim->set_role(v1::ROLE_VICTIM);
  v1::Participant* police = edit.add_participants();
  police->set_display_name("Bishkek city police");
  police->set_kind(v1::ENTITY_KIND_STATE_BODY);
  police->set_role(v1::ROLE_PERPETRATOR);
  auto edited = client_->UpdateEvent(edit, {"participants", "confidentiality"},
                                     "the police unit is named in the court file");
  ASSERT_TRUE(edited.ok()) << edited.status();
  EXPECT_EQ(edited->review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(edited->confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
  ASSERT_EQ(edited->participants_size(), 2);
  EXPECT_EQ(edited->participants(1).display_name(), "Bishkek city police");
  const std::string police_entity = edited->participants(1).entity();
  EXPECT_FALSE(police_entity.empty()) << "a named participant gets its entity";

  // The replica shows both within a second, and knows the new entity.
  ASSERT_TRUE(WaitForReplica(detention.name(), [](const v1::Event& e) {
                return e.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED &&
                       e.participants_size() == 2;
              }).has_value())
      << "the replica did not show the participants and confidentiality within a second";
  auto entity = client_->GetEntity(police_entity);
  ASSERT_TRUE(entity.ok()) << entity.status();
  EXPECT_EQ(entity->display_name(), "Bishkek city police");

  // History names both fields from what to what.
  const std::vector<v1::EventRevision> history = History(detention.name());
  ASSERT_EQ(history.size(), 1u);
  ASSERT_GE(history[0].field_changes_size(), 2);
  EXPECT_EQ(history[0].field_changes(0).field(), "participants");
  EXPECT_NE(history[0].field_changes(0).new_value().find("Bishkek city police (STATE_BODY, "
                                                         "PERPETRATOR)"),
            std::string::npos)
      << history[0].field_changes(0).new_value();
  EXPECT_EQ(history[0].field_changes(1).field(), "confidentiality");
  EXPECT_EQ(history[0].field_changes(1).old_value(), "CONFIDENTIALITY_PUBLIC");
  EXPECT_EQ(history[0].field_changes(1).new_value(), "CONFIDENTIALITY_RESTRICTED");

  // A curated event's own confidentiality is the person's too.
  const std::string body(kVersion1);
  const size_t at = body.find(kProtestText);
  v1::Event protest;
  protest.set_category(v1::CATEGORY_PROTEST);
  protest.set_valence(v1::VALENCE_NEUTRAL);
  protest.set_summary("A protest.");
  v1::Provenance* p = protest.add_provenance();
  p->set_report(first.report().name());
  p->set_start_offset(static_cast<int64_t>(at));
  p->set_end_offset(static_cast<int64_t>(at + std::string(kProtestText).size()));
  auto curated = client_->CreateEvent(protest);
  ASSERT_TRUE(curated.ok()) << curated.status();
  v1::Event hide;
  hide.set_name(curated->name());
  hide.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
  ASSERT_TRUE(client_->UpdateEvent(hide, {"confidentiality"}).ok());

  // Bad values name the field and write nothing.
  const int64_t head = IngestHead();
  v1::Event bad;
  bad.set_name(detention.name());
  *bad.add_participants() = *victim;
  bad.add_participants()->set_display_name("Nobody in particular");  // no kind
  auto no_kind = client_->UpdateEvent(bad, {"participants"});
  EXPECT_EQ(no_kind.status().code(), absl::StatusCode::kInvalidArgument) << no_kind.status();
  EXPECT_NE(no_kind.status().message().find("event.participants[1].kind"), std::string::npos)
      << no_kind.status();
  bad.clear_participants();
  bad.add_participants()->set_kind(v1::ENTITY_KIND_PERSON);  // no name
  auto no_name = client_->UpdateEvent(bad, {"participants"});
  EXPECT_NE(no_name.status().message().find("event.participants[0].display_name"),
            std::string::npos)
      << no_name.status();
  auto unset = client_->UpdateEvent(bad, {"confidentiality"});
  EXPECT_EQ(unset.status().code(), absl::StatusCode::kInvalidArgument) << unset.status();
  EXPECT_NE(unset.status().message().find("event.confidentiality"), std::string::npos)
      << unset.status();
  EXPECT_EQ(IngestHead(), head) << "a refused change wrote to the change log";

  // A new version rebuilds the machine's event; the person's participants
  // and level stay on top, and the curated event keeps its own level.
  const v1::CreateReportResponse second = Ingest(kVersion2);
  const v1::Event* rebuilt = nullptr;
  for (const v1::Event& e : second.events()) {
    if (e.name() == detention.name()) rebuilt = &e;
  }
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(rebuilt->confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
  ASSERT_EQ(rebuilt->participants_size(), 2);
  EXPECT_EQ(rebuilt->participants(1).entity(), police_entity);
  ASSERT_TRUE(WaitForReplica(curated->name(), [&](const v1::Event& e) {
                return !e.provenance().empty() &&
                       e.provenance(0).report() == second.report().name();
              }).has_value());
  auto moved = client_->GetEvent(curated->name());
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->confidentiality(), v1::CONFIDENTIALITY_CONFIDENTIAL);
}

TEST_F(ReviewTest, ImportedRecordsAreConfirmedAndKeepAPersonsCorrection) {
  v1::IncidentRecord record;
  record.set_source("partner/cases");
  record.set_external_id("case-1");
  v1::Event* e = record.mutable_event();
  e->set_country_code("KG");
  e->mutable_date()->set_year(2022);
  e->mutable_date()->set_month(3);
  e->set_category(v1::CATEGORY_DETENTION);
  e->set_valence(v1::VALENCE_NEGATIVE);
  e->set_summary("A blogger was detained in Osh.");
  v1::IncidentRecord rejected_record = record;
  rejected_record.set_external_id("case-2");
  rejected_record.mutable_event()->set_review_state(v1::REVIEW_STATE_REJECTED);
  auto imported = client_->ImportIncidents({record, rejected_record});
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->created(), 2);

  std::vector<v1::Event> timeline;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline && timeline.size() != 1) timeline = Timeline();
  ASSERT_EQ(timeline.size(), 1u) << "the rejected record must stay out of the timeline";
  const v1::Event event = timeline[0];
  EXPECT_EQ(event.review_state(), v1::REVIEW_STATE_CONFIRMED);
  EXPECT_EQ(StatisticsTotal(), 1);
  EXPECT_EQ(StatisticsTotal({v1::REVIEW_STATE_REJECTED}), 1);

  // A person corrects the imported event; importing the record again
  // keeps the correction.
  v1::Event edit;
  edit.set_name(event.name());
  edit.set_location("Osh");
  auto corrected = client_->UpdateEvent(edit, {"location"});
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  auto again = client_->ImportIncidents({record});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->unchanged(), 1);
  ASSERT_TRUE(WaitForReplica(event.name(), [](const v1::Event& e) {
                return e.location() == "Osh" && e.review_state() == v1::REVIEW_STATE_CORRECTED;
              }).has_value());

  // Rejecting it takes it out of the counts, confirming it again puts it
  // back: the summaries follow the state both ways.
  ASSERT_TRUE(client_->RejectEvent(event.name()).ok());
  ASSERT_TRUE(WaitForReplica(event.name(), [](const v1::Event& e) {
                return e.review_state() == v1::REVIEW_STATE_REJECTED;
              }).has_value());
  EXPECT_EQ(StatisticsTotal(), 0);
  EXPECT_EQ(StatisticsTotal({v1::REVIEW_STATE_REJECTED}), 2);
  ASSERT_TRUE(client_->ConfirmEvent(event.name()).ok());
  ASSERT_TRUE(WaitForReplica(event.name(), [](const v1::Event& e) {
                return e.review_state() == v1::REVIEW_STATE_CONFIRMED;
              }).has_value());
  EXPECT_EQ(StatisticsTotal(), 1);
  EXPECT_EQ(StatisticsTotal({v1::REVIEW_STATE_REJECTED}), 1);
}

}  // namespace
}  // namespace civicwatch

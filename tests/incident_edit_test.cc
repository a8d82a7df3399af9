// A person's merge and split of incidents against the real binaries
// (ingest and a query replica on loopback, the SDK over gRPC): the
// replica's statistics count the result, the decision holds when the
// reports are ingested again, superseded by a new version and normalised
// again, every merge and split is a revision, and bad input is refused
// naming the field, with nothing written.
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/violated_field.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

// Three dated detentions, and a review telling them by the year only: the
// matcher leaves each pair apart (a candidate), a person knows better.
constexpr char kDatedUri[] = "https://example.org/kg/detentions";
constexpr char kDated[] =
    "Kyrgyzstan: three detentions\n\nOn 5 January 2022, police detained journalist Bolot "
    "Nazarov in Bishkek. On 7 February 2022, police detained blogger Aibek Temirov in Osh. On "
    "9 March 2022, police detained activist Kanat Usenov in Naryn.\n";
constexpr char kYearlyUri[] = "https://example.org/kg/review";
constexpr char kYearly[] =
    "Kyrgyzstan: annual review\n\nIn 2022, journalist Bolot Nazarov was detained. Blogger "
    "Aibek Temirov was also detained in 2022. Activist Kanat Usenov was detained in 2022 as "
    "well.\n";
// The yearly review again, revised: a paragraph first moves every mention
// along the text.
constexpr char kYearlyRevised[] =
    "Kyrgyzstan: annual review (revised)\n\nThis review was revised in January 2023 after "
    "partners sent corrections.\n\nIn 2022, journalist Bolot Nazarov was detained. Blogger "
    "Aibek Temirov was also detained in 2022. Activist Kanat Usenov was detained in 2022 as "
    "well.\n";

// Two reports telling one detention alike: the matcher merges them.
constexpr char kNewsUri[] = "https://example.org/kg/news";
constexpr char kNews[] =
    "Kyrgyzstan: news\n\nOn 14 April 2022, police detained journalist Ermek Sadykov in "
    "Bishkek after a protest.\n";
constexpr char kStatementUri[] = "https://example.org/kg/statement";
constexpr char kStatement[] =
    "Kyrgyzstan: statement\n\nWe condemn that on 14 April 2022 police detained journalist Ermek "
    "Sadykov in Bishkek.\n";

class IncidentEditTest : public testing::IngestAndQueryTest {
 protected:
  IncidentEditTest() : IngestAndQueryTest("cw-incident-edit") {}

  v1::CreateReportResponse Ingest(const std::string& body, const std::string& uri) {
    v1::Report report;
    report.set_body(body);
    report.set_source_uri(uri);
    auto created = client_->CreateReport(report);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : v1::CreateReportResponse();
  }

  // The event of `response` whose summary names `who`.
  static v1::Event Naming(const v1::CreateReportResponse& response, const std::string& who) {
    for (const v1::Event& e : response.events()) {
      if (absl::StrContains(e.summary(), who)) return e;
    }
    ADD_FAILURE() << "no event naming " << who;
    return v1::Event();
  }

  // Waits (at most 20 s) until the replica has applied every change
  // ingest has committed.
  void CatchUp() {
    const int64_t head = IngestHead();
    auto stub = v1::AdminService::NewStub(
        grpc::CreateChannel(query_->address(), grpc::InsecureChannelCredentials()));
    const absl::Time end = absl::Now() + absl::Seconds(20);
    while (absl::Now() < end) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      v1::ServerInfo info;
      if (stub->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info).ok() &&
          info.applied_sequence() >= head) {
        return;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    ADD_FAILURE() << "the replica did not reach sequence " << head;
  }

  // The replica's count of KG incidents, once it has caught up.
  int64_t Incidents() {
    CatchUp();
    v1::EventFilter filter;
    filter.add_country_codes("KG");
    auto stats = client_->ComputeStatistics(filter, {v1::STATISTICS_DIMENSION_CATEGORY});
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? stats->total() : -1;
  }

  // The replica's copy of `name` once it has caught up; NOT_FOUND when
  // it has none.
  absl::StatusOr<v1::Event> Replica(const std::string& name) {
    CatchUp();
    return client_->GetEvent(name);
  }

  v1::Event Current(const std::string& name) {
    auto event = Replica(name);
    EXPECT_TRUE(event.ok()) << name << ": " << event.status();
    return event.ok() ? *event : v1::Event();
  }

  void Renormalize() {
    auto started = client_->CreateRenormalization();
    ASSERT_TRUE(started.ok()) << started.status();
    const absl::Time end = absl::Now() + absl::Seconds(60);
    v1::Renormalization job = *started;
    while (job.state() == v1::RENORMALIZATION_STATE_RUNNING && absl::Now() < end) {
      absl::SleepFor(absl::Milliseconds(20));
      auto now = client_->GetRenormalization(started->name());
      ASSERT_TRUE(now.ok()) << now.status();
      job = *now;
    }
    ASSERT_EQ(job.state(), v1::RENORMALIZATION_STATE_SUCCEEDED) << job.DebugString();
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

  std::vector<v1::EventRevision> History(const std::string& name) {
    std::vector<v1::EventRevision> out;
    for (auto& r : client_->ListEventRevisions(name)) {
      EXPECT_TRUE(r.ok()) << r.status();
      if (r.ok()) out.push_back(*r);
    }
    return out;
  }

  static std::vector<std::string> Reports(const v1::Event& e) {
    std::vector<std::string> out;
    for (const auto& p : e.provenance()) out.push_back(p.report());
    return out;
  }

};

TEST_F(IncidentEditTest, AMergeIsCountedOnceAndHoldsOverReingestANewVersionAndRenormalization) {
  const v1::CreateReportResponse dated = Ingest(kDated, kDatedUri);
  const v1::CreateReportResponse yearly = Ingest(kYearly, kYearlyUri);
  ASSERT_EQ(dated.events_size(), 3);
  ASSERT_EQ(yearly.events_size(), 1);  // the other two are told too briefly to be events
  ASSERT_EQ(Incidents(), 4);
  const v1::Event day = Naming(dated, "Bolot Nazarov");
  const v1::Event year = Naming(yearly, "Bolot Nazarov");

  // The matcher left the pair to a person.
  bool listed = false;
  for (auto& c : client_->ListMergeCandidates()) {
    ASSERT_TRUE(c.ok()) << c.status();
    listed |= (c->event() == year.name() && c->other_event() == day.name()) ||
              (c->event() == day.name() && c->other_event() == year.name());
  }
  EXPECT_TRUE(listed);

  auto merged = client_->MergeEvents(day.name(), {year.name()}, day.etag(), "one arrest");
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->name(), day.name());
  EXPECT_EQ(Reports(*merged),
            (std::vector<std::string>{dated.report().name(), yearly.report().name()}));
  EXPECT_EQ(merged->date().day(), 5) << "the most precise date the mentions agree with";
  EXPECT_NE(merged->etag(), day.etag());

  // The replica follows: one incident fewer, the folded event gone.
  EXPECT_EQ(Incidents(), 3);
  EXPECT_EQ(Current(day.name()).provenance_size(), 2);
  EXPECT_EQ(Replica(year.name()).status().code(), absl::StatusCode::kNotFound);
  // The pair is no longer a candidate.
  for (auto& c : client_->ListMergeCandidates()) {
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_NE(c->event(), year.name());
    EXPECT_NE(c->other_event(), year.name());
  }

  // Both events have the merge in their history.
  const auto survivor_history = History(day.name());
  ASSERT_FALSE(survivor_history.empty());
  EXPECT_EQ(survivor_history.back().action(), v1::REVISION_ACTION_MERGE);
  ASSERT_EQ(survivor_history.back().related_events_size(), 1);
  EXPECT_EQ(survivor_history.back().related_events(0), year.name());
  EXPECT_EQ(survivor_history.back().comment(), "one arrest");
  EXPECT_EQ(survivor_history.back().etag(), merged->etag());
  const auto folded_history = History(year.name());
  ASSERT_FALSE(folded_history.empty());
  EXPECT_EQ(folded_history.back().action(), v1::REVISION_ACTION_MERGE);
  EXPECT_EQ(folded_history.back().related_events(0), day.name());

  // The same reports again change nothing.
  const int64_t head = IngestHead();
  Ingest(kDated, kDatedUri);
  Ingest(kYearly, kYearlyUri);
  EXPECT_EQ(IngestHead(), head);

  // The whole store normalised again: still one incident, told by both.
  Renormalize();
  EXPECT_EQ(Incidents(), 3);
  EXPECT_EQ(Reports(Current(day.name())).size(), 2u);

  // A new version of the yearly review: its mention, found again along
  // the new text, joins the same incident.
  const v1::CreateReportResponse revised = Ingest(kYearlyRevised, kYearlyUri);
  ASSERT_EQ(revised.events_size(), 1);
  EXPECT_EQ(Incidents(), 3);
  EXPECT_EQ(Reports(Current(day.name())),
            (std::vector<std::string>{dated.report().name(), revised.report().name()}));
  Renormalize();
  EXPECT_EQ(Incidents(), 3);
}

TEST_F(IncidentEditTest, APersonsCorrectionOfAFoldedEventIsKeptByTheIncident) {
  const v1::CreateReportResponse dated = Ingest(kDated, kDatedUri);
  const v1::CreateReportResponse yearly = Ingest(kYearly, kYearlyUri);
  const v1::Event day = Naming(dated, "Bolot Nazarov");
  const v1::Event year = Naming(yearly, "Bolot Nazarov");
  v1::Event edit;
  edit.set_name(year.name());
  edit.set_summary("Journalist Bolot Nazarov was detained in Bishkek.");
  auto corrected = client_->UpdateEvent(edit, {"summary"}, "clearer");
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  ASSERT_EQ(corrected->review_state(), v1::REVIEW_STATE_CORRECTED);

  // The surviving event had no correction of its own: the folded one's
  // becomes the incident's, and holds when the store is normalised again.
  auto merged = client_->MergeEvents(day.name(), {year.name()}, "", "one arrest");
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->summary(), "Journalist Bolot Nazarov was detained in Bishkek.");
  EXPECT_EQ(merged->review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(Current(day.name()).summary(), "Journalist Bolot Nazarov was detained in Bishkek.");
  Renormalize();
  EXPECT_EQ(Current(day.name()).summary(), "Journalist Bolot Nazarov was detained in Bishkek.");
  EXPECT_EQ(Current(day.name()).review_state(), v1::REVIEW_STATE_CORRECTED);
}

TEST_F(IncidentEditTest, ASplitIsCountedTwiceAndHoldsOverReingestANewVersionAndRenormalization) {
  const v1::CreateReportResponse news = Ingest(kNews, kNewsUri);
  const v1::CreateReportResponse statement = Ingest(kStatement, kStatementUri);
  ASSERT_EQ(news.events_size(), 1);
  ASSERT_EQ(statement.events_size(), 1);
  // The matcher made one incident of the two.
  const std::string incident = news.events(0).name();
  ASSERT_EQ(statement.events(0).name(), incident);
  ASSERT_EQ(Incidents(), 1);
  const v1::Event before = Current(incident);
  ASSERT_EQ(before.provenance_size(), 2);

  v1::Provenance mention;
  mention.set_report(statement.report().name());  // offsets 0 and 0: its mention there
  auto split = client_->SplitEvent(incident, {mention}, before.etag(), "two detentions");
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_EQ(split->event().name(), incident);
  EXPECT_EQ(Reports(split->event()), std::vector<std::string>{news.report().name()});
  const std::string split_off = split->new_event().name();
  EXPECT_NE(split_off, incident);
  EXPECT_EQ(Reports(split->new_event()), std::vector<std::string>{statement.report().name()});
  EXPECT_EQ(split->new_event().category(), before.category());

  // The replica counts two and has the new event.
  EXPECT_EQ(Incidents(), 2);
  EXPECT_EQ(Reports(Current(split_off)), std::vector<std::string>{statement.report().name()});
  const auto history = History(incident);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().action(), v1::REVISION_ACTION_SPLIT);
  EXPECT_EQ(history.back().related_events(0), split_off);
  EXPECT_EQ(History(split_off).back().action(), v1::REVISION_ACTION_SPLIT);

  // Ingested again, normalised again, the statement superseded by a new
  // version: the matcher would merge them, the person's split holds.
  Ingest(kNews, kNewsUri);
  Ingest(kStatement, kStatementUri);
  EXPECT_EQ(Incidents(), 2);
  Renormalize();
  EXPECT_EQ(Incidents(), 2);
  EXPECT_EQ(Reports(Current(incident)), std::vector<std::string>{news.report().name()});
  const v1::CreateReportResponse reissued =
      Ingest(absl::StrCat(kStatement, "\nUpdated on 20 April 2022.\n"), kStatementUri);
  ASSERT_EQ(reissued.events_size(), 1);
  EXPECT_NE(reissued.events(0).name(), incident);
  EXPECT_EQ(Incidents(), 2);
  Renormalize();
  EXPECT_EQ(Incidents(), 2);
  EXPECT_EQ(Reports(Current(incident)), std::vector<std::string>{news.report().name()});

  // Merging them again undoes the split, and that holds in turn.
  const v1::Event left = Current(incident);
  auto remerged = client_->MergeEvents(incident, {reissued.events(0).name()}, left.etag());
  ASSERT_TRUE(remerged.ok()) << remerged.status();
  EXPECT_EQ(Incidents(), 1);
  Renormalize();
  EXPECT_EQ(Incidents(), 1);
}

// The status of MergeEvents or SplitEvent sent raw, so every field can be
// set as a client might.
class RawCalls {
 public:
  explicit RawCalls(const std::string& address)
      : stub_(v1::IngestService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))) {}

  grpc::Status Merge(const std::string& name, const std::vector<std::string>& events,
                     const std::string& etag = "") {
    v1::MergeEventsRequest req;
    req.set_name(name);
    for (const auto& e : events) req.add_events(e);
    req.set_etag(etag);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::Event r;
    return stub_->MergeEvents(&ctx, req, &r);
  }

  grpc::Status Split(const std::string& name, const std::vector<v1::Provenance>& mentions,
                     const std::string& etag = "") {
    v1::SplitEventRequest req;
    req.set_name(name);
    for (const auto& m : mentions) *req.add_mentions() = m;
    req.set_etag(etag);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::SplitEventResponse r;
    return stub_->SplitEvent(&ctx, req, &r);
  }

 private:
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

v1::Provenance MentionIn(const std::string& report, int64_t start = 0, int64_t end = 0) {
  v1::Provenance p;
  p.set_report(report);
  p.set_start_offset(start);
  p.set_end_offset(end);
  return p;
}

TEST_F(IncidentEditTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  const v1::CreateReportResponse dated = Ingest(kDated, kDatedUri);
  const v1::CreateReportResponse yearly = Ingest(kYearly, kYearlyUri);
  const v1::CreateReportResponse news = Ingest(kNews, kNewsUri);
  const v1::CreateReportResponse statement = Ingest(kStatement, kStatementUri);
  ASSERT_EQ(Incidents(), 5);
  const std::string a = Naming(dated, "Bolot Nazarov").name();
  const std::string b = Naming(yearly, "Bolot Nazarov").name();
  const std::string c = Naming(dated, "Aibek Temirov").name();
  const std::string shared = news.events(0).name();  // told by news and statement
  const std::string nowhere = "events/00000000000000000000";
  RawCalls raw(ingest_->address());
  const int64_t head = IngestHead();

  struct Case {
    const char* what;
    grpc::Status status;
    grpc::StatusCode code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"unknown event to fold", raw.Merge(a, {b, nowhere}), grpc::StatusCode::NOT_FOUND,
       "events[1]"},
      {"unknown surviving event", raw.Merge(nowhere, {a}), grpc::StatusCode::NOT_FOUND, ""},
      {"the same event twice", raw.Merge(a, {b, b}), grpc::StatusCode::INVALID_ARGUMENT,
       "events[1]"},
      {"the surviving event folded", raw.Merge(a, {b, a}), grpc::StatusCode::INVALID_ARGUMENT,
       "events[1]"},
      {"no event to fold", raw.Merge(a, {}), grpc::StatusCode::INVALID_ARGUMENT, "events"},
      {"a bad name", raw.Merge(a, {"reports/x"}), grpc::StatusCode::INVALID_ARGUMENT,
       "events[0]"},
      {"a bad surviving name", raw.Merge("a", {b}), grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"a stale etag", raw.Merge(a, {b}, "0000000000000000"), grpc::StatusCode::ABORTED, ""},
      {"two events of one report", raw.Merge(a, {c}), grpc::StatusCode::FAILED_PRECONDITION,
       "events[0]"},
      {"no mention", raw.Split(shared, {}), grpc::StatusCode::INVALID_ARGUMENT, "mentions"},
      {"a mention not on the event", raw.Split(shared, {MentionIn(dated.report().name())}),
       grpc::StatusCode::INVALID_ARGUMENT, "mentions[0]"},
      {"a span not on the event", raw.Split(shared, {MentionIn(news.report().name(), 1, 2)}),
       grpc::StatusCode::INVALID_ARGUMENT, "mentions[0]"},
      {"the same mention twice",
       raw.Split(shared, {MentionIn(news.report().name()), MentionIn(news.report().name())}),
       grpc::StatusCode::INVALID_ARGUMENT, "mentions[1]"},
      {"every mention",
       raw.Split(shared, {MentionIn(news.report().name()), MentionIn(statement.report().name())}),
       grpc::StatusCode::INVALID_ARGUMENT, "mentions"},
      {"a mention without a report", raw.Split(shared, {MentionIn("")}),
       grpc::StatusCode::INVALID_ARGUMENT, "mentions[0].report"},
      {"a split of an unknown event", raw.Split(nowhere, {MentionIn(news.report().name())}),
       grpc::StatusCode::NOT_FOUND, ""},
      {"a split with a stale etag",
       raw.Split(shared, {MentionIn(news.report().name())}, "0000000000000000"),
       grpc::StatusCode::ABORTED, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.error_code(), c.code) << c.what << ": " << c.status.error_message();
    if (!c.field.empty()) {
      EXPECT_EQ(testing::ViolatedField(c.status), c.field) << c.what;
      EXPECT_TRUE(absl::StartsWith(c.status.error_message(), c.field + ":"))
          << c.what << ": " << c.status.error_message();
    }
  }
  // Nothing was written, and the service still serves.
  EXPECT_EQ(IngestHead(), head);
  EXPECT_EQ(Incidents(), 5);
  auto merged = client_->MergeEvents(a, {b});
  EXPECT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(Incidents(), 4);
}

}  // namespace
}  // namespace civicwatch

// Re-normalisation against the real binaries: the whole store is
// normalised again by an ingest service whose cue table has changed
// (started with --normalizer_tables holding tables by which a summons for
// questioning is no incident), and every person's work is
// kept: a corrected event keeps its correction, a rejected one stays
// rejected and out of timelines, statistics and entity counts, a curated
// one survives, one whose text no longer yields an event is kept and
// flagged orphaned, and the query replica shows it. A SIGKILL of the
// ingest service in the middle of a job loses no person's change made
// during it, and the job resumes after the last report it rewrote.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/versioned_report.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

constexpr char kProtestText[] = "a peaceful protest against the new media law";

// Writes into `dir` the changed tables the second normaliser runs with:
// one that no longer takes a summons for questioning for an incident. Its
// category_cues.tsv and act_lexicon.tsv lose their summons cues, and
// framing_cues.tsv takes the phrase, so that a sentence telling only a
// summons tells no incident.
void WriteTablesWithoutSummons(const std::string& dir) {
  std::filesystem::create_directories(dir);
  for (const char* table : {"category_cues.tsv", "act_lexicon.tsv"}) {
    std::ifstream in(std::string(CIVICWATCH_NORMALIZE_DATA_DIR) + "/" + table);
    ASSERT_TRUE(in) << table;
    std::ofstream out(dir + "/" + table);
    std::string line;
    int dropped = 0;
    while (std::getline(in, line)) {
      if (absl::StrContains(line, "summon") || absl::StrContains(line, "for questioning")) {
        ++dropped;
        continue;
      }
      out << line << "\n";
    }
    ASSERT_GT(dropped, 0) << table << " has no summons cue to drop";
  }
  std::ifstream in(std::string(CIVICWATCH_NORMALIZE_DATA_DIR) + "/framing_cues.tsv");
  ASSERT_TRUE(in);
  std::ofstream out(dir + "/framing_cues.tsv");
  out << in.rdbuf() << "summoned for questioning\n";
}

class RenormalizationTest : public testing::IngestAndQueryTest {
 protected:
  RenormalizationTest() : IngestAndQueryTest("cw-renorm") {}

  void SetUp() override {
    dir_ = MakeTempDir(dir_prefix_);
    tables_ = dir_ + "/tables";
    WriteTablesWithoutSummons(tables_);
    StartPair();
  }

  // Restarts ingest on the same address, with the changed tables and
  // `extra` flags, after stopping it with `signal`.
  void RestartIngest(int signal, std::vector<std::string> extra = {}) {
    ingest_->Stop(signal);
    std::vector<std::string> args = {"--data_dir=" + dir_ + "/ingest",
                                     "--normalizer_tables=" + tables_};
    args.insert(args.end(), extra.begin(), extra.end());
    ingest_->SetArgs(args);
    ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
  }

  v1::CreateReportResponse Ingest(const std::string& body, const std::string& uri = "") {
    v1::Report report;
    report.set_body(body);
    report.set_source_uri(uri);
    auto created = client_->CreateReport(report);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : v1::CreateReportResponse();
  }

  static v1::Event Find(const v1::CreateReportResponse& response, v1::Category category) {
    for (const v1::Event& e : response.events()) {
      if (e.category() == category) return e;
    }
    ADD_FAILURE() << "no event of category " << v1::Category_Name(category);
    return v1::Event();
  }

  // Polls the job until it is no longer running (at most `limit`).
  v1::Renormalization WaitForJob(const std::string& name,
                                 absl::Duration limit = absl::Seconds(60)) {
    const absl::Time end = absl::Now() + limit;
    while (true) {
      auto job = client_->GetRenormalization(name);
      EXPECT_TRUE(job.ok()) << job.status();
      if (!job.ok()) return v1::Renormalization();
      if (job->state() != v1::RENORMALIZATION_STATE_RUNNING || absl::Now() > end) return *job;
      absl::SleepFor(absl::Milliseconds(20));
    }
  }

  // Waits (at most `limit`) until the replica's copy of `name` passes
  // `done`, or (with `gone`) until the replica no longer has it.
  template <typename Pred>
  // A replica reconnects to a restarted ingest service with backoff, so
  // the limit is generous.
  bool WaitForReplica(const std::string& name, Pred done,
                      absl::Duration limit = absl::Seconds(30)) {
    const absl::Time end = absl::Now() + limit;
    while (absl::Now() <= end) {
      auto event = client_->GetEvent(name);
      if (event.ok() && done(*event)) return true;
      absl::SleepFor(absl::Milliseconds(10));
    }
    return false;
  }
  bool WaitUntilGone(const std::string& name, absl::Duration limit = absl::Seconds(30)) {
    const absl::Time end = absl::Now() + limit;
    while (absl::Now() <= end) {
      if (absl::IsNotFound(client_->GetEvent(name).status())) return true;
      absl::SleepFor(absl::Milliseconds(10));
    }
    return false;
  }

  std::vector<std::string> TimelineNames() {
    v1::EventFilter filter;
    filter.add_country_codes("KG");
    std::vector<std::string> out;
    for (auto& e : client_->ListEvents(filter)) {
      EXPECT_TRUE(e.ok()) << e.status();
      if (e.ok()) out.push_back(e->name());
    }
    return out;
  }

  int64_t StatisticsTotal() {
    v1::EventFilter filter;
    filter.add_country_codes("KG");
    auto stats = client_->ComputeStatistics(filter, {v1::STATISTICS_DIMENSION_CATEGORY});
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? stats->total() : -1;
  }

  // The entity taking part in `event`.
  std::string EntityOf(const v1::Event& event) {
    for (const auto& p : event.participants()) {
      if (!p.entity().empty()) return p.entity();
    }
    ADD_FAILURE() << event.name() << " has no entity";
    return "";
  }

  std::string tables_;
};

TEST_F(RenormalizationTest, PersonsWorkSurvivesANewNormaliserOverTheWholeStore) {
  const v1::CreateReportResponse first =
      Ingest(testing::kReportVersion1, testing::kVersionedReportUri);
  ASSERT_EQ(first.events_size(), 3);
  const v1::Event detention = Find(first, v1::CATEGORY_DETENTION);
  const v1::Event summons = Find(first, v1::CATEGORY_INTIMIDATION);
  const v1::Event attack = Find(first, v1::CATEGORY_ATTACK);
  // A second report whose summons nobody reviewed: it goes.
  const v1::CreateReportResponse other = Ingest(
      "Kyrgyzstan: another update\n\n"
      "On 14th March 2021 blogger Temirlan Sadykov was summoned for questioning by the "
      "police in Naryn.\n\n"
      "On 2nd April 2021 lawyer Nurbek Toktakunov was detained by police in Bishkek.\n");
  ASSERT_EQ(other.events_size(), 2);
  const v1::Event other_summons = Find(other, v1::CATEGORY_INTIMIDATION);
  const v1::Event other_detention = Find(other, v1::CATEGORY_DETENTION);

  // A person corrects the detention, confirms the summons, rejects the
  // attack and adds the protest.
  v1::Event edit;
  edit.set_name(detention.name());
  edit.set_etag(detention.etag());
  edit.mutable_date()->set_year(2021);
  edit.mutable_date()->set_month(5);
  edit.set_category(v1::CATEGORY_IMPRISONMENT);
  ASSERT_TRUE(client_->UpdateEvent(edit, {"date", "category"}, "only the month is sure").ok());
  ASSERT_TRUE(client_->ConfirmEvent(summons.name(), "", "checked").ok());
  ASSERT_TRUE(client_->RejectEvent(attack.name(), "", "not this report's incident").ok());
  const std::string body(testing::kReportVersion1);
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

  // The rejected attack's journalist is in no counted event.
  const std::string journalist = EntityOf(attack);
  ASSERT_TRUE(WaitForReplica(attack.name(), [](const v1::Event& e) {
    return e.review_state() == v1::REVIEW_STATE_REJECTED;
  }));
  auto journalist_entity = client_->GetEntity(journalist);
  ASSERT_TRUE(journalist_entity.ok()) << journalist_entity.status();
  EXPECT_EQ(journalist_entity->event_count(), 0);
  EXPECT_EQ(journalist_entity->category_counts_size(), 0);

  // A newer normaliser: the same binary with the summons cues gone.
  RestartIngest(SIGTERM);
  auto started = client_->CreateRenormalization();
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(started->name(), "renormalizations/1");
  EXPECT_EQ(started->reports_total(), 2);
  EXPECT_EQ(started->principal(), "anonymous");
  const v1::Renormalization job = WaitForJob(started->name());
  ASSERT_EQ(job.state(), v1::RENORMALIZATION_STATE_SUCCEEDED) << job.error();
  EXPECT_EQ(job.reports_done(), 2);
  EXPECT_EQ(job.events_gone(), 1);  // the unreviewed summons
  EXPECT_EQ(job.events_orphaned(), 1);
  ASSERT_EQ(job.orphaned_events_size(), 1);
  EXPECT_EQ(job.orphaned_events(0), summons.name());
  EXPECT_EQ(job.events_new(), 0);
  EXPECT_TRUE(job.has_end_time());

  // The replica: the unreviewed summons is gone, the confirmed one kept
  // and flagged orphaned; the correction, the rejection and the curated
  // protest are as the person left them.
  ASSERT_TRUE(WaitUntilGone(other_summons.name()))
      << "the replica still has the summons nobody reviewed";
  ASSERT_TRUE(WaitForReplica(summons.name(), [](const v1::Event& e) { return e.orphaned(); }))
      << "the replica did not show the summons orphaned";
  auto orphan = client_->GetEvent(summons.name());
  ASSERT_TRUE(orphan.ok());
  EXPECT_EQ(orphan->review_state(), v1::REVIEW_STATE_CONFIRMED);
  auto corrected = client_->GetEvent(detention.name());
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected->review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(corrected->category(), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(corrected->date().day(), 0);
  EXPECT_FALSE(corrected->orphaned());
  auto rejected = client_->GetEvent(attack.name());
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->review_state(), v1::REVIEW_STATE_REJECTED);
  auto kept = client_->GetEvent(curated->name());
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->review_state(), v1::REVIEW_STATE_CURATED);
  EXPECT_FALSE(kept->orphaned());
  ASSERT_EQ(kept->provenance_size(), 1);
  EXPECT_EQ(kept->provenance(0).quote(), kProtestText);
  auto untouched = client_->GetEvent(other_detention.name());
  ASSERT_TRUE(untouched.ok());
  EXPECT_EQ(untouched->etag(), other_detention.etag()) << "an unchanged event got a new etag";

  // Timelines and statistics: the detention, the orphaned summons, the
  // protest and the other report's detention; never the rejected attack.
  const std::vector<std::string> names = TimelineNames();
  EXPECT_EQ(names.size(), 4u);
  EXPECT_EQ(std::count(names.begin(), names.end(), attack.name()), 0);
  EXPECT_EQ(std::count(names.begin(), names.end(), other_summons.name()), 0);
  EXPECT_EQ(StatisticsTotal(), 4);
  journalist_entity = client_->GetEntity(journalist);
  ASSERT_TRUE(journalist_entity.ok());
  EXPECT_EQ(journalist_entity->event_count(), 0);

  // The summons' history says why it is orphaned.
  std::vector<v1::EventRevision> history;
  for (auto& r : client_->ListEventRevisions(summons.name())) {
    ASSERT_TRUE(r.ok()) << r.status();
    history.push_back(*r);
  }
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].action(), v1::REVISION_ACTION_ORPHAN);
  EXPECT_EQ(history[1].principal(), "ingest");

  // Normalising again with the same normaliser changes nothing: no new
  // etag, no new orphan.
  auto detention_before = client_->GetEvent(detention.name());
  ASSERT_TRUE(detention_before.ok());
  auto again = client_->CreateRenormalization();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->name(), "renormalizations/2");
  const v1::Renormalization second = WaitForJob(again->name());
  ASSERT_EQ(second.state(), v1::RENORMALIZATION_STATE_SUCCEEDED) << second.error();
  EXPECT_EQ(second.events_new(), 0);
  EXPECT_EQ(second.events_gone(), 0);
  EXPECT_EQ(second.events_changed(), 0);
  EXPECT_EQ(second.events_orphaned(), 0);
  EXPECT_EQ(second.events_unchanged(), 3);  // two detentions and the attack
  auto latest = client_->GetRenormalization();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->name(), "renormalizations/2");
  auto detention_after = client_->GetEvent(detention.name());
  ASSERT_TRUE(detention_after.ok());
  EXPECT_EQ(detention_after->etag(), detention_before->etag());

  // Bad names are refused naming the field; starting is audited.
  EXPECT_EQ(client_->GetRenormalization("renormalizations/x").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client_->GetRenormalization("renormalizations/9").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_NE(ingest_->ReadLog().find(
                "civicwatch-ingest audit: principal=anonymous method=CreateRenormalization "
                "job=renormalizations/2"),
            std::string::npos);
}

// Reports of three incidents each (a detention, a summons, an attack), one
// per year so that no two reports tell the same incident.
std::string NumberedReport(int i) {
  const int year = 1990 + i;
  return absl::StrCat(
      "Kyrgyzstan: civic space update no. ", i, "\n\n",
      "On 3 May ", year, " activist Aigul Nurlanova was detained by police in Bishkek after a "
      "peaceful protest.\n\n",
      "On 12 June ", year, " human rights defender Bakyt Omurbekov was summoned for questioning "
      "by the State Committee of National Security in Bishkek.\n\n",
      "On 20 July ", year, " journalist Dilnoza Rakhimova was attacked by unknown men in Osh.\n");
}

TEST_F(RenormalizationTest, AKilledJobLosesNoPersonsChangeAndResumes) {
  constexpr int kReports = 24;
  std::vector<v1::CreateReportResponse> reports;
  for (int i = 0; i < kReports; ++i) {
    reports.push_back(Ingest(NumberedReport(i)));
    ASSERT_EQ(reports.back().events_size(), 3) << i;
  }

  // Each report's summons is confirmed or rejected.
  std::map<std::string, v1::ReviewState> summons_state;
  for (int i = 0; i < kReports; ++i) {
    const v1::Event summons = Find(reports[i], v1::CATEGORY_INTIMIDATION);
    auto reviewed = i % 2 == 0 ? client_->ConfirmEvent(summons.name(), "", "seen")
                               : client_->RejectEvent(summons.name(), "", "not an incident");
    ASSERT_TRUE(reviewed.ok()) << reviewed.status();
    summons_state[summons.name()] = reviewed->review_state();
  }

  // The job goes slowly (a pause after each report), so it is killed in
  // the middle.
  RestartIngest(SIGTERM, {"--renormalize_pause_ms=150"});
  auto started = client_->CreateRenormalization();
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(client_->CreateRenormalization().status().code(),
            absl::StatusCode::kFailedPrecondition);

  // While it runs, people correct the detention of every report, some
  // rewritten already, some not yet.
  std::vector<std::string> corrected;
  for (int i = 0; i < kReports; ++i) {
    const v1::Event detention = Find(reports[i], v1::CATEGORY_DETENTION);
    v1::Event edit;
    edit.set_name(detention.name());
    edit.set_summary(absl::StrCat("Corrected summary ", i));
    auto edited = client_->UpdateEvent(edit, {"summary"}, "clearer");
    ASSERT_TRUE(edited.ok()) << edited.status();
    corrected.push_back(detention.name());
  }
  v1::Renormalization before_kill;
  const absl::Time end = absl::Now() + absl::Seconds(60);
  do {
    auto job = client_->GetRenormalization(started->name());
    ASSERT_TRUE(job.ok()) << job.status();
    before_kill = *job;
    absl::SleepFor(absl::Milliseconds(10));
  } while (before_kill.reports_done() < kReports / 3 && absl::Now() < end);
  ASSERT_EQ(before_kill.state(), v1::RENORMALIZATION_STATE_RUNNING);
  ASSERT_LT(before_kill.reports_done(), kReports) << "the job ended before it could be killed";
  RestartIngest(SIGKILL);
  std::cerr << "killed after " << before_kill.reports_done() << " of " << kReports
            << " reports\n";

  // The job resumes by itself after the last report it rewrote, and no
  // report is done twice or passed over.
  const v1::Renormalization job = WaitForJob(started->name());
  EXPECT_NE(ingest_->ReadLog().find(absl::StrCat("renormalization_running job=", started->name(),
                                                 " after=reports/")),
            std::string::npos)
      << "the job did not resume after a report";
  ASSERT_EQ(job.state(), v1::RENORMALIZATION_STATE_SUCCEEDED) << job.error();
  EXPECT_EQ(job.reports_done(), kReports);
  EXPECT_EQ(job.reports_total(), kReports);
  EXPECT_EQ(job.events_orphaned(), kReports);  // every summons had a person's layer

  // Every person's change is there, on the replica too; every summons is
  // orphaned, since the new normaliser makes no event of it.
  for (const auto& [name, state] : summons_state) {
    ASSERT_TRUE(WaitForReplica(name, [&, state = state](const v1::Event& e) {
      return e.orphaned() && e.review_state() == state;
    })) << name;
  }
  for (size_t i = 0; i < corrected.size(); ++i) {
    auto event = client_->GetEvent(corrected[i]);
    ASSERT_TRUE(event.ok()) << event.status();
    EXPECT_EQ(event->summary(), absl::StrCat("Corrected summary ", i));
    EXPECT_EQ(event->review_state(), v1::REVIEW_STATE_CORRECTED);
  }
}

}  // namespace
}  // namespace civicwatch

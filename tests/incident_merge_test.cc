// End to end: incidents told by several reports, on the real
// civicwatch-ingest binary (loopback, temporary data folders), read back
// from its change feed.
//
// The same reports ingested in different orders give the same incidents
// (dates, categories, participants, the reports that tell each), and a
// report that goes (a new version at its source) takes only its mentions
// with it: an incident told by another report stays, read again from what
// that report says, and an incident nobody tells any more goes.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/partial_date.h"
#include "tests/fault/fault_support.h"
#include "tests/support/server_process.h"
#include "tests/support/violated_field.h"

namespace civicwatch {
namespace {

namespace fs = std::filesystem;
using testing::MakeTempDir;
using testing::ServerProcess;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> Reports(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path DevCorpus() { return fs::path(CIVICWATCH_CORPUS_DIR) / "dev"; }

// One ingest service with its data in a fresh folder.
class Ingest {
 public:
  explicit Ingest(const std::string& name)
      : dir_(MakeTempDir(name)),
        server_(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir_ + "/ingest"}, dir_ + "/ingest.log") {}

  absl::Status Start() { return server_.Start(); }
  std::string log() const { return server_.ReadLog(); }
  std::string address() const { return server_.address(); }

  // Submits `body` published at `source_uri`.
  grpc::Status Submit(const std::string& body, const std::string& source_uri,
                      v1::CreateReportResponse* response = nullptr) {
    auto stub = v1::IngestService::NewStub(
        grpc::CreateChannel(server_.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::CreateReportRequest req;
    req.mutable_report()->set_body(body);
    req.mutable_report()->set_source_uri(source_uri);
    v1::CreateReportResponse ignored;
    return stub->CreateReport(&ctx, req, response != nullptr ? response : &ignored);
  }

  absl::StatusOr<fault::IngestSnapshot> Read() { return fault::ReadIngest(server_.address()); }

 private:
  std::string dir_;
  ServerProcess server_;
};

// An incident as this test compares it: everything but names and times.
std::string Describe(const v1::Event& e) {
  std::set<std::string> people, reports;
  for (const auto& p : e.participants()) people.insert(p.entity());
  for (const auto& p : e.provenance()) reports.insert(p.report());
  return absl::StrCat(e.country_code(), " ", FormatPartialDate(e.date()), "/",
                      FormatPartialDate(e.end_date()), " ", v1::Category_Name(e.category()),
                      " people[", absl::StrJoin(people, ","), "] told by [",
                      absl::StrJoin(reports, ","), "]");
}

std::multiset<std::string> Incidents(const fault::IngestSnapshot& s) {
  std::multiset<std::string> out;
  for (const auto& [name, e] : s.events) out.insert(Describe(e));
  return out;
}

absl::StatusOr<fault::IngestSnapshot> IngestInOrder(const std::vector<fs::path>& reports,
                                                    const std::string& name) {
  Ingest ingest(name);
  if (absl::Status s = ingest.Start(); !s.ok()) return s;
  for (const fs::path& p : reports) {
    grpc::Status s = ingest.Submit(ReadFile(p), "file://" + p.filename().string());
    if (!s.ok()) return absl::InternalError(absl::StrCat(p.string(), ": ", s.error_message()));
  }
  return ingest.Read();
}

TEST(IncidentMergeTest, IngestOrderDoesNotChangeTheIncidents) {
  std::vector<fs::path> reports = Reports(DevCorpus());
  ASSERT_GE(reports.size(), 3u) << "no corpus under " << DevCorpus();
  auto forward = IngestInOrder(reports, "cw-merge-forward");
  ASSERT_TRUE(forward.ok()) << forward.status();
  std::vector<fs::path> reversed(reports.rbegin(), reports.rend());
  auto backward = IngestInOrder(reversed, "cw-merge-backward");
  ASSERT_TRUE(backward.ok()) << backward.status();
  // The middle report first, then the rest in a shuffled order.
  std::vector<fs::path> shuffled = reports;
  std::rotate(shuffled.begin(), shuffled.begin() + shuffled.size() / 2, shuffled.end());
  std::swap(shuffled[0], shuffled[shuffled.size() - 1]);
  auto rotated = IngestInOrder(shuffled, "cw-merge-rotated");
  ASSERT_TRUE(rotated.ok()) << rotated.status();

  const auto want = Incidents(*forward);
  EXPECT_EQ(Incidents(*backward), want);
  EXPECT_EQ(Incidents(*rotated), want);

  size_t told_twice = 0;
  for (const auto& [name, e] : forward->events) told_twice += e.provenance_size() > 1;
  // The dev corpus retells incidents across its reports.
  EXPECT_GE(told_twice, 5u);

  // No duplicate left: no two incidents agree on country, date and
  // category and share a participant (what exact agreement merged).
  std::vector<const v1::Event*> all;
  for (const auto& [name, e] : forward->events) all.push_back(&e);
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = i + 1; j < all.size(); ++j) {
      const v1::Event &a = *all[i], &b = *all[j];
      if (a.country_code() != b.country_code() || a.category() != b.category() ||
          FormatPartialDate(a.date()) != FormatPartialDate(b.date()) ||
          FormatPartialDate(a.end_date()) != FormatPartialDate(b.end_date())) {
        continue;
      }
      std::set<std::string> reports_a, reports_b;
      for (const auto& p : a.provenance()) reports_a.insert(p.report());
      for (const auto& p : b.provenance()) reports_b.insert(p.report());
      bool same_report = false;
      for (const auto& r : reports_a) same_report |= reports_b.count(r) > 0;
      if (same_report) continue;  // one report tells two acts
      for (const auto& pa : a.participants()) {
        for (const auto& pb : b.participants()) {
          EXPECT_FALSE(!pa.entity().empty() && pa.entity() == pb.entity())
              << "duplicate:\n  " << Describe(a) << "\n  " << Describe(b);
        }
      }
    }
  }
  // Every report's events are all stored, each its own incident.
  std::map<std::string, int> mentions;
  for (const auto& [name, e] : forward->events) {
    for (const auto& p : e.provenance()) mentions[p.report()]++;
  }
  for (const auto& [name, r] : forward->reports) EXPECT_EQ(mentions[name], r.event_count()) << name;
}

TEST(IncidentMergeTest, UncertainPairsAreListedNotMerged) {
  Ingest ingest("cw-merge-candidates");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.log();
  // Three dated detentions, then a review that tells them by the year
  // only: the same people, too coarse a date to merge on.
  ASSERT_TRUE(ingest
                  .Submit("Kyrgyzstan: three detentions\n\nOn 5 January 2022, police detained "
                          "journalist Bolot Nazarov in Bishkek. On 7 February 2022, police "
                          "detained blogger Aibek Temirov in Osh. On 9 March 2022, police "
                          "detained activist Kanat Usenov in Naryn.\n",
                          "https://example.org/detentions")
                  .ok());
  v1::CreateReportResponse review;
  ASSERT_TRUE(ingest
                  .Submit("Kyrgyzstan: annual review\n\nIn 2022, journalist Bolot Nazarov was "
                          "detained. Blogger Aibek Temirov was also detained in 2022. Activist "
                          "Kanat Usenov was detained in 2022 as well.\n",
                          "https://example.org/review", &review)
                  .ok());
  auto stored = ingest.Read();
  ASSERT_TRUE(stored.ok()) << stored.status();
  for (const auto& [name, e] : stored->events) {
    EXPECT_EQ(e.provenance_size(), 1) << "merged: " << Describe(e);
  }

  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(ingest.address(), grpc::InsecureChannelCredentials()));
  auto list = [&](int page_size, const std::string& token, v1::ListMergeCandidatesResponse* r) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::ListMergeCandidatesRequest req;
    req.set_page_size(page_size);
    req.set_page_token(token);
    return stub->ListMergeCandidates(&ctx, req, r);
  };
  std::vector<v1::MergeCandidate> pairs;
  std::string token;
  int pages = 0;
  do {
    v1::ListMergeCandidatesResponse page;
    grpc::Status s = list(2, token, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_LE(page.merge_candidates_size(), 2);
    for (const auto& c : page.merge_candidates()) pairs.push_back(c);
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  ASSERT_EQ(pairs.size(), 3u);
  std::set<std::string> others;
  for (const auto& c : pairs) {
    EXPECT_EQ(c.event(), review.events(0).name());
    EXPECT_TRUE(stored->events.count(c.other_event())) << c.other_event();
    others.insert(c.other_event());
    EXPECT_GE(c.score(), 0.5);
    EXPECT_LT(c.score(), 0.72);
    EXPECT_NE(c.evidence().find("date=within_year"), std::string::npos) << c.evidence();
    EXPECT_GT(c.create_time().seconds(), 0);
  }
  EXPECT_EQ(others.size(), 3u);

  v1::ListMergeCandidatesResponse bad;
  grpc::Status negative = list(-1, "", &bad);
  EXPECT_EQ(negative.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolatedField(negative), "page_size");
  grpc::Status forged = list(2, "not-a-token", &bad);
  EXPECT_EQ(forged.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolatedField(forged), "page_token");

  // The review withdrawn: its event goes, and its pairs with it.
  ASSERT_TRUE(ingest.Submit("Withdrawn.", "https://example.org/review").ok());
  v1::ListMergeCandidatesResponse after;
  ASSERT_TRUE(list(0, "", &after).ok());
  EXPECT_EQ(after.merge_candidates_size(), 0);
}

// The incident of `s` that report `report` tells with another report.
const v1::Event* SharedIncident(const fault::IngestSnapshot& s, const std::string& report) {
  for (const auto& [name, e] : s.events) {
    if (e.provenance_size() < 2) continue;
    for (const auto& p : e.provenance()) {
      if (p.report() == report) return &e;
    }
  }
  return nullptr;
}

TEST(IncidentMergeTest, ARemovedReportTakesOnlyItsMentions) {
  const fs::path news = DevCorpus() / "kg-2022-nazarov-news-ru.txt";
  const fs::path statement = DevCorpus() / "kg-2022-2024-update.txt";
  ASSERT_TRUE(fs::exists(news) && fs::exists(statement)) << DevCorpus();

  // The update alone: what it tells of the incident.
  auto alone = IngestInOrder({statement}, "cw-merge-alone");
  ASSERT_TRUE(alone.ok()) << alone.status();

  Ingest ingest("cw-merge-remove");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.log();
  v1::CreateReportResponse news_resp, statement_resp;
  ASSERT_TRUE(ingest.Submit(ReadFile(news), "https://example.org/news", &news_resp).ok());
  ASSERT_TRUE(ingest.Submit(ReadFile(statement), "https://example.org/statement",
                            &statement_resp).ok());
  auto both = ingest.Read();
  ASSERT_TRUE(both.ok()) << both.status();
  const v1::Event* shared = SharedIncident(*both, news_resp.report().name());
  ASSERT_NE(shared, nullptr) << "the two reports share no incident";
  const std::string incident = shared->name();

  // The news item is withdrawn: a new version at its address tells nothing.
  ASSERT_TRUE(ingest.Submit("Материал снят с публикации.", "https://example.org/news").ok());
  auto after = ingest.Read();
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_TRUE(after->events.count(incident)) << "the update still tells " << incident;
  const v1::Event& kept = after->events.at(incident);
  ASSERT_EQ(kept.provenance_size(), 1);
  EXPECT_EQ(kept.provenance(0).report(), statement_resp.report().name());
  // Read again from the update alone: as if the news item had never been.
  EXPECT_EQ(Incidents(*after), Incidents(*alone));
  for (const auto& [name, e] : after->events) {
    for (const auto& p : e.provenance()) EXPECT_NE(p.report(), news_resp.report().name());
  }

  // The update goes too: nobody tells its incidents any more.
  ASSERT_TRUE(ingest.Submit("This update was withdrawn.", "https://example.org/statement").ok());
  auto none = ingest.Read();
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->events.count(incident));
  EXPECT_TRUE(none->events.empty()) << Describe(none->events.begin()->second);
}

}  // namespace
}  // namespace civicwatch

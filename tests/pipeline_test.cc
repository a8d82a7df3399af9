// End to end: the real civicwatch-ingest and civicwatch-query binaries on
// loopback with temporary data folders, driven through the SDK.
//
// The dev corpus is ingested, the query replica catches up over the change
// feed, and the timeline and statistics are checked against what ingest
// said it stored: order, dates with their precision, pagination that loses
// and repeats nothing, counts that add up.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/partial_date.h"
#include "tests/support/server_process.h"

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

std::vector<fs::path> CorpusReports() {
  std::vector<fs::path> out;
  fs::path dir = fs::path(CIVICWATCH_CORPUS_DIR) / "dev";
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Health of `service` on `address`: SERVING, NOT_SERVING, or an error.
std::string HealthOf(const std::string& address, const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status s = stub->Check(&ctx, req, &resp);
  if (!s.ok()) return absl::StrCat("error ", s.error_code());
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status());
}

// The order docs/design.md gives a timeline: start of the period, coarser first
// on ties, name; undated last.
std::tuple<bool, int64_t, int, std::string> SortKey(const v1::Event& e) {
  bool undated = e.date().year() == 0;
  return {undated, undated ? 0 : FirstDayOf(e.date()), static_cast<int>(PrecisionOf(e.date())),
          e.name()};
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-pipeline");
    ingest_ = std::make_unique<ServerProcess>(
        CIVICWATCH_INGEST_BIN, std::vector<std::string>{"--data_dir=" + dir_ + "/ingest"},
        dir_ + "/ingest.log");
    ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
    StartQuery();
    ClientOptions options;
    options.ingest_address = ingest_->address();
    options.query_address = query_->address();
    options.timeout = absl::Seconds(20);
    auto client = Client::Create(options);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = std::move(*client);
  }

  void StartQuery() {
    query_ = std::make_unique<ServerProcess>(
        CIVICWATCH_QUERY_BIN,
        std::vector<std::string>{"--data_dir=" + dir_ + "/query",
                                 "--ingest_address=" + ingest_->address()},
        dir_ + "/query.log");
    ASSERT_TRUE(query_->Start().ok()) << query_->ReadLog();
  }

  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "--- ingest log\n" << (ingest_ ? ingest_->ReadLog() : "") << "--- query log\n"
                << (query_ ? query_->ReadLog() : "");
    }
  }

  // Ingests every corpus report; returns every event ingest stored, by name.
  std::map<std::string, v1::Event> IngestCorpus() {
    std::map<std::string, v1::Event> stored;
    for (const fs::path& p : CorpusReports()) {
      v1::Report report;
      report.set_body(ReadFile(p));
      report.set_source_uri("file://" + p.filename().string());
      auto resp = client_->CreateReport(report, "req-" + p.filename().string());
      EXPECT_TRUE(resp.ok()) << p << ": " << resp.status();
      if (!resp.ok()) continue;
      for (const auto& e : resp->events()) stored[e.name()] = e;
    }
    return stored;
  }

  std::vector<v1::Event> Timeline(const v1::EventFilter& filter, int page_size = 0,
                                  const std::string& order_by = "") {
    std::vector<v1::Event> out;
    ListEventsOptions options;
    options.page_size = page_size;
    options.order_by = order_by;
    for (const auto& e : client_->ListEvents(filter, options)) {
      EXPECT_TRUE(e.ok()) << e.status();
      if (!e.ok()) break;
      out.push_back(*e);
    }
    return out;
  }

  // Waits until the query replica holds `expected` events.
  void WaitForReplica(size_t expected) {
    absl::Time deadline = absl::Now() + absl::Seconds(30);
    size_t seen = 0;
    while (absl::Now() < deadline) {
      seen = Timeline(v1::EventFilter()).size();
      if (seen == expected) return;
      absl::SleepFor(absl::Milliseconds(100));
    }
    FAIL() << "replica has " << seen << " events, ingest stored " << expected;
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
  std::unique_ptr<Client> client_;
};

TEST_F(PipelineTest, ServersReportHealthForEachService) {
  EXPECT_EQ(HealthOf(ingest_->address(), ""), "SERVING");
  EXPECT_EQ(HealthOf(ingest_->address(), "civicwatch.v1.IngestService"), "SERVING");
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (HealthOf(query_->address(), "civicwatch.v1.QueryService") != "SERVING" &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(HealthOf(query_->address(), "civicwatch.v1.QueryService"), "SERVING");
  EXPECT_EQ(HealthOf(query_->address(), "no.such.Service"), "error 5");
}

TEST_F(PipelineTest, CorpusBecomesAnOrderedPagedTimeline) {
  ASSERT_FALSE(CorpusReports().empty()) << "no corpus under " << CIVICWATCH_CORPUS_DIR;
  std::map<std::string, v1::Event> stored = IngestCorpus();
  ASSERT_GT(stored.size(), 10u);
  WaitForReplica(stored.size());

  // Everything ingest stored is served, with the same dates and precision.
  std::vector<v1::Event> all = Timeline(v1::EventFilter());
  ASSERT_EQ(all.size(), stored.size());
  for (const v1::Event& e : all) {
    ASSERT_TRUE(stored.count(e.name())) << e.name();
    const v1::Event& s = stored[e.name()];
    EXPECT_EQ(FormatPartialDate(e.date()), FormatPartialDate(s.date())) << e.name();
    EXPECT_EQ(e.category(), s.category());
    EXPECT_EQ(e.summary(), s.summary());
  }

  // Date order, coarser first on ties, undated last.
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_LE(SortKey(all[i - 1]), SortKey(all[i]))
        << FormatPartialDate(all[i - 1].date()) << " before " << FormatPartialDate(all[i].date());
  }
  // Precision is kept: the corpus has year-only and month-only events.
  std::set<DatePrecision> precisions;
  for (const auto& e : all) precisions.insert(PrecisionOf(e.date()));
  EXPECT_TRUE(precisions.count(DatePrecision::kYear));
  EXPECT_TRUE(precisions.count(DatePrecision::kMonth));
  EXPECT_TRUE(precisions.count(DatePrecision::kDay));

  // Small pages lose and repeat nothing, in either order.
  std::vector<v1::Event> paged = Timeline(v1::EventFilter(), 3);
  ASSERT_EQ(paged.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(paged[i].name(), all[i].name());
  std::vector<v1::Event> desc = Timeline(v1::EventFilter(), 4, "date desc");
  ASSERT_EQ(desc.size(), all.size());
  std::set<std::string> names;
  for (const auto& e : desc) names.insert(e.name());
  EXPECT_EQ(names.size(), all.size());

  // A country and date range: only events whose whole period lies inside.
  v1::EventFilter kg2018;
  kg2018.add_country_codes("KG");
  kg2018.mutable_start_date()->set_year(2018);
  kg2018.mutable_end_date()->set_year(2018);
  std::vector<v1::Event> in2018 = Timeline(kg2018);
  size_t expected_2018 = 0;
  for (const auto& [name, e] : stored) {
    expected_2018 += e.country_code() == "KG" && e.date().year() == 2018 &&
                     (e.end_date().year() == 0 || e.end_date().year() == 2018);
  }
  EXPECT_EQ(in2018.size(), expected_2018);
  for (const auto& e : in2018) EXPECT_EQ(e.date().year(), 2018);
}

TEST_F(PipelineTest, StatisticsAgreeWithTheTimeline) {
  std::map<std::string, v1::Event> stored = IngestCorpus();
  WaitForReplica(stored.size());

  auto by_category = client_->ComputeStatistics(v1::EventFilter(),
                                                {v1::STATISTICS_DIMENSION_CATEGORY});
  ASSERT_TRUE(by_category.ok()) << by_category.status();
  EXPECT_EQ(by_category->total(), static_cast<int64_t>(stored.size()));
  std::map<std::string, int64_t> expected;
  for (const auto& [name, e] : stored) expected[v1::Category_Name(e.category())]++;
  std::map<std::string, int64_t> got;
  for (const auto& row : by_category->rows()) got[row.keys(0)] = row.count();
  EXPECT_EQ(got, expected);

  // By month: a year-only event goes to "YYYY-unknown", never January.
  auto by_month = client_->ComputeStatistics(v1::EventFilter(), {v1::STATISTICS_DIMENSION_MONTH});
  ASSERT_TRUE(by_month.ok()) << by_month.status();
  std::map<std::string, int64_t> months;
  for (const auto& row : by_month->rows()) months[row.keys(0)] = row.count();
  std::map<std::string, int64_t> expected_months;
  int64_t unplaced = 0;
  for (const auto& [name, e] : stored) {
    switch (PrecisionOf(e.date())) {
      case DatePrecision::kUndated:
        expected_months["undated"]++;
        ++unplaced;
        break;
      case DatePrecision::kYear:
        expected_months[absl::StrCat(e.date().year(), "-unknown")]++;
        ++unplaced;
        break;
      default:
        expected_months[FormatPartialDate(e.date()).substr(0, 7)]++;
    }
  }
  EXPECT_EQ(months, expected_months);
  EXPECT_EQ(by_month->unplaced(), unplaced);
}

TEST_F(PipelineTest, IngestingTheSameReportTwiceChangesNothing) {
  std::vector<fs::path> reports = CorpusReports();
  ASSERT_FALSE(reports.empty());
  v1::Report report;
  report.set_body(ReadFile(reports[0]));
  auto first = client_->CreateReport(report);
  ASSERT_TRUE(first.ok()) << first.status();
  WaitForReplica(first->events_size());
  std::vector<v1::Event> before = Timeline(v1::EventFilter());

  auto second = client_->CreateReport(report);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->SerializeAsString(), first->SerializeAsString());
  auto third = client_->CreateReport(report, "another-request-id");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->report().name(), first->report().name());

  absl::SleepFor(absl::Milliseconds(500));  // let any (wrong) change reach the replica
  std::vector<v1::Event> after = Timeline(v1::EventFilter());
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].SerializeAsString(), before[i].SerializeAsString());
  }
}

TEST_F(PipelineTest, QueryReplicaResumesAfterRestartAndFollowsNewReports) {
  std::vector<fs::path> reports = CorpusReports();
  ASSERT_GE(reports.size(), 2u);
  v1::Report r1;
  r1.set_body(ReadFile(reports[0]));
  auto a = client_->CreateReport(r1);
  ASSERT_TRUE(a.ok());
  WaitForReplica(a->events_size());

  EXPECT_EQ(query_->Stop(SIGTERM), 0) << query_->ReadLog();
  v1::Report r2;
  r2.set_body(ReadFile(reports[1]));
  auto b = client_->CreateReport(r2);
  ASSERT_TRUE(b.ok());

  StartQuery();
  ClientOptions options;
  options.ingest_address = ingest_->address();
  options.query_address = query_->address();
  auto client = Client::Create(options);
  ASSERT_TRUE(client.ok());
  client_ = std::move(*client);
  // The two reports may tell some incidents both: those are one event.
  std::set<std::string> names;
  for (const auto& e : a->events()) names.insert(e.name());
  for (const auto& e : b->events()) names.insert(e.name());
  WaitForReplica(names.size());
}

TEST_F(PipelineTest, QueriesGoOnWhileIngestIsDown) {
  std::vector<fs::path> reports = CorpusReports();
  v1::Report r1;
  r1.set_body(ReadFile(reports[0]));
  auto a = client_->CreateReport(r1);
  ASSERT_TRUE(a.ok());
  WaitForReplica(a->events_size());
  EXPECT_EQ(ingest_->Stop(SIGTERM), 0) << ingest_->ReadLog();
  EXPECT_EQ(Timeline(v1::EventFilter()).size(), static_cast<size_t>(a->events_size()));
}

TEST_F(PipelineTest, SigtermDrainsAndExitsCleanly) {
  EXPECT_EQ(query_->Stop(SIGTERM), 0) << query_->ReadLog();
  EXPECT_EQ(ingest_->Stop(SIGINT), 0) << ingest_->ReadLog();
  EXPECT_TRUE(absl::StrContains(ingest_->ReadLog(), "stopped"));
}

TEST(StartupTest, UnopenableDatabaseStopsStartupWithAClearMessage) {
  std::string dir = MakeTempDir("cw-startup");
  // A regular file where the data folder should be.
  std::ofstream(dir + "/not-a-dir") << "x";
  std::string log = dir + "/out.log";
  int code = ServerProcess::RunToExit(
      CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/not-a-dir", "--listen=127.0.0.1:0"}, log);
  EXPECT_EQ(code, 1);
  std::string text = ReadFile(log);
  EXPECT_TRUE(absl::StrContains(text, "cannot")) << text;
  code = ServerProcess::RunToExit(
      CIVICWATCH_QUERY_BIN, {"--data_dir=" + dir + "/not-a-dir", "--listen=127.0.0.1:0"}, log);
  EXPECT_EQ(code, 1);
}

}  // namespace
}  // namespace civicwatch

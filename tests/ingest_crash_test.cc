// Kill-and-verify: clients submit reports concurrently while the ingest
// service is killed with SIGKILL at random moments and restarted. After
// each round every acknowledged report is there with all its events, no
// report is there in part, retries with the same request_id create nothing
// twice, and at the end SQLite's integrity check passes.
//
// CIVICWATCH_CRASH_ROUNDS sets the number of kills (default 20).
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/sqlite.h"
#include "tests/support/joining_threads.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::JoiningThreads;
using testing::MakeTempDir;
using testing::ServerProcess;

int Rounds() {
  const char* env = std::getenv("CIVICWATCH_CRASH_ROUNDS");
  int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : 20;
}

std::string ReportBody(int writer, int seq) {
  static const char* kMonths[] = {"January", "March", "May", "July", "September", "November"};
  return absl::StrCat(
      "Kazakhstan: civic space update ", writer, "-", seq, "\n\n",
      "On ", 1 + seq % 27, " ", kMonths[seq % 6], " 2021, police in Almaty detained activist ",
      "Erlan Nurtayev", writer, " after a peaceful picket.\n\n",
      "In ", kMonths[(seq + 3) % 6], " 2020, journalist Saule Amanova", seq,
      " was fined for a post criticising local officials.\n");
}

// What the store holds, read back through the change feed from sequence 0.
struct StoreState {
  std::map<std::string, v1::Report> reports;
  std::map<std::string, v1::Event> events;
};

StoreState ReadState(const std::string& address) {
  StoreState state;
  auto stub = v1::ChangeFeed::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::WatchChangesRequest req;
  req.set_max_batch_size(5000);
  auto reader = stub->WatchChanges(&ctx, req);
  v1::WatchChangesResponse resp;
  int64_t last = 0;
  while (reader->Read(&resp)) {
    for (const auto& c : resp.changes()) {
      EXPECT_GT(c.sequence(), last) << "sequence went backwards";
      last = c.sequence();
      if (c.type() == v1::CHANGE_TYPE_DELETE) {
        state.reports.erase(c.resource_name());
        state.events.erase(c.resource_name());
      } else if (c.has_report()) {
        state.reports[c.resource_name()] = c.report();
      } else if (c.has_event()) {
        state.events[c.resource_name()] = c.event();
      }
    }
    if (resp.changes().empty()) break;  // caught up
  }
  ctx.TryCancel();
  reader->Finish().IgnoreError();
  return state;
}

TEST(IngestCrashTest, AcknowledgedReportsSurviveSigkill) {
  const std::string dir = MakeTempDir("cw-crash");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();

  // Each attempt after a failure gets a fresh channel, so writers reach
  // the restarted server at once instead of waiting out reconnect backoff;
  // the test retries by itself, across restarts.
  auto create = [&](const v1::Report& report, const std::string& request_id)
      -> absl::StatusOr<v1::CreateReportResponse> {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub = v1::IngestService::NewStub(grpc::CreateCustomChannel(
        ingest.address(), grpc::InsecureChannelCredentials(), args));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::CreateReportRequest req;
    *req.mutable_report() = report;
    req.set_request_id(request_id);
    v1::CreateReportResponse resp;
    grpc::Status s = stub->CreateReport(&ctx, req, &resp);
    if (!s.ok()) return absl::UnavailableError(s.error_message());
    return resp;
  };

  std::mutex mu;
  // request_id -> the acknowledged answer.
  std::map<std::string, v1::CreateReportResponse> acked;
  std::map<std::string, std::string> bodies;  // request_id -> body
  std::atomic<bool> stop{false};
  std::atomic<int> attempts{0};
  const int kWriters = 4;
  JoiningThreads writers(stop);
  for (int w = 0; w < kWriters; ++w) {
    writers.Start([&, w] {
      for (int seq = 0; !stop.load(); ++seq) {
        v1::Report report;
        report.set_body(ReportBody(w, seq));
        const std::string request_id = absl::StrCat("w", w, "-", seq);
        // Retry until acknowledged: an unanswered call may or may not have
        // been stored, and the request_id makes the retry safe.
        while (!stop.load()) {
          attempts++;
          auto resp = create(report, request_id);
          if (resp.ok()) {
            std::lock_guard<std::mutex> lock(mu);
            acked[request_id] = *resp;
            bodies[request_id] = report.body();
            break;
          }
          absl::SleepFor(absl::Milliseconds(20));
        }
      }
    });
  }

  std::mt19937 rng(12345);
  const int rounds = Rounds();
  auto acked_count = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acked.size();
  };
  for (int round = 0; round < rounds; ++round) {
    // Let the writers make progress on the restarted server (clients
    // reconnect with backoff), then kill it at a random moment while
    // writes are in flight.
    const size_t before = acked_count();
    absl::Time wait_until = absl::Now() + absl::Seconds(15);
    while (acked_count() <= before && absl::Now() < wait_until) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(0, 150)(rng)));
    ASSERT_EQ(ingest.Stop(SIGKILL), 128 + SIGKILL);
    ASSERT_TRUE(ingest.Start().ok()) << "round " << round << "\n" << ingest.ReadLog();
  }
  absl::SleepFor(absl::Milliseconds(300));
  writers.StopAndJoin();

  StoreState state = ReadState(ingest.address());
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_GT(acked.size(), static_cast<size_t>(rounds)) << "too few writes to mean anything";
  // Every acknowledged report is there, with every event it was told of.
  for (const auto& [request_id, resp] : acked) {
    ASSERT_TRUE(state.reports.count(resp.report().name())) << request_id << " lost";
    for (const auto& e : resp.events()) {
      ASSERT_TRUE(state.events.count(e.name())) << request_id << " lost event " << e.name();
    }
  }
  // No report is there in part: each stored report has exactly its events.
  std::map<std::string, int> events_per_report;
  for (const auto& [name, e] : state.events) {
    for (const auto& p : e.provenance()) events_per_report[p.report()]++;
  }
  for (const auto& [name, r] : state.reports) {
    EXPECT_EQ(events_per_report[name], r.event_count()) << name << " is stored in part";
  }
  // Nothing twice: one report per distinct body.
  std::map<std::string, int> per_hash;
  for (const auto& [name, r] : state.reports) per_hash[r.content_hash()]++;
  for (const auto& [hash, n] : per_hash) EXPECT_EQ(n, 1) << hash;
  EXPECT_LE(state.reports.size(), static_cast<size_t>(attempts.load()));

  // Retrying an acknowledged request returns the same answer.
  const auto& [some_id, some_resp] = *acked.begin();
  v1::Report again;
  again.set_body(bodies[some_id]);
  auto retry = create(again, some_id);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->report().name(), some_resp.report().name());

  ASSERT_EQ(ingest.Stop(SIGTERM), 0) << ingest.ReadLog();
  auto db = sqlite::Database::Open(dir + "/ingest/ingest.db");
  ASSERT_TRUE(db.ok()) << db.status();
  auto check = (*db)->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(*check->Step());
  EXPECT_EQ(check->ColumnText(0), "ok");
  std::cerr << "kills survived: " << rounds << ", reports acknowledged: " << acked.size()
            << ", attempts: " << attempts.load() << "\n";
}

}  // namespace
}  // namespace civicwatch

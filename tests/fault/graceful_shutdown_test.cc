// SIGTERM while calls are in flight: every call either completes or fails
// with a clean, retryable code; the process exits 0; and after a restart
// every acknowledged report is there, whole.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/support/joining_threads.h"
#include "tests/support/server_process.h"

namespace civicwatch::fault {
namespace {

using civicwatch::testing::JoiningThreads;
using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;

// Codes a call cut short by a shutdown may end with.
bool IsCleanShutdownFailure(grpc::StatusCode code) {
  return code == grpc::UNAVAILABLE || code == grpc::CANCELLED;
}

TEST(GracefulShutdownTest, IngestSigtermUnderLoadLosesNothingAcknowledged) {
  const std::string dir = MakeTempDir("cw-sigterm-ingest");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  const int rounds = EnvInt("CIVICWATCH_SHUTDOWN_ROUNDS", 3);

  std::mutex mu;
  std::map<std::string, v1::CreateReportResponse> acked;  // request_id -> answer
  std::map<grpc::StatusCode, int> failures;
  int next_id = 0;
  for (int round = 0; round < rounds; ++round) {
    std::atomic<bool> stop{false};
    std::atomic<int> in_round{0};
    JoiningThreads clients(stop);
    for (int c = 0; c < 6; ++c) {
      clients.Start([&, c] {
        // One channel per client: after the shutdown it fails fast.
        auto stub = v1::IngestService::NewStub(FreshChannel(ingest.address()));
        while (!stop.load()) {
          int id;
          {
            std::lock_guard<std::mutex> lock(mu);
            id = next_id++;
          }
          v1::CreateReportRequest req;
          req.mutable_report()->set_body(ReportBody(c, id));
          req.set_request_id(absl::StrCat("r", id));
          grpc::ClientContext ctx;
          ctx.set_deadline(DeadlineIn(absl::Seconds(20)));
          v1::CreateReportResponse resp;
          grpc::Status s = stub->CreateReport(&ctx, req, &resp);
          std::lock_guard<std::mutex> lock(mu);
          if (s.ok()) {
            acked[req.request_id()] = resp;
            in_round++;
          } else {
            failures[s.error_code()]++;
            EXPECT_TRUE(IsCleanShutdownFailure(s.error_code()))
                << s.error_code() << " " << s.error_message();
            if (!IsCleanShutdownFailure(s.error_code())) return;
            absl::SleepFor(absl::Milliseconds(10));
          }
        }
      });
    }
    const bool progressed = WaitFor([&] { return in_round.load() >= 20; }, absl::Seconds(30));
    EXPECT_TRUE(progressed) << "round " << round << ": only " << in_round.load()
                            << " reports acknowledged\n" << ingest.ReadLog();
    EXPECT_EQ(ingest.Stop(SIGTERM), 0) << "round " << round << "\n" << ingest.ReadLog();
    clients.StopAndJoin();
    if (!progressed) return;
    ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  }

  auto state = ReadIngest(ingest.address());
  ASSERT_TRUE(state.ok()) << state.status();
  for (const auto& [request_id, resp] : acked) {
    ASSERT_TRUE(state->reports.count(resp.report().name())) << request_id << " was lost";
    for (const auto& e : resp.events()) {
      ASSERT_TRUE(state->events.count(e.name())) << request_id << " lost " << e.name();
      // Later reports of the same incident may add provenance; this
      // report's stays.
      const auto& provenance = state->events.at(e.name()).provenance();
      EXPECT_TRUE(std::any_of(provenance.begin(), provenance.end(), [&](const auto& p) {
        return p.report() == resp.report().name();
      })) << request_id << ": " << e.name() << " lost its provenance";
    }
  }
  // An incident told by several reports is one event with a provenance
  // entry for each.
  std::map<std::string, int> events_per_report;
  for (const auto& [name, e] : state->events) {
    for (const auto& p : e.provenance()) events_per_report[p.report()]++;
  }
  for (const auto& [name, r] : state->reports) {
    EXPECT_EQ(events_per_report[name], r.event_count()) << name << " is stored in part";
  }
  ASSERT_EQ(ingest.Stop(SIGTERM), 0);
  EXPECT_EQ(IntegrityCheck(dir + "/ingest/ingest.db"), "ok");
  std::cerr << "SIGTERM rounds: " << rounds << ", acknowledged: " << acked.size()
            << ", cut short:";
  for (const auto& [code, n] : failures) std::cerr << " code " << code << " x" << n;
  std::cerr << "\n";
}

TEST(GracefulShutdownTest, QuerySigtermUnderLoadFinishesOrCleanlyFailsCalls) {
  const std::string dir = MakeTempDir("cw-sigterm-query");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  for (int i = 0; i < 30; ++i) {
    v1::CreateReportResponse resp;
    ASSERT_TRUE(SubmitReport(ingest.address(), ReportBody(7, i), absl::StrCat(i), &resp).ok());
  }
  ServerProcess query(CIVICWATCH_QUERY_BIN,
                      {"--data_dir=" + dir + "/query", "--ingest_address=" + ingest.address()},
                      dir + "/query.log");
  ASSERT_TRUE(query.Start().ok()) << query.ReadLog();
  ASSERT_EQ(WaitForReplicaToMatch(ingest.address(), query.address()), "");
  auto truth = ReadIngest(ingest.address());
  ASSERT_TRUE(truth.ok());

  std::atomic<bool> stop{false};
  std::atomic<int> complete{0};
  std::mutex mu;
  std::map<grpc::StatusCode, int> failures;
  JoiningThreads clients(stop);
  for (int c = 0; c < 6; ++c) {
    clients.Start([&, c] {
      auto stub = v1::QueryService::NewStub(FreshChannel(query.address()));
      while (!stop.load()) {
        grpc::ClientContext ctx;
        ctx.set_deadline(DeadlineIn(absl::Seconds(20)));
        grpc::Status s;
        size_t got = 0;
        if (c % 2 == 0) {
          v1::ListEventsRequest req;
          req.set_page_size(1000);
          v1::ListEventsResponse resp;
          s = stub->ListEvents(&ctx, req, &resp);
          got = resp.events_size();
        } else {
          auto reader = stub->ExportEvents(&ctx, v1::ExportEventsRequest());
          v1::ExportEventsResponse resp;
          while (reader->Read(&resp)) got++;
          s = reader->Finish();
        }
        std::lock_guard<std::mutex> lock(mu);
        if (s.ok()) {
          // A call that completes is complete: never a truncated answer.
          EXPECT_EQ(got, truth->events.size());
          complete++;
        } else {
          failures[s.error_code()]++;
          EXPECT_TRUE(IsCleanShutdownFailure(s.error_code()))
              << s.error_code() << " " << s.error_message();
          if (!IsCleanShutdownFailure(s.error_code())) return;
          absl::SleepFor(absl::Milliseconds(10));
        }
      }
    });
  }
  ASSERT_TRUE(WaitFor([&] { return complete.load() >= 30; }, absl::Seconds(30)));
  EXPECT_EQ(query.Stop(SIGTERM), 0) << query.ReadLog();
  clients.StopAndJoin();
  EXPECT_EQ(IntegrityCheck(dir + "/query/query.db"), "ok");
  // The replica restarts where it stopped and still equals the store.
  ASSERT_TRUE(query.Start().ok()) << query.ReadLog();
  EXPECT_EQ(WaitForReplicaToMatch(ingest.address(), query.address()), "");
  std::cerr << "query calls completed: " << complete.load() << ", cut short:";
  for (const auto& [code, n] : failures) std::cerr << " code " << code << " x" << n;
  std::cerr << "\n";
}

}  // namespace
}  // namespace civicwatch::fault

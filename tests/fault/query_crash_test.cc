// Kill-and-verify for the query replica: civicwatch-query is killed with
// SIGKILL while it catches up with the change feed and while it tails it
// live, restarted on the same data folder, and in the end its contents equal
// the ingest store's (a digest of every event, entity and report).
//
// CIVICWATCH_CRASH_ROUNDS sets the kills of each phase (default 10, so 20
// in all).
#include <signal.h>

#include <atomic>
#include <iostream>
#include <random>
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

TEST(QueryCrashTest, ReplicaEqualsStoreAfterSigkillDuringCatchUpAndTailing) {
  const int rounds = EnvInt("CIVICWATCH_CRASH_ROUNDS", 10);
  const std::string dir = MakeTempDir("cw-query-crash");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();

  // A backlog large enough that catching up takes a while.
  const int kBacklogReports = 150;
  for (int i = 0; i < kBacklogReports; ++i) {
    v1::CreateReportResponse resp;
    grpc::Status s = SubmitReport(ingest.address(), ReportBody(99, i), absl::StrCat("b", i), &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const int64_t backlog_head = HeadSequence(ingest.address());
  ASSERT_GT(backlog_head, kBacklogReports);

  ServerProcess query(CIVICWATCH_QUERY_BIN,
                      {"--data_dir=" + dir + "/query", "--ingest_address=" + ingest.address()},
                      dir + "/query.log");
  std::mt19937 rng(20240607);
  int kills_before_caught_up = 0;
  int kills = 0;

  // Phase 1: kill during catch-up. Every other restart rebuilds the
  // replica from sequence 0, so each round has a whole backlog to apply;
  // the others resume from the stored cursor.
  for (int round = 0; round < rounds; ++round) {
    ServerProcess runner(CIVICWATCH_QUERY_BIN,
                         {"--data_dir=" + dir + "/query", "--ingest_address=" + ingest.address(),
                          round % 2 == 0 ? "--rebuild" : "--rebuild=false"},
                         dir + "/query.log");
    ASSERT_TRUE(runner.Start().ok()) << runner.ReadLog();
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(0, 60)(rng)));
    if (HealthOf(runner.address()) != "SERVING") kills_before_caught_up++;
    ASSERT_EQ(runner.Stop(SIGKILL), 128 + SIGKILL) << "round " << round;
    kills++;
  }

  // Phase 2: kill while tailing, with writers adding reports all along.
  ASSERT_TRUE(query.Start().ok()) << query.ReadLog();
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  JoiningThreads writers(stop);
  for (int w = 0; w < 2; ++w) {
    writers.Start([&, w] {
      for (int seq = 0; !stop.load(); ++seq) {
        v1::CreateReportResponse resp;
        if (SubmitReport(ingest.address(), ReportBody(w, seq), absl::StrCat("t", w, "-", seq),
                         &resp)
                .ok()) {
          acknowledged++;
        }
        absl::SleepFor(absl::Milliseconds(5));
      }
    });
  }
  for (int round = 0; round < rounds; ++round) {
    // Wait until the replica is serving (caught up once), then let it
    // tail for a random moment and kill it.
    ASSERT_TRUE(WaitFor([&] { return HealthOf(query.address()) == "SERVING"; }, absl::Seconds(30)))
        << query.ReadLog();
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(10, 120)(rng)));
    ASSERT_EQ(query.Stop(SIGKILL), 128 + SIGKILL) << "round " << round;
    kills++;
    ASSERT_TRUE(query.Start().ok()) << "round " << round << "\n" << query.ReadLog();
  }
  writers.StopAndJoin();
  EXPECT_GT(acknowledged.load(), 0);

  const std::string difference =
      WaitForReplicaToMatch(ingest.address(), query.address(), absl::Seconds(60));
  EXPECT_EQ(difference, "") << query.ReadLog();

  auto truth = ReadIngest(ingest.address());
  ASSERT_TRUE(truth.ok()) << truth.status();
  EXPECT_EQ(truth->reports.size(), static_cast<size_t>(kBacklogReports + acknowledged.load()));
  ASSERT_EQ(query.Stop(SIGTERM), 0) << query.ReadLog();
  EXPECT_EQ(IntegrityCheck(dir + "/query/query.db"), "ok");
  std::cerr << "query kills survived: " << kills << " (" << kills_before_caught_up
            << " before the first catch-up finished), reports: " << truth->reports.size()
            << ", events: " << truth->events.size() << ", entities: " << truth->entities.size()
            << ", changes: " << truth->head_sequence << "\n";
}

}  // namespace
}  // namespace civicwatch::fault

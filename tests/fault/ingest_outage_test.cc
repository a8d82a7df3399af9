// The ingest service goes down while the query service serves: queries keep
// answering from the replica, and when ingest comes back on the same
// address the follower reconnects by itself and catches up.
#include <signal.h>

#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"

namespace civicwatch::fault {
namespace {

using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;

// Every event the replica lists, through ListEvents pages.
absl::StatusOr<std::vector<std::string>> ListedEventNames(const std::string& query_address) {
  auto stub = v1::QueryService::NewStub(FreshChannel(query_address));
  std::vector<std::string> names;
  std::string token;
  do {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
    v1::ListEventsRequest req;
    req.set_page_size(7);
    req.set_page_token(token);
    v1::ListEventsResponse resp;
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    if (!s.ok()) return absl::UnavailableError(s.error_message());
    for (const auto& e : resp.events()) names.push_back(e.name());
    token = resp.next_page_token();
  } while (!token.empty());
  return names;
}

void Submit(const std::string& address, int writer, int from, int to) {
  for (int i = from; i < to; ++i) {
    v1::CreateReportResponse resp;
    grpc::Status s = SubmitReport(address, ReportBody(writer, i), absl::StrCat(writer, "-", i), &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
}

void ExpectOutageIsSurvived(int stop_signal) {
  const std::string dir = MakeTempDir("cw-ingest-outage");
  auto servers = civicwatch::testing::StartIngestAndQuery(dir);
  ASSERT_TRUE(servers.ok()) << servers.status();
  ServerProcess& ingest = *servers->ingest;
  ServerProcess& query = *servers->query;
  ASSERT_NO_FATAL_FAILURE(Submit(ingest.address(), 1, 0, 10));
  ASSERT_EQ(WaitForReplicaToMatch(ingest.address(), query.address()), "") << query.ReadLog();
  auto before = ListedEventNames(query.address());
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_FALSE(before->empty());

  const int exit_code = ingest.Stop(stop_signal);
  EXPECT_EQ(exit_code, stop_signal == SIGKILL ? 128 + SIGKILL : 0);

  // With ingest gone, the replica keeps answering, the same as before, for
  // longer than the follower's reconnect backoff.
  const absl::Time outage_end = absl::Now() + absl::Seconds(3);
  int answered = 0;
  while (absl::Now() < outage_end) {
    auto during = ListedEventNames(query.address());
    ASSERT_TRUE(during.ok()) << during.status();
    EXPECT_EQ(*during, *before);
    EXPECT_EQ(HealthOf(query.address()), "SERVING");
    answered++;
    absl::SleepFor(absl::Milliseconds(100));
  }

  // Ingest returns on the same port with the same data; new reports reach
  // the replica without the query service being touched.
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  ASSERT_NO_FATAL_FAILURE(Submit(ingest.address(), 2, 0, 10));
  EXPECT_EQ(WaitForReplicaToMatch(ingest.address(), query.address()), "") << query.ReadLog();
  auto after = ListedEventNames(query.address());
  ASSERT_TRUE(after.ok());
  EXPECT_GT(after->size(), before->size());
  EXPECT_EQ(query.Stop(SIGTERM), 0) << query.ReadLog();
  std::cerr << "queries answered during the outage: " << answered << "\n";
}

TEST(IngestOutageTest, QueriesAnswerWhileIngestIsKilledAndFollowerCatchesUp) {
  ExpectOutageIsSurvived(SIGKILL);
}

TEST(IngestOutageTest, QueriesAnswerWhileIngestIsStoppedAndFollowerCatchesUp) {
  ExpectOutageIsSurvived(SIGTERM);
}

}  // namespace
}  // namespace civicwatch::fault

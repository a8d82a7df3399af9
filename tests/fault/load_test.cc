// Load on loopback: concurrent clients mix ingest and queries for a set
// time. No call may fail except the deliberately bad ones (which must fail
// with their exact code), and afterwards the query replica equals the
// ingest store. Throughput and latency are printed, not asserted.
//
// CIVICWATCH_LOAD_CLIENTS (default 8) and CIVICWATCH_LOAD_SECONDS (default
// 10) size the run.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"

namespace civicwatch::fault {
namespace {

using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;

enum class Op { kCreate, kCreateAgain, kNormalize, kListEvents, kStatistics, kGetEvent,
                kListReports, kMissingEvent, kCount };
const char* OpName(Op op) {
  static const char* kNames[] = {"CreateReport", "CreateReport (retry)", "NormalizeReport",
                                 "ListEvents", "ComputeStatistics", "GetEvent", "ListReports",
                                 "GetEvent (missing, deliberate)"};
  return kNames[static_cast<int>(op)];
}

struct OpStats {
  int calls = 0;
  int unexpected = 0;
  std::vector<double> latencies_ms;
};

TEST(LoadTest, MixedIngestAndQueriesStayErrorFreeAndConsistent) {
  const int clients = EnvInt("CIVICWATCH_LOAD_CLIENTS", 8);
  const int seconds = EnvInt("CIVICWATCH_LOAD_SECONDS", 10);
  const std::string dir = MakeTempDir("cw-load");
  auto servers = civicwatch::testing::StartIngestAndQuery(dir);
  ASSERT_TRUE(servers.ok()) << servers.status();
  ServerProcess& ingest = *servers->ingest;
  ServerProcess& query = *servers->query;
  ASSERT_TRUE(WaitFor([&] { return HealthOf(query.address()) == "SERVING"; }, absl::Seconds(30)));

  std::mutex mu;
  std::map<Op, OpStats> stats;
  std::vector<std::string> event_names;  // events acknowledged so far
  std::vector<std::string> first_errors;
  const absl::Time end = absl::Now() + absl::Seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 rng(1000 + c);
      auto ingest_stub = v1::IngestService::NewStub(FreshChannel(ingest.address()));
      auto query_stub = v1::QueryService::NewStub(FreshChannel(query.address()));
      int created = 0;
      while (absl::Now() < end) {
        const Op op = static_cast<Op>(
            std::uniform_int_distribution<int>(0, static_cast<int>(Op::kCount) - 1)(rng));
        grpc::ClientContext ctx;
        ctx.set_deadline(DeadlineIn(absl::Seconds(30)));
        grpc::Status s;
        grpc::StatusCode expected = grpc::OK;
        std::vector<std::string> new_events;
        const absl::Time start = absl::Now();
        switch (op) {
          case Op::kCreate:
          case Op::kCreateAgain: {
            // A retry resubmits this client's previous report with its
            // request_id: it must answer OK and create nothing.
            const int seq = op == Op::kCreateAgain && created > 0 ? created - 1 : created++;
            v1::CreateReportRequest req;
            req.mutable_report()->set_body(ReportBody(100 + c, seq));
            req.set_request_id(absl::StrCat("load-", c, "-", seq));
            v1::CreateReportResponse resp;
            s = ingest_stub->CreateReport(&ctx, req, &resp);
            for (const auto& e : resp.events()) new_events.push_back(e.name());
            break;
          }
          case Op::kNormalize: {
            v1::NormalizeReportRequest req;
            req.mutable_report()->set_body(ReportBody(200 + c, created));
            v1::NormalizeReportResponse resp;
            s = ingest_stub->NormalizeReport(&ctx, req, &resp);
            break;
          }
          case Op::kListEvents: {
            v1::ListEventsRequest req;
            req.mutable_filter()->add_country_codes("KZ");
            req.set_page_size(20);
            v1::ListEventsResponse resp;
            s = query_stub->ListEvents(&ctx, req, &resp);
            break;
          }
          case Op::kStatistics: {
            v1::ComputeStatisticsRequest req;
            req.add_group_by(v1::STATISTICS_DIMENSION_MONTH);
            v1::ComputeStatisticsResponse resp;
            s = query_stub->ComputeStatistics(&ctx, req, &resp);
            break;
          }
          case Op::kGetEvent: {
            std::string name;
            {
              std::lock_guard<std::mutex> lock(mu);
              if (!event_names.empty()) {
                name = event_names[std::uniform_int_distribution<size_t>(
                    0, event_names.size() - 1)(rng)];
              }
            }
            if (name.empty()) continue;
            // Acknowledged at ingest; the replica may take a moment to
            // apply it, so NOT_FOUND is retried for up to a second.
            v1::GetEventRequest req;
            req.set_name(name);
            v1::Event resp;
            for (int attempt = 0; attempt < 50; ++attempt) {
              grpc::ClientContext retry_ctx;
              retry_ctx.set_deadline(DeadlineIn(absl::Seconds(30)));
              s = query_stub->GetEvent(&retry_ctx, req, &resp);
              if (s.error_code() != grpc::NOT_FOUND) break;
              absl::SleepFor(absl::Milliseconds(20));
            }
            break;
          }
          case Op::kListReports: {
            v1::ListReportsRequest req;
            req.set_page_size(10);
            v1::ListReportsResponse resp;
            s = ingest_stub->ListReports(&ctx, req, &resp);
            break;
          }
          case Op::kMissingEvent: {
            v1::GetEventRequest req;
            req.set_name(absl::StrCat("events/missing", c));
            v1::Event resp;
            s = query_stub->GetEvent(&ctx, req, &resp);
            expected = grpc::NOT_FOUND;
            break;
          }
          case Op::kCount:
            break;
        }
        const double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
        std::lock_guard<std::mutex> lock(mu);
        OpStats& st = stats[op];
        st.calls++;
        st.latencies_ms.push_back(ms);
        if (s.error_code() != expected) {
          st.unexpected++;
          if (first_errors.size() < 5) {
            first_errors.push_back(absl::StrCat(OpName(op), ": ", s.error_code(), " ",
                                                s.error_message()));
          }
        }
        event_names.insert(event_names.end(), new_events.begin(), new_events.end());
      }
    });
  }
  for (auto& t : threads) t.join();

  int total = 0;
  int unexpected = 0;
  std::cerr << "load: " << clients << " clients for " << seconds << " s\n";
  for (auto& [op, st] : stats) {
    std::sort(st.latencies_ms.begin(), st.latencies_ms.end());
    auto pct = [&](double p) {
      return st.latencies_ms[static_cast<size_t>(p * (st.latencies_ms.size() - 1))];
    };
    std::cerr << "  " << OpName(op) << ": " << st.calls << " calls, p50 " << pct(0.5)
              << " ms, p99 " << pct(0.99) << " ms, unexpected " << st.unexpected << "\n";
    total += st.calls;
    unexpected += st.unexpected;
  }
  std::cerr << "  total " << total << " calls, " << total / seconds << " calls/s\n";
  EXPECT_EQ(unexpected, 0) << absl::StrJoin(first_errors, "\n");
  EXPECT_GT(stats[Op::kCreate].calls, 0);
  EXPECT_GT(stats[Op::kListEvents].calls, 0);

  EXPECT_EQ(WaitForReplicaToMatch(ingest.address(), query.address()), "") << query.ReadLog();
  auto state = ReadIngest(ingest.address());
  ASSERT_TRUE(state.ok());
  // Exactly one report per distinct create, retries included.
  std::map<std::string, int> per_hash;
  for (const auto& [name, r] : state->reports) per_hash[r.content_hash()]++;
  for (const auto& [hash, n] : per_hash) EXPECT_EQ(n, 1) << hash;
  EXPECT_EQ(ingest.Stop(SIGTERM), 0);
  EXPECT_EQ(query.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace civicwatch::fault

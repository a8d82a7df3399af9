// /metrics on the real binaries: known calls (some OK, some failing with a
// known code, a stream) are counted exactly, scraped over HTTP during and
// after the traffic, and every documented family is present.
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

int MetricsPort(const ServerProcess& server) {
  int port = 0;
  RE2::PartialMatch(server.ReadLog(), R"(metrics_port=(\d+))", &port);
  return port;
}

std::string Scrape(int port) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/metrics");
  if (!res || res->status != 200) return "";
  EXPECT_TRUE(absl::StartsWith(res->get_header_value("Content-Type"), "text/plain; version=0.0.4"));
  return res->body;
}

// The value of the sample line that starts with `series` ("name{labels}"),
// or -1 when absent.
double Value(const std::string& text, const std::string& series) {
  const std::string prefix = series + " ";
  size_t at = 0;
  while ((at = text.find(prefix, at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '\n') {
      return std::stod(text.substr(at + prefix.size()));
    }
    at += prefix.size();
  }
  return -1;
}

std::string Labels(const std::string& service, const std::string& method,
                   const std::string& type) {
  return absl::StrCat("{grpc_service=\"", service, "\",grpc_method=\"", method,
                      "\",grpc_type=\"", type, "\"");
}

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-metrics");
    ingest_ = std::make_unique<ServerProcess>(
        CIVICWATCH_INGEST_BIN,
        std::vector<std::string>{"--data_dir=" + dir_ + "/ingest",
                                 "--metrics_listen=127.0.0.1:0"},
        dir_ + "/ingest.log");
    ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
    ingest_metrics_ = MetricsPort(*ingest_);
    ASSERT_GT(ingest_metrics_, 0) << ingest_->ReadLog();
    channel_ = grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials());
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  int ingest_metrics_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(MetricsTest, CountsKnownCallsExactly) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  auto admin = v1::AdminService::NewStub(channel_);
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
  }
  for (int i = 0; i < 2; ++i) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service("no.such.Service");
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_EQ(health->Check(&ctx, req, &resp).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  {
    grpc::ClientContext ctx;
    v1::GetServerInfoRequest req;
    v1::ServerInfo info;
    ASSERT_TRUE(admin->GetServerInfo(&ctx, req, &info).ok());
  }

  // A server stream, scraped while it is open: started and one message
  // each way, not yet handled.
  grpc::ClientContext watch_ctx;
  grpc::health::v1::HealthCheckRequest watch_req;
  auto reader = health->Watch(&watch_ctx, watch_req);
  grpc::health::v1::HealthCheckResponse first;
  ASSERT_TRUE(reader->Read(&first));
  const std::string check = Labels("grpc.health.v1.Health", "Check", "unary");
  const std::string watch = Labels("grpc.health.v1.Health", "Watch", "server_stream");
  std::string during = Scrape(ingest_metrics_);
  EXPECT_EQ(Value(during, "grpc_server_started_total" + watch + "}"), 1) << during;
  EXPECT_EQ(Value(during, "grpc_server_msg_received_total" + watch + "}"), 1) << during;
  EXPECT_EQ(Value(during, "grpc_server_msg_sent_total" + watch + "}"), 1) << during;
  EXPECT_EQ(Value(during, "grpc_server_handled_total" + watch + ",grpc_code=\"Canceled\"}"), -1);
  EXPECT_EQ(Value(during, "grpc_server_handling_seconds_count" + watch + "}"), 0) << during;

  watch_ctx.TryCancel();
  reader->Finish();
  std::string after;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  do {
    after = Scrape(ingest_metrics_);
    if (Value(after, "grpc_server_handled_total" + watch + ",grpc_code=\"Canceled\"}") == 1) break;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);

  EXPECT_EQ(Value(after, "grpc_server_started_total" + check + "}"), 5) << after;
  EXPECT_EQ(Value(after, "grpc_server_handled_total" + check + ",grpc_code=\"OK\"}"), 3) << after;
  EXPECT_EQ(Value(after, "grpc_server_handled_total" + check + ",grpc_code=\"NotFound\"}"), 2)
      << after;
  EXPECT_EQ(Value(after, "grpc_server_handling_seconds_count" + check + "}"), 5) << after;
  EXPECT_EQ(Value(after, "grpc_server_handling_seconds_bucket" + check + ",le=\"+Inf\"}"), 5)
      << after;
  EXPECT_EQ(Value(after, "grpc_server_msg_received_total" + check + "}"), 5) << after;
  EXPECT_EQ(Value(after, "grpc_server_msg_sent_total" + check + "}"), 3) << after;
  EXPECT_EQ(Value(after, "grpc_server_handled_total" + watch + ",grpc_code=\"Canceled\"}"), 1)
      << after;
  const std::string info = Labels("civicwatch.v1.AdminService", "GetServerInfo", "unary");
  EXPECT_EQ(Value(after, "grpc_server_handled_total" + info + ",grpc_code=\"OK\"}"), 1) << after;
  // A method never called shows zero, so rates exist from the start.
  EXPECT_EQ(Value(after, "grpc_server_started_total" +
                             Labels("civicwatch.v1.IngestService", "CreateReport", "unary") + "}"),
            0)
      << after;
  EXPECT_EQ(Value(after, "civicwatch_reports"), 0) << after;
  EXPECT_EQ(Value(after, "civicwatch_feed_head_sequence"), 0) << after;
  EXPECT_GT(Value(after, "civicwatch_sqlite_file_bytes{file=\"database\"}"), 0) << after;
}

TEST_F(MetricsTest, EveryFamilyIsPresentInBothServices) {
  auto query = std::make_unique<ServerProcess>(
      CIVICWATCH_QUERY_BIN,
      std::vector<std::string>{"--data_dir=" + dir_ + "/query",
                               "--ingest_address=" + ingest_->address(),
                               "--metrics_listen=127.0.0.1:0"},
      dir_ + "/query.log");
  ASSERT_TRUE(query->Start().ok()) << query->ReadLog();
  const int query_metrics = MetricsPort(*query);
  ASSERT_GT(query_metrics, 0) << query->ReadLog();

  const std::vector<std::string> common = {
      "grpc_server_started_total", "grpc_server_handled_total",
      "grpc_server_handling_seconds", "grpc_server_msg_received_total",
      "grpc_server_msg_sent_total", "process_cpu_seconds_total",
      "process_resident_memory_bytes", "process_virtual_memory_bytes", "process_open_fds",
      "process_max_fds", "process_start_time_seconds", "civicwatch_sqlite_file_bytes",
      "civicwatch_reports", "civicwatch_events", "civicwatch_entities",
      "civicwatch_feed_head_sequence"};
  const std::vector<std::string> replica = {"civicwatch_replica_applied_sequence",
                                            "civicwatch_replica_lag_changes",
                                            "civicwatch_replica_caught_up"};
  const std::string ingest_text = Scrape(ingest_metrics_);
  const std::string query_text = Scrape(query_metrics);
  for (const std::string& family : common) {
    EXPECT_TRUE(absl::StrContains(ingest_text, "# TYPE " + family + " ")) << family;
    EXPECT_TRUE(absl::StrContains(query_text, "# TYPE " + family + " ")) << family;
  }
  for (const std::string& family : replica) {
    EXPECT_TRUE(absl::StrContains(query_text, "# TYPE " + family + " ")) << family;
    EXPECT_FALSE(absl::StrContains(ingest_text, "# TYPE " + family + " ")) << family;
  }
  EXPECT_GT(Value(query_text, "process_start_time_seconds"), 1.6e9) << query_text;
  EXPECT_GT(Value(query_text, "process_open_fds"), 3) << query_text;
  EXPECT_GT(Value(query_text, "process_resident_memory_bytes"), 1e6) << query_text;
  // The replica follows ingest's change feed: a server stream on ingest.
  const std::string ingest_after = Scrape(ingest_metrics_);
  EXPECT_GE(Value(ingest_after, "grpc_server_started_total" +
                                    Labels("civicwatch.v1.ChangeFeed", "WatchChanges",
                                           "server_stream") + "}"),
            1)
      << ingest_after;
}

TEST_F(MetricsTest, OnlyMetricsIsServed) {
  httplib::Client client("127.0.0.1", ingest_metrics_);
  auto res = client.Get("/other");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

}  // namespace
}  // namespace civicwatch

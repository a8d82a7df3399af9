// /metrics on the real binaries: known calls (some OK, some failing with a
// known code, a stream) are counted exactly, scraped over HTTP during and
// after the traffic, and every documented family is present. The domain's
// own counters (normaliser bytes and runs, import outcomes, authentication
// failures, the replica's catch-ups and lag) match the calls made.
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/security/security_support.h"
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

// Scrapes until `series` has `value` (metrics computed from a follower's
// progress settle a moment after the call that caused them); the last text.
std::string ScrapeUntil(int port, const std::string& series, double value) {
  std::string text;
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  do {
    text = Scrape(port);
    if (Value(text, series) == value) break;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);
  return text;
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
      "civicwatch_feed_head_sequence", "civicwatch_auth_failures_total"};
  const std::vector<std::string> ingest_only = {"civicwatch_normalize_input_bytes_total",
                                                "civicwatch_normalize_duration_seconds",
                                                "civicwatch_import_records_total"};
  const std::vector<std::string> replica = {"civicwatch_replica_applied_sequence",
                                            "civicwatch_replica_lag_changes",
                                            "civicwatch_replica_caught_up",
                                            "civicwatch_replica_lag_seconds",
                                            "civicwatch_replica_catch_ups_total",
                                            "civicwatch_replica_rebuilds_total"};
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
  for (const std::string& family : ingest_only) {
    EXPECT_TRUE(absl::StrContains(ingest_text, "# TYPE " + family + " ")) << family;
    EXPECT_FALSE(absl::StrContains(query_text, "# TYPE " + family + " ")) << family;
  }
  EXPECT_GT(Value(query_text, "process_start_time_seconds"), 1.6e9) << query_text;
  EXPECT_GT(Value(query_text, "process_open_fds"), 3) << query_text;
  EXPECT_GT(Value(query_text, "process_resident_memory_bytes"), 1e6) << query_text;
  // The replica follows ingest's change feed: a server stream on ingest,
  // opened a moment after the replica starts serving.
  const std::string watch_started = "grpc_server_started_total" +
                                    Labels("civicwatch.v1.ChangeFeed", "WatchChanges", "server_stream") + "}";
  const std::string ingest_after = ScrapeUntil(ingest_metrics_, watch_started, 1);
  EXPECT_GE(Value(ingest_after, watch_started), 1) << ingest_after;
}

v1::IncidentRecord Record(const std::string& id, const std::string& summary) {
  v1::IncidentRecord r;
  r.set_source("metrics-test");
  r.set_external_id(id);
  v1::Event* e = r.mutable_event();
  e->set_country_code("KG");
  e->mutable_date()->set_year(2022);
  e->mutable_date()->set_month(5);
  e->set_category(v1::CATEGORY_DETENTION);
  e->set_freedom(v1::FREEDOM_EXPRESSION);
  e->set_valence(v1::VALENCE_NEGATIVE);
  e->set_summary(summary);
  return r;
}

v1::ImportIncidentsResponse Import(v1::IngestService::Stub& stub,
                                   const std::vector<v1::IncidentRecord>& records) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::ImportIncidentsResponse resp;
  auto writer = stub.ImportIncidents(&ctx, &resp);
  for (const auto& r : records) writer->Write(r);
  writer->WritesDone();
  EXPECT_TRUE(writer->Finish().ok());
  return resp;
}

TEST_F(MetricsTest, NormaliserImportAndReplicaFamiliesMatchTheCalls) {
  auto query = std::make_unique<ServerProcess>(
      CIVICWATCH_QUERY_BIN,
      std::vector<std::string>{"--data_dir=" + dir_ + "/query",
                               "--ingest_address=" + ingest_->address(),
                               "--metrics_listen=127.0.0.1:0"},
      dir_ + "/query.log");
  ASSERT_TRUE(query->Start().ok()) << query->ReadLog();
  const int query_metrics = MetricsPort(*query);
  ASSERT_GT(query_metrics, 0) << query->ReadLog();

  auto ingest = v1::IngestService::NewStub(channel_);
  const std::vector<std::string> bodies = {
      "Bishkek, 12 March 2021. Police detained the journalist Aibek Asanov at his home.",
      "Osh, 3 April 2021. A court fined the activist Nurlan Tokonov 50,000 som for a post.",
      "Karakol, 9 May 2021. Officers searched the office of a local newspaper."};
  size_t body_bytes = 0;
  for (size_t i = 0; i < bodies.size(); ++i) {
    body_bytes += bodies[i].size();
    grpc::ClientContext ctx;
    grpc::Status status;
    if (i < 2) {
      v1::CreateReportRequest req;
      req.mutable_report()->set_body(bodies[i]);
      req.mutable_report()->set_country_code("KG");
      v1::CreateReportResponse resp;
      status = ingest->CreateReport(&ctx, req, &resp);
    } else {
      v1::NormalizeReportRequest req;
      req.mutable_report()->set_body(bodies[i]);
      v1::NormalizeReportResponse resp;
      status = ingest->NormalizeReport(&ctx, req, &resp);
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  {
    // Refused before the normaliser runs: not counted.
    grpc::ClientContext ctx;
    v1::CreateReportRequest req;
    req.mutable_report()->set_body("   ");
    v1::CreateReportResponse resp;
    ASSERT_EQ(ingest->CreateReport(&ctx, req, &resp).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }

  // Import: 3 created and 1 rejected (no category), then 1 unchanged, 1
  // updated and 1 created.
  v1::IncidentRecord bad = Record("bad", "Detained somewhere.");
  bad.mutable_event()->set_category(v1::CATEGORY_UNSPECIFIED);
  v1::ImportIncidentsResponse first =
      Import(*ingest, {Record("a", "Detained in Bishkek."), Record("b", "Detained in Osh."),
                       Record("c", "Detained in Naryn."), bad});
  ASSERT_EQ(first.created(), 3);
  ASSERT_EQ(first.rejected_size(), 1);
  v1::ImportIncidentsResponse second =
      Import(*ingest, {Record("a", "Detained in Bishkek."), Record("b", "Detained in Osh again."),
                       Record("d", "Detained in Talas.")});
  ASSERT_EQ(second.unchanged(), 1);
  ASSERT_EQ(second.updated(), 1);
  ASSERT_EQ(second.created(), 1);

  const std::string text = Scrape(ingest_metrics_);
  EXPECT_EQ(Value(text, "civicwatch_normalize_input_bytes_total"), body_bytes) << text;
  EXPECT_EQ(Value(text, "civicwatch_normalize_duration_seconds_count"), 3) << text;
  EXPECT_EQ(Value(text, "civicwatch_normalize_duration_seconds_bucket{le=\"+Inf\"}"), 3) << text;
  EXPECT_GT(Value(text, "civicwatch_normalize_duration_seconds_sum"), 0) << text;
  EXPECT_EQ(Value(text, "civicwatch_import_records_total{outcome=\"created\"}"), 4) << text;
  EXPECT_EQ(Value(text, "civicwatch_import_records_total{outcome=\"updated\"}"), 1) << text;
  EXPECT_EQ(Value(text, "civicwatch_import_records_total{outcome=\"unchanged\"}"), 1) << text;
  EXPECT_EQ(Value(text, "civicwatch_import_records_total{outcome=\"rejected\"}"), 1) << text;
  // An open ingest refuses no one.
  EXPECT_EQ(Value(text, "civicwatch_auth_failures_total{reason=\"missing_token\"}"), 0) << text;

  // The replica follows every change, caught up once, never rebuilt.
  const double head = Value(text, "civicwatch_feed_head_sequence");
  ASSERT_GT(head, 0) << text;
  const std::string replica =
      ScrapeUntil(query_metrics, "civicwatch_replica_applied_sequence", head);
  EXPECT_EQ(Value(replica, "civicwatch_replica_applied_sequence"), head) << replica;
  EXPECT_EQ(Value(replica, "civicwatch_replica_lag_changes"), 0) << replica;
  EXPECT_EQ(Value(replica, "civicwatch_replica_lag_seconds"), 0) << replica;
  EXPECT_EQ(Value(replica, "civicwatch_replica_catch_ups_total"), 1) << replica;
  EXPECT_EQ(Value(replica, "civicwatch_replica_rebuilds_total"), 0) << replica;
  // Normalising and importing are ingest's; a replica shows none of it.
  EXPECT_FALSE(absl::StrContains(replica, "civicwatch_normalize_")) << replica;
}

TEST(MetricsAuthTest, AuthenticationFailuresAreCountedByReason) {
  const std::string dir = MakeTempDir("cw-metrics-auth");
  const testing::Principal reader = testing::MakePrincipal("reader", {"query.read"});
  const std::string tokens = dir + "/tokens";
  testing::WriteFile(tokens, testing::TokensFileText({reader}));
  ServerProcess ingest(CIVICWATCH_INGEST_BIN,
                       {"--data_dir=" + dir + "/ingest", "--auth_tokens=" + tokens,
                        "--metrics_listen=127.0.0.1:0"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  const int port = MetricsPort(ingest);
  ASSERT_GT(port, 0) << ingest.ReadLog();
  auto channel = grpc::CreateChannel(ingest.address(), grpc::InsecureChannelCredentials());
  auto admin = v1::AdminService::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);

  auto info = [&](const std::string& authorization) {
    grpc::ClientContext ctx;
    if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
    v1::GetServerInfoRequest req;
    v1::ServerInfo resp;
    return admin->GetServerInfo(&ctx, req, &resp).error_code();
  };
  EXPECT_EQ(info(""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(info(""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(info("Basic dXNlcjpwYXNz"), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(info("Bearer " + testing::RandomToken()), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(info("Bearer " + testing::RandomToken()), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(info("Bearer " + testing::RandomToken()), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(info("Bearer " + reader.token), grpc::StatusCode::PERMISSION_DENIED);
  {
    // Health answers without a token: no failure.
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
  }

  const std::string text = Scrape(port);
  EXPECT_EQ(Value(text, "civicwatch_auth_failures_total{reason=\"missing_token\"}"), 2) << text;
  EXPECT_EQ(Value(text, "civicwatch_auth_failures_total{reason=\"malformed_header\"}"), 1)
      << text;
  EXPECT_EQ(Value(text, "civicwatch_auth_failures_total{reason=\"unknown_token\"}"), 3) << text;
  EXPECT_EQ(Value(text, "civicwatch_auth_failures_total{reason=\"missing_scope\"}"), 1) << text;
}

// /metrics has no authentication: a non-loopback --metrics_listen is
// refused at start-up, before anything listens, unless
// --metrics_allow_remote says it is meant.
TEST(MetricsListenTest, ANonLoopbackAddressNeedsMetricsAllowRemote) {
  const std::string dir = MakeTempDir("cw-metrics-listen");
  int run = 0;
  for (const char* binary : {CIVICWATCH_INGEST_BIN, CIVICWATCH_QUERY_BIN}) {
    for (const std::string address : {"0.0.0.0:0", "[::]:0", "192.0.2.1:9464"}) {
      SCOPED_TRACE(absl::StrCat(binary, " --metrics_listen=", address));
      const std::string log = absl::StrCat(dir, "/refused-", ++run, ".log");
      const int code = ServerProcess::RunToExit(
          binary, {absl::StrCat("--data_dir=", dir, "/data-", run), "--metrics_listen=" + address},
          log, absl::Seconds(20));
      const std::string text = testing::ReadFile(log);
      EXPECT_EQ(code, 2) << text;
      EXPECT_TRUE(absl::StrContains(
          text, absl::StrCat("refusing to serve /metrics on --metrics_listen ", address,
                             ": it has no authentication and may only use a loopback address")))
          << text;
      EXPECT_TRUE(absl::StrContains(text, "unless --metrics_allow_remote is given")) << text;
      EXPECT_FALSE(absl::StrContains(text, "listening")) << text;
    }
  }

  // Allowed, it serves on every interface: loopback reaches it too.
  ServerProcess ingest(CIVICWATCH_INGEST_BIN,
                       {"--data_dir=" + dir + "/allowed", "--metrics_listen=0.0.0.0:0",
                        "--metrics_allow_remote"},
                       dir + "/allowed.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  const int port = MetricsPort(ingest);
  ASSERT_GT(port, 0) << ingest.ReadLog();
  EXPECT_TRUE(absl::StrContains(Scrape(port), "# TYPE grpc_server_started_total counter"));
}

TEST_F(MetricsTest, OnlyMetricsIsServed) {
  httplib::Client client("127.0.0.1", ingest_metrics_);
  auto res = client.Get("/other");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

}  // namespace
}  // namespace civicwatch

// What the servers refuse at start-up, and the tokens file's life while
// they run: an open service on a non-loopback address, unreadable or
// malformed tokens files, TLS flags that do not go together, and the
// tokens file reloaded on SIGHUP.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "re2/re2.h"
#include "gtest/gtest.h"
#include "tests/security/security_support.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

struct Binary {
  const char* name;
  const char* path;
};

const Binary kBinaries[] = {{"ingest", CIVICWATCH_INGEST_BIN}, {"query", CIVICWATCH_QUERY_BIN}};

class StartupTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir("cw-startup"); }

  // Runs `binary` with a data folder and `args`; its exit code, and its
  // output in `log`.
  int Run(const Binary& binary, std::vector<std::string> args, std::string* log) {
    const std::string log_path = absl::StrCat(dir_, "/", binary.name, "-", ++runs_, ".log");
    args.push_back(absl::StrCat("--data_dir=", dir_, "/", binary.name, "-data"));
    int code = ServerProcess::RunToExit(binary.path, args, log_path, absl::Seconds(20));
    *log = testing::ReadFile(log_path);
    return code;
  }

  std::string dir_;
  int runs_ = 0;
};

TEST_F(StartupTest, AnOpenServiceRefusesANonLoopbackAddress) {
  for (const Binary& binary : kBinaries) {
    for (const std::string& address : {"0.0.0.0:0", "[::]:0", "192.0.2.1:0"}) {
      SCOPED_TRACE(absl::StrCat(binary.name, " on ", address));
      std::string log;
      int code = Run(binary, {"--listen=" + address}, &log);
      EXPECT_NE(code, 0) << log;
      EXPECT_NE(code, -1) << "still running: it started instead of refusing\n" << log;
      // One sentence that says what is wrong and how to fix it.
      EXPECT_TRUE(absl::StrContains(log, "without --auth_tokens")) << log;
      EXPECT_TRUE(absl::StrContains(log, "loopback")) << log;
      EXPECT_FALSE(absl::StrContains(log, "listening")) << log;
    }
  }
}

TEST_F(StartupTest, AnUnusableTokensFileStopsTheStartWithTheReason) {
  const std::string malformed = dir_ + "/malformed";
  testing::WriteFile(malformed, "# ok\nsha256:" + testing::Sha256Hex("x") +
                                    " someone query.read\nplain-token-in-the-clear someone admin\n");
  const std::string unknown_scope = dir_ + "/unknown-scope";
  testing::WriteFile(unknown_scope,
                     "sha256:" + testing::Sha256Hex("x") + " someone query.everything\n");
  struct Case {
    std::string path;
    std::string says;
  };
  for (const Binary& binary : kBinaries) {
    for (const Case& c : {Case{dir_ + "/missing", "missing"}, Case{malformed, "line 3"},
                          Case{unknown_scope, "query.everything"}}) {
      SCOPED_TRACE(absl::StrCat(binary.name, " with ", c.path));
      std::string log;
      int code = Run(binary, {"--listen=127.0.0.1:0", "--auth_tokens=" + c.path}, &log);
      EXPECT_NE(code, 0) << log;
      EXPECT_NE(code, -1) << log;
      EXPECT_TRUE(absl::StrContains(log, "--auth_tokens")) << log;
      EXPECT_TRUE(absl::StrContains(log, c.says)) << log;
      EXPECT_FALSE(absl::StrContains(log, "listening")) << log;
    }
  }
}

TEST_F(StartupTest, TlsFlagsThatDoNotGoTogetherAreRefused) {
  const std::string pem = dir_ + "/not-a-real.pem";
  testing::WriteFile(pem, "not a certificate\n");
  for (const Binary& binary : kBinaries) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--tls_cert=" + pem},
             {"--tls_key=" + pem},
             {"--tls_client_ca=" + pem},
             {"--tls_cert=" + dir_ + "/missing.pem", "--tls_key=" + pem}}) {
      SCOPED_TRACE(absl::StrCat(binary.name, " ", args[0]));
      std::vector<std::string> all = args;
      all.push_back("--listen=127.0.0.1:0");
      std::string log;
      int code = Run(binary, all, &log);
      EXPECT_NE(code, 0) << log;
      EXPECT_NE(code, -1) << log;
      EXPECT_TRUE(absl::StrContains(log, "--tls_")) << log;
    }
  }
}

// The query service's feed certificate flags go together, and only over
// TLS; an audit log that cannot be opened stops the start too. Each says
// which flag is wrong.
TEST_F(StartupTest, QueryFeedAndAuditFlagsThatCannotWorkAreRefused) {
  const std::string pem = dir_ + "/some.pem";
  testing::WriteFile(pem, "not checked before the flags agree\n");
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {{"--ingest_tls_ca=" + pem, "--ingest_tls_cert=" + pem}, "go together"},
           {{"--ingest_tls_ca=" + pem, "--ingest_tls_key=" + pem}, "go together"},
           {{"--ingest_tls_cert=" + pem, "--ingest_tls_key=" + pem}, "--ingest_tls_ca"},
           {{"--ingest_tls_ca=" + pem, "--ingest_tls_cert=" + dir_ + "/missing.pem",
             "--ingest_tls_key=" + pem},
            "cannot read --ingest_tls_cert"},
           {{"--audit_log=" + dir_ + "/no-such-folder/audit.jsonl"}, "audit log"},
           {{"--not_serving_lag_changes=-1"}, "--not_serving_lag_changes must not be negative"}}) {
    SCOPED_TRACE(c.args[0] + (c.args.size() > 1 ? " " + c.args[1] : ""));
    std::vector<std::string> args = c.args;
    args.push_back("--listen=127.0.0.1:0");
    std::string log;
    int code = Run(kBinaries[1], args, &log);
    EXPECT_EQ(code, 2) << log;
    EXPECT_TRUE(absl::StrContains(log, c.says)) << log;
    EXPECT_FALSE(absl::StrContains(log, "listening")) << log;
  }
}

// SIGHUP swaps the tokens: a new token works at once, a removed one stops
// working, and a broken file leaves the old table in place.
TEST_F(StartupTest, SighupReloadsTheTokensFile) {
  const std::string tokens = dir_ + "/tokens";
  testing::Principal before = testing::MakePrincipal("before", {"query.read"});
  testing::Principal after = testing::MakePrincipal("after", {"query.read"});
  testing::WriteFile(tokens, testing::TokensFileText({before}));
  ServerProcess ingest(CIVICWATCH_INGEST_BIN,
                       {"--data_dir=" + dir_ + "/ingest", "--auth_tokens=" + tokens},
                       dir_ + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(ingest.address(), grpc::InsecureChannelCredentials()));
  auto call = [&](const testing::Principal& p) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    testing::AddBearer(ctx, p.token);
    v1::ListReportsResponse r;
    return stub->ListReports(&ctx, v1::ListReportsRequest(), &r).error_code();
  };
  // Polls until `p` gets `code`, as the reload happens on the server's own
  // time after the signal.
  auto eventually = [&](const testing::Principal& p, grpc::StatusCode code) {
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    while (call(p) != code && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(50));
    return call(p);
  };
  EXPECT_EQ(call(before), grpc::StatusCode::OK);
  EXPECT_EQ(call(after), grpc::StatusCode::UNAUTHENTICATED);

  testing::WriteFile(tokens, testing::TokensFileText({after}));
  ASSERT_EQ(kill(ingest.pid(), SIGHUP), 0);
  EXPECT_EQ(eventually(after, grpc::StatusCode::OK), grpc::StatusCode::OK);
  EXPECT_EQ(eventually(before, grpc::StatusCode::UNAUTHENTICATED),
            grpc::StatusCode::UNAUTHENTICATED);

  // A broken file: the server says so and keeps the tokens it has.
  auto reload_lines = [&] {  // how many reload lines the log holds so far
    std::vector<std::string> parts = absl::StrSplit(ingest.ReadLog(), "sighup");
    return parts.size() - 1;
  };
  const size_t reloads_before = reload_lines();
  testing::WriteFile(tokens, "this line is not a token\n");
  ASSERT_EQ(kill(ingest.pid(), SIGHUP), 0);
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (absl::Now() < give_up && reload_lines() == reloads_before) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(absl::StrContains(ingest.ReadLog(), "line 1")) << ingest.ReadLog();
  EXPECT_EQ(call(after), grpc::StatusCode::OK) << ingest.ReadLog();
  EXPECT_TRUE(ingest.running());
  EXPECT_EQ(ingest.Stop(SIGTERM), 0) << ingest.ReadLog();
}

// --health_listen: a plaintext port for probes that serves health and
// nothing else, even when the main port needs TLS and tokens.
TEST_F(StartupTest, TheHealthPortServesOnlyHealth) {
  const std::string tokens = dir_ + "/tokens";
  testing::Principal reader = testing::MakePrincipal("reader", {"query.read"});
  testing::WriteFile(tokens, testing::TokensFileText({reader}));
  ServerProcess ingest(CIVICWATCH_INGEST_BIN,
                       {"--data_dir=" + dir_ + "/ingest", "--auth_tokens=" + tokens,
                        "--health_listen=127.0.0.1:0"},
                       dir_ + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  int health_port = 0;
  ASSERT_TRUE(RE2::PartialMatch(ingest.ReadLog(), R"(health_port\W+(\d+))", &health_port))
      << ingest.ReadLog();
  ASSERT_NE(health_port, ingest.port());
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", health_port),
                                     grpc::InsecureChannelCredentials());
  for (const std::string& service : {"", "civicwatch.v1.IngestService"}) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    grpc::Status s = grpc::health::v1::Health::NewStub(channel)->Check(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
  // Even with a valid token, nothing but health answers there.
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  testing::AddBearer(ctx, reader.token);
  v1::ListReportsResponse r;
  grpc::Status s = v1::IngestService::NewStub(channel)->ListReports(
      &ctx, v1::ListReportsRequest(), &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNIMPLEMENTED) << s.error_message();
  EXPECT_EQ(ingest.Stop(SIGTERM), 0) << ingest.ReadLog();
}

}  // namespace
}  // namespace civicwatch

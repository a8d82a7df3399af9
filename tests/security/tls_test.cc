// TLS and mutual TLS round trips against the real binaries.
//
// The test makes a throw-away certificate authority, a server certificate
// (subjectAltName IP:127.0.0.1 and DNS:localhost) and client certificates
// with the openssl command in its temporary folder, plus a second,
// unrelated authority whose certificates no server trusts.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/security_support.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ReadFile;
using testing::ServerProcess;

constexpr char kBody[] =
    "Kazakhstan: civic space update\n\n"
    "On 3rd May 2021 activist Aigul Nurlanova was detained by police in Almaty.\n";

// A key and certificate signed by an authority, as file paths.
struct KeyPair {
  std::string cert;
  std::string key;
};

// Makes certificates with the openssl command line in `dir`.
class Pki {
 public:
  explicit Pki(std::string dir) : dir_(std::move(dir)) {}

  // A self-signed authority named `name`; its certificate is dir/name.pem.
  std::string MakeAuthority(const std::string& name) {
    Run(absl::StrCat("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 ",
                     "-nodes -days 2 -subj /CN=", name, " -keyout ", Path(name, "key"), " -out ",
                     Path(name, "pem")));
    return Path(name, "pem");
  }

  // A certificate for `name` signed by `authority`, for a server
  // (serverAuth, the loopback names) or a client (clientAuth).
  KeyPair Issue(const std::string& authority, const std::string& name, bool server) {
    const std::string ext = Path(name, "ext");
    testing::WriteFile(ext, server ? "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                     "extendedKeyUsage=serverAuth\n"
                                   : "extendedKeyUsage=clientAuth\n");
    Run(absl::StrCat("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ",
                     "-subj /CN=", name, " -keyout ", Path(name, "key"), " -out ",
                     Path(name, "csr")));
    Run(absl::StrCat("openssl x509 -req -days 2 -in ", Path(name, "csr"), " -CA ",
                     Path(authority, "pem"), " -CAkey ", Path(authority, "key"),
                     " -CAcreateserial -extfile ", ext, " -out ", Path(name, "pem")));
    return KeyPair{Path(name, "pem"), Path(name, "key")};
  }

  const std::string& error() const { return error_; }

 private:
  std::string Path(const std::string& name, const std::string& ext) const {
    return absl::StrCat(dir_, "/", name, ".", ext);
  }
  void Run(const std::string& command) {
    std::string output;
    if (testing::RunCommand(command, &output) != 0 && error_.empty()) {
      error_ = absl::StrCat(command, " failed:\n", output);
    }
  }

  std::string dir_;
  std::string error_;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-tls");
    Pki pki(dir_);
    ca_ = pki.MakeAuthority("test-ca");
    server_ = pki.Issue("test-ca", "server", /*server=*/true);
    client_ = pki.Issue("test-ca", "client", /*server=*/false);
    pki.MakeAuthority("other-ca");
    stranger_ = pki.Issue("other-ca", "stranger", /*server=*/false);
    ASSERT_EQ(pki.error(), "");
  }

  void TearDown() override {
    if (HasFailure()) {
      for (auto* p : {ingest_.get(), query_.get()}) {
        if (p != nullptr) std::cerr << "--- log\n" << p->ReadLog();
      }
    }
  }

  std::vector<std::string> ServerTlsFlags(bool mutual) const {
    std::vector<std::string> flags = {"--tls_cert=" + server_.cert, "--tls_key=" + server_.key};
    if (mutual) flags.push_back("--tls_client_ca=" + ca_);
    return flags;
  }

  void StartIngest(bool mutual) {
    std::vector<std::string> args = ServerTlsFlags(mutual);
    args.push_back("--data_dir=" + dir_ + "/ingest");
    ingest_ = std::make_unique<ServerProcess>(CIVICWATCH_INGEST_BIN, args, dir_ + "/ingest.log");
    ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
  }

  // The query service over TLS (mutual when `mutual`), following ingest
  // over TLS with `feed_flags` added.
  void StartQuery(bool mutual, std::vector<std::string> feed_flags = {}) {
    std::vector<std::string> args = ServerTlsFlags(mutual);
    args.push_back("--data_dir=" + dir_ + "/query");
    args.push_back("--ingest_address=" + ingest_->address());
    args.push_back("--ingest_tls_ca=" + ca_);
    args.insert(args.end(), feed_flags.begin(), feed_flags.end());
    query_ = std::make_unique<ServerProcess>(CIVICWATCH_QUERY_BIN, args, dir_ + "/query.log");
    ASSERT_TRUE(query_->Start().ok()) << query_->ReadLog();
  }

  // An SDK client trusting `root_pem`, presenting `identity` when it has one.
  std::unique_ptr<Client> SdkClient(const std::string& root_pem, const KeyPair& identity = {}) {
    ClientOptions options;
    options.ingest_address = ingest_->address();
    options.query_address = query_ ? query_->address() : ingest_->address();
    options.tls_root_certs_pem = root_pem;
    if (!identity.cert.empty()) {
      options.tls_client_cert_pem = ReadFile(identity.cert);
      options.tls_client_key_pem = ReadFile(identity.key);
    }
    options.timeout = absl::Seconds(5);
    options.max_retries = 0;
    auto client = Client::Create(options);
    EXPECT_TRUE(client.ok()) << client.status();
    return client.ok() ? std::move(*client) : nullptr;
  }

  // A raw channel presenting `identity` (none when its paths are empty).
  std::shared_ptr<grpc::Channel> Channel(const std::string& address, const KeyPair& identity) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ReadFile(ca_);
    if (!identity.cert.empty()) {
      options.pem_cert_chain = ReadFile(identity.cert);
      options.pem_private_key = ReadFile(identity.key);
    }
    return grpc::CreateChannel(address, grpc::SslCredentials(options));
  }

  // Waits until the query service holds `count` events, read over
  // `channel`; the number it last saw.
  int WaitForEvents(const std::shared_ptr<grpc::Channel>& channel, int count) {
    auto stub = v1::QueryService::NewStub(channel);
    const absl::Time give_up = absl::Now() + absl::Seconds(20);
    int seen = -1;
    while (absl::Now() < give_up) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      v1::ListEventsResponse resp;
      if (stub->ListEvents(&ctx, v1::ListEventsRequest(), &resp).ok()) {
        seen = resp.events_size();
        if (seen == count) break;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    return seen;
  }

  std::string dir_;
  std::string ca_;
  KeyPair server_;
  KeyPair client_;
  KeyPair stranger_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
};

TEST_F(TlsTest, SdkRoundTripOverTlsWithTheFeedOverTls) {
  StartIngest(/*mutual=*/false);
  StartQuery(/*mutual=*/false);
  auto client = SdkClient(ReadFile(ca_));
  ASSERT_NE(client, nullptr);
  v1::Report report;
  report.set_body(kBody);
  auto created = client->CreateReport(report, "tls-round-trip");
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_FALSE(created->events().empty());
  auto fetched = client->GetReport(created->report().name());
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_EQ(fetched->body(), kBody);

  // The replica followed ingest over TLS: the events arrive on the query side.
  EXPECT_EQ(WaitForEvents(Channel(query_->address(), {}), created->events_size()),
            created->events_size())
      << query_->ReadLog();
  std::vector<std::string> names;
  for (const auto& e : client->ListEvents(v1::EventFilter())) {
    ASSERT_TRUE(e.ok()) << e.status();
    names.push_back(e->name());
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(created->events_size()));
}

TEST_F(TlsTest, PlaintextAndUntrustedClientsAreRefused) {
  StartIngest(/*mutual=*/false);
  StartQuery(/*mutual=*/false);
  // Plaintext against a TLS port.
  auto plain = SdkClient("");
  ASSERT_NE(plain, nullptr);
  auto reports = plain->ListReports();
  auto first = reports.begin();
  ASSERT_NE(first, reports.end());
  EXPECT_FALSE(first->ok());
  auto stats = plain->ComputeStatistics(v1::EventFilter(), {v1::STATISTICS_DIMENSION_COUNTRY});
  EXPECT_FALSE(stats.ok());
  // A client that trusts another authority does not accept the server.
  const std::string other_ca = dir_ + "/other-ca.pem";
  auto distrustful = SdkClient(ReadFile(other_ca));
  ASSERT_NE(distrustful, nullptr);
  auto got = distrustful->GetReport("reports/anything");
  EXPECT_EQ(got.status().code(), absl::StatusCode::kUnavailable) << got.status();
}

TEST_F(TlsTest, MutualTlsNeedsAClientCertificateFromTheTrustedAuthority) {
  StartIngest(/*mutual=*/true);
  auto ingest_stub = [&](const KeyPair& identity) {
    return v1::IngestService::NewStub(Channel(ingest_->address(), identity));
  };
  auto list = [&](const KeyPair& identity) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::ListReportsResponse resp;
    return ingest_stub(identity)->ListReports(&ctx, v1::ListReportsRequest(), &resp);
  };
  grpc::Status with_cert = list(client_);
  EXPECT_TRUE(with_cert.ok()) << with_cert.error_message();
  EXPECT_EQ(list(KeyPair{}).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(list(stranger_).error_code(), grpc::StatusCode::UNAVAILABLE);

  // The SDK without a client certificate cannot get in either; with one
  // from the trusted authority it can.
  auto sdk = SdkClient(ReadFile(ca_));
  ASSERT_NE(sdk, nullptr);
  v1::Report report;
  report.set_body(kBody);
  EXPECT_EQ(sdk->NormalizeReport(report).status().code(), absl::StatusCode::kUnavailable);
  auto with_identity = SdkClient(ReadFile(ca_), client_);
  ASSERT_NE(with_identity, nullptr);
  auto normalized = with_identity->NormalizeReport(report);
  ASSERT_TRUE(normalized.ok()) << normalized.status();
  EXPECT_FALSE(normalized->events().empty());
  auto refused = SdkClient(ReadFile(ca_), stranger_);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->NormalizeReport(report).status().code(), absl::StatusCode::kUnavailable);
}

// The command line over mutual TLS: --tls_ca, --tls_cert and --tls_key (or
// their environment variables) get an analyst in; without the certificate
// the call fails with exit code 1.
TEST_F(TlsTest, CommandLineOverMutualTls) {
  StartIngest(/*mutual=*/true);
  const std::string report_file = dir_ + "/report.txt";
  testing::WriteFile(report_file, kBody);
  const std::string cli = absl::StrCat(CIVICWATCH_CLI_BIN, " --ingest_address ",
                                       ingest_->address(), " --timeout 10s ");
  std::string ingested;
  EXPECT_EQ(testing::RunCommand(absl::StrCat(cli, "--tls_ca ", ca_, " --tls_cert ", client_.cert,
                                             " --tls_key ", client_.key, " ingest ", report_file),
                                &ingested),
            0)
      << ingested;
  std::string listed;
  EXPECT_EQ(testing::RunCommand(absl::StrCat("CIVICWATCH_TLS_CA=", ca_, " CIVICWATCH_TLS_CERT=",
                                             client_.cert, " CIVICWATCH_TLS_KEY=", client_.key,
                                             " ", cli, "reports"),
                                &listed),
            0)
      << listed;
  EXPECT_TRUE(absl::StrContains(listed, "reports/")) << listed;
  std::string refused;
  EXPECT_EQ(testing::RunCommand(absl::StrCat(cli, "--tls_ca ", ca_, " reports"), &refused), 1)
      << refused;
  EXPECT_TRUE(absl::StrContains(refused, "give --tls_cert and --tls_key")) << refused;
}

TEST_F(TlsTest, MutualTlsOnTheQueryService) {
  StartIngest(/*mutual=*/false);
  StartQuery(/*mutual=*/true);
  auto health = [&](const KeyPair& identity) {
    auto stub = grpc::health::v1::Health::NewStub(Channel(query_->address(), identity));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::health::v1::HealthCheckResponse resp;
    return stub->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp);
  };
  EXPECT_TRUE(health(client_).ok());
  EXPECT_EQ(health(KeyPair{}).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(health(stranger_).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(WaitForEvents(Channel(query_->address(), client_), 0), 0);
}

// The query service following an ingest that requires client certificates
// needs a certificate of its own for the feed connection.
TEST_F(TlsTest, QueryFollowsAMutualTlsIngest) {
  StartIngest(/*mutual=*/true);
  StartQuery(/*mutual=*/false,
             {"--ingest_tls_cert=" + client_.cert, "--ingest_tls_key=" + client_.key});
  auto stub = v1::IngestService::NewStub(Channel(ingest_->address(), client_));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::CreateReportRequest req;
  req.mutable_report()->set_body(kBody);
  v1::CreateReportResponse resp;
  grpc::Status s = stub->CreateReport(&ctx, req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(WaitForEvents(Channel(query_->address(), {}), resp.events_size()),
            resp.events_size());
}

// Without a certificate of its own, or with one from another authority,
// the query service cannot follow an ingest that requires them: it never
// reports SERVING and holds no event.
TEST_F(TlsTest, QueryWithoutATrustedClientCertificateCannotFollowAMutualTlsIngest) {
  StartIngest(/*mutual=*/true);
  auto ingest = v1::IngestService::NewStub(Channel(ingest_->address(), client_));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::CreateReportRequest req;
  req.mutable_report()->set_body(kBody);
  v1::CreateReportResponse created;
  ASSERT_TRUE(ingest->CreateReport(&ctx, req, &created).ok());
  ASSERT_GT(created.events_size(), 0);

  for (const std::vector<std::string>& feed_flags :
       {std::vector<std::string>{},
        std::vector<std::string>{"--ingest_tls_cert=" + stranger_.cert,
                                 "--ingest_tls_key=" + stranger_.key}}) {
    SCOPED_TRACE(feed_flags.empty() ? "no client certificate" : "an untrusted one");
    StartQuery(/*mutual=*/false, feed_flags);
    absl::SleepFor(absl::Seconds(2));
    auto health = grpc::health::v1::Health::NewStub(Channel(query_->address(), {}));
    grpc::ClientContext hctx;
    hctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&hctx, grpc::health::v1::HealthCheckRequest(), &resp).ok());
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
    EXPECT_EQ(WaitForEvents(Channel(query_->address(), {}), 0), 0);
    query_.reset();
  }
}

}  // namespace
}  // namespace civicwatch

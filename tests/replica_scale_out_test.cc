// Many query replicas behind one client, on the real binaries: a replica
// that falls too far behind the feed reports NOT_SERVING on
// grpc.health.v1 until it has caught up (--not_serving_lag_changes), and
// the SDK, given several query addresses, spreads calls over the replicas
// with round_robin, skips one whose health is not SERVING, and finishes a
// paging loop without an error, a duplicate or a gap when one replica is
// killed in the middle of it, whether the replicas are given as a list of
// addresses or as one DNS name with an address for each.
#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/support/server_process.h"
#include "tests/support/synthetic_records.h"

namespace civicwatch {
namespace {

using grpc::health::v1::HealthCheckResponse;
using testing::MakeTempDir;
using testing::ServerProcess;

constexpr char kQueryService[] = "civicwatch.v1.QueryService";

v1::IncidentRecord Record(int n) { return testing::SyntheticRecord("scale-out-test", n); }

// Imports records [from, to) in one call (one transaction at ingest).
void Import(const ServerProcess& ingest, int from, int to) {
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(ingest.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  v1::ImportIncidentsResponse resp;
  auto writer = stub->ImportIncidents(&ctx, &resp);
  for (int n = from; n < to; ++n) writer->Write(Record(n));
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(resp.created(), to - from);
}

// GetServerInfo of `server`, or nullopt when it does not answer.
std::optional<v1::ServerInfo> Info(const ServerProcess& server) {
  auto admin = v1::AdminService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::GetServerInfoRequest req;
  v1::ServerInfo info;
  if (!admin->GetServerInfo(&ctx, req, &info).ok()) return std::nullopt;
  return info;
}

// Waits until the replica has applied everything up to ingest's head.
bool WaitForReplica(const ServerProcess& ingest, const ServerProcess& replica) {
  const std::optional<v1::ServerInfo> source = Info(ingest);
  if (!source.has_value()) return false;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    const std::optional<v1::ServerInfo> info = Info(replica);
    if (info.has_value() && info->applied_sequence() == source->head_sequence()) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return false;
}

std::unique_ptr<ServerProcess> StartReplica(const std::string& dir, const std::string& name,
                                            const ServerProcess& ingest,
                                            std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--data_dir=" + dir + "/" + name,
                                   "--ingest_address=" + ingest.address(),
                                   "--metrics_listen=127.0.0.1:0"};
  for (std::string& a : extra) args.push_back(std::move(a));
  auto replica = std::make_unique<ServerProcess>(CIVICWATCH_QUERY_BIN, args,
                                                 dir + "/" + name + ".log");
  absl::Status started = replica->Start();
  EXPECT_TRUE(started.ok()) << started << replica->ReadLog();
  EXPECT_TRUE(replica->WaitForLog("caught up with the change feed")) << replica->ReadLog();
  return replica;
}

// Every status a Watch of the query service's health sends, in order.
class HealthRecorder {
 public:
  explicit HealthRecorder(const ServerProcess& server)
      : stub_(grpc::health::v1::Health::NewStub(
            grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()))) {
    thread_ = std::thread([this] {
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(kQueryService);
      auto reader = stub_->Watch(&ctx_, req);
      HealthCheckResponse resp;
      while (reader->Read(&resp)) {
        absl::MutexLock lock(&mu_);
        statuses_.push_back(resp.status());
      }
      reader->Finish();
    });
  }
  ~HealthRecorder() {
    ctx_.TryCancel();
    thread_.join();
  }
  std::vector<int> statuses() {
    absl::MutexLock lock(&mu_);
    return statuses_;
  }
  // Waits until the statuses seen end with `tail`.
  bool WaitForTail(const std::vector<int>& tail, absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      std::vector<int> s = statuses();
      if (s.size() >= tail.size() && std::equal(tail.begin(), tail.end(), s.end() - tail.size())) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }

 private:
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
  grpc::ClientContext ctx_;
  absl::Mutex mu_;
  std::vector<int> statuses_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

std::string Statuses(const std::vector<int>& s) { return absl::StrJoin(s, " "); }

TEST(ReplicaScaleOutTest, AReplicaTooFarBehindIsNotServingUntilCaughtUp) {
  const std::string dir = MakeTempDir("cw-scale-health");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  Import(ingest, 0, 10);
  auto strict = StartReplica(dir, "strict", ingest, {"--not_serving_lag_changes=1000"});
  auto lenient = StartReplica(dir, "lenient", ingest);
  ASSERT_TRUE(WaitForReplica(ingest, *strict));
  HealthRecorder strict_health(*strict);
  HealthRecorder lenient_health(*lenient);
  ASSERT_TRUE(strict_health.WaitForTail({HealthCheckResponse::SERVING}, absl::Seconds(10)));
  ASSERT_TRUE(lenient_health.WaitForTail({HealthCheckResponse::SERVING}, absl::Seconds(10)));

  // 10,000 changes committed at once (the most one call imports): the
  // replicas apply them in batches of 5000, so after the first batch they
  // are 5000 behind.
  Import(ingest, 10, 10010);
  ASSERT_TRUE(WaitForReplica(ingest, *strict)) << strict->ReadLog();
  ASSERT_TRUE(WaitForReplica(ingest, *lenient)) << lenient->ReadLog();
  EXPECT_TRUE(strict_health.WaitForTail(
      {HealthCheckResponse::SERVING, HealthCheckResponse::NOT_SERVING,
       HealthCheckResponse::SERVING},
      absl::Seconds(10)))
      << Statuses(strict_health.statuses());
  EXPECT_TRUE(absl::StrContains(strict->ReadLog(), "changes behind the change feed (more than 1000)"))
      << strict->ReadLog();
  // Without the flag a replica serves all along, as before.
  EXPECT_EQ(lenient_health.statuses(), std::vector<int>{HealthCheckResponse::SERVING});
  EXPECT_FALSE(absl::StrContains(lenient->ReadLog(), "changes behind the change feed"));
}

int MetricsPort(const ServerProcess& server) {
  int port = 0;
  RE2::PartialMatch(server.ReadLog(), R"(metrics_port=(\d+))", &port);
  return port;
}

// ListEvents calls the replica answered OK, from its /metrics.
double ListEventsServed(const ServerProcess& replica) {
  httplib::Client http("127.0.0.1", MetricsPort(replica));
  auto res = http.Get("/metrics");
  if (!res || res->status != 200) return -1;
  double value = -1;
  RE2::PartialMatch(res->body,
                    R"(grpc_server_handled_total\{grpc_service="civicwatch.v1.QueryService",)"
                    R"(grpc_method="ListEvents",grpc_type="unary",grpc_code="OK"\} (\d+))",
                    &value);
  return value;
}

// A client's channel connects to its addresses one by one, and calls go
// only to those already connected. Asks for first pages until every
// replica has answered one (at most 20 s), so that a paging loop after it
// starts with all of them in turn however slowly a loaded machine
// connects; `served` gets each replica's ListEvents count at that point.
bool EveryReplicaAnswers(Client& client, const std::vector<std::unique_ptr<ServerProcess>>& replicas,
                         std::vector<double>* served) {
  ListEventsOptions one;
  one.page_size = 1;
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (true) {
    served->clear();
    bool all = true;
    for (const auto& r : replicas) {
      served->push_back(ListEventsServed(*r));
      all = all && served->back() > 0;
    }
    if (all) return true;
    if (absl::Now() >= deadline) return false;
    for (const absl::StatusOr<v1::Event>& event : client.ListEvents(v1::EventFilter(), one)) {
      if (!event.ok()) return false;
      break;
    }
  }
}

TEST(ReplicaScaleOutTest, ThreeReplicasBehindOneClientAndOneKilledMidPagingLoop) {
  const std::string dir = MakeTempDir("cw-scale-rr");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  constexpr int kEvents = 600;
  Import(ingest, 0, kEvents);
  std::vector<std::unique_ptr<ServerProcess>> replicas;
  std::vector<std::string> addresses;
  for (int i = 0; i < 3; ++i) {
    replicas.push_back(StartReplica(dir, absl::StrCat("replica", i), ingest));
    ASSERT_TRUE(WaitForReplica(ingest, *replicas.back()));
    addresses.push_back(replicas.back()->address());
  }

  ClientOptions options;
  options.ingest_address = ingest.address();
  options.query_address = absl::StrJoin(addresses, ",");
  options.timeout = absl::Seconds(20);
  auto client = Client::Create(options);
  ASSERT_TRUE(client.ok()) << client.status();
  std::vector<double> served_before;
  ASSERT_TRUE(EveryReplicaAnswers(**client, replicas, &served_before))
      << "not every replica answered within 20 s";

  ListEventsOptions paging;
  paging.page_size = 10;
  std::vector<std::string> names;
  std::set<std::string> unique;
  double served_by_killed = 0;
  for (const absl::StatusOr<v1::Event>& event : (*client)->ListEvents(v1::EventFilter(), paging)) {
    ASSERT_TRUE(event.ok()) << event.status() << " after " << names.size() << " events";
    names.push_back(event->name());
    unique.insert(event->name());
    if (names.size() == 200) {
      // 20 pages in: every replica has answered some, the middle one dies.
      for (size_t i = 0; i < replicas.size(); ++i) {
        EXPECT_GT(ListEventsServed(*replicas[i]), served_before[i]) << replicas[i]->address();
      }
      served_by_killed = ListEventsServed(*replicas[1]);
      replicas[1]->Stop(SIGKILL);
    }
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kEvents));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kEvents)) << "a page was repeated";
  EXPECT_GT(served_by_killed, 0);
  // The other two served the rest of the loop between them.
  const double after = ListEventsServed(*replicas[0]) + ListEventsServed(*replicas[2]);
  EXPECT_GE(after + served_by_killed, kEvents / paging.page_size);

  // Every event the loop yielded is the one a replica lists itself, in the
  // same order.
  auto direct = v1::QueryService::NewStub(
      grpc::CreateChannel(replicas[0]->address(), grpc::InsecureChannelCredentials()));
  std::vector<std::string> expected;
  std::string token;
  do {
    grpc::ClientContext ctx;
    v1::ListEventsRequest req;
    req.set_page_size(500);
    req.set_page_token(token);
    v1::ListEventsResponse resp;
    ASSERT_TRUE(direct->ListEvents(&ctx, req, &resp).ok());
    for (const auto& e : resp.events()) expected.push_back(e.name());
    token = resp.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(names, expected);
}

// A DNS server on a loopback UDP port that answers every A query for
// `name` with `addresses` (and any other question with no answer), as a
// Kubernetes headless Service names its pods.
class FakeDnsServer {
 public:
  FakeDnsServer(std::string name, std::vector<std::string> addresses)
      : name_(std::move(name)), addresses_(std::move(addresses)) {
    fd_ = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeDnsServer() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  int answered() const { return answered_; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      unsigned char q[512];
      sockaddr_in from{};
      socklen_t from_len = sizeof from;
      const ssize_t n =
          recvfrom(fd_, q, sizeof q, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
      if (n < 12) continue;
      // The question's name (labels), type and class.
      size_t at = 12;
      std::string asked;
      while (at < static_cast<size_t>(n) && q[at] != 0) {
        const size_t label = q[at];
        if (at + 1 + label > static_cast<size_t>(n)) break;
        if (!asked.empty()) asked += ".";
        asked.append(reinterpret_cast<const char*>(q) + at + 1, label);
        at += 1 + label;
      }
      if (at + 5 > static_cast<size_t>(n)) continue;
      const size_t question_end = at + 5;
      const int type = (q[at + 1] << 8) | q[at + 2];
      const bool answer = type == 1 && absl::AsciiStrToLower(asked) == name_;
      std::string r(reinterpret_cast<const char*>(q), question_end);
      r[2] = static_cast<char>(0x81);  // a response, recursion desired
      r[3] = static_cast<char>(0x80);  // recursion available, no error
      const uint16_t count = answer ? static_cast<uint16_t>(addresses_.size()) : 0;
      r[4] = 0, r[5] = 1;  // one question
      r[6] = static_cast<char>(count >> 8), r[7] = static_cast<char>(count & 0xff);
      r[8] = r[9] = r[10] = r[11] = 0;
      for (int i = 0; i < count; ++i) {
        in_addr a{};
        inet_pton(AF_INET, addresses_[i].c_str(), &a);
        // The question's name by pointer, A, IN, a TTL of 1 s, 4 bytes.
        const unsigned char record[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4};
        r.append(reinterpret_cast<const char*>(record), sizeof record);
        r.append(reinterpret_cast<const char*>(&a.s_addr), 4);
      }
      sendto(fd_, r.data(), r.size(), 0, reinterpret_cast<sockaddr*>(&from), from_len);
      if (answer) ++answered_;
    }
  }

  const std::string name_;
  const std::vector<std::string> addresses_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> answered_{0};
  std::thread thread_;
};

TEST(ReplicaScaleOutTest, ADnsNameWithThreeAddressesAndOneReplicaKilledMidPagingLoop) {
  const std::string dir = MakeTempDir("cw-scale-dns");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  constexpr int kEvents = 300;
  Import(ingest, 0, kEvents);
  // Three replicas on one port at three loopback addresses, as pods behind
  // one name.
  std::vector<std::unique_ptr<ServerProcess>> replicas;
  std::vector<std::string> hosts = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};
  int port = 0;
  for (int i = 0; i < 3; ++i) {
    const std::string name = absl::StrCat("replica", i);
    replicas.push_back(std::make_unique<ServerProcess>(
        CIVICWATCH_QUERY_BIN,
        std::vector<std::string>{"--data_dir=" + dir + "/" + name,
                                 "--ingest_address=" + ingest.address(),
                                 "--metrics_listen=127.0.0.1:0"},
        dir + "/" + name + ".log"));
    replicas.back()->ListenOn(hosts[i], port);
    ASSERT_TRUE(replicas.back()->Start().ok()) << replicas.back()->ReadLog();
    port = replicas.back()->port();
    ASSERT_TRUE(WaitForReplica(ingest, *replicas.back())) << replicas.back()->ReadLog();
  }
  FakeDnsServer dns("replicas.civicwatch.test", hosts);

  ClientOptions options;
  options.ingest_address = ingest.address();
  // The DNS server to ask is the target's authority.
  options.query_address =
      absl::StrCat("dns://", dns.address(), "/replicas.civicwatch.test:", port);
  options.timeout = absl::Seconds(20);
  auto client = Client::Create(options);
  ASSERT_TRUE(client.ok()) << client.status();

  std::vector<double> served_before;
  ASSERT_TRUE(EveryReplicaAnswers(**client, replicas, &served_before))
      << "not every address answered within 20 s";

  ListEventsOptions paging;
  paging.page_size = 10;
  std::vector<std::string> names;
  std::set<std::string> unique;
  for (const absl::StatusOr<v1::Event>& event : (*client)->ListEvents(v1::EventFilter(), paging)) {
    ASSERT_TRUE(event.ok()) << event.status() << " after " << names.size() << " events";
    names.push_back(event->name());
    unique.insert(event->name());
    if (names.size() == 100) {
      // Ten pages in: every address has answered some of them, one
      // replica dies.
      for (size_t i = 0; i < replicas.size(); ++i) {
        EXPECT_GT(ListEventsServed(*replicas[i]), served_before[i]) << replicas[i]->address();
      }
      replicas[1]->Stop(SIGKILL);
    }
  }
  EXPECT_GT(dns.answered(), 0);
  EXPECT_EQ(names.size(), static_cast<size_t>(kEvents));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kEvents)) << "a page was repeated";
  // The two left served the rest of the loop between them.
  EXPECT_GE(ListEventsServed(*replicas[0]) + ListEventsServed(*replicas[2]),
            (kEvents - 100) / paging.page_size);
}

TEST(ReplicaScaleOutTest, TheClientSkipsAReplicaThatIsNotServing) {
  const std::string dir = MakeTempDir("cw-scale-skip");
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  Import(ingest, 0, 30);
  auto serving = StartReplica(dir, "serving", ingest);
  ASSERT_TRUE(WaitForReplica(ingest, *serving));
  // A replica whose ingest cannot be reached never catches up: it answers
  // calls (from an empty replica) but its health is NOT_SERVING.
  ServerProcess stale(CIVICWATCH_QUERY_BIN,
                      {"--data_dir=" + dir + "/stale", "--ingest_address=127.0.0.1:1",
                       "--metrics_listen=127.0.0.1:0"},
                      dir + "/stale.log");
  ASSERT_TRUE(stale.Start().ok()) << stale.ReadLog();

  ClientOptions options;
  options.ingest_address = ingest.address();
  options.query_address = stale.address() + "," + serving->address();
  auto client = Client::Create(options);
  ASSERT_TRUE(client.ok()) << client.status();
  for (int i = 0; i < 20; ++i) {
    v1::EventFilter filter;
    int count = 0;
    for (const absl::StatusOr<v1::Event>& event : (*client)->ListEvents(filter)) {
      ASSERT_TRUE(event.ok()) << event.status();
      ++count;
    }
    EXPECT_EQ(count, 30) << "call " << i << " went to the replica that is not serving";
  }
  EXPECT_EQ(ListEventsServed(stale), 0);
  EXPECT_EQ(ListEventsServed(*serving), 20);
}

}  // namespace
}  // namespace civicwatch

// Faults while a new query replica (B) bootstraps from a peer (A), on the
// real binaries: A killed with SIGKILL in the middle of handing out its
// snapshot, B killed in the middle of downloading it and restarted, and a
// peer that sends corrupted bytes, a wrong SHA-256 (before the bytes, or
// after them with the head sent last), a database that fails the check of
// its pages, a short stream, a stream that stops before its SHA-256, or an
// older schema version. In
// every case B never opens a bad copy, leaves nothing half-written in its
// DATA_DIR/tmp, ends up answering exactly as A (digests of every event,
// entity and report's event count), and shows a new report within a
// second.
//
// A relay (a TCP proxy in this process) stands between B and the real A
// and holds A's bytes back after a budget, so that a kill lands in the
// middle of the download whatever the machine's speed; the tampering peer
// is a gRPC server in this process serving A's real snapshot, altered.
#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "openssl/sha.h"
#include "services/common/snapshot/snapshot_file.h"
#include "tests/fault/fault_support.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/synthetic_records.h"

namespace civicwatch::fault {
namespace {

namespace fs = std::filesystem;
using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;

// Enough records that A's replica spans several 1 MiB snapshot chunks.
constexpr int kRecords = 3000;
// What the relay lets through before it holds A's bytes back: the
// metadata and the first chunk, so B has a partial file on disk.
constexpr int64_t kRelayBudget = (1 << 20) + (256 << 10);

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

// A TCP relay from a port of its own to `upstream_port` on loopback that
// forwards everything the client sends, and at most `budget` bytes (over
// all connections) of what the upstream sends back, until Release().
// When either side closes, it closes the other.
class Relay {
 public:
  Relay(int upstream_port, int64_t budget) : upstream_port_(upstream_port), budget_(budget) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(listener_, 16);
    socklen_t len = sizeof addr;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { Accept(); });
  }
  ~Relay() {
    stop_ = true;
    acceptor_.join();
    close(listener_);
    absl::MutexLock lock(&mu_);
    for (std::thread& t : connections_) t.join();
  }

  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  int64_t forwarded_to_client() const { return forwarded_; }
  // Connections closed so far (by either side).
  int closed() const { return closed_; }
  // From now on the upstream's bytes pass freely (and connections are no
  // longer severed).
  void Release() {
    budget_ = INT64_MAX;
    sever_ = false;
  }
  // Drops the open connections, with the bytes they hold, as a peer's
  // node going down drops what is in flight. (A killed process's kernel
  // may go on trying to send what it had queued, and its close may not
  // reach a relay that is holding bytes back.)
  void Sever() { sever_ = true; }

 private:
  void Accept() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      const int client = accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      absl::MutexLock lock(&mu_);
      connections_.emplace_back([this, client] { Serve(client); });
    }
  }

  void Serve(int client) {
    const int upstream = socket(AF_INET, SOCK_STREAM, 0);
    // A small window, so that A's bytes wait in A rather than in this
    // relay's kernel buffers.
    const int window = 16 << 10;
    setsockopt(upstream, SOL_SOCKET, SO_RCVBUF, &window, sizeof window);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(upstream_port_));
    if (connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(upstream);
      close(client);
      return;
    }
    std::vector<char> buffer(64 << 10);
    while (!stop_ && !sever_) {
      const int64_t allowed = budget_ - forwarded_;
      // While A's bytes are held, only its closing is watched for.
      const short upstream_events = allowed > 0 ? (POLLIN | POLLRDHUP) : POLLRDHUP;
      pollfd fds[2] = {{client, POLLIN, 0}, {upstream, upstream_events, 0}};
      if (poll(fds, 2, 20) <= 0) continue;
      if (fds[0].revents != 0 && Pass(client, upstream, buffer.data(), buffer.size()) < 0) break;
      if (fds[1].revents & POLLIN) {
        const size_t n = static_cast<size_t>(std::min<int64_t>(allowed, buffer.size()));
        const ssize_t moved = Pass(upstream, client, buffer.data(), n);
        if (moved < 0) break;
        forwarded_ += moved;
      } else if (fds[1].revents != 0) {
        break;  // closed while held: what it had sent never arrives
      }
    }
    close(upstream);
    close(client);
    ++closed_;
  }

  // Moves up to `n` bytes from `from` to `to`; the count, or -1 when either
  // side is closed.
  static ssize_t Pass(int from, int to, char* buffer, size_t n) {
    const ssize_t got = recv(from, buffer, n, 0);
    if (got <= 0) return -1;
    for (ssize_t sent = 0; sent < got;) {
      const ssize_t w = send(to, buffer + sent, static_cast<size_t>(got - sent), MSG_NOSIGNAL);
      if (w <= 0) return -1;
      sent += w;
    }
    return got;
  }

  const int upstream_port_;
  std::atomic<int64_t> budget_;
  std::atomic<int64_t> forwarded_{0};
  std::atomic<int> closed_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> sever_{false};
  int listener_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  absl::Mutex mu_;
  std::vector<std::thread> connections_ ABSL_GUARDED_BY(mu_);
};

// A peer that serves StreamReplicaSnapshot from a snapshot `make` returns
// for the call numbered n (from 0): its metadata, then its bytes in 1 MiB
// chunks, then `end` as the call's status. With a deferred head (as a real
// peer sends), the bytes after the head go first, then a SnapshotEnd with
// the head and `late_sha256` (unless `no_snapshot_end`).
struct ServedSnapshot {
  v1::SnapshotMetadata metadata;
  std::string bytes;
  grpc::Status end = grpc::Status::OK;
  std::string late_sha256;
  bool no_snapshot_end = false;
};
class TamperingPeer final : public v1::QueryService::Service {
 public:
  explicit TamperingPeer(std::function<ServedSnapshot(int)> make) : make_(std::move(make)) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(this);
    server_ = builder.BuildAndStart();
  }
  ~TamperingPeer() override { server_->Shutdown(std::chrono::system_clock::now()); }

  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  int calls() const { return calls_; }

  grpc::Status StreamReplicaSnapshot(grpc::ServerContext*, const v1::StreamReplicaSnapshotRequest*,
                                     grpc::ServerWriter<v1::SnapshotChunk>* writer) override {
    const ServedSnapshot served = make_(calls_++);
    v1::SnapshotChunk chunk;
    *chunk.mutable_metadata() = served.metadata;
    if (!writer->Write(chunk)) return grpc::Status::CANCELLED;
    const size_t head = static_cast<size_t>(served.metadata.deferred_head_bytes());
    for (size_t at = head; at < served.bytes.size(); at += snapshot::kChunkBytes) {
      chunk.set_data(served.bytes.substr(at, snapshot::kChunkBytes));
      if (!writer->Write(chunk)) return grpc::Status::CANCELLED;
    }
    if (head > 0 && !served.no_snapshot_end) {
      chunk.mutable_end()->set_head(served.bytes.substr(0, head));
      chunk.mutable_end()->set_sha256(served.late_sha256);
      if (!writer->Write(chunk)) return grpc::Status::CANCELLED;
    }
    return served.end;
  }

 private:
  std::function<ServedSnapshot(int)> make_;
  std::atomic<int> calls_{0};
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

// The files in `dir` (none when it does not exist).
std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

// Size of the largest partly downloaded snapshot in `tmp_dir`, or -1.
int64_t PartialDownload(const std::string& tmp_dir) {
  int64_t largest = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(tmp_dir, ec)) {
    if (absl::StartsWith(entry.path().filename().string(), "bootstrap.db.partial-")) {
      largest = std::max<int64_t>(largest, static_cast<int64_t>(fs::file_size(entry.path(), ec)));
    }
  }
  return largest;
}

bool HasFileStartingWith(const std::string& dir, const std::string& prefix) {
  for (const std::string& name : FilesIn(dir)) {
    if (absl::StartsWith(name, prefix)) return true;
  }
  return false;
}

class BootstrapFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-bootstrap-fault");
    auto servers = civicwatch::testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = std::move(servers->ingest);
    a_ = std::move(servers->query);
    Import(0, kRecords);
    ASSERT_EQ(WaitForReplicaToMatch(ingest_->address(), a_->address()), "") << a_->ReadLog();
  }

  void Import(int from, int to) {
    auto stub = v1::IngestService::NewStub(FreshChannel(ingest_->address()));
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(120)));
    v1::ImportIncidentsResponse resp;
    auto writer = stub->ImportIncidents(&ctx, &resp);
    for (int n = from; n < to; ++n) {
      writer->Write(civicwatch::testing::SyntheticRecord("bootstrap-fault", n));
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(resp.created(), to - from);
  }

  // A replica B in `dir_`/`name` that bootstraps from `peer`, launched but
  // not waited for.
  std::unique_ptr<ServerProcess> LaunchReplica(const std::string& name, const std::string& peer) {
    auto b = std::make_unique<ServerProcess>(
        CIVICWATCH_QUERY_BIN,
        std::vector<std::string>{"--data_dir=" + dir_ + "/" + name,
                                 "--ingest_address=" + ingest_->address(),
                                 "--bootstrap_from=" + peer},
        dir_ + "/" + name + ".log");
    b->Launch();
    return b;
  }

  std::string TmpOf(const std::string& name) const { return dir_ + "/" + name + "/tmp"; }

  // Checks that B, once caught up, answers exactly as A and as the store,
  // holds nothing of a download in its tmp folder, and that both show a
  // new report within a second.
  void ExpectServesAsPeer(const std::vector<const ServerProcess*>& replicas,
                          const std::vector<std::string>& names) {
    for (size_t i = 0; i < replicas.size(); ++i) {
      const ServerProcess& b = *replicas[i];
      ASSERT_EQ(WaitForReplicaToMatch(ingest_->address(), b.address()), "") << b.ReadLog();
      ASSERT_TRUE(WaitFor([&] { return HealthOf(b.address()) == "SERVING"; }, absl::Seconds(30)))
          << b.ReadLog();
      EXPECT_FALSE(HasFileStartingWith(TmpOf(names[i]), "bootstrap.db"))
          << names[i] << "/tmp: " << absl::StrJoin(FilesIn(TmpOf(names[i])), " ");
    }
    auto truth = ReadIngest(ingest_->address());
    ASSERT_TRUE(truth.ok()) << truth.status();
    auto a = ReadReplica(a_->address(), *truth);
    ASSERT_TRUE(a.ok()) << a.status();
    const Digest expected = DigestOf(*a);
    EXPECT_EQ(expected.events, DigestOf(*truth).events);
    for (size_t i = 0; i < replicas.size(); ++i) {
      auto b = ReadReplica(replicas[i]->address(), *truth);
      ASSERT_TRUE(b.ok()) << b.status();
      EXPECT_EQ(b->events.size(), a->events.size()) << names[i];
      EXPECT_TRUE(DigestOf(*b) == expected) << names[i] << ": " << FirstDifference(*truth, *b);
    }

    // A new report: every replica shows its events within a second.
    v1::CreateReportResponse created;
    grpc::Status s = SubmitReport(ingest_->address(), ReportBody(7, reports_++),
                                  absl::StrCat("follow-", reports_), &created);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_GT(created.events_size(), 0);
    const std::string event = created.events(0).name();
    for (size_t i = 0; i < replicas.size(); ++i) {
      auto stub = v1::QueryService::NewStub(FreshChannel(replicas[i]->address()));
      const bool shown = WaitFor(
          [&] {
            grpc::ClientContext ctx;
            ctx.set_deadline(DeadlineIn(absl::Seconds(1)));
            v1::GetEventRequest req;
            req.set_name(event);
            v1::Event got;
            return stub->GetEvent(&ctx, req, &got).ok();
          },
          absl::Seconds(1));
      EXPECT_TRUE(shown) << names[i] << " did not show " << event << " within a second";
    }
  }

  // A's replica as a snapshot (metadata and database bytes), taken by
  // `civicwatch-query --snapshot_to` beside the running A.
  ServedSnapshot SnapshotOfA() {
    const std::string file = dir_ + "/a.snapshot";
    EXPECT_EQ(ServerProcess::RunToExit(CIVICWATCH_QUERY_BIN,
                                       {"--data_dir=" + dir_ + "/query", "--snapshot_to=" + file},
                                       dir_ + "/snapshot_to.log"),
              0);
    std::ifstream in(file, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    const std::string all = content.str();
    size_t header = 0;
    auto metadata = snapshot::ParseSnapshotHeader(all, &header);
    EXPECT_TRUE(metadata.ok()) << metadata.status();
    ServedSnapshot served;
    if (metadata.ok()) served.metadata = *metadata;
    served.bytes = all.substr(header);
    return served;
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> a_;
  int reports_ = 0;
};

TEST_F(BootstrapFaultTest, PeerKilledMidSnapshot) {
  Relay relay(a_->port(), kRelayBudget);
  auto b = LaunchReplica("b", relay.address());
  // B holds part of the copy; the rest is held back by the relay.
  ASSERT_TRUE(WaitFor([&] { return PartialDownload(TmpOf("b")) >= (1 << 20); },
                      absl::Seconds(30)))
      << "relayed " << relay.forwarded_to_client() << " bytes\n" << b->ReadLog();
  // A may still be sending (its copy in its tmp), or may have handed its
  // last bytes to the kernel's socket buffers already.
  const bool a_was_sending = HasFileStartingWith(dir_ + "/query/tmp", "snapshot-");

  ASSERT_EQ(a_->Stop(SIGKILL), 128 + SIGKILL);
  // What A sent that the relay still held dies with the connection, as
  // bytes in flight die with a peer's node.
  relay.Sever();
  ASSERT_TRUE(WaitFor([&] { return relay.closed() >= 1; }, absl::Seconds(10)));
  relay.Release();
  // A comes back on the same port, without the copy it was sending.
  ASSERT_TRUE(a_->Start().ok()) << a_->ReadLog();
  // A copy left by the kill is removed at start; A may also have finished
  // and dropped it between the look above and the kill, so only a removal
  // without a copy seen before it would be wrong.
  if (absl::StrContains(a_->ReadLog(), "of an interrupted snapshot")) {
    EXPECT_TRUE(a_was_sending) << a_->ReadLog();
  }
  EXPECT_FALSE(HasFileStartingWith(dir_ + "/query/tmp", "snapshot-"))
      << absl::StrJoin(FilesIn(dir_ + "/query/tmp"), " ");

  // B's download broke; it tried again, and got a whole copy or, had A
  // been slow to return, fell back to the feed.
  ASSERT_TRUE(b->AwaitListening().ok()) << b->ReadLog();
  const std::string log = b->ReadLog();
  EXPECT_TRUE(absl::StrContains(log, "snapshot download 1 of 3 from " + relay.address() +
                                         " failed"))
      << log;
  EXPECT_TRUE(absl::StrContains(log, "bootstrapped from the replica at") ||
              absl::StrContains(log, "following the change feed from sequence 0 instead"))
      << log;
  ExpectServesAsPeer({b.get()}, {"b"});
}

TEST_F(BootstrapFaultTest, ReplicaKilledMidDownloadAndRestarted) {
  Relay relay(a_->port(), kRelayBudget);
  // Named as a Kubernetes pod names its peers (a headless Service).
  const std::string peer = "dns:///" + relay.address();
  auto b = LaunchReplica("b", peer);
  ASSERT_TRUE(WaitFor([&] { return PartialDownload(TmpOf("b")) >= (1 << 20); },
                      absl::Seconds(30)))
      << "relayed " << relay.forwarded_to_client() << " bytes\n" << b->ReadLog();
  ASSERT_EQ(b->Stop(SIGKILL), 128 + SIGKILL);
  // The kill left the partial file, and no replica.
  ASSERT_GE(PartialDownload(TmpOf("b")), 1 << 20);
  ASSERT_FALSE(fs::exists(dir_ + "/b/query.db"));
  // A gives up the stream to the dead B and drops its copy.
  EXPECT_TRUE(WaitFor([&] { return !HasFileStartingWith(dir_ + "/query/tmp", "snapshot-"); },
                      absl::Seconds(10)))
      << absl::StrJoin(FilesIn(dir_ + "/query/tmp"), " ");

  relay.Release();
  ASSERT_TRUE(b->Start().ok()) << b->ReadLog();
  const std::string log = b->ReadLog();
  EXPECT_TRUE(absl::StrContains(log, "removed 1 file(s) of an interrupted snapshot")) << log;
  EXPECT_TRUE(absl::StrContains(log, "bootstrapped from the replica at " + peer)) << log;
  ExpectServesAsPeer({b.get()}, {"b"});
}

// The database's page size, and the first page of the table `table` (from
// 1), read with SQLite from a copy of `bytes`.
struct PageOf {
  int page_size = 0;
  int root = 0;
};
PageOf RootPage(const std::string& dir, const std::string& bytes, const std::string& table) {
  const std::string path = dir + "/inspect.db";
  std::ofstream(path, std::ios::binary) << bytes;
  sqlite3* db = nullptr;
  PageOf out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    const std::string sql = "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                            "FROM sqlite_schema WHERE name = '" + table + "'";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out.root = sqlite3_column_int(st, 0);
      out.page_size = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(db);
  fs::remove(path);
  return out;
}

TEST_F(BootstrapFaultTest, BadSnapshotsAreNeverUsed) {
  const ServedSnapshot good = SnapshotOfA();
  ASSERT_GT(good.bytes.size(), 1u << 20);
  ASSERT_EQ(Sha256Hex(good.bytes), good.metadata.sha256());

  // A byte of the database changed on the way, the announced SHA-256 left.
  ServedSnapshot flipped = good;
  flipped.bytes[flipped.bytes.size() / 2] ^= 0x5a;
  // The bytes intact, the announced SHA-256 wrong.
  ServedSnapshot wrong_sha = good;
  wrong_sha.metadata.set_sha256(Sha256Hex("another database"));
  // A corrupt database whose checksum matches it (the peer's own file
  // damaged): the events table's root page is no b-tree page.
  ServedSnapshot corrupt = good;
  const PageOf events = RootPage(dir_, good.bytes, "events");
  ASSERT_GT(events.root, 1);
  corrupt.bytes[static_cast<size_t>(events.page_size) * (events.root - 1)] = 0x00;
  corrupt.metadata.set_sha256(Sha256Hex(corrupt.bytes));
  // The stream ends early, with OK.
  ServedSnapshot short_stream = good;
  short_stream.bytes.resize(good.bytes.size() / 2);
  // A peer of an older schema version.
  ServedSnapshot older = good;
  older.metadata.set_schema_version(good.metadata.schema_version() - 1);
  // The same bytes with their first page last and the SHA-256 after them,
  // as a peer sends them while it copies its database.
  ServedSnapshot late = good;
  late.metadata.set_sha256("");
  late.metadata.set_deferred_head_bytes(events.page_size);
  late.late_sha256 = Sha256Hex(good.bytes.substr(events.page_size) +
                               good.bytes.substr(0, events.page_size));
  // The SHA-256 that comes after the bytes does not match them.
  ServedSnapshot late_wrong_sha = late;
  late_wrong_sha.late_sha256 = Sha256Hex("another database");
  // Every byte but the head, and no SHA-256, then OK.
  ServedSnapshot late_no_end = late;
  late_no_end.no_snapshot_end = true;

  struct Case {
    std::string name;
    std::function<ServedSnapshot(int)> make;
    std::string reason;    // in B's log
    bool bootstraps;       // ends with the good copy
    int attempts;          // downloads B makes
  };
  const std::vector<Case> cases = {
      {"flipped", [&](int) { return flipped; }, "; the stream announced ", false, 3},
      {"wrong_sha", [&](int) { return wrong_sha; }, "; the stream announced ", false, 3},
      {"corrupt", [&](int) { return corrupt; }, "quick_check of the snapshot", false, 3},
      {"short", [&](int) { return short_stream; }, "the snapshot stream ended after", false, 3},
      {"older", [&](int) { return older; },
       absl::StrCat("the peer's replica has schema version ", older.metadata.schema_version(),
                    "; this program's is ", good.metadata.schema_version()),
       false, 1},
      {"flipped_once", [&](int call) { return call == 0 ? flipped : good; },
       "; the stream announced ", true, 2},
      {"late_wrong_sha", [&](int) { return late_wrong_sha; }, "; the stream announced ", false,
       3},
      {"late_no_end", [&](int) { return late_no_end; }, "ended without its head and SHA-256",
       false, 3},
      {"late_wrong_sha_once", [&](int call) { return call == 0 ? late_wrong_sha : late; },
       "; the stream announced ", true, 2},
  };
  // Every B at once, each from a peer of its own.
  std::vector<std::unique_ptr<TamperingPeer>> peers;
  std::vector<std::unique_ptr<ServerProcess>> replicas;
  for (const Case& c : cases) {
    peers.push_back(std::make_unique<TamperingPeer>(c.make));
    replicas.push_back(LaunchReplica(c.name, peers.back()->address()));
  }
  std::vector<const ServerProcess*> started;
  std::vector<std::string> names;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    ServerProcess& b = *replicas[i];
    ASSERT_TRUE(b.AwaitListening().ok()) << c.name << "\n" << b.ReadLog();
    const std::string log = b.ReadLog();
    EXPECT_EQ(peers[i]->calls(), c.attempts) << c.name << "\n" << log;
    EXPECT_TRUE(absl::StrContains(log, c.reason)) << c.name << "\n" << log;
    if (c.bootstraps) {
      EXPECT_TRUE(absl::StrContains(log, "bootstrapped from the replica at")) << c.name << log;
      EXPECT_TRUE(absl::StrContains(
          log, absl::StrCat("at sequence ", good.metadata.sequence())))
          << c.name << "\n" << log;
    } else {
      // The bad copy never became the replica: B opened an empty one and
      // follows the feed from its start.
      EXPECT_FALSE(absl::StrContains(log, "bootstrapped from")) << c.name << "\n" << log;
      EXPECT_TRUE(absl::StrContains(log, "following the change feed from sequence 0 instead"))
          << c.name << "\n" << log;
      EXPECT_TRUE(absl::StrContains(log, "at sequence 0")) << c.name << "\n" << log;
    }
    started.push_back(&b);
    names.push_back(c.name);
  }
  ExpectServesAsPeer(started, names);
}

}  // namespace
}  // namespace civicwatch::fault

// How fast a new query replica serves: from the change feed, and from a
// peer's snapshot. Real civicwatch-query processes, one run.
//
//   bootstrap_benchmark [--events=1000000] [--keep]
//
// A generated feed (synthetic_feed.h: --events events, a fiftieth as many
// reports, 50,000 entities) is served by a ChangeFeed server in this
// process on a loopback port. Then:
//   1. replica A (civicwatch-query on an empty data folder) catches up from
//      the feed: seconds from its start to health SERVING, events/s;
//   2. replica B (civicwatch-query --bootstrap_from=A, empty data folder)
//      copies A: seconds from its start to health SERVING, and the events
//      per second that is equivalent to (A's events over B's seconds); the
//      bytes A sent (the snapshot's database; the stream adds its framing);
//      B's own account of the download and checks (its log line);
//   3. peak RSS (VmHWM of /proc/PID/status) of A and of B, and of this
//      process (the feed generator and server).
// B is checked to hold what A holds (event count and feed cursor from
// AdminService.GetServerInfo). Data folders go under $TMPDIR (or /tmp)
// and are removed unless --keep.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "re2/re2.h"
#include "services/query/synthetic_feed.h"
#include "services/query/synthetic_feed_service.h"
#include "tests/support/server_process.h"

namespace civicwatch::query {
namespace {

using civicwatch::testing::ServerProcess;

// A channel that tries again within milliseconds of a refused connection,
// so a replica's first SERVING is seen when it happens.
std::shared_ptr<grpc::Channel> EagerChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 10);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 10);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 50);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

// Waits until the query service health of `address` is SERVING; false
// after `timeout`.
bool WaitForServing(const std::string& address, absl::Duration timeout) {
  auto health = grpc::health::v1::Health::NewStub(EagerChannel(address));
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc::health::v1::HealthCheckRequest req;
    req.set_service("civicwatch.v1.QueryService");
    grpc::health::v1::HealthCheckResponse resp;
    if (health->Check(&ctx, req, &resp).ok() &&
        resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

std::optional<v1::ServerInfo> Info(const std::string& address) {
  auto admin = v1::AdminService::NewStub(EagerChannel(address));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::ServerInfo info;
  if (!admin->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info).ok()) return std::nullopt;
  return info;
}

// VmHWM of a running process, in MB; -1 when it cannot be read.
double PeakRssMb(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    long kb = 0;
    if (RE2::FullMatch(line, R"(VmHWM:\s+(\d+) kB)", &kb)) return kb / 1024.0;
  }
  return -1;
}

// The line of `log` holding `text`, without its end.
std::string LineWith(const std::string& log, const std::string& text) {
  const size_t at = log.find(text);
  if (at == std::string::npos) return "(none)";
  const size_t begin = log.rfind('\n', at) == std::string::npos ? 0 : log.rfind('\n', at) + 1;
  return log.substr(begin, log.find('\n', at) - begin);
}

int Run(int argc, char** argv) {
  int64_t events = 1000000;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--events=", 9) == 0) {
      if (!absl::SimpleAtoi(argv[i] + 9, &events) || events < 1) {
        std::cerr << "--events wants a positive number\n";
        return 2;
      }
    } else if (std::strcmp(argv[i], "--keep") == 0) {
      keep = true;
    } else {
      std::cerr << "usage: bootstrap_benchmark [--events=N] [--keep]\n";
      return 2;
    }
  }
  const char* base = std::getenv("TMPDIR");
  const std::filesystem::path dir =
      std::filesystem::path(base != nullptr ? base : "/tmp") /
      absl::StrCat("bootstrap_benchmark_", getpid());
  std::filesystem::create_directories(dir);

  testing::SyntheticFeed::Options feed_options;
  feed_options.events = events;
  const int64_t changes = testing::SyntheticFeed(feed_options).head_sequence();
  testing::SyntheticFeedService feed(feed_options);
  testing::ServedFeed served = testing::ServeOnLoopback(feed);
  if (served.server == nullptr) {
    std::cerr << "cannot start the feed server\n";
    return 1;
  }
  const std::string feed_address = served.address;
  const absl::Duration timeout = absl::Minutes(30);

  // 1. From the feed.
  ServerProcess a(CIVICWATCH_QUERY_BIN,
                  {"--data_dir=" + (dir / "a").string(), "--ingest_address=" + feed_address},
                  (dir / "a.log").string());
  const absl::Time a_start = absl::Now();
  if (absl::Status s = a.Start(timeout); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  if (!WaitForServing(a.address(), timeout)) {
    std::cerr << "replica A did not catch up:\n" << a.ReadLog();
    return 1;
  }
  const absl::Duration a_time = absl::Now() - a_start;

  // 2. From A.
  ServerProcess b(CIVICWATCH_QUERY_BIN,
                  {"--data_dir=" + (dir / "b").string(), "--ingest_address=" + feed_address,
                   "--bootstrap_from=" + a.address()},
                  (dir / "b.log").string());
  const absl::Time b_start = absl::Now();
  b.Launch();
  if (absl::Status s = b.AwaitListening(timeout); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  const absl::Duration b_listening = absl::Now() - b_start;
  if (!WaitForServing(b.address(), timeout)) {
    std::cerr << "replica B did not serve:\n" << b.ReadLog();
    return 1;
  }
  const absl::Duration b_time = absl::Now() - b_start;

  const std::optional<v1::ServerInfo> a_info = Info(a.address());
  const std::optional<v1::ServerInfo> b_info = Info(b.address());
  const std::string b_log = b.ReadLog();
  int64_t bytes = -1;
  RE2::PartialMatch(b_log, R"(bootstrapped from the replica at \S+ cursor \d+, (\d+) bytes)",
                    &bytes);
  const double a_rss = PeakRssMb(a.pid());
  const double b_rss = PeakRssMb(b.pid());
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  b.Stop(SIGTERM);
  a.Stop(SIGTERM);
  served.server->Shutdown(std::chrono::system_clock::now());

  const bool same = a_info.has_value() && b_info.has_value() &&
                    a_info->event_count() == b_info->event_count() &&
                    a_info->applied_sequence() == b_info->applied_sequence() &&
                    a_info->event_count() == events;
  const double a_seconds = absl::ToDoubleSeconds(a_time);
  const double b_seconds = absl::ToDoubleSeconds(b_time);
  std::printf("== civicwatch-query start-up, %lld events (%lld changes) ==\n",
              static_cast<long long>(events), static_cast<long long>(changes));
  std::printf("A from the change feed: SERVING after %.1f s: %.0f events/s\n", a_seconds,
              events / a_seconds);
  std::printf("  %s\n", LineWith(a.ReadLog(), "caught up with the change feed").c_str());
  std::printf("B from A's snapshot: listening after %.1f s, SERVING after %.1f s: equivalent "
              "to %.0f events/s (target 100,000 events/s, i.e. SERVING within %.1f s): %s\n",
              absl::ToDoubleSeconds(b_listening), b_seconds, events / b_seconds,
              events / 100000.0, events / b_seconds >= 100000 ? "met" : "NOT met");
  std::printf("  %s\n", LineWith(b_log, "bootstrapped from the replica").c_str());
  std::printf("bytes sent by A: %lld (the database; %.1f bytes per event)\n",
              static_cast<long long>(bytes), static_cast<double>(bytes) / events);
  std::printf("peak RSS (VmHWM): A %.0f MB, B %.0f MB; this process (feed generator and "
              "server) %ld MB\n",
              a_rss, b_rss, usage.ru_maxrss / 1024);
  std::printf("B holds what A holds (events %lld / %lld, cursor %lld / %lld): %s\n",
              static_cast<long long>(b_info ? b_info->event_count() : -1),
              static_cast<long long>(a_info ? a_info->event_count() : -1),
              static_cast<long long>(b_info ? b_info->applied_sequence() : -1),
              static_cast<long long>(a_info ? a_info->applied_sequence() : -1),
              same ? "yes" : "NO");
  if (keep) {
    std::printf("data kept in %s\n", dir.c_str());
  } else {
    std::filesystem::remove_all(dir);
  }
  return same ? 0 : 1;
}

}  // namespace
}  // namespace civicwatch::query

int main(int argc, char** argv) { return civicwatch::query::Run(argc, argv); }

// Query service benchmark over a generated replica (synthetic_feed.h).
//
//   query_benchmark [--events=1000000] [--batch=5000] [--in_process]
//                   [--keep_db] [Google Benchmark flags]
//
// --batch: changes per feed batch (by default what the query service's feed
// follower asks for, 5000; the ingest service's own default is 500).
//
// Prints, in one run:
//   - replica catch-up from zero: events applied per second, by the query
//     service's FeedFollower following a ChangeFeed server on loopback gRPC
//     that streams the generated feed (synthetic_feed_service.h); with
//     --in_process, by calling ReadModel::Apply with feed-sized batches
//     instead (the writer alone: no gRPC, no generator in the timing);
//   - ListEvents, a page of 50 filtered by country and year, over loopback
//     gRPC and the same query on the read model in-process (p50, p99), and
//     an empty RPC (health Check) for the round trip;
//   - ComputeStatistics month x category for one country over gRPC (p99);
//   - a text search's first page of 50 for a word in a third of the events,
//     before (TextSearchPlan::kEveryMatch) and after (kAdaptive), in-process
//     and over gRPC (also 4 callers at once), and for a rare word;
//   - ComputeStatistics month x category over every event, before
//     (StatisticsSummaries::kPerCountry) and after (kSmallest);
//   - peak RSS of this process (feed server and generator, follower, query
//     service and client together).
#include <grpcpp/grpcpp.h>
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/notification.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "services/common/health_service.h"
#include "services/common/errors.h"
#include "services/query/feed_follower.h"
#include "services/query/query_service.h"
#include "services/query/read_model.h"
#include "services/query/synthetic_feed.h"
#include "services/query/synthetic_feed_service.h"

namespace civicwatch::query {
namespace {

ReadModel* g_model = nullptr;
std::unique_ptr<v1::QueryService::Stub> g_stub;
std::unique_ptr<grpc::health::v1::Health::Stub> g_health;

// p99 and p50 of each benchmark, in milliseconds, for the summary.
struct Percentiles {
  double p50 = 0, p99 = 0;
};
std::map<std::string, Percentiles> g_results;

// Records per-iteration latencies and publishes p50/p99 as counters.
class Latencies {
 public:
  void Add(absl::Duration d) { samples_.push_back(absl::ToDoubleMilliseconds(d)); }
  void Merge(const Latencies& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  }
  void Publish(benchmark::State& state, const std::string& name) {
    if (samples_.empty()) return;
    std::sort(samples_.begin(), samples_.end());
    auto at = [&](double q) {
      return samples_[std::min(samples_.size() - 1, static_cast<size_t>(q * samples_.size()))];
    };
    Percentiles p{at(0.50), at(0.99)};
    state.counters[name + "_p50_ms"] = p.p50;
    state.counters[name + "_p99_ms"] = p.p99;
    g_results[name] = p;
  }

 private:
  std::vector<double> samples_;
};

// The filter of iteration i: one of the busiest countries, one year.
v1::EventFilter CountryYear(int64_t i) {
  v1::EventFilter filter;
  filter.add_country_codes(testing::SyntheticFeed::Countries()[i % 3]);
  int year = 2010 + static_cast<int>(i % 14);
  filter.mutable_start_date()->set_year(year);
  filter.mutable_end_date()->set_year(year);
  return filter;
}

// The same ListEvents page over gRPC and in-process, and an empty RPC,
// taken in turn within each iteration, so that all three see the same load
// on the machine (the comparison is the point, and load varies over a run).
// Times one gRPC call, made by `call` with the ClientContext it is given,
// into `latencies`; a failed call skips the benchmark with its error.
template <typename Call>
void TimedGrpcCall(benchmark::State& state, Latencies& latencies, Call call) {
  grpc::ClientContext context;
  const absl::Time start = absl::Now();
  const grpc::Status status = call(&context);
  latencies.Add(absl::Now() - start);
  if (!status.ok()) state.SkipWithError(status.error_message().c_str());
}

// Statistics by month and category, of every event or of one country's.
v1::ComputeStatisticsRequest MonthByCategoryRequest(const std::string& country = "") {
  v1::ComputeStatisticsRequest request;
  if (!country.empty()) request.mutable_filter()->add_country_codes(country);
  request.add_group_by(v1::STATISTICS_DIMENSION_MONTH);
  request.add_group_by(v1::STATISTICS_DIMENSION_CATEGORY);
  return request;
}

void BM_ListEventsGrpcInProcessAndEmptyRpc(benchmark::State& state) {
  Latencies grpc_list, sql_list, empty;
  int64_t i = 0;
  for (auto _ : state) {
    const v1::EventFilter filter = CountryYear(i++);
    {
      ListEventsQuery query;
      query.filter = filter;
      query.page_size = 50;
      absl::Time start = absl::Now();
      auto page = g_model->ListEvents(query, absl::InfiniteFuture());
      sql_list.Add(absl::Now() - start);
      if (!page.ok()) state.SkipWithError("ListEvents failed");
      benchmark::DoNotOptimize(page);
    }
    TimedGrpcCall(state, grpc_list, [&](grpc::ClientContext* context) {
      v1::ListEventsRequest request;
      *request.mutable_filter() = filter;
      request.set_page_size(50);
      v1::ListEventsResponse response;
      return g_stub->ListEvents(context, request, &response);
    });
    {
      grpc::ClientContext context;
      grpc::health::v1::HealthCheckRequest request;
      grpc::health::v1::HealthCheckResponse response;
      absl::Time start = absl::Now();
      grpc::Status status = g_health->Check(&context, request, &response);
      empty.Add(absl::Now() - start);
      if (!status.ok()) state.SkipWithError("health check failed");
    }
  }
  grpc_list.Publish(state, "list_grpc");
  sql_list.Publish(state, "list_sql");
  empty.Publish(state, "empty_rpc");
}

void BM_StatisticsMonthByCategoryGrpc(benchmark::State& state) {
  Latencies latencies;
  int64_t i = 0;
  for (auto _ : state) {
    const v1::ComputeStatisticsRequest request =
        MonthByCategoryRequest(testing::SyntheticFeed::Countries()[i++ % 3]);
    TimedGrpcCall(state, latencies, [&](grpc::ClientContext* context) {
      v1::ComputeStatisticsResponse response;
      return g_stub->ComputeStatistics(context, request, &response);
    });
  }
  latencies.Publish(state, "stats_grpc");
}

BENCHMARK(BM_ListEventsGrpcInProcessAndEmptyRpc)->Iterations(2000);
void BM_StatisticsMonthByCategoryInProcess(benchmark::State& state) {
  Latencies latencies;
  int64_t i = 0;
  for (auto _ : state) {
    v1::EventFilter filter;
    filter.add_country_codes(testing::SyntheticFeed::Countries()[i++ % 3]);
    absl::Time start = absl::Now();
    auto stats = g_model->ComputeStatistics(
        filter, {v1::STATISTICS_DIMENSION_MONTH, v1::STATISTICS_DIMENSION_CATEGORY}, {},
        absl::InfiniteFuture());
    latencies.Add(absl::Now() - start);
    if (!stats.ok()) state.SkipWithError("ComputeStatistics failed");
    benchmark::DoNotOptimize(stats);
  }
  latencies.Publish(state, "stats_sql");
}

BENCHMARK(BM_StatisticsMonthByCategoryGrpc)->Iterations(100);
BENCHMARK(BM_StatisticsMonthByCategoryInProcess)->Iterations(100);

// The first page (50) of a text search, in-process: the plan that finds,
// counts and sorts every match first ("before") and the adaptive one
// ("after"), taken in turn in each iteration so both see the same load, and
// the adaptive one over gRPC. "monitors" is in a third of the events;
// "tribunal", in one in a thousand, shows that a selective search stays fast.
void BM_TextSearchFirstPage(benchmark::State& state) {
  Latencies every_match, adaptive, grpc_adaptive, rare;
  auto in_process = [&](const std::string& text, TextSearchPlan plan, Latencies& latencies) {
    ListEventsQuery query;
    query.filter.set_text(text);
    query.page_size = 50;
    query.text_plan = plan;
    absl::Time start = absl::Now();
    auto page = g_model->ListEvents(query, absl::InfiniteFuture());
    latencies.Add(absl::Now() - start);
    if (!page.ok() || page->events.size() != 50) state.SkipWithError("text search failed");
    benchmark::DoNotOptimize(page);
  };
  for (auto _ : state) {
    in_process("monitors", TextSearchPlan::kEveryMatch, every_match);
    in_process("monitors", TextSearchPlan::kAdaptive, adaptive);
    in_process("tribunal", TextSearchPlan::kAdaptive, rare);
    TimedGrpcCall(state, grpc_adaptive, [&](grpc::ClientContext* context) {
      v1::ListEventsRequest request;
      request.mutable_filter()->set_text("monitors");
      request.set_page_size(50);
      v1::ListEventsResponse response;
      return g_stub->ListEvents(context, request, &response);
    });
  }
  every_match.Publish(state, "text_before");
  adaptive.Publish(state, "text_after");
  rare.Publish(state, "text_rare_after");
  grpc_adaptive.Publish(state, "text_after_grpc");
}
BENCHMARK(BM_TextSearchFirstPage)->Iterations(40);

// The same first page over gRPC from 4 callers at once (the adaptive plan;
// the service has no other).
void BM_TextSearchFirstPageGrpcConcurrency4(benchmark::State& state) {
  constexpr int kCallers = 4;
  constexpr int kCallsEach = 25;
  std::vector<Latencies> latencies(kCallers);
  for (auto _ : state) {
    std::vector<std::thread> callers;
    for (int c = 0; c < kCallers; ++c) {
      callers.emplace_back([&, c] {
        for (int i = 0; i < kCallsEach; ++i) {
          grpc::ClientContext context;
          v1::ListEventsRequest request;
          request.mutable_filter()->set_text("monitors");
          request.set_page_size(50);
          request.set_order_by(i % 2 == 0 ? "" : "date desc");
          v1::ListEventsResponse response;
          absl::Time start = absl::Now();
          grpc::Status status = g_stub->ListEvents(&context, request, &response);
          latencies[c].Add(absl::Now() - start);
          if (!status.ok()) std::cerr << status.error_message() << "\n";
        }
      });
    }
    for (std::thread& t : callers) t.join();
  }
  Latencies all;
  for (Latencies& l : latencies) all.Merge(l);
  all.Publish(state, "text_after_grpc_c4");
}
BENCHMARK(BM_TextSearchFirstPageGrpcConcurrency4)->Iterations(1)->UseRealTime();

// Statistics by month and category over every event (no filter),
// in-process from the per-country summaries ("before") and from the
// all-countries one ("after"), in turn; and over gRPC.
void BM_StatisticsEverythingMonthByCategory(benchmark::State& state) {
  Latencies before, after, grpc_after;
  const std::vector<v1::StatisticsDimension> month_category = {
      v1::STATISTICS_DIMENSION_MONTH, v1::STATISTICS_DIMENSION_CATEGORY};
  for (auto _ : state) {
    for (StatisticsSummaries summaries :
         {StatisticsSummaries::kPerCountry, StatisticsSummaries::kSmallest}) {
      absl::Time start = absl::Now();
      auto stats = g_model->ComputeStatistics(v1::EventFilter(), month_category, {},
                                              absl::InfiniteFuture(), 0, summaries);
      (summaries == StatisticsSummaries::kSmallest ? after : before).Add(absl::Now() - start);
      if (!stats.ok()) state.SkipWithError("ComputeStatistics failed");
      benchmark::DoNotOptimize(stats);
    }
    TimedGrpcCall(state, grpc_after, [&](grpc::ClientContext* context) {
      v1::ComputeStatisticsResponse response;
      return g_stub->ComputeStatistics(context, MonthByCategoryRequest(), &response);
    });
  }
  before.Publish(state, "stats_all_before");
  after.Publish(state, "stats_all_after");
  grpc_after.Publish(state, "stats_all_after_grpc");
}
BENCHMARK(BM_StatisticsEverythingMonthByCategory)->Iterations(100);

// The process's CPU time: while the replica is applied nothing else runs in
// it but the sorter's helper threads, which count.
double ProcessCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

long PeakRssMb() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// How a catch-up from zero went.
struct CatchUp {
  int64_t changes = 0;
  absl::Duration wall;
  double cpu_seconds = 0;  // the whole process's
  // The batch that ends the bulk load and builds the indexes (in-process
  // only: the follower's log says how long the build took).
  std::optional<absl::Duration> last_batch;
};

// Applies the generated feed through ReadModel::Apply, `batch_size`
// changes at a time; only the Apply calls are timed.
absl::StatusOr<CatchUp> CatchUpInProcess(ReadModel& model,
                                         const testing::SyntheticFeed::Options& options,
                                         int batch_size) {
  testing::SyntheticFeed feed(options);
  CatchUp result;
  while (true) {
    v1::WatchChangesResponse batch = feed.NextBatch(batch_size);
    if (batch.changes().empty()) break;
    result.changes += batch.changes_size();
    const absl::Time start = absl::Now();
    const double cpu_start = ProcessCpuSeconds();
    if (absl::Status s = model.Apply(batch); !s.ok()) return s;
    result.cpu_seconds += ProcessCpuSeconds() - cpu_start;
    result.last_batch = absl::Now() - start;
    result.wall += *result.last_batch;
  }
  return result;
}

// Serves the generated feed on a loopback port and lets a FeedFollower
// catch the model up from it, as the query service does from ingest;
// timed from the follower's start to its first catch-up.
absl::StatusOr<CatchUp> CatchUpOverFeed(ReadModel& model,
                                        const testing::SyntheticFeed::Options& options,
                                        int batch_size) {
  testing::SyntheticFeedService feed(options);
  testing::ServedFeed served = testing::ServeOnLoopback(feed);
  if (served.server == nullptr) return civicwatch::UnavailableError("cannot start the feed server");

  absl::Notification caught_up;
  FeedFollower::Options follow;
  follow.ingest_address = served.address;
  follow.max_batch_size = batch_size;
  follow.on_caught_up = [&caught_up] { caught_up.Notify(); };
  CatchUp result;
  const absl::Time start = absl::Now();
  const double cpu_start = ProcessCpuSeconds();
  {
    FeedFollower follower(&model, follow);
    follower.Start();
    caught_up.WaitForNotification();
    result.wall = absl::Now() - start;
    result.cpu_seconds = ProcessCpuSeconds() - cpu_start;
    result.changes = follower.progress().cursor;
  }
  served.server->Shutdown(std::chrono::system_clock::now());
  return result;
}

// Prints the latency figures and whether each target is met; a figure whose
// benchmark did not run (--benchmark_filter) is "not measured", never met.
void PrintLatencyFigures() {
  const bool list_measured = g_results.count("list_grpc") && g_results.count("list_sql") &&
                             g_results.count("empty_rpc");
  if (list_measured) {
    const Percentiles& empty = g_results["empty_rpc"];
    const Percentiles& grpc_list = g_results["list_grpc"];
    const Percentiles& sql_list = g_results["list_sql"];
    std::printf("ListEvents country+year, 50:   gRPC p50 %.2f ms p99 %.2f ms | in-process "
                "p50 %.2f ms p99 %.2f ms | ratio p99 %.2f\n",
                grpc_list.p50, grpc_list.p99, sql_list.p50, sql_list.p99,
                sql_list.p99 > 0 ? grpc_list.p99 / sql_list.p99 : 0.0);
    std::printf("empty RPC round trip:          p50 %.2f ms p99 %.2f ms\n", empty.p50, empty.p99);
    std::printf("  target p99 <= 10 ms: %s; p99 <= in-process p99 + empty RPC p50 + 1 ms "
                "(%.2f ms): %s\n",
                grpc_list.p99 <= 10 ? "met" : "NOT met", sql_list.p99 + empty.p50 + 1,
                grpc_list.p99 <= sql_list.p99 + empty.p50 + 1 ? "met" : "NOT met");
  } else {
    std::printf("ListEvents country+year, 50:   not measured\n");
  }
  if (g_results.count("stats_grpc") && g_results.count("stats_sql")) {
    const Percentiles& stats = g_results["stats_grpc"];
    std::printf("statistics month x category:   gRPC p50 %.2f ms p99 %.2f ms (target p99 <= 50 "
                "ms: %s) | in-process p50 %.2f ms p99 %.2f ms\n",
                stats.p50, stats.p99, stats.p99 <= 50 ? "met" : "NOT met",
                g_results["stats_sql"].p50, g_results["stats_sql"].p99);
  } else {
    std::printf("statistics month x category:   not measured\n");
  }
  auto figure = [](const char* name) -> std::string {
    auto it = g_results.find(name);
    if (it == g_results.end()) return "not measured";
    char line[96];
    std::snprintf(line, sizeof line, "p50 %.2f ms p99 %.2f ms", it->second.p50, it->second.p99);
    return line;
  };
  std::printf("text search \"monitors\" (a third of the events), first page of 50:\n"
              "  before (every match found, counted, sorted), in-process: %s\n"
              "  after (walk in page order, total up to %lld), in-process: %s\n"
              "  after, gRPC: %s; gRPC, 4 callers at once: %s\n"
              "  \"tribunal\" (one in a thousand), after, in-process: %s\n",
              figure("text_before").c_str(), static_cast<long long>(kExactTotalBound),
              figure("text_after").c_str(), figure("text_after_grpc").c_str(),
              figure("text_after_grpc_c4").c_str(), figure("text_rare_after").c_str());
  std::printf("statistics month x category over every event:\n"
              "  before (per-country summaries), in-process: %s\n"
              "  after (all-countries summary), in-process: %s; gRPC: %s\n",
              figure("stats_all_before").c_str(), figure("stats_all_after").c_str(),
              figure("stats_all_after_grpc").c_str());
}

int Run(int argc, char** argv) {
  int64_t events = 1000000;
  // As in main.cc: keep freed heap between feed batches.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  bool keep = false;
  bool in_process = false;
  // The batch the query service asks of the feed.
  int batch_size = FeedFollower::Options().max_batch_size;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep_db") == 0) {
      keep = true;
    } else if (std::strcmp(argv[i], "--in_process") == 0) {
      in_process = true;
    } else if (std::strncmp(argv[i], "--batch=", 8) == 0) {
      if (!absl::SimpleAtoi(argv[i] + 8, &batch_size) || batch_size < 1) {
        std::cerr << "--batch wants a positive number\n";
        return 2;
      }
    } else if (std::strncmp(argv[i], "--events=", 9) == 0) {
      if (!absl::SimpleAtoi(argv[i] + 9, &events) || events < 1) {
        std::cerr << "--events wants a positive number\n";
        return 2;
      }
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());

  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    absl::StrCat("query_benchmark_", getpid());
  std::filesystem::create_directories(dir);
  auto model = ReadModel::Open((dir / "query.db").string(), {});
  if (!model.ok()) {
    std::cerr << model.status() << "\n";
    return 1;
  }
  g_model = model->get();

  // Catch-up from zero, as a replica following a full feed would.
  testing::SyntheticFeed::Options feed_options;
  feed_options.events = events;
  absl::StatusOr<CatchUp> catch_up = in_process
                                         ? CatchUpInProcess(*g_model, feed_options, batch_size)
                                         : CatchUpOverFeed(*g_model, feed_options, batch_size);
  if (!catch_up.ok()) {
    std::cerr << catch_up.status() << "\n";
    return 1;
  }
  const long rss_after_catch_up = PeakRssMb();

  QueryServiceImpl service(g_model);
  HealthService health;
  health.SetStatus("", grpc::health::v1::HealthCheckResponse::SERVING);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  builder.RegisterService(&health);
  auto server = builder.BuildAndStart();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  g_stub = v1::QueryService::NewStub(channel);
  g_health = grpc::health::v1::Health::NewStub(channel);

  benchmark::RunSpecifiedBenchmarks();

  const int64_t changes = catch_up->changes;
  std::printf("\n== civicwatch-query figures, %lld events (%lld changes) ==\n",
              static_cast<long long>(events), static_cast<long long>(changes));
  const double seconds = absl::ToDoubleSeconds(catch_up->wall);
  std::printf("catch-up from zero (%s): %.0f events/s, %.0f changes/s (%.1f s; %.1f s of "
              "CPU in the process: %.0f events per CPU second; target 100k events/s)\n",
              in_process ? "ReadModel::Apply in-process" : "FeedFollower over loopback gRPC",
              events / seconds, changes / seconds, seconds, catch_up->cpu_seconds,
              events / catch_up->cpu_seconds);
  if (catch_up->last_batch.has_value()) {
    std::printf("  of which the last batch (ends the bulk load, builds the indexes): %.1f s\n",
                absl::ToDoubleSeconds(*catch_up->last_batch));
  }
  PrintLatencyFigures();
  std::printf("peak RSS: %ld MB after catch-up, %ld MB at the end (one process: feed server "
              "and generator, follower, query service, client)\n",
              rss_after_catch_up, PeakRssMb());

  server->Shutdown();
  g_stub.reset();
  g_health.reset();
  model->reset();
  if (keep) {
    std::printf("replica kept at %s\n", dir.c_str());
  } else {
    std::filesystem::remove_all(dir);
  }
  return 0;
}

}  // namespace
}  // namespace civicwatch::query

int main(int argc, char** argv) { return civicwatch::query::Run(argc, argv); }

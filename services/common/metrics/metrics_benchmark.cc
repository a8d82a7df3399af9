// What recording a gRPC call's metrics costs: the per-call work the
// interceptor does (method lookup, started, handled, latency histogram),
// single-threaded and from several threads at once; and a loop of real
// unary RPCs on loopback against two in-process servers, one without and
// one with the metrics interceptor, alternating in blocks of calls so that
// both see the same machine load. BM_UnaryRpcWithAndWithoutMetrics prints
// the ratio of the two (latency and CPU) measured in the same run.
#include <benchmark/benchmark.h>
#include <grpcpp/grpcpp.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "grpc/health/v1/health.grpc.pb.h"

#include "services/common/metrics/grpc_metrics.h"
#include "services/common/metrics/metric_types.h"

namespace civicwatch::metrics {
namespace {

void BM_CounterIncrement(benchmark::State& state) {
  static Counter counter;
  for (auto _ : state) counter.Increment();
  benchmark::DoNotOptimize(counter.Value());
}
BENCHMARK(BM_CounterIncrement)->ThreadRange(1, 2);

void BM_HistogramObserve(benchmark::State& state) {
  static Histogram histogram(LatencyBuckets());
  double v = 0.0001;
  for (auto _ : state) {
    histogram.Observe(v);
    v = v < 20 ? v * 1.7 : 0.0001;
  }
  benchmark::DoNotOptimize(histogram.Count());
}
BENCHMARK(BM_HistogramObserve)->ThreadRange(1, 2);

// Everything the interceptor does for one unary call, clock reads included.
void BM_RecordUnaryCall(benchmark::State& state) {
  static GrpcServerMetrics metrics({"grpc.health.v1.Health"});
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    MethodMetrics* m = metrics.ForMethod("/grpc.health.v1.Health/Check",
                                         grpc::experimental::ServerRpcInfo::Type::UNARY);
    m->started.Increment();
    m->msg_received.Increment();
    m->msg_sent.Increment();
    m->handled[0].Increment();
    m->handling_seconds.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
}
BENCHMARK(BM_RecordUnaryCall)->ThreadRange(1, 2);

// A health service that answers SERVING: the cheapest real unary call.
class ServingHealth final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest*,
                     grpc::health::v1::HealthCheckResponse* response) override {
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
};

// An interceptor that does nothing: what gRPC's interception machinery
// costs by itself. The services always run one (the call log), so their
// marginal cost of metrics is the metrics interceptor against this.
class NoOpInterceptor final : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    methods->Proceed();
  }
};
class NoOpInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo*) override {
    return new NoOpInterceptor();
  }
};

enum class Interception { kNone, kNoOp, kMetrics };

// An in-process server on a loopback port, with no interceptor, a no-op
// one or the metrics interceptor the services install (server_runner.cc),
// and a client stub.
class LoopbackServer {
 public:
  explicit LoopbackServer(Interception interception) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&health_);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> f;
    if (interception == Interception::kNoOp) f.push_back(std::make_unique<NoOpInterceptorFactory>());
    if (interception == Interception::kMetrics) f.push_back(metrics_.MakeInterceptorFactory());
    if (!f.empty()) builder.experimental().SetInterceptorCreators(std::move(f));
    server_ = builder.BuildAndStart();
    stub_ = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(port_), grpc::InsecureChannelCredentials()));
  }
  ~LoopbackServer() { server_->Shutdown(); }

  // One Check call; false when it failed.
  bool Call() {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    return stub_->Check(&context, request, &response).ok();
  }

 private:
  ServingHealth health_;
  GrpcServerMetrics metrics_{{"grpc.health.v1.Health"}};
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
};

// Unary RPCs on loopback; arg 0 without interceptor, 1 with a no-op one,
// 2 with the metrics interceptor.
void BM_UnaryRpc(benchmark::State& state) {
  LoopbackServer server(static_cast<Interception>(state.range(0)));
  for (int i = 0; i < 100; ++i) server.Call();  // connect and warm up
  for (auto _ : state) {
    if (!server.Call()) state.SkipWithError("call failed");
  }
  const char* labels[] = {"no interceptor", "no-op interceptor", "metrics interceptor"};
  state.SetLabel(labels[state.range(0)]);
}
BENCHMARK(BM_UnaryRpc)->Arg(0)->Arg(1)->Arg(2)->UseRealTime();

double ProcessCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Two servers in one run, in blocks of kBlock calls that alternate
// between them, so that both see the same machine load: "with" has the
// metrics interceptor; "without" has none (arg 0: the whole cost of
// metrics on a server without interceptors) or a no-op one (arg 1: the
// marginal cost on the services, which run the call log interceptor
// anyway) or the metrics interceptor as well (arg 2: an A/A control, whose
// ratio shows how far apart two identical servers measure). Counters: the
// median latency of each (us_p50_*), the process CPU (client and server
// threads, all in this process) per call of each (cpu_us_*), and the
// ratios with / without of both. The CPU ratio is the steadier figure on
// a shared machine: other processes' load stretches latencies, not the
// CPU this process spends.
void BM_UnaryRpcWithAndWithoutMetrics(benchmark::State& state) {
  constexpr int kBlock = 50;
  const Interception baseline[] = {Interception::kNone, Interception::kNoOp, Interception::kMetrics};
  LoopbackServer without(baseline[state.range(0)]);
  LoopbackServer with(Interception::kMetrics);
  for (int i = 0; i < 200; ++i) {
    without.Call();
    with.Call();
  }
  using Clock = std::chrono::steady_clock;
  std::vector<double> latency[2];
  double cpu[2] = {0, 0};
  int64_t calls[2] = {0, 0};
  int which = 0;
  for (auto _ : state) {
    LoopbackServer* server = which == 1 ? &with : &without;
    const double cpu_start = ProcessCpuSeconds();
    for (int i = 0; i < kBlock; ++i) {
      const auto start = Clock::now();
      if (!server->Call()) state.SkipWithError("call failed");
      latency[which].push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    cpu[which] += ProcessCpuSeconds() - cpu_start;
    calls[which] += kBlock;
    which = 1 - which;
  }
  const double p50_without = Median(latency[0]);
  const double p50_with = Median(latency[1]);
  const double cpu_without = calls[0] > 0 ? cpu[0] * 1e6 / static_cast<double>(calls[0]) : 0;
  const double cpu_with = calls[1] > 0 ? cpu[1] * 1e6 / static_cast<double>(calls[1]) : 0;
  state.counters["us_p50_without"] = p50_without;
  state.counters["us_p50_with"] = p50_with;
  state.counters["p50_ratio"] = p50_without > 0 ? p50_with / p50_without : 0;
  state.counters["cpu_us_without"] = cpu_without;
  state.counters["cpu_us_with"] = cpu_with;
  state.counters["cpu_ratio"] = cpu_without > 0 ? cpu_with / cpu_without : 0;
  state.SetItemsProcessed(state.iterations() * kBlock);
  const char* labels[] = {"without: no interceptor", "without: no-op interceptor",
                          "A/A control: metrics on both"};
  state.SetLabel(labels[state.range(0)]);
}
BENCHMARK(BM_UnaryRpcWithAndWithoutMetrics)->Arg(0)->Arg(1)->Arg(2)->UseRealTime()->MinTime(5);

}  // namespace
}  // namespace civicwatch::metrics

BENCHMARK_MAIN();

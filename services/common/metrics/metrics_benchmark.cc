// What recording a gRPC call's metrics costs: the per-call work the
// interceptor does (method lookup, started, handled, latency histogram),
// single-threaded and from several threads at once. Compare with a
// unary RPC on loopback (tens of microseconds).
#include <benchmark/benchmark.h>

#include <chrono>

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

}  // namespace
}  // namespace civicwatch::metrics

BENCHMARK_MAIN();

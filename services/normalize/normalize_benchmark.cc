// Throughput of NormalizeReport over report text (MB/s), on the reports in
// testdata/ repeated to about 1 MB and 10 MB.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "services/normalize/category_model.h"
#include "services/normalize/category_model_input.h"
#include "services/normalize/normalizer.h"

namespace {

std::string SampleText() {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(NORMALIZE_TESTDATA_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    all += buf.str();
    all += "\n\n";
  }
  if (all.empty()) {
    all = "Kyrgyzstan: update\n\nOn 7th September 2018, human rights defender Gulnara "
          "Dzhurabaeva was detained in Bishkek by the State Committee of National Security "
          "(GKNB).\n\n";
  }
  return all;
}

std::string TextOfSize(size_t bytes) {
  const std::string sample = SampleText();
  std::string out;
  out.reserve(bytes + sample.size());
  while (out.size() < bytes) out += sample;
  return out;
}

void NormalizeRepeatedly(benchmark::State& state, const civicwatch::normalize::NormalizerOptions& options) {
  civicwatch::v1::Report report;
  report.set_body(TextOfSize(static_cast<size_t>(state.range(0))));
  for (auto _ : state) {
    auto result = civicwatch::normalize::NormalizeReport(report, options);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(report.body().size()));
}

void BM_NormalizeReport(benchmark::State& state) { NormalizeRepeatedly(state, {}); }
BENCHMARK(BM_NormalizeReport)->Arg(1 << 20)->Arg(10 << 20)->Unit(benchmark::kMillisecond);

// The same without the category model: the baseline for what the model
// costs (compare with BM_NormalizeReport/1048576 of the same run).
void BM_NormalizeReportWithoutCategoryModel(benchmark::State& state) {
  civicwatch::normalize::NormalizerOptions options;
  options.category_model = false;
  NormalizeRepeatedly(state, options);
}
BENCHMARK(BM_NormalizeReportWithoutCategoryModel)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

// One call of the category model on a clause of ordinary length.
void BM_RefineCategory(benchmark::State& state) {
  const std::string clause =
      "On 7th September 2018, during a funeral gathering in a cafe, human rights defenders "
      "Gulnara Dzhurabaeva and Dinara Oshurakhunova found a recording device under their table.";
  for (auto _ : state) {
    benchmark::DoNotOptimize(civicwatch::normalize::RefineCategory(clause, civicwatch::v1::CATEGORY_SURVEILLANCE));
  }
}
BENCHMARK(BM_RefineCategory);

void BM_CategoryModelInput(benchmark::State& state) {
  const std::string clause =
      "On 7th September 2018, during a funeral gathering in a cafe, human rights defenders "
      "Gulnara Dzhurabaeva and Dinara Oshurakhunova found a recording device under their table.";
  for (auto _ : state) {
    benchmark::DoNotOptimize(civicwatch::normalize::CategoryModelInput(clause, "surveillance"));
  }
}
BENCHMARK(BM_CategoryModelInput);

}  // namespace

BENCHMARK_MAIN();

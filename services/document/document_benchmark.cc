// Extraction throughput: MB/s for HTML and plain text, pages/s for PDF and
// DOCX paragraphs/s, on one core, plus the peak memory of extracting a
// PDF of about 20 MiB (printed after the benchmarks, from getrusage).
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "services/document/document.h"
#include "services/document/test_documents.h"

namespace civicwatch::document {
namespace {

std::string Paragraph(int i) {
  return absl::StrCat("On ", 1 + i % 28, " May 2022 police in Almaty detained the activist "
                      "number ", i, " outside the district court, where a colleague was being "
                      "tried for taking part in a peaceful protest; she was fined.");
}

std::string HtmlPage(size_t bytes) {
  std::string page =
      "<!DOCTYPE html><html lang=\"en\"><head><title>Update</title><script>var x=1;</script>"
      "</head><body><header class=\"site\"><nav><a href=\"/\">Home</a></nav></header><main>"
      "<article><h1>Update</h1>";
  for (int i = 0; page.size() < bytes; ++i) {
    absl::StrAppend(&page, "<p>", Paragraph(i), " <a href=\"/x\">More</a> &amp; <b>bold</b></p>",
                    i % 10 == 0 ? "<div class=\"share\">Share</div>" : "");
  }
  page += "</article></main><footer>(c)</footer></body></html>";
  return page;
}

std::vector<std::vector<std::string>> PdfPages(int pages) {
  std::vector<std::vector<std::string>> out(pages);
  for (int p = 0; p < pages; ++p) {
    out[p].push_back("Rights Monitor - Quarterly update");
    for (int l = 0; l < 48; ++l) out[p].push_back(Paragraph(p * 48 + l).substr(0, 90));
    out[p].push_back(absl::StrCat("Page ", p + 1, " of ", pages));
  }
  return out;
}

void BM_Html(benchmark::State& state) {
  const std::string page = HtmlPage(static_cast<size_t>(state.range(0)) << 10);
  for (auto _ : state) {
    auto doc = ExtractDocument(page);
    if (!doc.ok()) state.SkipWithError(std::string(doc.status().message()).c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
}
BENCHMARK(BM_Html)->Arg(100)->Arg(1024)->Unit(benchmark::kMillisecond);

void BM_Pdf(benchmark::State& state) {
  const int pages = static_cast<int>(state.range(0));
  const std::string pdf = testing::MakePdf(PdfPages(pages));
  for (auto _ : state) {
    auto doc = ExtractDocument(pdf);
    if (!doc.ok()) state.SkipWithError(std::string(doc.status().message()).c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Pdf)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);

void BM_Docx(benchmark::State& state) {
  std::vector<std::vector<std::string>> paragraphs;
  for (int i = 0; i < state.range(0); ++i) {
    std::string p = Paragraph(i);
    paragraphs.push_back({p.substr(0, 10), p.substr(10, 7), p.substr(17)});
  }
  const std::string docx = testing::MakeDocx(paragraphs);
  for (auto _ : state) {
    auto doc = ExtractDocument(docx);
    if (!doc.ok()) state.SkipWithError(std::string(doc.status().message()).c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * docx.size()));
}
BENCHMARK(BM_Docx)->Arg(5000)->Unit(benchmark::kMillisecond);

// Resident memory now, from /proc/self/statm.
long CurrentRssKib() {
  long pages_total = 0, resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  if (std::fscanf(f, "%ld %ld", &pages_total, &resident) != 2) resident = 0;
  std::fclose(f);
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Extracts one PDF of about 20 MiB (uncompressed content streams, 4,500
// pages) and prints the resident memory with the input made and the peak
// after extracting it; their difference bounds what extraction costs.
void ReportTwentyMebibytePdf() {
  const int pages = 4500;
  const std::string pdf = testing::MakePdf(PdfPages(pages));
  const long with_input = CurrentRssKib();
  ExtractOptions options;
  options.limits.max_pages = 10000;
  options.limits.max_body_bytes = 64u << 20;
  auto doc = ExtractDocument(pdf, options);
  std::printf("20 MiB PDF: %.1f MiB, %d pages, %s, body %.1f MiB; RSS %.1f MiB with the input in "
              "memory, peak %.1f MiB after extracting it\n",
              pdf.size() / 1048576.0, pages, doc.ok() ? "extracted" : "FAILED",
              doc.ok() ? doc->body.size() / 1048576.0 : 0.0, with_input / 1024.0,
              PeakRssKib() / 1024.0);
}

}  // namespace
}  // namespace civicwatch::document

int main(int argc, char** argv) {
  civicwatch::document::ReportTwentyMebibytePdf();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}

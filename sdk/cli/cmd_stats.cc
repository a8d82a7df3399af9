// `civicwatch stats`: counts of events by category, month, freedom, ...
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "command_steps.h"
#include "bar_chart.h"
#include "command.h"
#include "csv.h"
#include "enums.h"
#include "error_messages.h"
#include "filter_flags.h"
#include "json.h"
#include "output_format.h"
#include "svg_chart.h"
#include "table.h"
#include "terminal.h"

namespace civicwatch::cli {
namespace {

constexpr int kMaxBarWidth = 40;

void PrintTable(Context& ctx, const std::vector<v1::StatisticsDimension>& dims,
                const v1::ComputeStatisticsResponse& stats) {
  std::vector<std::string> headers;
  for (auto d : dims) headers.push_back(ShortName(d));
  headers.push_back("count");
  headers.push_back("");
  Table table(headers);
  table.AlignRight(dims.size());

  int64_t max = 0;
  int key_width = 0;
  for (const v1::StatisticsRow& row : stats.rows()) {
    max = std::max(max, row.count());
    int w = 0;
    for (const std::string& k : row.keys()) w += DisplayWidth(ShortKey(k)) + 2;
    key_width = std::max(key_width, w);
  }
  int count_width = static_cast<int>(absl::StrCat(max).size()) + 2;
  int bar_width = kMaxBarWidth;
  if (ctx.terminal_width > 0) {
    bar_width = std::clamp(ctx.terminal_width - key_width - count_width - 1, 5, kMaxBarWidth);
  }
  for (const v1::StatisticsRow& row : stats.rows()) {
    std::vector<std::string> cells;
    for (const std::string& k : row.keys()) cells.push_back(ShortKey(k));
    cells.push_back(absl::StrCat(row.count()));
    cells.push_back(Bar(row.count(), max, bar_width));
    table.AddRow(std::move(cells));
  }
  table.Print(ctx.out);
  ctx.out << "\n" << stats.total() << (stats.total() == 1 ? " event" : " events");
  if (stats.unplaced() > 0) {
    ctx.out << "; " << stats.unplaced() << " not placed to the precision asked (undated or year only)";
  }
  ctx.out << "\n";
}

void PrintJson(Context& ctx, const std::vector<v1::StatisticsDimension>& dims,
               const v1::ComputeStatisticsResponse& stats) {
  // One object per group, keyed by dimension: {"category":"CATEGORY_DETENTION","count":3}.
  for (const v1::StatisticsRow& row : stats.rows()) {
    std::string line = "{";
    for (size_t i = 0; i < dims.size() && i < static_cast<size_t>(row.keys_size()); ++i) {
      absl::StrAppend(&line, JsonString(ShortName(dims[i])), ":", JsonString(row.keys(i)), ",");
    }
    absl::StrAppend(&line, "\"count\":", row.count(), "}");
    ctx.out << line << "\n";
  }
}

void PrintCsv(Context& ctx, const std::vector<v1::StatisticsDimension>& dims,
              const v1::ComputeStatisticsResponse& stats) {
  std::vector<std::string> header;
  for (auto d : dims) header.push_back(ShortName(d));
  header.push_back("count");
  WriteCsvRecord(ctx.out, header);
  for (const v1::StatisticsRow& row : stats.rows()) {
    std::vector<std::string> record(row.keys().begin(), row.keys().end());
    record.push_back(absl::StrCat(row.count()));
    WriteCsvRecord(ctx.out, record);
  }
}

}  // namespace

int RunStats(const ParsedArgs& args, Context& ctx) {
  if (!args.positionals.empty()) {
    return ReportUsage(ctx, "stats", absl::StrCat("stats takes no arguments, got \"",
                                                  args.positionals[0], "\""));
  }
  std::vector<v1::StatisticsDimension> dims;
  for (const std::string& by : args.GetAll("by")) {
    auto d = ParseDimension(by);
    if (!d.ok()) return ReportUsage(ctx, "stats", absl::StrCat("--by: ", d.status().message()));
    dims.push_back(*d);
  }
  if (dims.empty()) return ReportUsage(ctx, "stats", "--by is required: say what to count by (category, month, ...)");
  if (dims.size() > 3) return ReportUsage(ctx, "stats", "--by takes at most three dimensions");
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable);
  if (!format.ok()) return ReportUsage(ctx, "stats", format.status().message());

  std::unique_ptr<Client> client = ClientOrUsage(ctx, "stats");
  if (client == nullptr) return kExitUsage;
  absl::StatusOr<v1::EventFilter> filter = FilterFromFlags(args, client.get());
  if (!filter.ok()) return ReportFilterError(ctx, "stats", filter.status());
  auto stats = client->ComputeStatistics(*filter, dims);
  if (!stats.ok()) return ReportError(ctx, stats.status(), QueryServiceOf(ctx.client_options));

  switch (*format) {
    case Format::kTable: PrintTable(ctx, dims, *stats); break;
    case Format::kJson: PrintJson(ctx, dims, *stats); break;
    case Format::kCsv: PrintCsv(ctx, dims, *stats); break;
  }
  if (args.Has("svg")) {
    absl::Status written = WriteSvgChart(args.Get("svg"), dims, *stats);
    if (!written.ok()) {
      ctx.err << "civicwatch: " << written.message() << "\n";
      return kExitFailure;
    }
    ctx.err << "Wrote " << args.Get("svg") << "\n";
  }
  return kExitOk;
}

void DefineStatsFlags(ArgParser& p) {
  p.Add({"by", "DIMENSION", "what to count by: category, month, year, freedom, valence, country, entity", true});
  AddFilterFlags(p);
  AddFormatFlag(p);
  p.Add({"svg", "FILE", "also write the chart as an SVG file"});
}

}  // namespace civicwatch::cli

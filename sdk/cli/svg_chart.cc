#include "svg_chart.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "enums.h"

namespace civicwatch::cli {
namespace {

constexpr const char* kBarColour = "#3b6ea5";
constexpr const char* kFont = "font-family=\"system-ui, sans-serif\"";

std::string Escape(const std::string& text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

std::string Label(const v1::StatisticsRow& row) {
  std::vector<std::string> keys;
  for (const std::string& k : row.keys()) keys.push_back(ShortKey(k));
  return absl::StrJoin(keys, " / ");
}

bool IsTimeSeries(const std::vector<v1::StatisticsDimension>& dims) {
  return dims.size() == 1 && (dims[0] == v1::STATISTICS_DIMENSION_MONTH ||
                              dims[0] == v1::STATISTICS_DIMENSION_YEAR);
}

std::string Title(const std::vector<v1::StatisticsDimension>& dims,
                  const v1::ComputeStatisticsResponse& stats) {
  std::vector<std::string> names;
  for (auto d : dims) names.push_back(ShortName(d));
  return absl::StrCat("Events by ", absl::StrJoin(names, " and "), " (", stats.total(), " in all)");
}

std::string TimeSeries(const std::vector<v1::StatisticsDimension>& dims,
                       const v1::ComputeStatisticsResponse& stats) {
  std::vector<const v1::StatisticsRow*> dated;
  std::vector<std::string> unplaced;
  int64_t max = 1;
  for (const auto& row : stats.rows()) {
    const std::string& key = row.keys_size() > 0 ? row.keys(0) : "";
    if (key == "undated" || absl::EndsWith(key, "-unknown")) {
      unplaced.push_back(absl::StrCat(key, ": ", row.count()));
      continue;
    }
    dated.push_back(&row);
    max = std::max(max, row.count());
  }
  const int column = 28, gap = 6, left = 50, top = 50, height = 300;
  const int width = left + std::max<int>(dated.size(), 1) * (column + gap) + 20;
  const int total_height = top + height + 90;
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "viewBox=\"0 0 %d %d\" %s font-size=\"12\">\n"
      "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
      width, total_height, width, total_height, kFont, left, Escape(Title(dims, stats)));
  // Axis and a few gridlines.
  for (int i = 0; i <= 4; ++i) {
    int y = top + height - height * i / 4;
    absl::StrAppendFormat(&svg,
                          "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>\n"
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">%d</text>\n",
                          left, width - 10, y, y, left - 6, y + 4,
                          static_cast<int>((max * i + 2) / 4));
  }
  for (size_t i = 0; i < dated.size(); ++i) {
    int h = static_cast<int>(height * dated[i]->count() / max);
    int x = left + static_cast<int>(i) * (column + gap) + gap;
    absl::StrAppendFormat(
        &svg,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s: %d</title></rect>\n"
        "<text transform=\"translate(%d,%d) rotate(-60)\" text-anchor=\"end\">%s</text>\n",
        x, top + height - h, column, h, kBarColour, Escape(dated[i]->keys(0)),
        dated[i]->count(), x + column / 2, top + height + 12, Escape(dated[i]->keys(0)));
  }
  if (!unplaced.empty()) {
    absl::StrAppendFormat(&svg, "<text x=\"%d\" y=\"%d\" fill=\"#555\">Not placed: %s</text>\n",
                          left, total_height - 10, Escape(absl::StrJoin(unplaced, ", ")));
  }
  return svg + "</svg>\n";
}

std::string Bars(const std::vector<v1::StatisticsDimension>& dims,
                 const v1::ComputeStatisticsResponse& stats) {
  int64_t max = 1;
  size_t label_chars = 4;
  for (const auto& row : stats.rows()) {
    max = std::max(max, row.count());
    label_chars = std::max(label_chars, Label(row).size());
  }
  const int row_height = 22, top = 50, bar_area = 400;
  const int left = 20 + static_cast<int>(std::min<size_t>(label_chars, 40)) * 7;
  const int width = left + bar_area + 60;
  const int height = top + stats.rows_size() * row_height + 20;
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "viewBox=\"0 0 %d %d\" %s font-size=\"12\">\n"
      "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"10\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
      width, height, width, height, kFont, Escape(Title(dims, stats)));
  for (int i = 0; i < stats.rows_size(); ++i) {
    const auto& row = stats.rows(i);
    int y = top + i * row_height;
    int w = std::max(1, static_cast<int>(bar_area * row.count() / max));
    absl::StrAppendFormat(
        &svg,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n"
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n"
        "<text x=\"%d\" y=\"%d\" fill=\"#333\">%d</text>\n",
        left - 8, y + 15, Escape(Label(row)), left, y + 3, w, row_height - 6, kBarColour,
        left + w + 6, y + 15, row.count());
  }
  return svg + "</svg>\n";
}

}  // namespace

std::string SvgChart(const std::vector<v1::StatisticsDimension>& dims,
                     const v1::ComputeStatisticsResponse& stats) {
  return IsTimeSeries(dims) ? TimeSeries(dims, stats) : Bars(dims, stats);
}

absl::Status WriteSvgChart(const std::string& path,
                           const std::vector<v1::StatisticsDimension>& dims,
                           const v1::ComputeStatisticsResponse& stats) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (file) file << SvgChart(dims, stats);
  if (!file) {
    return absl::UnavailableError(
        absl::StrCat("could not write the chart to ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::cli

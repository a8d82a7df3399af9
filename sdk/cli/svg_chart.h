// Statistics as a standalone SVG chart: columns over time when counting by
// month or year, horizontal bars otherwise.
#ifndef CIVICWATCH_SDK_CLI_SVG_CHART_H_
#define CIVICWATCH_SDK_CLI_SVG_CHART_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "civicwatch/v1/query.pb.h"

namespace civicwatch::cli {

// The SVG document. With a single month or year dimension, dated groups
// become columns in key order and the undated / year-only groups are named
// in a note below; otherwise each group is a labelled horizontal bar.
std::string SvgChart(const std::vector<v1::StatisticsDimension>& dims,
                     const v1::ComputeStatisticsResponse& stats);

// Writes SvgChart() to `path`, replacing it. When the file cannot be
// written, returns an error whose message is a sentence naming the path
// and the system's reason.
absl::Status WriteSvgChart(const std::string& path,
                           const std::vector<v1::StatisticsDimension>& dims,
                           const v1::ComputeStatisticsResponse& stats);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_SVG_CHART_H_

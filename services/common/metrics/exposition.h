// Writes the Prometheus text exposition format (version 0.0.4): a HELP and
// TYPE line per family, then its samples, label values and help text
// escaped as the format requires.
#ifndef CIVICWATCH_SERVICES_COMMON_METRICS_EXPOSITION_H_
#define CIVICWATCH_SERVICES_COMMON_METRICS_EXPOSITION_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/metrics/metric_types.h"

namespace civicwatch::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// The Content-Type of the text format.
inline constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

class Exposition {
 public:
  // Starts a family; `type` is "counter", "gauge" or "histogram". Samples
  // written after it belong to it.
  void Family(absl::string_view name, absl::string_view type, absl::string_view help);
  // One sample line: NAME{LABELS} VALUE.
  void Sample(absl::string_view name, const Labels& labels, double value);
  // A histogram's _bucket lines (cumulative, ending with le="+Inf"), _sum
  // and _count for one label set.
  void HistogramSamples(absl::string_view name, const Labels& labels, const Histogram& h);

  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

// Escapes a label value: backslash, double quote and newline.
std::string EscapeLabelValue(absl::string_view value);
// Escapes HELP text: backslash and newline.
std::string EscapeHelp(absl::string_view text);
// A sample value as the format spells it: integers without a fraction,
// "+Inf", "-Inf", "NaN".
std::string FormatValue(double value);

}  // namespace civicwatch::metrics

#endif  // CIVICWATCH_SERVICES_COMMON_METRICS_EXPOSITION_H_

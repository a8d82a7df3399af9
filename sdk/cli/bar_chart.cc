#include "bar_chart.h"

#include <algorithm>

namespace civicwatch::cli {

std::string Bar(int64_t value, int64_t max, int width) {
  if (value <= 0 || max <= 0 || width <= 0) return "";
  value = std::min(value, max);
  // In eighths of a cell, rounded to nearest, at least one.
  int64_t eighths = std::max<int64_t>(
      1, (value * width * 8 + max / 2) / max);
  static const char* const kPartial[] = {"",  "\u258F", "\u258E", "\u258D",
                                         "\u258C", "\u258B", "\u258A", "\u2589"};
  std::string bar;
  for (int64_t i = 0; i < eighths / 8; ++i) bar += "\u2588";
  bar += kPartial[eighths % 8];
  return bar;
}

}  // namespace civicwatch::cli

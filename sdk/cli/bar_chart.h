// Horizontal bars drawn with Unicode block characters, for `stats` on a
// terminal: "██████▍" is 6.4 cells.
#ifndef CIVICWATCH_SDK_CLI_BAR_CHART_H_
#define CIVICWATCH_SDK_CLI_BAR_CHART_H_

#include <cstdint>
#include <string>

namespace civicwatch::cli {

// A bar `value / max * width` cells long, to an eighth of a cell, using
// U+2588 FULL BLOCK and the partial blocks U+2589..U+258F. A positive value
// always shows at least an eighth; zero, a non-positive max or width give
// "".
std::string Bar(int64_t value, int64_t max, int width);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_BAR_CHART_H_

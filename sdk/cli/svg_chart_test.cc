#include "svg_chart.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::ComputeStatisticsResponse Stats(std::vector<std::pair<std::string, int>> rows) {
  v1::ComputeStatisticsResponse stats;
  for (auto& [key, count] : rows) {
    auto* r = stats.add_rows();
    r->add_keys(key);
    r->set_count(count);
    stats.set_total(stats.total() + count);
  }
  return stats;
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SvgChartTest, MonthsAreColumnsAndUnplacedIsANote) {
  std::string svg = SvgChart({v1::STATISTICS_DIMENSION_MONTH},
                             Stats({{"2018-06", 3}, {"2018-07", 1}, {"2018-unknown", 2}, {"undated", 1}}));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_THAT(svg, HasSubstr("</svg>"));
  EXPECT_EQ(Count(svg, "<title>"), 2);  // Only the dated months are columns.
  EXPECT_THAT(svg, HasSubstr("Not placed: 2018-unknown: 2, undated: 1"));
  EXPECT_THAT(svg, HasSubstr("Events by month (7 in all)"));
}

TEST(SvgChartTest, CategoriesAreBarsWithShortNames) {
  std::string svg = SvgChart({v1::STATISTICS_DIMENSION_CATEGORY},
                             Stats({{"CATEGORY_DETENTION", 4}, {"CATEGORY_FINE", 1}}));
  EXPECT_THAT(svg, HasSubstr(">detention<"));
  EXPECT_THAT(svg, HasSubstr(">fine<"));
  EXPECT_EQ(Count(svg, "<rect"), 3);  // Background and two bars.
}

TEST(SvgChartTest, EscapesText) {
  std::string svg = SvgChart({v1::STATISTICS_DIMENSION_ENTITY}, Stats({{"A & <B>", 1}}));
  EXPECT_THAT(svg, HasSubstr("A &amp; &lt;B&gt;"));
  EXPECT_THAT(svg, Not(HasSubstr("<B>")));
}

TEST(SvgChartTest, UnwritablePathIsASentence) {
  absl::Status s = WriteSvgChart("/nonexistent-dir/x.svg", {v1::STATISTICS_DIMENSION_YEAR}, Stats({}));
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), HasSubstr("/nonexistent-dir/x.svg"));
}

}  // namespace
}  // namespace civicwatch::cli

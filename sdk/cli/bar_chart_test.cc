#include "bar_chart.h"

#include "gtest/gtest.h"
#include "terminal.h"

namespace civicwatch::cli {
namespace {

TEST(BarTest, FullAndPartialBlocks) {
  EXPECT_EQ(Bar(10, 10, 4), "\u2588\u2588\u2588\u2588");
  EXPECT_EQ(Bar(5, 10, 4), "\u2588\u2588");
  EXPECT_EQ(Bar(1, 16, 2), "\u258F");            // One eighth.
  EXPECT_EQ(Bar(9, 16, 2), "\u2588\u258F");      // Nine eighths.
}

TEST(BarTest, WidthNeverExceeded) {
  for (int v = 0; v <= 100; ++v) EXPECT_LE(DisplayWidth(Bar(v, 100, 30)), 30);
  EXPECT_EQ(DisplayWidth(Bar(100, 100, 30)), 30);
}

TEST(BarTest, EdgeCases) {
  EXPECT_EQ(Bar(0, 10, 10), "");
  EXPECT_EQ(Bar(5, 0, 10), "");
  EXPECT_EQ(Bar(5, 10, 0), "");
  EXPECT_EQ(Bar(1, 1000000, 10), "\u258F");  // Tiny but visible.
}

}  // namespace
}  // namespace civicwatch::cli

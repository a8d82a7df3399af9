#include "services/normalize/tsv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace civicwatch::normalize {
namespace {

TEST(TsvTest, ReadsRecordsSkippingCommentsAndBlankLines) {
  const auto rows = ReadTable("back_references.tsv");
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    ASSERT_FALSE(row.empty());
    EXPECT_NE(row[0].substr(0, 1), "#");
    EXPECT_FALSE(row[0].empty());
  }
  // The first record, fields split at tabs.
  ASSERT_EQ(rows[0].size(), 3u);
  EXPECT_EQ(rows[0][0], "court");
  EXPECT_EQ(rows[0][1], "body");
  EXPECT_EQ(rows[0][2].substr(0, 13), "court|tribuna");
}

TEST(TsvTest, AnUnknownTableHasNoRecords) {
  EXPECT_TRUE(ReadTable("no_such_table.tsv").empty());
}

TEST(TsvTest, SplitAlternativesSplitsAtBars) {
  EXPECT_EQ(SplitAlternatives("court|tribunal|суд"),
            (std::vector<absl::string_view>{"court", "tribunal", "суд"}));
  EXPECT_EQ(SplitAlternatives("alone"), (std::vector<absl::string_view>{"alone"}));
  // Spaces around a value and empty values are dropped.
  EXPECT_EQ(SplitAlternatives(" a | b||c "), (std::vector<absl::string_view>{"a", "b", "c"}));
}

}  // namespace
}  // namespace civicwatch::normalize

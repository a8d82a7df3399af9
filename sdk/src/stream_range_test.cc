#include "civicwatch/stream_range.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(StreamRangeTest, EmptyRange) {
  StreamRange<std::string> range;
  EXPECT_TRUE(range.begin() == range.end());
}

TEST(StreamRangeTest, YieldsValuesInOrder) {
  std::vector<std::string> seen;
  for (const auto& v : MakeStreamRange<std::string>({std::string("a"), std::string("b")})) {
    ASSERT_TRUE(v.ok());
    seen.push_back(*v);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
}

TEST(StreamRangeTest, ErrorIsTheLastElement) {
  std::vector<absl::StatusOr<std::string>> values = {
      std::string("a"), absl::UnavailableError("gone"), std::string("never")};
  std::vector<absl::StatusOr<std::string>> seen;
  for (const auto& v : MakeStreamRange<std::string>(values)) seen.push_back(v);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].ok());
  EXPECT_EQ(seen[1].status().code(), absl::StatusCode::kUnavailable);
}

TEST(StreamRangeTest, IsLazy) {
  int reads = 0;
  StreamRange<int> range([&]() -> absl::variant<absl::Status, int> {
    if (reads == 3) return absl::OkStatus();
    return ++reads;
  });
  EXPECT_EQ(reads, 0);
  auto it = range.begin();
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(**it, 1);
  ++it;
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(range.begin(), it);  // begin() again does not restart.
  EXPECT_EQ(**it, 2);
}

}  // namespace
}  // namespace civicwatch

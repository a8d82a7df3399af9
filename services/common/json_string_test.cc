#include "services/common/json_string.h"

#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(JsonStringTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonString("plain"), "\"plain\"");
  EXPECT_EQ(JsonString("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
  EXPECT_EQ(JsonString("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
  EXPECT_EQ(JsonString(absl::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(JsonString(absl::string_view("\0", 1)), "\"\\u0000\"");
}

TEST(JsonStringTest, KeepsUtf8AndOtherBytes) {
  EXPECT_EQ(JsonString("Джакупова"), "\"Джакупова\"");
  EXPECT_EQ(JsonString("\xff"), "\"\xff\"");
}

TEST(JsonStringTest, AppendsToWhatIsThere) {
  std::string line = "{\"k\":";
  AppendJsonString(&line, "v");
  EXPECT_EQ(line, "{\"k\":\"v\"");
}

}  // namespace
}  // namespace civicwatch

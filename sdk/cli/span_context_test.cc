#include "span_context.h"

#include <string>

#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

TEST(SpanContextTest, TheSpanIsMarkedAmongWholeParagraphs) {
  const std::string body =
      "Title\n\nFirst paragraph here.\n\nOn 3 May a man was detained. Then more text "
      "follows.\n\nLast paragraph.";
  const size_t start = body.find("a man was detained");
  const size_t end = start + std::string("a man was detained").size();
  // Everything is within reach: the whole body.
  EXPECT_EQ(SpanInContext(body, start, end, 400, "[", "]"),
            "Title\n\nFirst paragraph here.\n\nOn 3 May [a man was detained]. Then more text "
            "follows.\n\nLast paragraph.");
  // 30 bytes each side: from the paragraph that starts within reach to
  // the last break within reach.
  EXPECT_EQ(SpanInContext(body, start, end, 30, "[", "]"),
            "… On 3 May [a man was detained]. Then more text follows. …");
}

TEST(SpanContextTest, LongTextIsCutAtSpacesAndNeverInsideACharacter) {
  const std::string body = "ааааа бббб вввв SPAN гггг дддд ееее";
  const size_t start = body.find("SPAN");
  const std::string shown = SpanInContext(body, start, start + 4, 12, "<", ">");
  EXPECT_EQ(shown, "… вввв <SPAN> гггг …");
}

TEST(SpanContextTest, OffsetsOutsideTheBodyAreClamped) {
  EXPECT_EQ(SpanInContext("short", 2, 99, 10, "<", ">"), "sh<ort>");
  EXPECT_EQ(SpanInContext("short", -5, 2, 10, "<", ">"), "<sh>ort");
}

}  // namespace
}  // namespace civicwatch::cli

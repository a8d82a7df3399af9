#include "services/ingest/span_matching.h"

#include <string>

#include "gtest/gtest.h"

namespace civicwatch::ingest {
namespace {

TEST(RelocateSpanTest, FindsTheSameTextWhereverItMoved) {
  const std::string old_body = "Title\n\nFirst incident here.\n\nSecond incident there.\n";
  const std::string new_body =
      "Title v2\n\nA new paragraph first.\n\nFirst incident here.\n\nSecond incident there.\n";
  const int64_t start = old_body.find("Second");
  auto span = RelocateSpan(old_body, new_body, Span{start, start + 22});
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(new_body.substr(span->start, span->end - span->start), "Second incident there.");
}

TEST(RelocateSpanTest, PicksTheOccurrenceNearestTheOldOffset) {
  const std::string old_body = "x. Same words. y. Same words.";
  const std::string new_body = "x. Same words. y. Same words.";
  auto span = RelocateSpan(old_body, new_body, Span{18, 29});
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(span->start, 18);
}

TEST(RelocateSpanTest, AnEditedMiddleIsFoundByItsEnds) {
  const std::string head(60, 'a');
  const std::string tail(60, 'z');
  const std::string old_body = "intro " + head + " detained on 3 May " + tail + " end";
  const std::string new_body = "new intro " + head + " detained on 4 May " + tail + " end";
  const int64_t start = 6;
  const int64_t end = old_body.size() - 4;
  auto span = RelocateSpan(old_body, new_body, Span{start, end});
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(new_body.substr(span->start, span->end - span->start),
            head + " detained on 4 May " + tail);
}

TEST(RelocateSpanTest, GoneTextAndBadSpansAreNotFound) {
  EXPECT_FALSE(RelocateSpan("old text only", "something else", Span{0, 8}).has_value());
  EXPECT_FALSE(RelocateSpan("short", "short", Span{2, 99}).has_value());
  EXPECT_FALSE(RelocateSpan("short", "short", Span{3, 3}).has_value());
}

TEST(MatchByOverlapTest, LargestOverlapWinsAndEachCandidateIsTakenOnce) {
  const std::vector<std::optional<Span>> wanted = {Span{0, 100}, Span{90, 200}, std::nullopt,
                                                   Span{500, 600}};
  const std::vector<Span> candidates = {Span{95, 205}, Span{0, 98}, Span{300, 400}};
  const std::vector<int> match = MatchByOverlap(wanted, candidates);
  EXPECT_EQ(match, (std::vector<int>{1, 0, -1, -1}));
}

TEST(MatchByOverlapTest, ASliverOfOverlapIsNoMatch) {
  const std::vector<int> match = MatchByOverlap({Span{0, 100}}, {Span{90, 300}});
  EXPECT_EQ(match, (std::vector<int>{-1}));
}

}  // namespace
}  // namespace civicwatch::ingest

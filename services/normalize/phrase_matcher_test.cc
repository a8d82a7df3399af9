#include "services/normalize/phrase_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

struct Found {
  size_t begin;
  size_t end;
  int payload;
  int number;
  bool operator==(const Found& o) const {
    return begin == o.begin && end == o.end && payload == o.payload && number == o.number;
  }
};

std::ostream& operator<<(std::ostream& os, const Found& f) {
  return os << "[" << f.begin << "," << f.end << ") payload " << f.payload << " number "
            << f.number;
}

std::vector<Found> FindAllIn(const PhraseMatcher& matcher, const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<PhraseMatcher::Match> matches;
  matcher.FindAll(tokens, 0, tokens.size(), &matches);
  std::vector<Found> out;
  for (const auto& m : matches) out.push_back({m.begin, m.end, m.payload, m.number});
  return out;
}

TEST(PhraseMatcherTest, FindsEveryListedPhraseWithItsPayload) {
  PhraseMatcher matcher;
  EXPECT_TRUE(matcher.empty());
  matcher.Add("detained", 1);
  matcher.Add("house arrest", 2);
  EXPECT_FALSE(matcher.empty());
  EXPECT_EQ(FindAllIn(matcher, "Police detained him; house arrest followed"),
            (std::vector<Found>{{1, 2, 1, 0}, {4, 6, 2, 0}}));
  // Exact words only: case is folded, inflections are not.
  EXPECT_EQ(FindAllIn(matcher, "DETAINED"), (std::vector<Found>{{0, 1, 1, 0}}));
  EXPECT_TRUE(FindAllIn(matcher, "detains houses arrest").empty());
}

TEST(PhraseMatcherTest, AStarredWordIsAPrefix) {
  PhraseMatcher matcher;
  matcher.Add("detain*", 1);
  matcher.Add("a*", 2);  // a one-letter prefix
  EXPECT_EQ(FindAllIn(matcher, "detained"), (std::vector<Found>{{0, 1, 1, 0}}));
  EXPECT_EQ(FindAllIn(matcher, "detention"), std::vector<Found>{});
  EXPECT_EQ(FindAllIn(matcher, "arrests"), (std::vector<Found>{{0, 1, 2, 0}}));
}

TEST(PhraseMatcherTest, NMatchesANumberInDigitsOrWords) {
  PhraseMatcher matcher;
  matcher.Add("sentenced to N years", 7);
  matcher.Add("N people", 8);
  EXPECT_EQ(FindAllIn(matcher, "sentenced to 5 years"), (std::vector<Found>{{0, 4, 7, 5}}));
  EXPECT_EQ(FindAllIn(matcher, "sentenced to seven years"), (std::vector<Found>{{0, 4, 7, 7}}));
  EXPECT_EQ(FindAllIn(matcher, "двенадцать people"), (std::vector<Found>{{0, 2, 8, 12}}));
  EXPECT_TRUE(FindAllIn(matcher, "sentenced to many years").empty());
}

TEST(PhraseMatcherTest, AGapTakesTheShortestRunOfUpToFourWords) {
  PhraseMatcher matcher;
  matcher.Add("sentenced _ to", 3);
  EXPECT_EQ(FindAllIn(matcher, "sentenced to"), (std::vector<Found>{{0, 2, 3, 0}}));
  EXPECT_EQ(FindAllIn(matcher, "sentenced the blogger to"), (std::vector<Found>{{0, 4, 3, 0}}));
  // The shortest: the first "to" ends the match.
  EXPECT_EQ(FindAllIn(matcher, "sentenced him to go to"), (std::vector<Found>{{0, 3, 3, 0}}));
  EXPECT_TRUE(FindAllIn(matcher, "sentenced one two three four five to").empty());
  // Punctuation inside the gap blocks it.
  EXPECT_TRUE(FindAllIn(matcher, "sentenced him, then to").empty());
  // A possessive's apostrophe does not.
  matcher.Add("rejected _ appeal", 4);
  EXPECT_EQ(FindAllIn(matcher, "rejected her lawyers' appeal").size(), 1u);
  EXPECT_EQ(FindAllIn(matcher, "rejected the defence\xE2\x80\x99s appeal").size(), 1u);
}

TEST(PhraseMatcherTest, QuotationMarksInsideAPhraseDoNotBreakIt) {
  PhraseMatcher matcher;
  matcher.Add("на беседы", 1);
  matcher.Add("summoned _ for a conversation", 2);
  // "вызывали в СГБ на «беседы»": the scare quotes are stepped over.
  EXPECT_EQ(FindAllIn(matcher, "на \xC2\xAB" "беседы\xC2\xBB"), (std::vector<Found>{{0, 3, 1, 0}}));
  EXPECT_EQ(FindAllIn(matcher, "summoned him for a \"conversation\""), (std::vector<Found>{{0, 6, 2, 0}}));
  // Other punctuation still blocks a match.
  EXPECT_TRUE(FindAllIn(matcher, "на, беседы").empty());
}

TEST(PhraseMatcherTest, APhraseMayNotOpenOrCloseWithAGap) {
  PhraseMatcher matcher;
  matcher.Add("_ detained", 1);
  matcher.Add("detained _", 2);
  EXPECT_TRUE(matcher.empty());
  EXPECT_TRUE(FindAllIn(matcher, "they detained him").empty());
}

TEST(PhraseMatcherTest, PunctuationBetweenWordsBlocksAMatch) {
  PhraseMatcher matcher;
  matcher.Add("house arrest", 1);
  EXPECT_TRUE(FindAllIn(matcher, "house, arrest").empty());
}

TEST(PhraseMatcherTest, FindAllKeepsToTheWindow) {
  PhraseMatcher matcher;
  matcher.Add("house arrest", 1);
  const std::string text = "under house arrest";
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<PhraseMatcher::Match> out;
  matcher.FindAll(tokens, 0, 2, &out);  // "under house": the phrase runs past the end
  EXPECT_TRUE(out.empty());
  matcher.FindAll(tokens, 1, 3, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].begin, 1u);
}

TEST(PhraseMatcherTest, LongestAtPrefersTheLongestPhrase) {
  PhraseMatcher matcher;
  matcher.Add("house", 1);
  matcher.Add("house arrest", 2);
  const std::string text = "house arrest ordered";
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  PhraseMatcher::Match m;
  ASSERT_TRUE(matcher.LongestAt(tokens, 0, tokens.size(), &m));
  EXPECT_EQ(m.payload, 2);
  EXPECT_EQ(m.end, 2u);
  ASSERT_TRUE(matcher.LongestAt(tokens, 0, 1, &m));  // the window cuts "arrest" off
  EXPECT_EQ(m.payload, 1);
  EXPECT_FALSE(matcher.LongestAt(tokens, 1, tokens.size(), &m));
  EXPECT_FALSE(matcher.LongestAt(tokens, 3, tokens.size(), &m));
}

TEST(PhraseMatcherTest, LongestEndingAtReachesBackToTheEarliestStart) {
  PhraseMatcher matcher;
  matcher.Add("arrest", 1);
  matcher.Add("house arrest", 2);
  const std::string text = "under house arrest";
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  PhraseMatcher::Match m;
  ASSERT_TRUE(matcher.LongestEndingAt(tokens, 0, 2, &m));
  EXPECT_EQ(m.payload, 2);
  EXPECT_EQ(m.begin, 1u);
  // Not before first_allowed.
  ASSERT_TRUE(matcher.LongestEndingAt(tokens, 2, 2, &m));
  EXPECT_EQ(m.payload, 1);
  EXPECT_FALSE(matcher.LongestEndingAt(tokens, 0, 1, &m));
}

TEST(PhraseMatcherTest, StemmedPhrasesMatchInflectedForms) {
  PhraseMatcher matcher;
  matcher.AddStemmed("place under house arrest", 4);
  EXPECT_EQ(FindAllIn(matcher, "placed under house arrest"), (std::vector<Found>{{0, 4, 4, 0}}));
  EXPECT_EQ(FindAllIn(matcher, "placing under house arrests"), (std::vector<Found>{{0, 4, 4, 0}}));
  EXPECT_TRUE(FindAllIn(matcher, "placed over house arrest").empty());
}

TEST(NumberWordValueTest, EnglishAndRussianOneToTwelve) {
  EXPECT_EQ(NumberWordValue("one"), 1);
  EXPECT_EQ(NumberWordValue("twelve"), 12);
  EXPECT_EQ(NumberWordValue("a"), 1);
  EXPECT_EQ(NumberWordValue("an"), 1);
  EXPECT_EQ(NumberWordValue("два"), 2);
  EXPECT_EQ(NumberWordValue("две"), 2);
  EXPECT_EQ(NumberWordValue("двенадцать"), 12);
  EXPECT_EQ(NumberWordValue("thirteen"), 0);
  EXPECT_EQ(NumberWordValue("One"), 0);  // lower-case words only
  EXPECT_EQ(NumberWordValue(""), 0);
}

}  // namespace
}  // namespace civicwatch::normalize

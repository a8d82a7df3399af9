#include "services/normalize/stemmer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <thread>

#include "services/normalize/phrase_matcher.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

TEST(StemmerTest, InflectedFormsShareAStem) {
  EXPECT_EQ(StemCopy("detained"), StemCopy("detaining"));
  EXPECT_EQ(StemCopy("detained"), StemCopy("detains"));
  EXPECT_EQ(StemCopy("sentenced"), StemCopy("sentence"));
  EXPECT_EQ(StemCopy("задержали"), StemCopy("задержан"));
  EXPECT_EQ(StemCopy("приговорил"), StemCopy("приговорён"));
  EXPECT_NE(StemCopy("detained"), StemCopy("detective"));
}

TEST(StemmerTest, EveryThreadHasItsOwnStemmers) {
  std::string a, b;
  std::thread first([&] { a = StemCopy("arrested"); });
  std::thread second([&] { b = StemCopy("арестовали"); });
  first.join();
  second.join();
  EXPECT_EQ(a, "arrest");
  EXPECT_EQ(b, StemCopy("арестован"));
}

std::vector<PhraseMatcher::Match> FindIn(const PhraseMatcher& matcher, const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<PhraseMatcher::Match> out;
  matcher.FindAll(tokens, 0, tokens.size(), &out);
  return out;
}

TEST(StemmedPhraseTest, MatchesEveryInflectionOfEachWord) {
  PhraseMatcher matcher;
  matcher.AddStemmed("place under house arrest", 7);
  for (const char* text : {"She was placed under house arrest.", "placing under house arrest",
                           "They place under house arrests"}) {
    auto found = FindIn(matcher, text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].payload, 7);
  }
  EXPECT_TRUE(FindIn(matcher, "placed under the house arrest").empty());
  EXPECT_TRUE(FindIn(matcher, "placed him under house arrest").empty());
  EXPECT_TRUE(FindIn(matcher, "placed under house, arrest").empty());
}

TEST(StemmedPhraseTest, AWordCutShortByADerivationalSuffixIsNotTaken) {
  PhraseMatcher matcher;
  matcher.AddStemmed("criminalise", 1);
  matcher.AddStemmed("liquidate", 2);
  matcher.AddStemmed("приговорить", 3);
  EXPECT_EQ(FindIn(matcher, "criminalised criminalising").size(), 2u);
  EXPECT_TRUE(FindIn(matcher, "under the Criminal Code").empty());
  EXPECT_EQ(FindIn(matcher, "liquidated").size(), 1u);
  EXPECT_TRUE(FindIn(matcher, "liquid assets").empty());
  EXPECT_EQ(FindIn(matcher, "приговорён приговорил приговорили").size(), 3u);
  PhraseMatcher short_stem;
  short_stem.AddStemmed("следить", 1);
  EXPECT_EQ(FindIn(short_stem, "следили").size(), 1u);
  EXPECT_TRUE(FindIn(short_stem, "на следующий день").empty());
}

TEST(StemmedPhraseTest, KeepsNumberAndPrefixWords) {
  PhraseMatcher matcher;
  matcher.AddStemmed("sentence to N year*", 1);
  EXPECT_EQ(FindIn(matcher, "was sentenced to seven years").size(), 1u);
  EXPECT_EQ(FindIn(matcher, "sentencing to 7 years").size(), 1u);
  EXPECT_TRUE(FindIn(matcher, "sentenced to many years").empty());
}

TEST(StemmedPhraseTest, AGapTakesTheFewestWordsThatLetTheRestMatch) {
  PhraseMatcher matcher;
  matcher.AddStemmed("place _ under house arrest", 2);
  for (const char* text : {"placed under house arrest", "placed him under house arrest",
                           "placed the two young activists under house arrest"}) {
    auto found = FindIn(matcher, text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].end, Tokenize(text, 0, strlen(text)).size()) << text;
  }
  // Five words are too many, and punctuation closes the gap.
  EXPECT_TRUE(FindIn(matcher, "placed one two three four five under house arrest").empty());
  EXPECT_TRUE(FindIn(matcher, "placed him, later, under house arrest").empty());
}

TEST(StemmedPhraseTest, RussianWordsMatchByStem) {
  PhraseMatcher matcher;
  matcher.AddStemmed("поместить под домашний арест", 3);
  EXPECT_EQ(FindIn(matcher, "его поместили под домашний арест").size(), 1u);
  EXPECT_EQ(FindIn(matcher, "её поместят под домашний арест").size(), 1u);
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace civicwatch::normalize {
namespace {

std::vector<std::string> LowerOf(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.lower);
  return out;
}

std::vector<Token> TokensOf(const std::string& text) { return Tokenize(text, 0, text.size()); }

TEST(TokenizerTest, SplitsWordsNumbersAndPunctuationWithOffsets) {
  const std::string text = "Police detained 12 people.";
  const std::vector<Token> tokens = TokensOf(text);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(LowerOf(tokens), (std::vector<std::string>{"police", "detained", "12", "people", "."}));
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[2].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[4].kind, TokenKind::kPunct);
  for (const Token& t : tokens) {
    EXPECT_EQ(text.substr(t.start, t.end - t.start).size(), t.end - t.start);
  }
  EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "detained");
  EXPECT_EQ(tokens[2].value, 12);
  EXPECT_EQ(tokens[2].digits, 2);
  EXPECT_TRUE(Adjacent(tokens[3], tokens[4]));
  EXPECT_FALSE(Adjacent(tokens[2], tokens[3]));
}

TEST(TokenizerTest, WordsKeepInnerHyphensAndApostrophes) {
  EXPECT_EQ(LowerOf(TokensOf("Issyk-Kul mid-March Prosecutor's")),
            (std::vector<std::string>{"issyk-kul", "mid-march", "prosecutor's"}));
  // A typographic apostrophe and non-breaking hyphen read as the plain ones.
  EXPECT_EQ(LowerOf(TokensOf("Prosecutor\u2019s Issyk\u2011Kul")),
            (std::vector<std::string>{"prosecutor's", "issyk-kul"}));
  // A hyphen with no letter after it is punctuation of its own.
  EXPECT_EQ(LowerOf(TokensOf("pre- and post")),
            (std::vector<std::string>{"pre", "-", "and", "post"}));
}

TEST(TokenizerTest, NumbersKeepAnOrdinalSuffix) {
  const std::vector<Token> tokens = TokensOf("the 15th and 2nd of May, 3rdparty");
  ASSERT_GE(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].lower, "15th");
  EXPECT_EQ(tokens[1].value, 15);
  EXPECT_EQ(tokens[1].digits, 2);
  EXPECT_EQ(tokens[3].lower, "2nd");
  EXPECT_EQ(tokens[3].value, 2);
  // A suffix running on into a word is not an ordinal.
  EXPECT_EQ(tokens.back().lower, "rdparty");
}

TEST(TokenizerTest, MarksCaseScriptAndNumberWords) {
  const std::vector<Token> tokens = TokensOf("Aida OSCE saw two Задержан");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].capitalised);
  EXPECT_FALSE(tokens[0].all_caps);
  EXPECT_TRUE(tokens[1].all_caps);
  EXPECT_FALSE(tokens[2].capitalised);
  EXPECT_EQ(tokens[3].number_word, 2);
  EXPECT_EQ(tokens[2].number_word, 0);
  EXPECT_TRUE(tokens[4].cyrillic);
  EXPECT_TRUE(tokens[4].capitalised);
  EXPECT_EQ(tokens[4].lower, "задержан");
  EXPECT_FALSE(tokens[0].cyrillic);
}

TEST(TokenizerTest, SkipsEveryKindOfSpace) {
  // No-break, thin, narrow no-break and zero-width spaces, a BOM.
  EXPECT_EQ(LowerOf(TokensOf("a\u00a0b\u2009c\u202fd\u200be\ufeff f\tg\r\nh")),
            (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g", "h"}));
}

TEST(TokenizerTest, TokenizesOnlyTheWindowGivenAndKeepsOffsetsIntoTheText) {
  const std::string text = "one two three";
  const std::vector<Token> tokens = Tokenize(text, 4, 7);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].lower, "two");
  EXPECT_EQ(tokens[0].start, 4u);
  EXPECT_EQ(tokens[0].end, 7u);
}

TEST(TokenizerTest, TokenizeIntoClearsAndRefillsTheBuffer) {
  const std::string text = "First sentence. Second one";
  std::vector<Token> buffer;
  TokenizeInto(text, 0, 15, &buffer);
  EXPECT_EQ(LowerOf(buffer), (std::vector<std::string>{"first", "sentence", "."}));
  TokenizeInto(text, 16, text.size(), &buffer);
  EXPECT_EQ(LowerOf(buffer), (std::vector<std::string>{"second", "one"}));
  EXPECT_EQ(buffer[0].start, 16u);
}

TEST(TokenizerTest, LowerIsComparesTheLowerCaseText) {
  const std::vector<Token> tokens = TokensOf("Court");
  EXPECT_TRUE(LowerIs(tokens[0], "court"));
  EXPECT_FALSE(LowerIs(tokens[0], "Court"));
  EXPECT_FALSE(LowerIs(tokens[0], "courts"));
}

}  // namespace
}  // namespace civicwatch::normalize

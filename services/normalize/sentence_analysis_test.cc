#include "services/normalize/sentence_analysis.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

// `text` analysed as one sentence.
struct Analysed {
  explicit Analysed(const std::string& text) : arena(4096) {
    tokens = Tokenize(text, 0, text.size());
    AnalyseTokens(tokens, &arena, &sentence);
  }
  std::vector<Token> tokens;
  SentenceArena arena;
  Sentence sentence;
};

TEST(SentenceAnalysisTest, ClausesStartAtPunctuationAndClauseWords) {
  Analysed a("Police detained him, and a court fined 150,000 som which he paid");
  std::vector<std::string> starts;
  for (uint32_t b : a.sentence.clause_boundaries) starts.push_back(a.tokens[b].lower);
  // The comma inside "150,000" starts no clause.
  EXPECT_EQ(starts, (std::vector<std::string>{",", "and", "which"}));
  EXPECT_EQ(a.sentence.token_count, a.tokens.size());
  EXPECT_FALSE(a.sentence.cues.empty());  // "detained", "fined"
}

TEST(SentenceAnalysisTest, PronounsAndShiftsOfTime) {
  EXPECT_TRUE(Analysed("The judge placed him under house arrest").sentence.has_pronoun);
  EXPECT_FALSE(Analysed("The judge placed Asanov under house arrest").sentence.has_pronoun);
  EXPECT_TRUE(Analysed("Asanov was later charged").sentence.shifts_time);
  // Minutes or hours later is still the same day.
  EXPECT_FALSE(Analysed("Hours later police released Asanov").sentence.shifts_time);
}

}  // namespace
}  // namespace civicwatch::normalize

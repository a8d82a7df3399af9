#include "services/normalize/cues_across_dates.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/date_parser.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

// The main category of `text` with the cues running across its dates.
v1::Category CategoryAcrossDates(const std::string& text, bool* added) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<CueMatch> cues = FindCues(tokens, 0, tokens.size());
  *added = AddCuesAcrossDates(tokens, FindDates(tokens), &cues);
  CueScores scores;
  ScoreMatches(cues, 0, tokens.size(), &scores);
  return MainCategory(scores);
}

TEST(CuesAcrossDatesTest, APhraseBrokenByADateIsRead) {
  bool added = false;
  EXPECT_EQ(CategoryAcrossDates("The city administration refused on 21st May 2022 to allow a picket.", &added),
            v1::CATEGORY_BAN);
  EXPECT_TRUE(added);
}

TEST(CuesAcrossDatesTest, NothingIsAddedWhereNoPhraseRunsAcross) {
  bool added = true;
  CategoryAcrossDates("Police detained him on 3 May 2022 in Osh.", &added);
  EXPECT_FALSE(added);
}

}  // namespace
}  // namespace civicwatch::normalize

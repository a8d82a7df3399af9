#include "services/normalize/date_clauses.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

// What `test` says of the first token spelled `at` in `text`.
bool AtToken(const std::string& text, const std::string& at,
             bool (*test)(const std::vector<Token>&, size_t)) {
  std::vector<Token> tokens = Tokenize(text, 0, text.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (text.compare(tokens[i].start, tokens[i].end - tokens[i].start, at) == 0) return test(tokens, i);
  }
  ADD_FAILURE() << at << " is not in " << text;
  return false;
}

// Whether the token spelled `at` in `text` stands in a background clause.
bool Background(const std::string& text, const std::string& at) {
  return AtToken(text, at, &InBackgroundClause);
}

TEST(DateClausesTest, PhrasesThatQualifyANounAreBackground) {
  EXPECT_TRUE(Background("Суд запретил партию, запрещённую в 2020 году.", "2020"));
  EXPECT_TRUE(Background("It was identical to a bill withdrawn in 2023 by deputies.", "2023"));
  EXPECT_TRUE(Background("It copies the text that Parliament withdrew in 2023.", "2023"));
  EXPECT_TRUE(Background("Achilova, who in 2019 had been stopped, left.", "2019"));
  EXPECT_TRUE(Background("ДВК, которое суд признал экстремистской и запретил 13 марта 2018 года", "13"));
}

// The text from where the background clause of the token spelled `at`
// starts, up to that token; "" when it is in none.
std::string ClauseBefore(const std::string& text, const std::string& at) {
  std::vector<Token> tokens = Tokenize(text, 0, text.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (text.compare(tokens[i].start, tokens[i].end - tokens[i].start, at) != 0) continue;
    const size_t start = BackgroundClauseStart(tokens, i);
    if (start >= tokens.size()) return "";
    return text.substr(tokens[start].start, tokens[i].start - tokens[start].start);
  }
  ADD_FAILURE() << at << " is not in " << text;
  return "";
}

TEST(DateClausesTest, ABackgroundClauseStartsAtItsParticipleOrItsComma) {
  EXPECT_EQ(ClauseBefore("Herders gathered to demand the suspension of a permit granted in February to the firm.",
                         "February"),
            "granted in ");
  EXPECT_EQ(ClauseBefore("It copies the text that Parliament withdrew in 2023.", "2023"), "that Parliament withdrew in ");
  EXPECT_EQ(ClauseBefore("Achilova, who in 2019 had been stopped, left.", "2019"), ", who in ");
  EXPECT_EQ(ClauseBefore("Суд запретил партию, запрещённую в 2020 году.", "2020"), ", запрещённую в ");
  EXPECT_EQ(ClauseBefore("That law, adopted in June 2014, forces unions into a hierarchy.", "June"), ", adopted in ");
  EXPECT_EQ(ClauseBefore("Police detained him in 2020.", "2020"), "");
}

TEST(DateClausesTest, TheGroundOfAPunishmentIsBackground) {
  EXPECT_EQ(ClauseBefore("В июле суд приговорил его за участие в акции протеста в августе 2020 года.", "августе"),
            "за участие в акции протеста в ");
  EXPECT_EQ(ClauseBefore("She was jailed for taking part in a protest in August 2020.", "August"),
            "for taking part in a protest in ");
  EXPECT_EQ(ClauseBefore("He was fined for his posts of March 2021.", "March"), "for his posts of ");
  // "for" that asks or lasts opens no ground.
  EXPECT_EQ(ClauseBefore("They called for his release in May 2021.", "May"), "");
  EXPECT_EQ(ClauseBefore("He was held for ten days in May 2021.", "May"), "");
  EXPECT_EQ(ClauseBefore("Его оштрафовали за 2020 год.", "2020"), "");
}

TEST(DateClausesTest, TheSentencesOwnActIsNot) {
  EXPECT_FALSE(Background("Police detained him in 2020.", "2020"));
  EXPECT_FALSE(Background("His trial opened on 17 January 2022.", "2022"));
  EXPECT_FALSE(Background("The ministry said that in 2023 it would act.", "2023"));
  EXPECT_FALSE(Background("Achilova, who in 2019 was stopped, left.", "2019"));
}

TEST(DateClausesTest, AGenitiveMonthAfterANounNamesWhatItQualifies) {
  const std::string text = "участникам протестов августа 2020 года";
  std::vector<Token> tokens = Tokenize(text, 0, text.size());
  EXPECT_TRUE(IsAttributiveMonth(tokens, 2));
  const std::string act = "в начале августа 2020 года";
  tokens = Tokenize(act, 0, act.size());
  EXPECT_FALSE(IsAttributiveMonth(tokens, 2));
}

// Whether the year written `year` in `text` names what the noun before it
// qualifies.
bool AttributiveYear(const std::string& text, const std::string& year) {
  return AtToken(text, year, &IsAttributiveYear);
}

TEST(DateClausesTest, AGenitiveYearAfterANounNamesWhatItQualifies) {
  EXPECT_TRUE(AttributiveYear("впервые с военного переворота 1980 года", "1980"));
  EXPECT_TRUE(AttributiveYear("участников выборов 2020 года", "2020"));
  EXPECT_TRUE(AttributiveYear("штрафы за «донаты» 2020 года", "2020"));
  // A year that dates the act, or one after a time word, does not.
  EXPECT_FALSE(AttributiveYear("задержали в 2020 году", "2020"));
  EXPECT_FALSE(AttributiveYear("до конца 2023 года", "2023"));
  EXPECT_FALSE(AttributiveYear("с весны 2021 года", "2021"));
  EXPECT_FALSE(AttributiveYear("с 1994 года", "1994"));
}

}  // namespace
}  // namespace civicwatch::normalize

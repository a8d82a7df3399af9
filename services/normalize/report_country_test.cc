#include "services/normalize/report_country.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

TEST(ReportCountryTest, TheCountryNamedMostTheTitleCountingFiveTimes) {
  EXPECT_EQ(DetectCountry("Kyrgyzstan: surveillance of NGO workers", ""), "KG");
  EXPECT_EQ(DetectCountry("Belarus: crackdown", "Minsk and Kazakhstan"), "BY");
  // A city counts for its country.
  EXPECT_EQ(DetectCountry("Задержан журналист", "Его задержали в Бишкеке."), "KG");
  EXPECT_EQ(DetectCountry("Nothing here", "no places at all"), "");
}

TEST(ReportCountryTest, ATallyCountsPieceByPieceAndTiesGoToTheFirstNamed) {
  CountryTally tally;
  const std::string first = "Police in Kazakhstan";
  const std::string second = "and in Belarus";
  tally.Add(Tokenize(first, 0, first.size()));
  tally.Add(Tokenize(second, 0, second.size()));
  EXPECT_EQ(tally.Best(), "KZ");
  tally.Add(Tokenize(second, 0, second.size()));
  EXPECT_EQ(tally.Best(), "BY");
  EXPECT_EQ(CountryTally().Best(), "");
}

TEST(ReportCountryTest, LanguageByItsLetters) {
  EXPECT_EQ(DetectLanguage("Акын Болот Назаров ответил ГКНБ"), "ru");
  EXPECT_EQ(DetectLanguage("Kyrgyzstan: update"), "en");
  EXPECT_EQ(DetectLanguage(""), "en");
}

}  // namespace
}  // namespace civicwatch::normalize

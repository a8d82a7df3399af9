#include "services/normalize/later_sittings.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

// PutsOffTo for the first digit of `text` (the date's day).
bool PutOffToTheDay(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].kind == TokenKind::kNumber) return PutsOffTo(tokens, k);
  }
  ADD_FAILURE() << "no number in " << text;
  return false;
}

TEST(LaterSittingsTest, ASittingPutOffOrTheNextOneSet) {
  EXPECT_TRUE(PutOffToTheDay("The court adjourned the trial to 7 March 2018."));
  EXPECT_TRUE(PutOffToTheDay("The hearing was postponed until 3 October 2019."));
  EXPECT_TRUE(PutOffToTheDay("It was adjourned at once to 23 August."));
  EXPECT_TRUE(PutOffToTheDay("Суд отложил рассмотрение дела на 5 мая 2021 года."));
  EXPECT_TRUE(PutOffToTheDay("Заседание перенесли на 12 апреля 2022 года."));
  EXPECT_TRUE(PutOffToTheDay("Her next hearing is set for 5 December 2018."));
  EXPECT_TRUE(PutOffToTheDay("At the next hearing, set for 3 December, the prosecutor will speak."));
  EXPECT_TRUE(PutOffToTheDay("The next hearing is scheduled for 19 December 2011."));
  EXPECT_TRUE(PutOffToTheDay("Следующее заседание назначено на 20 января 2020 года."));
}

TEST(LaterSittingsTest, NotTheDayOfTheActOrADateAfterAnyToOrFor) {
  // The day set is the day the hearing was put off.
  EXPECT_FALSE(PutOffToTheDay("A hearing set for 3 February 2011 was adjourned."));
  EXPECT_FALSE(PutOffToTheDay("He was sentenced to 15 days on 3 May 2021."));
  EXPECT_FALSE(PutOffToTheDay("Police detained him for 3 hours."));
  EXPECT_FALSE(PutOffToTheDay("Суд арестовал его на 10 суток."));
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/act_anchors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/normalize/date_parser.h"
#include "services/normalize/date_resolution.h"
#include "services/normalize/normalizer.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

// "category date" of each event of `body`, in order.
std::vector<std::string> Events(const std::string& body) {
  v1::Report r;
  r.set_body(body);
  auto result = NormalizeReport(r);
  EXPECT_TRUE(result.ok()) << result.status();
  std::vector<std::string> out;
  for (const v1::Event& e : result->events) {
    char date[16] = "";
    if (e.date().day()) {
      snprintf(date, sizeof date, "%04d-%02d-%02d", e.date().year(), e.date().month(), e.date().day());
    }
    out.push_back(v1::Category_Name(e.category()) + " " + date);
  }
  return out;
}

bool Has(const std::vector<std::string>& events, const std::string& event) {
  for (const std::string& e : events) {
    if (e == event) return true;
  }
  return false;
}

std::string Joined(const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& e : events) out += e + "; ";
  return out;
}

// The dates of `text` (one sentence or several, tokenised as one), resolved.
std::vector<std::string> Dates(const std::string& text) {
  std::vector<Token> toks = Tokenize(text, 0, text.size());
  std::vector<DateMention> ms = FindDates(toks);
  std::vector<DateMention*> all;
  for (DateMention& m : ms) all.push_back(&m);
  ResolveDates({}, {}, &all);
  std::vector<std::string> out;
  for (const DateMention& m : ms) out.push_back(m.date.ToString());
  return out;
}

TEST(RelativeDatesTest, WeeksAndDaysCountedOnFromADay) {
  auto d = Dates("She was detained on 15 June 2022. Two weeks later the court extended her detention.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1], "2022-06-29");
  d = Dates("Его задержали 4 июня 2013 года. Через две недели суд продлил арест.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1], "2013-06-18");
  // Collective numerals count days and nights.
  d = Dates("Его задержали 4 июня 2013 года. Через трое суток его отпустили.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1], "2013-06-07");
  d = Dates("He was detained on 3 May 2021 and charged three days after.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1], "2021-05-06");
}

TEST(RelativeDatesTest, AHowLongIsNoDate) {
  // How long something lasted or has lasted, not when it happened.
  EXPECT_EQ(Dates("Sentenced on 3 May 2021, she was refused a copy of the verdict for nine days after "
                  "sentencing.").size(),
            1u);
  EXPECT_EQ(Dates("Attacked on 3 May 2021. Almost three weeks after the attack, no suspect has been named.").size(),
            1u);
  EXPECT_EQ(Dates("Задержан 4 июня 2013 года. Адвоката допустили лишь через трое суток после задержания.").size(),
            1u);
}

TEST(RelativeDatesTest, APhraseCountingFromAnActNamesIt) {
  std::vector<Token> toks = Tokenize(std::string("Two weeks after her arrest she began a hunger strike."), 0, 53);
  std::vector<DateMention> ms = FindDates(toks);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(toks[ms[0].after_act_token].lower, "arrest");
  const std::string ru = "Через неделю после задержания ей предъявили обвинение.";
  toks = Tokenize(ru, 0, ru.size());
  ms = FindDates(toks);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(toks[ms[0].after_act_token].lower, "задержания");
  // "Two weeks later" names no act.
  const std::string later = "Two weeks later she began a hunger strike.";
  toks = Tokenize(later, 0, later.size());
  ms = FindDates(toks);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].after_act_token, 0u);
}

TEST(ActAnchorsTest, AnActNamedCountsFromItsTellingNotFromTheDateBefore) {
  const auto events = Events(
      "Blogger charged in Dushanbe\n\n"
      "On 18 May 2022 officers of the security service detained the blogger Shirin Davlatova in Dushanbe.\n\n"
      "On 21 May 2022 state television aired a video of her 'confession'.\n\n"
      "A week after her detention Davlatova was charged with public calls for violent change of the "
      "constitutional order.\n");
  EXPECT_TRUE(Has(events, "CATEGORY_JUDICIAL_HARASSMENT 2022-05-25")) << Joined(events);
  EXPECT_FALSE(Has(events, "CATEGORY_JUDICIAL_HARASSMENT 2022-05-28")) << Joined(events);
}

TEST(ActAnchorsTest, InRussianToo) {
  const auto events = Events(
      "Блогеру предъявлено обвинение\n\n"
      "18 мая 2022 года сотрудники ГКНБ задержали журналистку Ширин Давлатову в Душанбе.\n\n"
      "21 мая 2022 года государственный телеканал показал видеозапись её «признания».\n\n"
      "Через неделю после задержания Давлатовой предъявили обвинение в публичных призывах к "
      "насильственному изменению конституционного строя.\n");
  EXPECT_TRUE(Has(events, "CATEGORY_JUDICIAL_HARASSMENT 2022-05-25")) << Joined(events);
}

TEST(ActAnchorsTest, AfterADatedClauseThePhraseDatesWhatFollowsItBack) {
  const auto events = Events(
      "Court jails Ordo Media journalists\n\n"
      "BISHKEK, March 14, 2024 - A court in the capital on Thursday ordered two journalists of the outlet "
      "Ordo Media held in pre-trial detention for two months, a day after security officers raided the "
      "outlet's newsroom.\n");
  EXPECT_TRUE(Has(events, "CATEGORY_DETENTION 2024-03-14")) << Joined(events);
  EXPECT_TRUE(Has(events, "CATEGORY_RAID 2024-03-13")) << Joined(events);
  EXPECT_FALSE(Has(events, "CATEGORY_RAID 2024-03-15")) << Joined(events);
}

TEST(ActAnchorsTest, APhraseThatRestatesADateAddsNoEvent) {
  // "until 29 February, three days after the arrest" says when 29 February
  // was; "Eight days after his release, on 12 November" says it before.
  auto events = Events(
      "Journalist held in Baku\n\n"
      "Police detained the journalist Anar Mammadli in Baku on 26 February 2016. His lawyer was not "
      "allowed to see him until 29 February, three days after the arrest.\n");
  EXPECT_FALSE(Has(events, "CATEGORY_OTHER 2016-03-01")) << Joined(events);
  events = Events(
      "Writer arrested again\n\n"
      "The writer Ahmet Altan was released from prison on 4 November 2019. Eight days after his release, "
      "on 12 November, he was arrested again at his home in Istanbul.\n");
  EXPECT_TRUE(Has(events, "CATEGORY_DETENTION 2019-11-12")) << Joined(events);
}

}  // namespace
}  // namespace civicwatch::normalize

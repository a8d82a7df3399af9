#include "services/normalize/act_anchors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/normalize/normalizer.h"

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

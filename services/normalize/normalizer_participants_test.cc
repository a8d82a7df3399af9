// The normaliser end to end on who takes part in an incident: the court
// and judge named before, the people a pronoun or a title points to, and
// the freedom that who was targeted gives.
#include "services/normalize/normalizer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace civicwatch::normalize {
namespace {

NormalizedReport Normalize(const std::string& body) {
  v1::Report r;
  r.set_body(body);
  auto result = NormalizeReport(r);
  EXPECT_TRUE(result.ok()) << result.status();
  return *result;
}

// The entity ids of an event's participants by display name.
std::map<std::string, std::string> Participants(const v1::Event& e) {
  std::map<std::string, std::string> out;
  for (const auto& p : e.participants()) out[p.display_name()] = p.entity();
  return out;
}

TEST(NormalizerParticipantsTest, TheSameCourtAndTheSameJudgeAreTheOnesNamedBefore) {
  NormalizedReport n = Normalize(
      "Kyrgyzstan: update\n\n"
      "On 12 March 2024, Judge Aida Ivanova of the Pervomaisky District Court sentenced journalist "
      "Bakyt Asanov to three years in prison.\n\n"
      "On 20 March 2024, the same judge fined activist Nurlan Toktonaliev.\n\n"
      "On 2 April 2024, the same court banned a rally of the Kloop Foundation.\n\n"
      "On 9 April 2024, the court rejected an appeal by Bakyt Asanov. On 10 April 2024, the court "
      "fined his lawyer.\n");
  ASSERT_EQ(n.events.size(), 5u);
  const auto first = Participants(n.events[0]);
  ASSERT_TRUE(first.count("Aida Ivanova"));
  ASSERT_TRUE(first.count("Pervomaisky District Court"));
  // Named as the entity, not as "the same judge".
  auto second = Participants(n.events[1]);
  EXPECT_EQ(second["Aida Ivanova"], first.at("Aida Ivanova"));
  for (const auto& p : n.events[1].participants()) {
    if (p.display_name() == "Aida Ivanova") EXPECT_EQ(p.role(), v1::ROLE_ACTOR);
  }
  EXPECT_EQ(Participants(n.events[2])["Pervomaisky District Court"], first.at("Pervomaisky District Court"));
  // "the court" across paragraphs may be another court: not linked; in the
  // paragraph that named one, it is that one.
  EXPECT_FALSE(Participants(n.events[3]).count("Pervomaisky District Court"));
  n = Normalize(
      "Kyrgyzstan: update\n\n"
      "On 12 March 2024, the Pervomaisky District Court remanded journalist Bakyt Asanov in custody. "
      "On 9 April 2024, the court rejected an appeal by Asanov.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_TRUE(Participants(n.events[1]).count("Pervomaisky District Court"));
}

TEST(NormalizerParticipantsTest, RussianSameCourtAndNoCourtBefore) {
  NormalizedReport n = Normalize(
      "Казахстан: обзор\n\n"
      "15 мая 2023 года Медеуский районный суд Алматы оштрафовал журналиста Аслана Сагутдинова.\n\n"
      "20 мая 2023 года тот же суд арестовал активиста Марата Жыланбаева.\n");
  ASSERT_EQ(n.events.size(), 2u);
  std::string court;
  for (const auto& p : n.events[0].participants()) {
    if (p.kind() != v1::ENTITY_KIND_PERSON) court = p.entity();
  }
  ASSERT_FALSE(court.empty());
  bool linked = false;
  for (const auto& p : n.events[1].participants()) linked |= p.entity() == court;
  EXPECT_TRUE(linked);
  // With no court named before, "the court" links to nothing.
  n = Normalize("Kyrgyzstan: update\n\nOn 9 April 2024, the court fined activist Bakyt Asanov.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(n.events[0].participants_size(), 1);
}

TEST(NormalizerParticipantsTest, RegionsAreEventLocations) {
  NormalizedReport n = Normalize(
      "Kazakhstan: update\n\n"
      "On 3 May 2023, police detained activist Marat Zhylanbayev in the Almaty region.\n\n"
      "On 4 May 2023, police detained journalist Aigul Utepova in Almaty.\n\n"
      "On 5 May 2023, blogger Daniyar Adilbekov was detained in southern Kyrgyzstan.\n\n"
      "On 6 May 2023, the Bishkek District Court fined activist Dana Zhanay.\n");
  ASSERT_EQ(n.events.size(), 4u);
  EXPECT_EQ(n.events[0].location(), "Almaty region");
  EXPECT_EQ(n.events[0].country_code(), "KZ");
  EXPECT_EQ(n.events[1].location(), "Almaty");
  EXPECT_EQ(n.events[2].location(), "southern Kyrgyzstan");
  EXPECT_EQ(n.events[2].country_code(), "KG");
  // A court's name is no region.
  EXPECT_EQ(n.events[3].location(), "Bishkek");
  n = Normalize(
      "Таджикистан: обзор\n\n"
      "16 мая 2022 года в Горно-Бадахшанской автономной области задержали активиста Мамадали "
      "Сафарова.\n\n"
      "18 мая 2022 года на юге Таджикистана задержали журналиста Далера Имомали.\n\n"
      "20 мая 2022 года в Gorno-Badakhshan Autonomous Oblast задержали блогера Ахмада Ибрагимова.\n");
  ASSERT_EQ(n.events.size(), 3u);
  EXPECT_EQ(n.events[0].location(), "Горно-Бадахшанской автономной области");
  EXPECT_EQ(n.events[1].location(), "юге Таджикистана");
  EXPECT_EQ(n.events[2].location(), "Gorno-Badakhshan Autonomous Oblast");
}

TEST(NormalizerParticipantsTest, FreedomWithoutSectionsFromWhoWasTargetedAndTheLede) {
  // The fine names Nazarov alone: his title, given before, says press.
  NormalizedReport n = Normalize(
      "Kyrgyzstan: update\n\n"
      "On 5 May 2023, police detained journalist Bolot Nazarov in Osh.\n\n"
      "On 7 May 2023, police dispersed a rally in Bishkek and detained ten protesters.\n\n"
      "On 9 May 2023, a court fined Nazarov 10,000 soms.\n");
  ASSERT_EQ(n.events.size(), 3u);
  EXPECT_EQ(n.events[1].freedom(), v1::FREEDOM_PEACEFUL_ASSEMBLY);
  EXPECT_EQ(n.events[2].freedom(), v1::FREEDOM_EXPRESSION);
  // Nothing in the incident: the lede's theme (a demonstration), not the
  // incident before; a "defendant" is no defender.
  n = Normalize(
      "Armenia: trial of protest movement supporters\n\n"
      "Four supporters of the movement were charged on 3 March 2021 with organising mass "
      "disorder over a demonstration held in Yerevan.\n\n"
      "On 5 April 2021, the authorities ordered the closure of the newspaper Hraparak.\n\n"
      "On 16 May 2021, the Court of Cassation rejected a motion by defendant Varuzhan Avetisyan.\n");
  ASSERT_EQ(n.events.size(), 3u);
  EXPECT_EQ(n.events[1].freedom(), v1::FREEDOM_EXPRESSION);
  EXPECT_EQ(n.events[2].freedom(), v1::FREEDOM_PEACEFUL_ASSEMBLY);
}

TEST(NormalizerParticipantsTest, ASentenceNamingOnlyTheJudgeIsAboutThePeopleOfTheStory) {
  NormalizedReport n = Normalize(
      "Kazakhstan: update\n\n"
      "Activist Galym Seitkali was detained on 3 May 2021 in Almaty. On 6 May 2021, Judge Aigerim "
      "Nurlanova placed him under house arrest. The same judge extended the measure on 29 June "
      "2021.\n");
  ASSERT_EQ(n.events.size(), 3u);
  for (size_t k = 1; k < 3; ++k) {
    const auto people = Participants(n.events[k]);
    EXPECT_TRUE(people.count("Aigerim Nurlanova")) << k;
    EXPECT_TRUE(people.count("Galym Seitkali")) << k;
  }
}

TEST(NormalizerParticipantsTest, TheLawyerIsTheTitledPersonOfTheParagraph) {
  NormalizedReport n = Normalize(
      "Tajikistan: update\n\n"
      "On 3 March 2021, police searched the office of human rights lawyer Farrukh Nazarzoda.\n\n"
      "Nazarzoda's arrest followed months of pressure. The lawyer was detained in Dushanbe on "
      "12 November 2020.\n");
  ASSERT_EQ(n.events.size(), 2u);
  const auto people = Participants(n.events[1]);
  ASSERT_TRUE(people.count("Farrukh Nazarzoda"));
  for (const auto& p : n.events[1].participants()) {
    if (p.display_name() == "Farrukh Nazarzoda") EXPECT_EQ(p.role(), v1::ROLE_VICTIM);
  }
}

}  // namespace
}  // namespace civicwatch::normalize

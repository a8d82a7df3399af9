#include "services/normalize/normalizer.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "services/normalize/entity_key.h"

namespace civicwatch::normalize {
namespace {

NormalizedReport Normalize(const std::string& body) {
  v1::Report r;
  r.set_body(body);
  auto result = NormalizeReport(r);
  EXPECT_TRUE(result.ok()) << result.status();
  return *result;
}

std::string DateOf(const v1::Event& e) {
  const auto& d = e.date();
  if (!d.year()) return "";
  char buf[16];
  if (!d.month()) snprintf(buf, sizeof buf, "%04d", d.year());
  else if (!d.day()) snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  else snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buf;
}

TEST(NormalizerTest, AYearHeadingGivesItsYearToTheDatesUnderIt) {
  const auto result = Normalize(
      "Case history\n\nIn 2019 the group was registered.\n\n2023\n\n"
      "3 March: the Investigative Committee opened a criminal case against him.\n\n"
      "21 March: police searched his flat.\n");
  std::set<std::string> dates;
  for (const auto& e : result.events) dates.insert(DateOf(e));
  EXPECT_TRUE(dates.count("2023-03-03")) << result.events.size();
  EXPECT_TRUE(dates.count("2023-03-21"));
  EXPECT_FALSE(dates.count("2023")) << "the heading itself is no event";
}

TEST(NormalizerTest, ALawyerKeptFromADetaineeIsAnEventOfItsOwn) {
  // ANNOTATION.md, hard cases: lawyer access denied is `other`, an act of
  // its own on the detention's day, not more about the detention.
  const auto result = Normalize(
      "Journalist held in Izmir\n\n"
      "On 8 November 2022 police detained the journalist Deniz Aydin at her home in Izmir. "
      "During the first 24 hours Ms Aydin was not allowed to see her lawyer.\n");
  std::multiset<std::string> seen;
  for (const auto& e : result.events) seen.insert(v1::Category_Name(e.category()) + " " + DateOf(e));
  EXPECT_EQ(seen.count("CATEGORY_DETENTION 2022-11-08"), 1u);
  EXPECT_EQ(seen.count("CATEGORY_OTHER 2022-11-08"), 1u);
}

TEST(NormalizerTest, ANewsItemsParagraphsGoOnWithTheDayItsLedeTold) {
  const auto result = Normalize(
      "Three activists detained in Chisinau\n\n"
      "CHISINAU, 19 November 2019 - Police in Chisinau detained three activists of the Stop Lawlessness "
      "movement on Monday evening outside the Prosecutor General's Office.\n\n"
      "A man in plain clothes pushed the camera operator Andrei Gutu, who was filming the detentions, "
      "and broke his camera.\n\n"
      "The Association of Independent Press condemned the attack and called on the police to find the man.\n");
  std::multiset<std::string> seen;
  for (const auto& e : result.events) seen.insert(v1::Category_Name(e.category()) + " " + DateOf(e));
  EXPECT_EQ(seen.count("CATEGORY_DETENTION 2019-11-18"), 1u);
  EXPECT_EQ(seen.count("CATEGORY_ATTACK 2019-11-18"), 1u) << "the story's day, told in the lede";
  EXPECT_EQ(seen.count("CATEGORY_ADVOCACY 2019-11-18"), 0u) << "what others said is not dated by the story";
}

TEST(NormalizerTest, ADatedClauseWhoseOnlyActIsToComeIsNoIncident) {
  const auto result = Normalize(
      "Activist jailed in Krasnodar\n\n"
      "On 2 October 2013 the Leninsky District Court sentenced the activist Pavel Trofimenko to 15 days of "
      "administrative arrest. Trofimenko is due to be released on 17 October.\n");
  std::set<std::string> dates;
  for (const auto& e : result.events) dates.insert(DateOf(e));
  EXPECT_TRUE(dates.count("2013-10-02"));
  EXPECT_FALSE(dates.count("2013-10-17")) << "a release still to come";
  // Nor what could or may yet happen.
  const auto later = Normalize(
      "Blogger jailed in Tashkent\n\n"
      "On 3 May 2016 the court sentenced blogger Ravshan Tursunov to five years in prison. "
      "He was due for release in 2018. He could be released only in 2024.\n\n"
      "Если Верховный суд откажет, Турсунов может выйти на свободу не раньше лета 2018 года.\n");
  ASSERT_EQ(later.events.size(), 1u);
  EXPECT_EQ(DateOf(later.events[0]), "2016-05-03");
}

TEST(NormalizerTest, RejectsEmptyAndInvalidBodies) {
  v1::Report r;
  EXPECT_EQ(NormalizeReport(r).status().code(), absl::StatusCode::kInvalidArgument);
  r.set_body("\xff\xfe bad");
  EXPECT_EQ(NormalizeReport(r).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(NormalizerTest, KeepsEveryInputFieldButTheBodyAndTheOutputOnlyOnes) {
  v1::Report in;
  in.set_name("reports/abc");
  in.set_title("Given title");
  in.set_country_code("KG");
  in.mutable_coverage_start()->set_year(2020);
  in.mutable_coverage_end()->set_year(2021);
  in.add_publishers("Publisher A");
  in.add_publishers("Publisher B");
  in.set_language("en");
  in.set_source_uri("https://example.org/report");
  in.mutable_published_date()->set_year(2022);
  in.set_body("Kyrgyzstan: update\n\nOn 7 May 2020 activist Ivan Petrov was detained in Bishkek.\n");
  in.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  in.set_content_hash("0123");
  in.mutable_create_time()->set_seconds(1);
  in.set_event_count(5);
  auto result = NormalizeReport(in);
  ASSERT_TRUE(result.ok()) << result.status();
  v1::Report expected = in;
  expected.clear_body();
  expected.clear_name();
  expected.clear_content_hash();
  expected.clear_create_time();
  expected.clear_event_count();
  EXPECT_EQ(result->report.SerializeAsString(), expected.SerializeAsString())
      << result->report.DebugString();
}

TEST(NormalizerTest, WarnsWhenNoCountry) {
  NormalizedReport n = Normalize("A title\n\nNothing happened here.\n");
  bool warned = false;
  for (const auto& w : n.warnings) warned |= w.code() == "NO_COUNTRY";
  EXPECT_TRUE(warned);
  EXPECT_TRUE(n.events.empty());
}

TEST(NormalizerTest, MetadataEventsAndEntities) {
  const std::string body =
      "Kazakhstan: activists detained\n\n"
      "This update covers events from 1st March to 30th June 2023 and was prepared by the "
      "Kazakhstan International Bureau for Human Rights (KIBHR).\n\n"
      "Peaceful Assembly\n\n"
      "On 5th April, police detained activist Marat Zhylanbayev in Almaty. Zhylanbaev said he "
      "would appeal.\n\n"
      "Civil society continues to be under pressure.\n";
  NormalizedReport n = Normalize(body);
  EXPECT_EQ(n.report.country_code(), "KZ");
  EXPECT_EQ(n.report.coverage_start().month(), 3);
  ASSERT_EQ(n.report.publishers_size(), 1);
  EXPECT_EQ(n.report.publishers(0), "Kazakhstan International Bureau for Human Rights");
  ASSERT_EQ(n.events.size(), 1u);
  const v1::Event& e = n.events[0];
  EXPECT_EQ(DateOf(e), "2023-04-05");
  EXPECT_EQ(e.category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(e.freedom(), v1::FREEDOM_PEACEFUL_ASSEMBLY);
  EXPECT_EQ(e.location(), "Almaty");
  ASSERT_EQ(e.provenance_size(), 1);
  EXPECT_EQ(body.substr(e.provenance(0).start_offset(), 8), "On 5th A");
  // Both spellings are one participant.
  std::set<std::string> ids;
  for (const auto& p : e.participants()) {
    if (p.kind() == v1::ENTITY_KIND_PERSON) ids.insert(p.entity());
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(*ids.begin(), "entities/" + EntityIdForKey(FoldingKey("Marat Zhylanbayev")));
}

TEST(NormalizerTest, UndatedStaysUndatedAndCoverageIsNeverAnEventDate) {
  NormalizedReport n = Normalize(
      "Tajikistan: update\n\nThis update covers events from January to March 2022.\n\n"
      "Journalist Daler Imomali was beaten by unknown men in Dushanbe.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_ATTACK);
  EXPECT_EQ(n.events[0].freedom(), v1::FREEDOM_EXPRESSION);
}

TEST(NormalizerTest, RussianReport) {
  NormalizedReport n = Normalize(
      "В Минске задержан правозащитник\n\n"
      "Правозащитника Алеся Беляцкого задержали в Минске 14 июля 2021 года. "
      "В тот же день был задержан и ещё один активист.\n");
  EXPECT_EQ(n.report.language(), "ru");
  EXPECT_EQ(n.report.country_code(), "BY");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(DateOf(n.events[0]), "2021-07-14");
  EXPECT_EQ(DateOf(n.events[1]), "2021-07-14");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_DETENTION);
}

TEST(NormalizerTest, AcronymsAwayFromParenthesesAndBodiesJoinedByAnd) {
  NormalizedReport n = Normalize(
      "Belarus: test\n\n"
      "On 27 August 2021 the Supreme Court liquidated the Belarusian Association of Journalists "
      "and Human Rights Watch protested.\n\n"
      "On 28 August 2021 HRW said BAJ would appeal.\n");
  ASSERT_EQ(n.events.size(), 2u);
  std::map<std::string, std::string> id_of;
  for (const auto& e : n.events) {
    for (const auto& p : e.participants()) id_of[p.display_name()] = p.entity();
  }
  EXPECT_EQ(id_of["HRW"], id_of["Human Rights Watch"]);
  EXPECT_EQ(id_of["BAJ"], id_of["Belarusian Association of Journalists"]);
  EXPECT_NE(id_of["HRW"], id_of["BAJ"]);
}

TEST(NormalizerTest, DetentionAtAProtestIsADetention) {
  NormalizedReport n = Normalize(
      "Kazakhstan: test\n\n"
      "On 9th April 2023, police in Almaty detained eleven people who had gathered peacefully to "
      "protest against rising prices. The court sentenced four of them to ten days of "
      "administrative arrest on 10th April 2023.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(n.events[1].category(), v1::CATEGORY_DETENTION);
}

TEST(NormalizerTest, NewsLedeToldAgainInTheBodyIsOneEvent) {
  // 24 July 2019 was a Wednesday: the lede's "on Tuesday" is the body's
  // 23 July, and the lede's death is the body's.
  NormalizedReport n = Normalize(
      "Ukraine: Investigative journalist killed in Kherson region\n\n"
      "KYIV, 24 July 2019 (news agency) \xE2\x80\x93 An investigative journalist who exposed illegal "
      "sand mining in southern Ukraine died in hospital on Tuesday, three days after he was "
      "attacked near his home.\n\n"
      "On 20 July 2019, two men beat journalist Ivan Petrenko in Nova Kakhovka. He died of his "
      "injuries on 23 July 2019.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(DateOf(n.events[0]), "2019-07-20");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_ATTACK);
  // The dateline's city is neither a participant nor the place.
  EXPECT_EQ(n.events[0].location(), "Nova Kakhovka");
  EXPECT_EQ(DateOf(n.events[1]), "2019-07-23");
  EXPECT_EQ(n.events[1].category(), v1::CATEGORY_KILLING);
  ASSERT_EQ(n.events[1].participants_size(), 1);
  EXPECT_EQ(n.events[1].participants(0).display_name(), "Ivan Petrenko");
}

TEST(NormalizerTest, UndatedRepeatOfADatedIncidentIsDropped) {
  NormalizedReport n = Normalize(
      "Kazakhstan: update\n\n"
      "On 5 March 2023, police detained activist Marat Zhylanbayev in Almaty.\n\n"
      "On 7 March 2023, the court fined journalist Aigul Utepova for a post.\n\n"
      "Activist Marat Zhylanbayev was detained by police without a warrant, his lawyer said.\n\n"
      "Activist Dana Zhanay was detained by police without a warrant.\n");
  ASSERT_EQ(n.events.size(), 3u);
  EXPECT_EQ(DateOf(n.events[0]), "2023-03-05");
  EXPECT_EQ(DateOf(n.events[1]), "2023-03-07");
  // Someone else's undated detention is an incident of its own.
  EXPECT_EQ(DateOf(n.events[2]), "");
  EXPECT_EQ(n.events[2].category(), v1::CATEGORY_DETENTION);
  ASSERT_GE(n.events[2].participants_size(), 1);
  EXPECT_EQ(n.events[2].participants(0).display_name(), "Dana Zhanay");
}

TEST(NormalizerTest, AnUndatedActNamingNobodyIsATrendNotAnIncident) {
  NormalizedReport n = Normalize(
      "Georgia: update\n\n"
      "On 3 May 2022 police detained activist Nika Beridze in Batumi.\n\n"
      "Protesters were detained across the country and many were beaten.\n\n"
      "Blogger Levan Abashidze was detained by police without a warrant.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(DateOf(n.events[0]), "2022-05-03");
  EXPECT_EQ(DateOf(n.events[1]), "");
  ASSERT_GE(n.events[1].participants_size(), 1);
  EXPECT_EQ(n.events[1].participants(0).display_name(), "Levan Abashidze");
}

TEST(NormalizerTest, TheItemsUnderACallAreDemandsNotIncidents) {
  const std::string body =
      "Armenia: update\n\n"
      "On 25 April 2024 police detained activist Hayk Sargsyan in Gyumri.\n\n"
      "The Civic Monitor calls on the authorities to:\n\n"
      "- drop the charges against the people detained on 25 April;\n"
      "- repeal the law on false information adopted in March 2024.\n\n"
      "1. stop the raids on independent media.\n";
  NormalizedReport n = Normalize(body);
  // The detention; nothing from the call's items. The call itself, undated
  // and done to no one, is a warning rather than an event.
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2024-04-25");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_DETENTION);
  int call_warnings = 0;
  for (const v1::Warning& w : n.warnings) {
    if (w.code() != "UNDATED_MENTION") continue;
    ++call_warnings;
    EXPECT_EQ(w.start_offset(), static_cast<int64_t>(body.find("The Civic Monitor")));
  }
  EXPECT_EQ(call_warnings, 1);
}

TEST(NormalizerTest, ItemsOfAListUnderADatedLeadTakeItsDate) {
  NormalizedReport n = Normalize(
      "Kazakhstan: after the rally\n\nAlmaty, 20 June 2019\n\n"
      "According to the bureau, on Thursday, 13 June, the courts ruled:\n\n"
      "\xE2\x80\xA2 activist Asan Amilov was given 15 days of administrative arrest;\n"
      "\xE2\x80\xA2 blogger Nurlan Yerzhanov was fined 126,000 tenge.\n\n"
      "Police detained Dana Seitova on 15 June.\n\n"
      "\xE2\x80\xA2 an undated item after a paragraph with no colon stays undated: Arman Bekov was fined.\n");
  std::map<std::string, std::string> date_of;
  for (const v1::Event& e : n.events) {
    for (const auto& p : e.participants()) date_of[p.display_name()] = DateOf(e);
  }
  EXPECT_EQ(date_of["Asan Amilov"], "2019-06-13");
  EXPECT_EQ(date_of["Nurlan Yerzhanov"], "2019-06-13");
  EXPECT_EQ(date_of["Dana Seitova"], "2019-06-15");
  ASSERT_EQ(date_of.count("Arman Bekov"), 1u);
  EXPECT_EQ(date_of["Arman Bekov"], "");
}

TEST(NormalizerTest, AmongThoseDetainedOpeningAParagraphTakesTheDayOfTheDetentions) {
  NormalizedReport n = Normalize(
      "Georgia: update\n\n"
      "On 12 March 2023 people rallied in Tbilisi. Police detained dozens of protesters. "
      "The same day the mobile internet was cut in the city centre.\n\n"
      "Among those detained was the student Nino Kapanadze, who was beaten in the van.\n");
  bool found = false;
  for (const v1::Event& e : n.events) {
    for (const auto& p : e.participants()) {
      if (p.display_name() == "Nino Kapanadze") {
        found = true;
        EXPECT_EQ(DateOf(e), "2023-03-12");
      }
    }
  }
  EXPECT_TRUE(found);
}

TEST(NormalizerTest, ARussianSentenceOpeningWithAnAdverbStartsNoBodyName) {
  NormalizedReport n = Normalize(
      "Новости\n\nАЛМАТЫ, 20 июня 2023 г. Накануне полиция задержала активиста Олега Петрова.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2023-06-19");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_DETENTION);
  for (const auto& p : n.events[0].participants()) {
    EXPECT_EQ(p.display_name().find("полиция"), std::string::npos) << p.display_name();
  }
}

TEST(NormalizerTest, FootnotesTellNoIncident) {
  NormalizedReport n = Normalize(
      "Kyrgyzstan: update\n\n"
      "On 5 May 2022 police detained the blogger Aziz Tokoev in Osh.[1]\n\n"
      "[1] Interview with Aziz Tokoev's lawyer, 12 May 2022.\n"
      "[2] Statement of the Prosecutor General's Office of 6 May 2022 on the arrest.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2022-05-05");
}

TEST(NormalizerTest, AnInternationalCourtsRulingOnADetentionIsItsDecision) {
  NormalizedReport n = Normalize(
      "Case page\n\n"
      "On 14 June 2016 the European Court of Human Rights ruled that the arrest and pre-trial "
      "detention of the journalist Rauf Aliyev had no reasonable basis.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_INTERNATIONAL_DECISION);
}

TEST(NormalizerTest, AClauseThatOnlyDatesTheUndatedActBeforeItDatesIt) {
  NormalizedReport n = Normalize(
      "Kyrgyzstan: news\n\n"
      "The Ministry of Culture blocked the website of the newspaper Vesti for two months. "
      "The decision was taken on 26 October 2022 under the law on false information.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2022-10-26");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_CENSORSHIP);
}

TEST(NormalizerTest, TheCaseOfAPersonIsNotPartOfTheirName) {
  NormalizedReport n = Normalize(
      "Новости\n\n30 мая 2023 года суд арестовал активиста Марата Исаева. "
      "Дело Марата Исаева рассматривает районный суд.\n");
  for (const v1::Event& e : n.events) {
    for (const auto& p : e.participants()) {
      EXPECT_EQ(p.display_name().find("Дело"), std::string::npos) << p.display_name();
    }
  }
}

TEST(NormalizerTest, RussianCourtNamesAndFines) {
  NormalizedReport n = Normalize(
      "Беларусь: обзор\n\n"
      "Суд Центрального района Гомеля 13 марта 2023 года приговорил трёх участников протестов "
      "августа 2020 года к лишению свободы.\n\n"
      "Тот же суд 2 марта 2023 года оштрафовал пенсионерку Валентину Лысенко.\n");
  // The protests of August 2020 name the people; they date nothing.
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(DateOf(n.events[0]), "2023-03-13");
  std::string court;
  for (const auto& p : n.events[0].participants()) {
    if (p.display_name() == "Суд Центрального района Гомеля") court = p.entity();
  }
  ASSERT_FALSE(court.empty());
  EXPECT_EQ(n.events[1].category(), v1::CATEGORY_FINE);
  bool linked = false;
  for (const auto& p : n.events[1].participants()) {
    linked |= p.entity() == court;
    EXPECT_NE(p.display_name(), "Тот же суд");
    if (p.entity() == court) EXPECT_EQ(p.kind(), v1::ENTITY_KIND_STATE_BODY);
  }
  EXPECT_TRUE(linked);
}

TEST(NormalizerTest, ADatedBackgroundRemarkIsNoIncident) {
  NormalizedReport n = Normalize(
      "Tajikistan: update\n\n"
      "On 10 October 2023, the Dushanbe City Court sentenced reporter Khurshed Rahmonov to seven "
      "years in prison. Rahmonov had reported on the security operation in Khorog in the spring "
      "of 2022.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2023-10-10");
}

TEST(NormalizerTest, ANewsLedeDatedBySeasonHoldsTheBodysDay) {
  NormalizedReport n = Normalize(
      "Tajikistan: protests crushed\n\n"
      "DUSHANBE, 30 June 2022 \xE2\x80\x93 Security forces killed protesters in the spring of 2022, "
      "local activists said.\n\n"
      "On 18 May 2022, security forces killed at least 20 protesters in Rushan.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2022-05-18");
}

TEST(NormalizerTest, ADateOpeningASentenceDatesItsAct) {
  NormalizedReport n = Normalize(
      "Uzbekistan: digest\n\n"
      "2019-06-20: The Supreme Court overturned the 2017 conviction of former political prisoner "
      "Bakhrom Ibragimov and confirmed his full rehabilitation.\n");
  ASSERT_GE(n.events.size(), 1u);
  EXPECT_EQ(DateOf(n.events[0]), "2019-06-20");
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_RELEASE);
}

TEST(NormalizerTest, WhatACallAsksForIsNotWhatHappened) {
  NormalizedReport n = Normalize(
      "Russia: test\n\n"
      "On 5 May 2022, police detained activist Ivan Petrov in Moscow.\n\n"
      "On 6 May 2022, Amnesty International called on the authorities to reverse the liquidation "
      "of Memorial and to stop harassing its members.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(n.events[1].category(), v1::CATEGORY_ADVOCACY);
}

TEST(NormalizerTest, WhoToldItIsNotWhoWasTargeted) {
  NormalizedReport n = Normalize(
      "Таджикистан: обзор\n\n"
      "18 мая 2022 года в районе Рушан силовики открыли огонь по участникам протеста. По данным "
      "местных активистов, погибли не менее 20 человек, в том числе житель села Мамадбокир "
      "Мамадбокиров.\n");
  ASSERT_GE(n.events.size(), 1u);
  for (const auto& e : n.events) EXPECT_EQ(e.freedom(), v1::FREEDOM_PEACEFUL_ASSEMBLY) << e.summary();
}

TEST(NormalizerTest, TwoActsOnOtherPeopleInOneDatedClauseAreTwoEvents) {
  NormalizedReport n = Normalize(
      "Kazakhstan: update\n\n"
      "On 3 May 2022 the court fined seven protesters and sentenced four others to administrative "
      "arrest.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_FINE);
  EXPECT_EQ(n.events[1].category(), v1::CATEGORY_DETENTION);
  for (const auto& e : n.events) EXPECT_EQ(DateOf(e), "2022-05-03");
  // Steps of one story done to the same person stay one event.
  NormalizedReport one = Normalize(
      "Kazakhstan: update\n\n"
      "On 4 May 2022 police detained activist Ivan Petrov and charged him with hooliganism.\n");
  EXPECT_EQ(one.events.size(), 1u);
}

TEST(NormalizerTest, ADateInsideACuePhraseDoesNotHideIt) {
  NormalizedReport n = Normalize(
      "Kazakhstan: update\n\n"
      "The city administration refused on 21st May 2022 to allow a picket.\n");
  ASSERT_EQ(n.events.size(), 1u);
  EXPECT_EQ(n.events[0].category(), v1::CATEGORY_BAN);
  EXPECT_EQ(DateOf(n.events[0]), "2022-05-21");
}

TEST(NormalizerTest, PeopleNamedAfterBeingCountedJoinTheIncident) {
  for (const char* body : {
           "Kazakhstan: update\n\n"
           "Four activists were sentenced on 2 June 2021. Those convicted were Ivan Petrov, Anna "
           "Sidorova and Marat Akhmetov.\n",
           "Казахстан: обзор\n\n"
           "Четыре активиста были осуждены 2 июня 2021 года. Осуждённые — Иван Петров, Анна "
           "Сидорова и Марат Ахметов.\n"}) {
    NormalizedReport n = Normalize(body);
    ASSERT_EQ(n.events.size(), 1u) << body;
    EXPECT_EQ(DateOf(n.events[0]), "2021-06-02");
    EXPECT_EQ(n.events[0].participants_size(), 3) << body;
  }
}

TEST(NormalizerTest, ARussianRegionAdjectiveIsAPlace) {
  NormalizedReport n = Normalize(
      "Обзор\n\n"
      "5 мая 2022 года в Гомельской области задержали активиста Ивана Петрова.\n\n"
      "6 мая 2022 года в Алматинской области задержали блогера Марата Ахметова.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(n.events[0].location(), "Гомельской области");
  EXPECT_EQ(n.events[0].country_code(), "BY");
  EXPECT_EQ(n.events[1].location(), "Алматинской области");
  EXPECT_EQ(n.events[1].country_code(), "KZ");
}

TEST(NormalizerTest, ARussianBodyNameRunsOverTheNounItsAdjectiveQualifies) {
  NormalizedReport n = Normalize(
      "Казахстан: обзор\n\n"
      "Министерство внутренних дел 7 мая 2022 года запретило митинг.\n");
  ASSERT_EQ(n.events.size(), 1u);
  ASSERT_GE(n.events[0].participants_size(), 1);
  EXPECT_EQ(n.events[0].participants(0).display_name(), "Министерство внутренних дел");
}

TEST(NormalizerTest, APlaceInsideAnOrganisationsNameIsNotTheEventsPlace) {
  NormalizedReport n = Normalize(
      "Armenia: update\n\n"
      "On 9 May 2022 police detained Arsen Sargsyan, a lawyer of the Helsinki Citizens Assembly "
      "Vanadzor Office.\n\n"
      "On 10 May 2022 police detained Aram Petrosyan in Vanadzor.\n");
  ASSERT_EQ(n.events.size(), 2u);
  EXPECT_EQ(n.events[0].location(), "");
  EXPECT_EQ(n.events[1].location(), "Vanadzor");
  for (const auto& p : n.events[0].participants()) {
    if (p.display_name() == "Helsinki Citizens Assembly Vanadzor Office") {
      EXPECT_EQ(p.kind(), v1::ENTITY_KIND_ORGANISATION);
    }
  }
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/incident_segmenter.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/date_parser.h"
#include "services/normalize/date_resolution.h"
#include "services/normalize/sentence_reader.h"

namespace civicwatch::normalize {
namespace {

// The incidents of `body`, read and dated by the stages before.
struct Segmented {
  explicit Segmented(std::string text) : body(std::move(text)), arena(body.size() * 2) {
    const std::vector<Paragraph> paragraphs = SplitParagraphs(body);
    const ReportMetadata metadata = ReadReportMetadata(body, paragraphs);
    read = ReadSentences(body, paragraphs, metadata, NormalizerOptions(), &arena, &resolver, &country);
    std::vector<DateMention*> dates;
    for (Sentence& s : read.sentences) {
      for (DateMention& d : s.dates) dates.push_back(&d);
    }
    ResolveDates({}, {}, &dates);
    incidents = SegmentIncidents(read.sentences, resolver.entities());
  }

  std::string body;
  SentenceArena arena;
  EntityResolver resolver;
  CountryTally country;
  ReadText read;
  std::vector<Incident> incidents;
};

TEST(IncidentSegmenterTest, TwoDatedActsInOneSentenceAreTwoIncidents) {
  Segmented s("Title\n\nOn 3 May 2023 police detained Aibek Asanov, and on 12 June 2023 a court fined him.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].date.month, 5);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_DETENTION);
  EXPECT_EQ(s.incidents[1].date.month, 6);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_FINE);
}

TEST(IncidentSegmenterTest, ASearchOrABeatingAndAnArrestOfTheSamePeopleAreTwoIncidents) {
  Segmented s("Title\n\nOn 3 May 2023 police searched the flat of Aibek Asanov, and detained him.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_RAID);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_DETENTION);
  EXPECT_EQ(s.incidents[1].date.day, 3);
  // Steps of one procedure stay one incident.
  Segmented steps("Title\n\nOn 3 May 2023 police detained Aibek Asanov, and charged him with hooliganism.\n");
  EXPECT_EQ(steps.incidents.size(), 1u);
}

TEST(IncidentSegmenterTest, WhoCallsDecidesWhetherTheCallIsAdvocacy) {
  Segmented group("Title\n\nOn 7 December 2024 the Committee to Protect Journalists urged Azerbaijan to release "
                  "the reporters.\n");
  ASSERT_EQ(group.incidents.size(), 1u);
  EXPECT_EQ(group.incidents[0].category, v1::CATEGORY_ADVOCACY);
  Segmented un("Title\n\nOn 7 December 2024 the UN Human Rights Committee urged Azerbaijan to release "
               "the reporters.\n");
  ASSERT_EQ(un.incidents.size(), 1u);
  EXPECT_EQ(un.incidents[0].category, v1::CATEGORY_INTERNATIONAL_DECISION);
}

TEST(IncidentSegmenterTest, ADatedSceneWithoutAnActDatesTheActsToldAfterIt) {
  Segmented s("Title\n\nThe conference took place in central Bishkek on 8 March 2019. A group of masked men "
              "attacked the participants. Police then detained more than sixty of them.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_ATTACK);
  EXPECT_EQ(s.incidents[0].date.ToString(), "2019-03-08");
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_DETENTION);
  EXPECT_EQ(s.incidents[1].date.ToString(), "2019-03-08");
  // What someone says was done is not dated by the scene.
  Segmented told("Title\n\nThe conference took place in central Bishkek on 8 March 2019. Participants said "
                 "that masked men had attacked them.\n");
  for (const Incident& i : told.incidents) EXPECT_FALSE(i.date.known());
}

TEST(IncidentSegmenterTest, TheSameActOnTheSameDayToOtherNamedPeopleIsAnotherIncident) {
  Segmented s("Title\n\nOn 27 December 2019 the court fined student Olga Lyashuk. On 27 December 2019 the "
              "court fined pensioner Yuri Babich.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_FINE);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_FINE);
  // Told twice of the same person, it is one.
  Segmented same("Title\n\nOn 27 December 2019 the court fined student Olga Lyashuk. On 27 December 2019 the "
                 "court fined Olga Lyashuk for a second post.\n");
  EXPECT_EQ(same.incidents.size(), 1u);
}

TEST(IncidentSegmenterTest, AHeadingNamingItsSectionByADayDatesTheParagraphsUnderIt) {
  Segmented s("Title\n\n1. Background\n\nThe blogger Aibek Asanov was detained on 3 May 2010.\n\n"
              "2. Hearing of 14 April 2011\n\nThe hearing started two hours late.\n\n"
              "After the hearing, a group of women attacked the lawyer Tatyana Kim.\n");
  const Incident* attack = nullptr;
  for (const Incident& i : s.incidents) {
    if (i.category == v1::CATEGORY_ATTACK) attack = &i;
  }
  ASSERT_NE(attack, nullptr);
  EXPECT_EQ(attack->date.ToString(), "2011-04-14");
  // A date set off by a comma is when the text was written.
  Segmented written("Title\n\nPublic statement, 14 April 2011\n\nThe hearing started late.\n\n"
                    "A group of women attacked the lawyer Tatyana Kim.\n");
  for (const Incident& i : written.incidents) EXPECT_NE(i.date.ToString(), "2011-04-14");
}

TEST(IncidentSegmenterTest, ABackgroundClauseAfterADayIsAnActOfItsOwn) {
  Segmented s("Title\n\nOn 30 May 2023 the Supreme Court overturned the conviction of blogger Aruzhan "
              "Temirbaeva, who had been sentenced to probation in 2021.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_RELEASE);
  EXPECT_EQ(s.incidents[0].date.ToString(), "2023-05-30");
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_JUDICIAL_HARASSMENT);
  EXPECT_EQ(s.incidents[1].date.ToString(), "2021");
}

TEST(IncidentSegmenterTest, AFollowUpSentenceJoinsItsIncident) {
  Segmented s("Title\n\nOn 3 May 2023 police detained journalist Aibek Asanov in Osh. "
              "He was held for three hours and questioned about his reporting.\n");
  ASSERT_EQ(s.incidents.size(), 1u);
  EXPECT_EQ(s.incidents[0].follow_ups.size(), 1u);
  EXPECT_FALSE(s.incidents[0].entities.empty());
}

TEST(IncidentSegmenterTest, AReleaseOnTheDayOfTheDetentionEndsIt) {
  Segmented s("Title\n\nOn 2 July 2019 police detained three monitors, including Dmitry Tikhonov, in Tashkent. "
              "They were released without charge the same evening.\n");
  ASSERT_EQ(s.incidents.size(), 1u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_DETENTION);
  // A release on another day is an incident of its own.
  Segmented later("Title\n\nOn 2 July 2019 police detained Dmitry Tikhonov in Tashkent. "
                  "He was released on 9 July 2019.\n");
  ASSERT_EQ(later.incidents.size(), 2u);
  EXPECT_EQ(later.incidents[1].category, v1::CATEGORY_RELEASE);
}

TEST(IncidentSegmenterTest, ABackgroundClauseDoesNotTakeTheActBeforeIt) {
  Segmented s("Title\n\nOn May 15, 2023, about 150 herders from Khanbogd and Manlai gathered in Dalanzadgad to "
              "demand the suspension of a permit granted in February to Gobi Coal Processing LLC.\n");
  ASSERT_GE(s.incidents.size(), 1u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_PROTEST);
  EXPECT_EQ(s.incidents[0].date.month, 5);
  EXPECT_EQ(s.incidents[0].date.day, 15);
}

TEST(IncidentSegmenterTest, AnOpeningDateSetOffByACommaDatesTheClauseAfterIt) {
  Segmented s("Title\n\nOn 16 April 2024, the Homiel Regional Court sentenced Natallia Kavalenka to two years in a "
              "colony for transferring 20 euros to a solidarity fund in 2020.\n");
  ASSERT_GE(s.incidents.size(), 1u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(s.incidents[0].date.year, 2024);
  EXPECT_EQ(s.incidents[0].date.day, 16);
}

TEST(IncidentSegmenterTest, ABareYearAfterTheDayIsADetailOfItsAct) {
  Segmented s("Title\n\nOn 20 June 2023 Judge Alena Shylko sentenced Anastasia Loika, behind closed doors, to "
              "seven years in prison for posts she had written in 2018.\n");
  ASSERT_GE(s.incidents.size(), 1u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(s.incidents[0].date.day, 20);
}

TEST(IncidentSegmenterTest, ATrendSentenceIsNoIncident) {
  Segmented s("Title\n\nCivil society continues to face pressure across the country.\n");
  EXPECT_TRUE(s.incidents.empty());
}

TEST(IncidentSegmenterTest, TheYearOfADayWithoutOneComesFromTheContext) {
  Segmented s("Title\n\nIn March 2022 the blogger was summoned for questioning. "
              "On 14 April police searched his flat.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[1].date.year, 2022);
  EXPECT_EQ(s.incidents[1].date.month, 4);
  EXPECT_EQ(s.incidents[1].date.day, 14);
}

TEST(IncidentSegmenterTest, AnotherActInTheParagraphTakesTheIncidentsDay) {
  Segmented s("Title\n\nOn 3 March 2022 officers searched the office of the Next TV channel in Bishkek. "
              "Its director Taalaibek Duishenbiev was detained during the search.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_RAID);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_DETENTION);
  EXPECT_EQ(s.incidents[1].date.day, 3);
  EXPECT_EQ(s.incidents[1].date.month, 3);
}

TEST(IncidentSegmenterTest, ASearchToldAfterAnArrestIsThatDaysSearch) {
  Segmented s("Title\n\nOn 17 November 2021 officers detained Artiom Bursuc at his flat in Bender. "
              "They searched the flat for four hours and took away his laptop and two phones.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[0].category, v1::CATEGORY_DETENTION);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_RAID);
  EXPECT_EQ(s.incidents[1].date.day, 17);
  // Another step of the same procedure stays part of the arrest.
  Segmented step("Title\n\nOn 17 November 2021 officers detained Artiom Bursuc at his flat in Bender. "
                 "He was charged with insulting the president.\n");
  EXPECT_EQ(step.incidents.size(), 1u);
}

TEST(IncidentSegmenterTest, WhatSomeoneSaysWasDoneToThemIsNotDatedByTheIncident) {
  Segmented s("Title\n\nOn 28 November 2022 the court sentenced Dauletmurat Tazhimuratov to 16 years in prison. "
              "Tazhimuratov said that police officers had beaten him after his arrest.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_ATTACK);
  EXPECT_FALSE(s.incidents[1].date.known());
}

TEST(IncidentSegmenterTest, AnActToldLaterIsNotDatedByTheIncident) {
  Segmented s("Title\n\nOn 3 March 2022 officers searched the office of the Next TV channel in Bishkek. "
              "Its director Taalaibek Duishenbiev was later detained.\n");
  ASSERT_EQ(s.incidents.size(), 2u);
  EXPECT_EQ(s.incidents[1].category, v1::CATEGORY_DETENTION);
  EXPECT_FALSE(s.incidents[1].date.known());
  Segmented minutes("Title\n\nOn 8 March 2020 unknown men attacked the marchers in Bishkek. "
                    "Police arrived minutes later and detained Aibek Asanov.\n");
  ASSERT_EQ(minutes.incidents.size(), 2u);
  EXPECT_EQ(minutes.incidents[1].date.day, 8) << "minutes later is the same day";
  // Told as later, an act of another kind is an incident of its own even
  // when the people are not named again.
  Segmented unnamed("Title\n\nOn 16 July 2018 police detained five women outside the district office. "
                    "Their homes were later searched.\n");
  ASSERT_EQ(unnamed.incidents.size(), 2u);
  EXPECT_EQ(unnamed.incidents[1].category, v1::CATEGORY_RAID);
  EXPECT_FALSE(unnamed.incidents[1].date.known());
}

}  // namespace
}  // namespace civicwatch::normalize

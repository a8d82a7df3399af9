#include "services/normalize/report_metadata.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace civicwatch::normalize {
namespace {

TEST(ReportMetadataTest, CoverageAndPublishers) {
  const std::string s =
      "This update covers events from 15th August to 15th December 2018 and was prepared by "
      "Legal Prosperity Foundation and International Partnership for Human Rights (IPHR).";
  SimpleDate start, end;
  ASSERT_TRUE(ParseCoverage(s, &start, &end));
  EXPECT_EQ(start.ToString(), "2018-08-15");
  EXPECT_EQ(end.ToString(), "2018-12-15");
  EXPECT_EQ(ParsePublishers(s), (std::vector<std::string>{"Legal Prosperity Foundation",
                                                          "International Partnership for Human Rights"}));
  EXPECT_EQ(ParsePublishers("It was prepared by the Kazakhstan International Bureau for Human "
                            "Rights (KIBHR) as part of its work with the CIVICUS Monitor."),
            (std::vector<std::string>{"Kazakhstan International Bureau for Human Rights"}));
}

TEST(ReportMetadataTest, MonthCoverage) {
  SimpleDate start, end;
  ASSERT_TRUE(ParseCoverage("This update covers events from April to July 2020.", &start, &end));
  EXPECT_EQ(start.ToString(), "2020-04");
  EXPECT_EQ(end.ToString(), "2020-07");
  ASSERT_TRUE(ParseCoverage("Обзор охватывает период с 1 января по 30 июня 2023 года.", &start, &end));
  EXPECT_EQ(start.ToString(), "2023-01-01");
  EXPECT_EQ(end.ToString(), "2023-06-30");
}

TEST(ReportMetadataTest, OnlyTheTextCoversAPeriod) {
  SimpleDate start, end;
  EXPECT_FALSE(ParseCoverage("Officers announced an audit covering the paper's accounts for 2018 to 2020.", &start,
                             &end));
  EXPECT_FALSE(start.known());
  ASSERT_TRUE(ParseCoverage("During the period from March to May 2021 police detained 40 people.", &start, &end));
  EXPECT_EQ(start.ToString(), "2021-03");
}

TEST(ReportMetadataTest, ATitleRangeWithYearsIsTheCoverage) {
  const std::string body =
      "Kazakhstan: civic space update, October 2023 to March 2024\n\nIn October, police came.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2023-10");
  EXPECT_EQ(md.coverage_end.ToString(), "2024-03");
  const std::string one_date = "Arrests on 5 March 2024\n\nPolice came.\n";
  const ReportMetadata single = ReadReportMetadata(one_date, SplitParagraphs(one_date));
  EXPECT_FALSE(single.coverage_start.known());
}

// "Annual Report 2020" under a title without a year: written no later
// than 2020 (whether it covers that year or the one before).
TEST(ReportMetadataTest, AnAnnualReportsYearIsTheLatestItWasWrittenIn) {
  const std::string body =
      "SHRINKING SPACE IN THE SOUTH CAUCASUS\nAnnual Report 2020 \u2013 Civic Space Observatory\n\n"
      "Overview\n\nOn 17 March, Parliament amended the Law on Information.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2020");
  EXPECT_FALSE(md.coverage_start.known()) << "the year may be the one after the year covered";
}

TEST(ReportMetadataTest, ADatelineOnALineOfItsOwn) {
  for (const std::string line : {"TBILISI, 25 June 2019", "Ереван, 13 июня 2024 года",
                                 "Ереван, четверг, 13 июня 2024 года"}) {
    const std::string body = "A title\n\n" + line + "\n\nPolice detained protesters on Tuesday.\n";
    const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
    EXPECT_EQ(md.published_date.day, line[0] == 'T' ? 25 : 13) << line;
    EXPECT_GT(md.dateline.size(), 0u) << line;
  }
}

TEST(ReportMetadataTest, AWiresDatelineWithoutAYearTakesTheLatestYearTheTextWrites) {
  const std::string body =
      "Three activists detained in Chisinau\n\n"
      "CHISINAU, 19 November. /Agency/. Police detained three activists on Monday evening.\n\n"
      "In August 2019 a court fined the movement's leader; in 2018 he was detained twice.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2019-11-19");
  EXPECT_EQ(body.substr(md.dateline.begin, md.dateline.size()), "CHISINAU, 19 November.");
  // A place not written in capitals opens a story, not a wire.
  const std::string story =
      "A title\n\nIn Chisinau, 19 November. Police detained three activists.\n\nIn August 2019 ...\n";
  EXPECT_FALSE(ReadReportMetadata(story, SplitParagraphs(story)).published_date.known());
}

TEST(ReportMetadataTest, DatelinesOfWiresAndUnPressReleases) {
  // A wire's place, date and name joined by slashes; a UN release's
  // bracketed date.
  const std::pair<std::string, std::string> cases[] = {
      {"\u0411\u0430\u043a\u0443/19.10.19/Turan: Police dispersed the rally on Saturday.", "2019-10-19"},
      {"GENEVA (28 March 2017) \u2013 UN experts today urged the Government to release everyone.",
       "2017-03-28"},
  };
  for (const auto& [line, date] : cases) {
    const std::string body = "A title\n\n" + line + "\n";
    const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
    EXPECT_EQ(md.published_date.ToString(), date) << line;
    EXPECT_GT(md.dateline.size(), 0u) << line;
  }
  // A bracketed date in a sentence of the story is none.
  const std::string story = "A title\n\nThe law (adopted 3 May 2017) bans rallies.\n";
  EXPECT_FALSE(ReadReportMetadata(story, SplitParagraphs(story)).published_date.known());
}

TEST(ReportMetadataTest, ADatelineUnderAPublisherLine) {
  // The place and date on the line under the publisher's name, in one
  // paragraph with it.
  const std::string body =
      "A title\n\nCommittee for the Defence of Reporters (CDR)\nRiga\u2013Vilnius, 7 May 2021\n\n"
      "On 3 March police came.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2021-05-07");
  EXPECT_GT(md.dateline.size(), 0u);
}

TEST(ReportMetadataTest, ABylineLineOpeningWithTheDate) {
  for (const std::string line :
       {"14.03.2023, 09:15 | Алматы | Общество", "5 June 2021 | Tashkent | News", "14.03.2023 15:20"}) {
    const std::string body = "A title\n\n" + line + "\n\nOn 3 March police came.\n";
    const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
    EXPECT_TRUE(md.published_date.day == 14 || md.published_date.day == 5) << line;
    EXPECT_GT(md.dateline.size(), 0u) << line;
  }
  // A chronology line goes on with what happened, and a date heading has
  // its story under it: no byline.
  for (const std::string body : {"A title\n\n14.03.2023, police searched the office.\n",
                                 "A title\n\n14 March 2023\nPolice searched the office.\n"}) {
    EXPECT_FALSE(ReadReportMetadata(body, SplitParagraphs(body)).published_date.known()) << body;
  }
}

TEST(ReportMetadataTest, TheDateOfTheTextNamedAsADocument) {
  for (const std::string line : {"Date of note: 19 November 2012", "Дата справки: 19 ноября 2012 г."}) {
    const std::string body = "A title\n\n" + line + "\nPresiding judge: A. Shumskaya\n\nThe hearing took place on Thursday.\n";
    EXPECT_EQ(ReadReportMetadata(body, SplitParagraphs(body)).published_date.ToString(), "2012-11-19") << line;
  }
  // The date of an arrest is the story's.
  const std::string body = "A title\n\nDate of arrest: 19 November 2012\nStatus: in custody\n\nText.\n";
  EXPECT_FALSE(ReadReportMetadata(body, SplitParagraphs(body)).published_date.known());
}

TEST(ReportMetadataTest, ABylineFieldWithAPlaceAndADate) {
  for (const std::string line : {"By our Ashgabat correspondent | Vienna, 3 December 2021",
                                 "Lawyers for Defenders (LD) \xE2\x80\x93 Brussels, 3 December 2021",
                                 "Наш корреспондент \xC2\xB7 3 декабря 2021"}) {
    const std::string body = "A title\n\n" + line + "\n\nOn 3 March police came.\n";
    EXPECT_EQ(ReadReportMetadata(body, SplitParagraphs(body)).published_date.ToString(), "2021-12-03") << line;
  }
  // A field that goes on in lower-case words is a headline, not a date line.
  const std::string body = "A title\n\nCourt jails activist | ruling of 3 May 2022 upheld\n\nText.\n";
  EXPECT_FALSE(ReadReportMetadata(body, SplitParagraphs(body)).published_date.known());
}

TEST(ReportMetadataTest, ARussianDatelineEndingInTheYearAbbreviation) {
  // "ОШ, 4 марта 2022 г. Суд ...": the abbreviation's full stop ends the
  // dateline, and the story starts in the same paragraph.
  for (const std::string lede : {"ОШ, 4 марта 2022 г. Суд в Оше арестовал блогера.",
                                 "ОШ, 4 марта 2022 года. Суд в Оше арестовал блогера.",
                                 "ОШ, 4 марта 2022 г. — Суд в Оше арестовал блогера."}) {
    const std::string body = "Заголовок\n\n" + lede + "\n";
    const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
    EXPECT_EQ(md.published_date.ToString(), "2022-03-04") << lede;
    ASSERT_GT(md.dateline.size(), 0u) << lede;
    EXPECT_EQ(body.substr(md.dateline.end).find("Суд"), 1u) << lede;
  }
}

TEST(ReportMetadataTest, TheYearUnderReviewIsTheCoverage) {
  for (const std::string head : {"Kyrgyzstan\nEvents of 2023", "Kyrgyzstan: 2023 in review",
                                 "Кыргызстан: итоги 2023 года",
                                 "KYRGYZSTAN\n[Excerpt from the country entry, annual report covering 2023]",
                                 "Kyrgyzstan: annual report for 2023",
                                 "Kyrgyzstan: Shrinking space for journalists and NGOs in 2023",
                                 "Submission to the UN Special Rapporteur on the situation of human rights in "
                                 "Kyrgyzstan: Pressure on independent journalists and NGOs in Bishkek in 2023",
                                 "Давление на независимые СМИ Кыргызстана в 2023 году"}) {
    const std::string body = head + "\n\nIn May, police came.\n";
    const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
    EXPECT_EQ(md.coverage_start.ToString(), "2023") << head;
    EXPECT_EQ(md.coverage_end.ToString(), "2023") << head;
  }
  for (const std::string body : {"A title\n\nThe events of 2023 were followed by arrests in May.\n",
                                 "Journalist detained in 2023 is freed\n\nIn May, police came.\n",
                                 "Submission to the UN Special Rapporteur on the situation of human rights in "
                                 "Kyrgyzstan: journalist detained in 2023 is freed\n\nIn May, police came.\n"}) {
    EXPECT_FALSE(ReadReportMetadata(body, SplitParagraphs(body)).coverage_start.known()) << body;
  }
}

TEST(ReportMetadataTest, ASubtitleNamingThePeriodIsTheCoverage) {
  const std::string body =
      "Crimea under pressure\n\nMonitoring update covering 1 January to 30 June 2023\n\n"
      "On 11 January the court sentenced five men.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2023-01-01");
  EXPECT_EQ(md.coverage_end.ToString(), "2023-06-30");
}

TEST(ReportMetadataTest, APublishedLineGivesThePublicationDate) {
  for (const std::string line : {"Published 15 April 2024", "Posted on 15 April 2024",
                                 "Опубликовано: 15 апреля 2024 года"}) {
    const std::string body = "A title\n\n" + line + "\n\nOn 3 March police came.\n";
    const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
    EXPECT_EQ(md.published_date.ToString(), "2024-04-15") << line;
    EXPECT_GT(md.publication_line.size(), 0u) << line;
  }
  const std::string body = "A title\n\nPublished reports say that on 3 March 2024 police came.\n";
  EXPECT_FALSE(ReadReportMetadata(body, SplitParagraphs(body)).published_date.known());
  // A byline with the word inside it; a page with its last update.
  for (const std::string line : {"Rights Centre (RC) \xC2\xB7 Published 15 April 2024 \xC2\xB7 By the desk",
                                 "Page created: March 2019 \xC2\xB7 Last updated: 15 April 2024"}) {
    const std::string text = "A title\n\n" + line + "\n\nOn 3 March police came.\n";
    const ReportMetadata md = ReadReportMetadata(text, SplitParagraphs(text));
    EXPECT_EQ(md.published_date.ToString(), "2024-04-15") << line;
  }
  // A story sentence that mentions a publication is no byline.
  const std::string story = "A title\n\nAmnesty published on 3 May 2023 a report on torture.\n";
  EXPECT_FALSE(ReadReportMetadata(story, SplitParagraphs(story)).published_date.known());
}

TEST(ReportMetadataTest, APublishedSentenceInAHeaderParagraph) {
  const std::string body =
      "A title\n\nPrepared by the secretariat with a partner that is not named. Published 24 January 2022.\n\n"
      "On 1 October the court ruled.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2022-01-24");
  EXPECT_EQ(body.substr(md.publication_line.begin, md.publication_line.size()), "Published 24 January 2022.");
}

TEST(ReportMetadataTest, ALastUpdateFieldButNoDateOfBirth) {
  const std::string card =
      "A title\n\nList of prisoners | Card 114\n\u041f\u043e\u0441\u043b\u0435\u0434\u043d\u0435\u0435 "
      "\u043e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u0438\u0435: 28 December 2023\n\nText.\n";
  EXPECT_EQ(ReadReportMetadata(card, SplitParagraphs(card)).published_date.ToString(), "2023-12-28");
  for (const std::string line : {"Date of birth: 12 May 1961", "Date of arrest: 12 May 2021"}) {
    const std::string body = "A title\n\n" + line + "\n\nText.\n";
    EXPECT_FALSE(ReadReportMetadata(body, SplitParagraphs(body)).published_date.known()) << line;
  }
  for (const std::string line : {"Date: 12 May 2021", "Date of publication: 12 May 2021",
                                 "\u0414\u0430\u0442\u0430 \u043f\u043e\u0434\u0433\u043e\u0442\u043e\u0432"
                                 "\u043a\u0438: 12 May 2021"}) {
    const std::string body = "A title\n\n" + line + "\n\nText.\n";
    EXPECT_EQ(ReadReportMetadata(body, SplitParagraphs(body)).published_date.ToString(), "2021-05-12") << line;
  }
}

TEST(ReportMetadataTest, ADateUnderTheAuthorsLineIsTheDateOfWriting) {
  const std::string body = "A title\n\nMaria Karpenko, Istanbul\n3 November 2022\n\nOn 25 October police came.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2022-11-03");
  EXPECT_GT(md.dateline.size(), 0u);
  // A date line under a sentence is a chronology's entry.
  const std::string story = "A title\n\nThe case, step by step.\n3 November 2022\n\nPolice came.\n";
  EXPECT_FALSE(ReadReportMetadata(story, SplitParagraphs(story)).published_date.known());
}

TEST(ReportMetadataTest, ADateOverThePublishersLineOrWithTheTimeOfPosting) {
  const std::string over = "A title\n\n16.07.2021\nDeutsche Welle\n\nOn 4 January students gathered.\n";
  EXPECT_EQ(ReadReportMetadata(over, SplitParagraphs(over)).published_date.ToString(), "2021-07-16");
  const std::string timed =
      "A title\n\nby Mariam Nikuradze | 12 July 2021, 14:05 | Tbilisi\n\nOn 5 July crowds attacked reporters.\n";
  EXPECT_EQ(ReadReportMetadata(timed, SplitParagraphs(timed)).published_date.ToString(), "2021-07-12");
}

TEST(ReportMetadataTest, APeriodInAFieldOfAHeaderLine) {
  const std::string body =
      "Observatory\nBelarus | Quarterly civic space update | October \u2013 December 2021\n\nOn 1 October police "
      "came.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2021-10");
  EXPECT_EQ(md.coverage_end.ToString(), "2021-12");
  EXPECT_FALSE(md.published_date.known()) << "a period is no day of writing";
}

TEST(ReportMetadataTest, AMonthUnderTheTitleIsWhenTheReviewWasWritten) {
  const std::string body = "Rights Centre\n\nChronicle of violations\nMarch 2023\n\nOn 3 March the court ruled.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2023-03");
  // A month over a chronology's entry heads the entry.
  const std::string chronology =
      "Case page\n\nHe was detained.\n\nJune 2023\nThe ministry refused to register a grant.\n";
  EXPECT_FALSE(ReadReportMetadata(chronology, SplitParagraphs(chronology)).published_date.known());
}

TEST(ReportMetadataTest, AnIssueDateInTheFooter) {
  const std::string body =
      "URGENT ACTION\n\nDEFENDERS REMANDED\n\nOn 18 July six were remanded.\n\nName: Anna Lee (f)\n\n"
      "Further information on UA: 156/17 Index: EUR 44/6765/2017 Issue Date: 19 July 2017\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2017-07-19");
  const std::string story = "A title\n\nOn 18 July six were remanded.\n\nThey were released on 19 July 2017.\n";
  EXPECT_FALSE(ReadReportMetadata(story, SplitParagraphs(story)).published_date.known());
}

TEST(ReportMetadataTest, Country) {
  EXPECT_EQ(DetectCountry("Kyrgyzstan: surveillance of NGO workers", ""), "KG");
  EXPECT_EQ(DetectCountry("Задержан журналист", "Его задержали в Бишкеке."), "KG");
  EXPECT_EQ(DetectCountry("Belarus: crackdown", "Minsk and Kazakhstan"), "BY");
  EXPECT_EQ(DetectCountry("Nothing here", "no places at all"), "");
}

TEST(ReportMetadataTest, LanguageAndSections) {
  EXPECT_EQ(DetectLanguage("Акын Болот Назаров ответил ГКНБ"), "ru");
  EXPECT_EQ(DetectLanguage("Kyrgyzstan: update"), "en");
  v1::Freedom f;
  ASSERT_TRUE(SectionHeadingFreedom("Peaceful Assembly", &f));
  EXPECT_EQ(f, v1::FREEDOM_PEACEFUL_ASSEMBLY);
  ASSERT_TRUE(SectionHeadingFreedom("Свобода выражения мнений", &f));
  EXPECT_EQ(f, v1::FREEDOM_EXPRESSION);
  ASSERT_TRUE(SectionHeadingFreedom("Introduction", &f));
  EXPECT_EQ(f, v1::FREEDOM_UNSPECIFIED);
  EXPECT_FALSE(SectionHeadingFreedom("Prison terms for two journalists", &f));
}

}  // namespace
}  // namespace civicwatch::normalize

namespace civicwatch::normalize {
namespace {

TEST(ReportMetadataTest, AKickerAboveTheHeadlineGivesThePublicationDate) {
  SimpleDate date;
  EXPECT_TRUE(ParseKickerLine("Новости · 10 апреля 2021", &date));
  EXPECT_EQ(date.year, 2021);
  EXPECT_EQ(date.month, 4);
  EXPECT_EQ(date.day, 10);
  EXPECT_TRUE(ParseKickerLine("NEWS | 3 May 2022", &date));
  EXPECT_TRUE(ParseKickerLine("12 March 2023", &date));
  EXPECT_TRUE(ParseKickerLine("17:42, 18 мая 2016", &date));
  EXPECT_EQ(date.day, 18);
  // The posting time after a numeric date.
  EXPECT_TRUE(ParseKickerLine("06.10.2022 14:37", &date));
  EXPECT_EQ(date.ToString(), "2022-10-06");
  EXPECT_TRUE(ParseKickerLine("March 3, 2021 at 9:15 am", &date));
  EXPECT_EQ(date.ToString(), "2021-03-03");
  EXPECT_FALSE(ParseKickerLine("Police detained him on 3 May 2022.", &date));
  EXPECT_FALSE(ParseKickerLine("Kazakhstan: freedom of assembly in March 2022", &date));
  EXPECT_FALSE(ParseKickerLine("2022", &date)) << "a year alone is no date of publication";
  EXPECT_FALSE(ParseKickerLine("Хроника преследований: 4–10 декабря 2023 года", &date))
      << "a range is the period a title names";
  const std::string weekly = "Хроника преследований: 4–10 декабря 2023 года\n\nВесна | обзор\n\n5 декабря задержали.\n";
  const ReportMetadata chronicle = ReadReportMetadata(weekly, SplitParagraphs(weekly));
  EXPECT_EQ(chronicle.coverage_start.ToString(), "2023-12-04");
  EXPECT_EQ(chronicle.coverage_end.ToString(), "2023-12-10");

  const std::string body = "Новости · 10 апреля 2021\n\nУ журналиста прошёл обыск\n\nВ пятницу пришли с обыском.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.title, "У журналиста прошёл обыск");
  EXPECT_EQ(md.published_date.day, 10);
  EXPECT_EQ(md.publication_line.begin, 0u);
}

}  // namespace
}  // namespace civicwatch::normalize

namespace civicwatch::normalize {
namespace {

TEST(ReportMetadataTest, APeriodOrAMonthUnderTheTitleIsTheCoverage) {
  std::string body = "Цена слова: преследование за антивоенную позицию\nЯнварь – июнь 2023 года\n\nТекст.\n";
  ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2023-01");
  EXPECT_EQ(md.coverage_end.ToString(), "2023-06");

  body = "HUMAN RIGHTS CENTER\n\nHuman rights situation in Belarus: April 2024\nMonthly review\n\nText.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2024-04");
  EXPECT_EQ(md.coverage_end.ToString(), "2024-04");

  // A month alone under the publisher's name is when the text was written.
  body = "Russia: civic space update\n\nWorking Group on Russia\nOctober 2022\n\nText.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_FALSE(md.coverage_start.known());
  SimpleDate month;
  EXPECT_FALSE(ParseMonthUnderReview("Police detained him in April 2024.", &month));
  ASSERT_TRUE(ParseMonthUnderReview("Обзор-хроника нарушений прав человека в Беларуси в мае 2014 года", &month));
  EXPECT_EQ(month.ToString(), "2014-05");
  ASSERT_TRUE(ParseMonthUnderReview("Обзор-хроника нарушений прав человека в Беларуси. Октябрь 2022 года", &month));
  EXPECT_EQ(month.ToString(), "2022-10");
  body = "Обзор-хроника нарушений прав человека в Беларуси. Май 2021 г.\n\nРезюме\n\nТекст.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2021-05") << "a title whose year is abbreviated";
  body = "ДЕЛО А. Б.\nСтраница обновлена 10 декабря 2013 г.\n\nПриговор: 4,5 года.\nОкончание срока: август 2015 г.\n\nТекст.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_FALSE(md.coverage_start.known()) << "a field's month is no period under review";

  body = "Case page\n\nDuman M.\nСтраница обновлена 18 декабря 2023 года.\n\nТекст.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2023-12-18") << "a page's update line";
}

TEST(ReportMetadataTest, APlaceAndADateClosingTheTextAreWhereItWasSigned) {
  const std::string body =
      "Записка по итогам наблюдения\n\nСуд отложил заседание.\n\nЗащита заявила отвод.\n\n"
      "Прокурор не явился.\n\nКишинёв, 15 июля 2016 г. Вопросы по записке: monitoring@example.org\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2016-07-15");
  ASSERT_FALSE(md.metadata_sentences.empty());
  EXPECT_EQ(body.substr(md.metadata_sentences.back().begin, md.metadata_sentences.back().size()),
            "Кишинёв, 15 июля 2016 г.");

  const std::string signed_on = "Statement\n\nOne.\n\nTwo.\n\nThree.\n\n10 June 2019\n";
  EXPECT_EQ(ReadReportMetadata(signed_on, SplitParagraphs(signed_on)).published_date.ToString(), "2019-06-10");

  // A dated line that goes on with a story is no signature.
  const std::string story =
      "Update\n\nOne.\n\nTwo.\n\nThree.\n\nOsh, 3 May 2022 \xE2\x80\x93 Police detained two activists outside "
      "the regional court and held them overnight without access to a lawyer.\n";
  for (const Span& meta : ReadReportMetadata(story, SplitParagraphs(story)).metadata_sentences) {
    EXPECT_NE(meta.begin, story.find("Osh")) << story.substr(meta.begin, meta.size());
  }
}

TEST(ReportMetadataTest, AShortLedeAfterADatelineIsNoByline) {
  const std::string body = "Activists detained\n\nBISHKEK, 12 April 2021 \xE2\x80\x93 Police detained two activists.\n";
  const ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2021-04-12");
  for (const Span& meta : md.metadata_sentences) {
    EXPECT_EQ(body.substr(meta.begin, meta.size()).find("Police"), std::string::npos)
        << "the lede is story: " << body.substr(meta.begin, meta.size());
  }
  // A byline's fields stay furniture.
  const std::string byline = "Court ruling\n\nBy our correspondent | Vienna, 3 December 2021\n\nThe court ruled.\n";
  EXPECT_EQ(ReadReportMetadata(byline, SplitParagraphs(byline)).published_date.ToString(), "2021-12-03");
}

TEST(ReportMetadataTest, ADayAloneUnderTheTitleDatesAStatement) {
  std::string body =
      "Заявление правозащитных организаций\n\n14 августа 2025 года\n\nМы, представители организаций, "
      "признаём пятерых политическими заключёнными.\n\nИван Петров задержан 11 марта.\n\n"
      "Мы требуем освободить их.\n";
  ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.published_date.ToString(), "2025-08-14");

  // Under a chronology's first day heading stands the entry it dates.
  body = "Дело Петрова: хроника\n\n14 августа 2025 года\n\nПетрова задержали.\n\n20 августа 2025 года\n\n"
         "Суд арестовал Петрова.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_FALSE(md.published_date.known()) << md.published_date.ToString();
}

TEST(ReportMetadataTest, TheFirstOfAChronologysYearHeadingsIsNoCoverage) {
  std::string body =
      "Дело журналиста: хроника\n\nМатериал обновлён 20 декабря 2010 г.\n\n2008–2009 годы\n\n"
      "Ноябрь 2008 г. — выходит статья.\n\n2010 год\n\n18 февраля. Суд отклоняет жалобу.\n";
  ReportMetadata md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_FALSE(md.coverage_start.known()) << md.coverage_start.ToString();

  // Alone, a range of years under the title is the period reviewed.
  body = "Дело журналиста: хроника\n\n2008–2009 годы\n\nНоябрь 2008 г. — выходит статья.\n";
  md = ReadReportMetadata(body, SplitParagraphs(body));
  EXPECT_EQ(md.coverage_start.ToString(), "2008");
  EXPECT_EQ(md.coverage_end.ToString(), "2009");
}

}  // namespace
}  // namespace civicwatch::normalize

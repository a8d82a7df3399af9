#include "services/normalize/date_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/date_resolution.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

struct Found {
  std::string date, end_date;
  DateKind kind;
  size_t start = 0;  // byte offset of the mention
};

// The dates of `text`, resolved with the given coverage (and publication
// date).
std::vector<Found> Dates(const std::string& text, SimpleDate cov_start = {}, SimpleDate cov_end = {},
                         SimpleDate published = {}) {
  std::vector<Token> toks = Tokenize(text, 0, text.size());
  std::vector<DateMention> ms = FindDates(toks);
  std::vector<DateMention*> ptrs;
  for (auto& m : ms) ptrs.push_back(&m);
  ResolveDates(cov_start, cov_end, &ptrs, published);
  std::vector<Found> out;
  for (const auto& m : ms) out.push_back({m.date.ToString(), m.end_date.ToString(), m.kind, m.start});
  return out;
}

std::string First(const std::string& text, SimpleDate s = {}, SimpleDate e = {}) {
  auto d = Dates(text, s, e);
  return d.empty() ? "none" : d[0].date;
}

// The mentions of `paragraphs` (one string each), resolved together as one
// text published on `published`.
std::vector<std::string> ResolvedAcrossParagraphs(const std::vector<std::string>& paragraphs,
                                                  const SimpleDate& published) {
  std::vector<std::vector<DateMention>> found;
  std::vector<std::vector<Token>> tokens;
  for (const std::string& text : paragraphs) {
    tokens.push_back(Tokenize(text, 0, text.size()));
    found.push_back(FindDates(tokens.back()));
  }
  std::vector<DateMention*> all;
  for (size_t p = 0; p < found.size(); ++p) {
    for (DateMention& m : found[p]) {
      m.paragraph = static_cast<int>(p);
      all.push_back(&m);
    }
  }
  ResolveDates({}, {}, &all, published);
  std::vector<std::string> out;
  for (const DateMention* m : all) out.push_back(m->date.ToString());
  return out;
}

TEST(DateParserTest, TheDayOfTheWeekBesideADaySettlesItsYear) {
  // 29 November was a Monday in 2021, not in 2020 or 2022.
  const SimpleDate published{2022, 6, 1};
  for (const std::string text : {"On Monday, 29 November, guards removed her from a flight.",
                                 "On 29 November (Monday) guards removed her from a flight.",
                                 "29 \xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F, \xD0\xB2 "
                                 "\xD0\xBF\xD0\xBE\xD0\xBD\xD0\xB5\xD0\xB4\xD0\xB5\xD0\xBB\xD1\x8C"
                                 "\xD0\xBD\xD0\xB8\xD0\xBA, \xD0\xB5\xD1\x91 \xD1\x81\xD0\xBD\xD1\x8F"
                                 "\xD0\xBB\xD0\xB8 \xD1\x81 \xD1\x80\xD0\xB5\xD0\xB9\xD1\x81\xD0\xB0."}) {
    const auto found = Dates(text, {}, {}, published);
    ASSERT_FALSE(found.empty()) << text;
    EXPECT_EQ(found[0].date, "2021-11-29") << text;
  }
  // A weekday that agrees with the year the text gives leaves it; one
  // with no day beside it does not move a day's year.
  EXPECT_EQ(Dates("On Monday, 29 November 2021, she was stopped.")[0].date, "2021-11-29");
  EXPECT_EQ(Dates("On 29 November she was stopped.", {}, {}, published)[0].date, "2021-11-29");
  EXPECT_EQ(Dates("On 3 March she was stopped; on Tuesday she was freed.", {}, {}, SimpleDate{2024, 6, 1})[0].date,
            "2024-03-03");
}

TEST(DateParserTest, FullDatesInEveryWrittenForm) {
  EXPECT_EQ(First("On 7th September 2018, they met."), "2018-09-07");
  // A two-digit year, as wires write it; not part of a longer dotted number.
  EXPECT_EQ(First("Баку/19.10.19/Turan"), "2019-10-19");
  EXPECT_EQ(First("address 10.10.10.10 was blocked"), "none");
  EXPECT_EQ(First("On 10 October 2024 the court ruled."), "2024-10-10");
  EXPECT_EQ(First("September 7, 2018"), "2018-09-07");
  EXPECT_EQ(First("On October 11, 2022, the court"), "2022-10-11");
  EXPECT_EQ(First("dated 07.09.2018 and signed"), "2018-09-07");
  EXPECT_EQ(First("on 2018-09-07 at noon"), "2018-09-07");
  EXPECT_EQ(First("задержали 7 сентября 2018 года"), "2018-09-07");
  EXPECT_EQ(First("22 января 2022 года в Бишкеке"), "2022-01-22");
}

TEST(DateParserTest, MonthsAndYearsKeepTheirPrecision) {
  EXPECT_EQ(First("in June 2018, people"), "2018-06");
  EXPECT_EQ(First("в июне 2018 года"), "2018-06");
  EXPECT_EQ(First("In mid-March 2024, Parliament"), "2024-03");
  EXPECT_EQ(First("in 2016 the Committee"), "2016");
  EXPECT_EQ(First("a 2016 decision of the Committee"), "2016");
  EXPECT_EQ(First("в 2016 году"), "2016");
}

TEST(DateParserTest, SeasonsGiveTheYearOnly) {
  // DESIGN.md has year, month and day precision: a season is no month.
  auto d = Dates("in the spring of 2022, police raided the office");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2022");
  EXPECT_EQ(d[0].kind, DateKind::kAbsolute);
  EXPECT_EQ(First("In autumn 2021 the law was adopted"), "2021");
  EXPECT_EQ(First("articles published in spring 2019 about"), "2019");
  EXPECT_EQ(First("in the fall of 2020"), "2020");
  EXPECT_EQ(First("весной 2022 года в ГБАО"), "2022");
  EXPECT_EQ(First("осенью 2021 г. был принят закон"), "2021");
  // The season is part of the mention, not only its year.
  d = Dates("in the spring of 2022, police");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].start, 7u);
  // A season of a year already given: that year, still no month.
  d = Dates("In March 2021 he was detained. In the autumn of that year he was sentenced.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2021");
  d = Dates("The NGO was registered in May 2019 and closed the following spring.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2020");
  d = Dates("Его задержали в марте 2021 года, а осенью того же года осудили.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2021");
  // Without a year a season dates nothing.
  EXPECT_EQ(First("in the spring the group met"), "none");
  EXPECT_EQ(First("весной активисты"), "none");
}

TEST(DateParserTest, DaysOfTheWeekCountFromAKnownDay) {
  // 10 June 2024 was a Monday.
  auto d = Dates("Police detained him on 10 June 2024. The following Friday a court remanded him.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2024-06-14");
  EXPECT_EQ(d[1].kind, DateKind::kRelative);
  d = Dates("On 10 June 2024 he was charged; on Wednesday he was detained.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2024-06-12");
  d = Dates("On 10 June 2024 he was charged, after a search the previous Saturday.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2024-06-08");
  d = Dates("Его задержали 10 июня 2024 года, а в пятницу суд арестовал его.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2024-06-14");
  // A news dateline: "on Tuesday" is the latest Tuesday up to that day
  // (24 July 2019 was a Wednesday).
  d = Dates("The journalist died in hospital on Tuesday.", {}, {}, {2019, 7, 24});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2019-07-23");
  d = Dates("Police searched his flat last Wednesday.", {}, {}, {2019, 7, 24});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2019-07-17");
  // A month is no day to count from, and nothing at all is none: undated.
  d = Dates("In June 2024 he was charged and on Friday he was detained.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "");
  d = Dates("On Friday he was detained.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "");
  // A weekday written with its date is that date, once.
  d = Dates("On Monday, 10 June 2024, police came.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-06-10");
  // Not a date: a name, or a weekday without "on".
  EXPECT_EQ(First("the Friday prayers were held"), "none");
  EXPECT_EQ(WeekdayOf({2024, 6, 10}), 1);
  EXPECT_EQ(WeekdayOf({2024, 6, 0}), 0);
}

TEST(DateParserTest, RussianGenitiveMonthAfterANounNamesWhatItQualifies) {
  auto d = Dates("приговорил участников протестов августа 2020 года");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2020-08");
  EXPECT_EQ(d[0].kind, DateKind::kAttributive);
  // After a time word or a preposition it dates the act.
  EXPECT_EQ(Dates("в начале августа 2020 года")[0].kind, DateKind::kAbsolute);
  EXPECT_EQ(Dates("задержали в августе 2020 года")[0].kind, DateKind::kAbsolute);
  EXPECT_EQ(Dates("с августа 2020 года")[0].kind, DateKind::kAbsolute);
}

TEST(DateParserTest, AYearThatQualifiesANounOrTellsABeginningDatesNoAct) {
  // A year between a determiner and a noun names that noun.
  for (const char* text : {"co-laureate of the 2022 Nobel Peace Prize", "evidence from the 2021 search"}) {
    auto d = Dates(text);
    ASSERT_EQ(d.size(), 1u) << text;
    EXPECT_EQ(d[0].kind, DateKind::kAttributive) << text;
  }
  // Unless the noun is an act itself, which the year dates.
  for (const char* text : {"ignoring its 2016 views", "under the 2015 law", "a 2017 court decision"}) {
    EXPECT_EQ(Dates(text)[0].kind, DateKind::kAbsolute) << text;
  }
  // When someone was born or something founded is background.
  EXPECT_EQ(Dates("Viasna was founded in 1996 in Minsk")[0].kind, DateKind::kAttributive);
  EXPECT_EQ(Dates("Он родился в 1953 году в Москве")[0].kind, DateKind::kAttributive);
  EXPECT_EQ(Dates("Дело: Лисовский Павел, 1984 г. р., активист")[0].kind, DateKind::kAttributive);
  EXPECT_EQ(Dates("employees born after 1974 pay five per cent")[0].kind, DateKind::kAttributive);
  EXPECT_EQ(Dates("The Observatory was created in 1997 by FIDH")[0].kind, DateKind::kAttributive);
  EXPECT_EQ(Dates("Азамжон Турсунов, 1961 года рождения, возглавлял отделение")[0].kind, DateKind::kAttributive);
  EXPECT_EQ(Dates("возглавлял отделение с 1961 года")[0].kind == DateKind::kAttributive, false);
  // A decade is no year; "к" ("by") bounds a period.
  EXPECT_EQ(First("В конце 1980-х он вошёл в группу"), "none");
  EXPECT_EQ(Dates("к осени 2023 года преследовали двести человек")[0].kind, DateKind::kBound);
  EXPECT_EQ(Dates("задержали в 2023 году")[0].kind, DateKind::kAbsolute);
  // An amount before its currency is no year.
  EXPECT_EQ(First("суд оштрафовал её на 2000 рублей"), "none");
  EXPECT_EQ(First("fined 1500 roubles"), "none");
  // "since 1994" bounds a state of affairs and is background: the story's
  // next days take no year from it.
  auto since = Dates("Lukashenka, in power since 1994, won. She left on 11 August.", {}, {}, {2020, 9, 1});
  ASSERT_EQ(since.size(), 2u);
  EXPECT_EQ(since[0].kind, DateKind::kBound);
  EXPECT_EQ(since[1].date, "2020-08-11");
  EXPECT_EQ(Dates("By the end of June 2025 they counted 25 journalists in prison")[0].kind, DateKind::kBound);
  EXPECT_EQ(Dates("К концу 2023 года в тюрьме было 25 журналистов")[0].kind, DateKind::kBound);
  EXPECT_EQ(Dates("At the end of June 2025 police came")[0].kind, DateKind::kAbsolute);
  // "since" a year opens a state of affairs; "since" a month dates the act
  // that began then.
  EXPECT_EQ(Dates("more than 70 people have been arrested since 2014")[0].kind, DateKind::kBound);
  EXPECT_EQ(Dates("С 1994 года он ездил в Чечню")[0].kind, DateKind::kBound);
  EXPECT_EQ(Dates("since August 2022 officers watch her home")[0].kind, DateKind::kAbsolute);
}

TEST(DateParserTest, DaysCountedFromTheTimeOfWritingOrTheDayBefore) {
  const SimpleDate published{2023, 6, 20};
  EXPECT_EQ(ResolvedAcrossParagraphs({"Police detained him yesterday."}, published),
            (std::vector<std::string>{"2023-06-19"}));
  EXPECT_EQ(ResolvedAcrossParagraphs({"Три недели назад полиция задержала активиста."}, published),
            (std::vector<std::string>{"2023-05"}));
  EXPECT_EQ(ResolvedAcrossParagraphs({"He was detained two years ago."}, published),
            (std::vector<std::string>{"2021"}));
  EXPECT_EQ(ResolvedAcrossParagraphs({"3 мая его задержали, а через неделю ему предъявили обвинение."},
                                     published),
            (std::vector<std::string>{"2023-05-03", "2023-05-10"}));
  EXPECT_EQ(ResolvedAcrossParagraphs({"He was detained on 3 May and released the next morning."}, published),
            (std::vector<std::string>{"2023-05-03", "2023-05-04"}));
}

TEST(DateParserTest, ARelativePhraseRightAfterAWrittenDateGivesNoOtherDate) {
  EXPECT_EQ(ResolvedAcrossParagraphs({"On 10 June 2025, four days before the end of his sentence, he was moved."},
                                     SimpleDate{2025, 7, 1}),
            (std::vector<std::string>{"2025-06-10"}));
  EXPECT_EQ(ResolvedAcrossParagraphs({"Его задержали 25 марта 2021 года — через два дня после неё."},
                                     SimpleDate{2023, 2, 8}),
            (std::vector<std::string>{"2021-03-25"}));
  // Told apart by the clause, the phrase dates its own act.
  EXPECT_EQ(ResolvedAcrossParagraphs({"He was detained on 3 May 2023; a week later he was charged."},
                                     SimpleDate{2023, 7, 1}),
            (std::vector<std::string>{"2023-05-03", "2023-05-10"}));
}

TEST(DateParserTest, AParticiplePhrasesYearIsNotTheStorysYear) {
  // The background act keeps its date; the next day takes the story's year.
  EXPECT_EQ(ResolvedAcrossParagraphs({"Его задержали 28 мая 2023 года. Он поддерживал партию, запрещённую "
                                      "решением районного суда в 2020 году. 30 мая суд арестовал его."},
                                     SimpleDate{2023, 11, 20}),
            (std::vector<std::string>{"2023-05-28", "2020", "2023-05-30"}));
}

// The day a sitting is put off to is still to come: it dates no act, and
// the story's next days take no year from it.
TEST(DateParserTest, TheDayASittingIsPutOffToIsNoActsDayNorTheStorysYear) {
  EXPECT_EQ(ResolvedAcrossParagraphs({"On 13 December 2017 the court adjourned the trial to 7 March 2018. "
                                      "On 14 December the union read a statement."},
                                     SimpleDate{2017, 12, 15}),
            (std::vector<std::string>{"2017-12-13", "2018-03-07", "2017-12-14"}));
}

TEST(DateParserTest, AQualifyingPhrasesYearIsNotTheStorysYear) {
  const SimpleDate published{2024, 5, 2};
  // A participle or a relative clause qualifying a noun tells when that
  // thing was done; the next day without a year is the story's.
  for (const std::string background : {"The bill is identical to a bill withdrawn in March 2023.",
                                       "The bill is identical to the text that MPs withdrew in March 2023.",
                                       "He led a party banned by the Supreme Court in 2019."}) {
    const auto dates = ResolvedAcrossParagraphs({background + " Parliament passed it on 17 April."}, published);
    ASSERT_EQ(dates.size(), 2u) << background;
    EXPECT_EQ(dates[1], "2024-04-17") << background;
  }
  // The act of a clause, and what someone said was done, are the story's.
  for (const std::string act : {"His trial opened in March 2023.", "The ministry said that police detained him "
                                                                   "in March 2023."}) {
    const auto dates = ResolvedAcrossParagraphs({act + " He was questioned on 17 April."}, published);
    ASSERT_EQ(dates.size(), 2u) << act;
    EXPECT_EQ(dates[1], "2023-04-17") << act;
  }
}

TEST(DateParserTest, APluperfectRelativeClausesYearIsNotTheStorysYear) {
  EXPECT_EQ(ResolvedAcrossParagraphs({"In March 2021 the border was closed. Achilova, who in November 2019 had "
                                      "been stopped at the airport, was questioned on 5 May."},
                                     SimpleDate{}),
            (std::vector<std::string>{"2021-03", "2019-11", "2021-05-05"}));
  // Without the past perfect the clause is the story's.
  EXPECT_EQ(ResolvedAcrossParagraphs({"In March 2021 the border was closed. Achilova, who in November 2019 "
                                      "was stopped at the airport, was questioned on 5 May."},
                                     SimpleDate{}),
            (std::vector<std::string>{"2021-03", "2019-11", "2019-05-05"}));
}

TEST(DateParserTest, TheSameDayAfterABackgroundYearCountsFromTheDayToldBefore) {
  EXPECT_EQ(ResolvedAcrossParagraphs({"On 9 April 2021 his flat was searched. The article was published in "
                                      "2016. The same day fifteen outlets issued a statement."},
                                     SimpleDate{}),
            (std::vector<std::string>{"2021-04-09", "2016", "2021-04-09"}));
}

TEST(DateParserTest, TheDayBeforeOnAWeekdayIsThatWeekday) {
  // Published on Saturday 5 March 2022.
  EXPECT_EQ(ResolvedAcrossParagraphs({"Обыск начался накануне, в четверг, около полудня."},
                                     SimpleDate{2022, 3, 5}),
            (std::vector<std::string>{"2022-03-03"}));
}

TEST(DateParserTest, APartOfAMonthWithoutAYear) {
  EXPECT_EQ(First("Police detained him on the 3rd of May 2021."), "2021-05-03");
  EXPECT_EQ(First("In the first days of March police came.", {2020, 1, 0}, {2020, 12, 0}), "2020-03");
  EXPECT_EQ(First("В первых числах марта полиция пришла.", {2020, 1, 0}, {2020, 12, 0}), "2020-03");
  EXPECT_EQ(First("At the end of June the president signed a law.", {2020, 1, 0}, {2020, 12, 0}), "2020-06");
  EXPECT_EQ(First("By the beginning of March police had come.", {2020, 1, 0}, {2020, 12, 0}), "2020-03");
  EXPECT_EQ(First("At the end of the trial police came."), "none");
}

TEST(DateParserTest, NumbersThatAreNotDates) {
  EXPECT_EQ(First("a fine of 80,000 soms"), "none");
  EXPECT_EQ(First("Article 4 of the 2003 Law on Guarantees"), "none");
  EXPECT_EQ(First("47.4% of respondents"), "none");
  EXPECT_EQ(First("the COVID-19 emergency"), "none");
  EXPECT_EQ(First("they may appeal"), "none");
}

TEST(DateParserTest, Ranges) {
  auto d = Dates("from 15th August to 15th December 2018");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2018-08-15");
  EXPECT_EQ(d[0].end_date, "2018-12-15");
  d = Dates("On 23rd and 24th October 2022, police detained 28 people.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2022-10-23");
  EXPECT_EQ(d[0].end_date, "2022-10-24");
  d = Dates("between 23 and 24 October 2022");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].end_date, "2022-10-24");
  d = Dates("from April to July 2020");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2020-04");
  EXPECT_EQ(d[0].end_date, "2020-07");
  d = Dates("Crimea under pressure, January–June 2023");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2023-01");
  EXPECT_EQ(d[0].end_date, "2023-06");
  d = Dates("November to March 2024");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2023-11");
  EXPECT_EQ(d[0].end_date, "2024-03");
  d = Dates("On October 23 and 24, 2022, police");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2022-10-23");
  EXPECT_EQ(d[0].end_date, "2022-10-24");
}

TEST(DateParserTest, DayAndMonthTakeTheCoverageYear) {
  EXPECT_EQ(First("On 12th March, the court", {2024, 1, 0}, {2024, 10, 0}), "2024-03-12");
  EXPECT_EQ(First("On 11th October she withdrew", {2018, 8, 15}, {2018, 12, 15}), "2018-10-11");
  // Coverage across a new year: January belongs to the second year.
  EXPECT_EQ(First("On 5 January police", {2018, 11, 0}, {2019, 2, 0}), "2019-01-05");
}

TEST(DateParserTest, WithoutContextADayTakesTheLatestYearUpToPublication) {
  const char text[] = "On 28 December police searched the office.";
  std::vector<Token> tokens = Tokenize(text, 0, sizeof text - 1);
  std::vector<DateMention> found = FindDates(tokens);
  ASSERT_EQ(found.size(), 1u);
  std::vector<DateMention*> all = {&found[0]};
  ResolveDates({}, {}, &all, SimpleDate{2024, 1, 10});
  EXPECT_EQ(found[0].date.ToString(), "2023-12-28");
  found = FindDates(tokens);
  all = {&found[0]};
  ResolveDates({}, {}, &all, SimpleDate{2024, 12, 30});
  EXPECT_EQ(found[0].date.ToString(), "2024-12-28");
}

TEST(DateParserTest, APublicationDateGivesNoYearToTheStory) {
  const char text[] = "12 March 2024. In September 2021 police came. On 28 December they came again.";
  std::vector<Token> tokens = Tokenize(text, 0, sizeof text - 1);
  std::vector<DateMention> found = FindDates(tokens);
  ASSERT_EQ(found.size(), 3u);
  found[0].publication = true;
  found[0].kind = DateKind::kBound;
  std::vector<DateMention*> all = {&found[0], &found[1], &found[2]};
  ResolveDates({}, {}, &all, SimpleDate{2024, 3, 12});
  EXPECT_EQ(found[2].date.ToString(), "2021-12-28");
}

TEST(DateParserTest, InADatedTextAYearIsCarriedOnlyWithinAParagraph) {
  const SimpleDate published{2023, 11, 4};
  // A background year in the paragraph above does not date a new
  // paragraph's day: the latest such day before publication does.
  EXPECT_EQ(ResolvedAcrossParagraphs({"The movement had marched since the autumn of 2022.",
                                      "On 30 October the commission closed six channels."},
                                     published),
            (std::vector<std::string>{"2022", "2023-10-30"}));
  // Inside a paragraph the year told before still holds.
  EXPECT_EQ(ResolvedAcrossParagraphs({"He was detained in May 2021. On 3 June he was charged."},
                                     published),
            (std::vector<std::string>{"2021-05", "2021-06-03"}));
  // A day told before any year of its paragraph does not take a later one.
  EXPECT_EQ(ResolvedAcrossParagraphs({"On 16 November the court convicted her. She had been "
                                      "detained in April 2022."},
                                     SimpleDate{2023, 11, 16}),
            (std::vector<std::string>{"2023-11-16", "2022-04"}));
}

TEST(DateParserTest, AYearToldFromTheTimeOfWritingDatesWhatFollows) {
  EXPECT_EQ(ResolvedAcrossParagraphs({"Police opened a case over a 2023 article. It is not the "
                                      "first prosecution this year: on 17 January a blogger was "
                                      "detained."},
                                     SimpleDate{2024, 12, 2}),
            (std::vector<std::string>{"2023", "2024-01-17"}));
  EXPECT_EQ(ResolvedAcrossParagraphs({"В прошлом году, 5 марта, полиция задержала блогера."},
                                     SimpleDate{2024, 12, 2}),
            (std::vector<std::string>{"2023-03-05"}));
}

TEST(DateParserTest, YearsAndWeeksCountedFromTheTimeOfWriting) {
  const SimpleDate published{2024, 1, 25};
  auto resolve = [&](const std::string& text) {
    std::vector<Token> tokens = Tokenize(text, 0, text.size());
    std::vector<DateMention> found = FindDates(tokens);
    std::vector<DateMention*> all;
    for (auto& m : found) all.push_back(&m);
    // A date from the story comes first: the phrases must not count from it.
    SimpleDate story{2020, 5, 3};
    DateMention earlier;
    earlier.date = story;
    earlier.resolved = true;
    all.insert(all.begin(), &earlier);
    ResolveDates({}, {}, &all, published);
    return found;
  };
  auto d = resolve("С февраля прошлого года нет никаких известий.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2023-02");
  d = resolve("In February last year police came.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2023-02");
  d = resolve("На прошлой неделе суд оштрафовал активиста.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2024-01");
  d = resolve("Last year the authorities closed the newspaper.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2023");
  // The time of day in a news item: its day, or the night before it.
  d = resolve("Police detained him this morning.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2024-01-25");
  d = resolve("Минувшей ночью полиция задержала активиста.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2024-01-24");
}

TEST(DateParserTest, AWeekdayToldAsPastCountsBackFromTheDateline) {
  const char text[] = "В минувшую пятницу суд оштрафовал активиста.";
  std::vector<Token> tokens = Tokenize(text, 0, sizeof text - 1);
  std::vector<DateMention> found = FindDates(tokens);
  ASSERT_EQ(found.size(), 1u);
  std::vector<DateMention*> all = {&found[0]};
  ResolveDates({}, {}, &all, SimpleDate{2024, 1, 25});  // a Thursday
  EXPECT_EQ(found[0].date.ToString(), "2024-01-19");
}

TEST(DateParserTest, LastTuesdayCountsFromTheWritingEvenAfterAnEarlierDay) {
  const char text[] = "On 1 April the law passed. Last Tuesday the majority passed more changes.";
  std::vector<Token> tokens = Tokenize(text, 0, sizeof text - 1);
  std::vector<DateMention> found = FindDates(tokens);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_TRUE(found[1].deictic);
  std::vector<DateMention*> all = {&found[0], &found[1]};
  ResolveDates({}, {}, &all, SimpleDate{2025, 4, 11});  // a Friday
  EXPECT_EQ(found[1].date.ToString(), "2025-04-08");
}

TEST(DateParserTest, ADayALawWillEnterIntoForceDatesNoAct) {
  auto d = Dates("The act, adopted on 1 April 2025, is due to enter into force on 31 May 2025.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, DateKind::kAbsolute);
  EXPECT_EQ(d[1].kind, DateKind::kBound);
  d = Dates("Закон вступит в силу 1 июля 2025 года.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DateKind::kBound);
  d = Dates("The law entered into force on 1 July 2025.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DateKind::kAbsolute) << "a day it took effect is told as past";
}

TEST(DateParserTest, ARelativeDateWithNothingBeforeItCountsFromTheDateline) {
  const char text[] = "Накануне вечером полиция задержала десятки человек.";
  std::vector<Token> tokens = Tokenize(text, 0, sizeof text - 1);
  std::vector<DateMention> found = FindDates(tokens);
  ASSERT_EQ(found.size(), 1u);
  std::vector<DateMention*> all = {&found[0]};
  ResolveDates({}, {}, &all, SimpleDate{2024, 6, 13});
  EXPECT_EQ(found[0].date.ToString(), "2024-06-12");
}

TEST(DateParserTest, DayAndMonthTakeTheNearestYearWithoutCoverage) {
  auto d = Dates("In May 2020 a court ruled. On 3 June police came.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2020-06-03");
}

TEST(DateParserTest, RelativeDates) {
  auto d = Dates("in May 2020, the Supreme Court dismissed it, and a month later a court threw out a lawsuit");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2020-06");
  d = Dates("in May 2020 it was rejected, and in the following month a lawsuit was thrown out");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2020-06");
  d = Dates("detained on 22nd January 2022; another was detained on the same day");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2022-01-22");
  d = Dates("задержали 22 января 2022 года. В тот же день был задержан ещё один");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2022-01-22");
  // A time of day told back ("that night") is the day before it.
  d = Dates("On 12 May 2018 police raided the club. That night officers detained sixty people.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2018-05-12");
  d = Dates("Задержание произошло 5 июня 2020 года. Вечером того же дня суд арестовал активиста.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2020-06-05");
  d = Dates("He was detained on 5 June 2020 and the following evening he was fined.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].date, "2020-06-06");
  // Nothing to count from: unresolved, so undated.
  d = Dates("a month later he left");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "");
}

TEST(DateParserTest, AListOfDaysOfOneMonthRunsFromTheFirstToTheLast) {
  auto d = Dates("A Viasna observer attended the hearings of 11, 13 and 17 March 2025.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2025-03-11");
  EXPECT_EQ(d[0].end_date, "2025-03-17");
  d = Dates("Наблюдатель присутствовал на заседаниях 26, 27 и 29 апреля 2021 года.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2021-04-26");
  // Numbers that are no days of the month named after them.
  d = Dates("Articles 5, 13 and 17 were amended on 2 March 2021.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2021-03-02");
}

TEST(DateParserTest, RussianMonthsAsNewsSitesAbbreviateThem) {
  auto d = Dates("Полиция разогнала акцию 8 ноя 2020 года у здания ЦИК.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2020-11-08");
  d = Dates("БИШКЕК, 25 окт. — Суд арестовал блогера.", {}, {}, {2024, 10, 25});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-10-25");
}

TEST(DateParserTest, NewsAgencyAndSlashedDays) {
  EXPECT_EQ(First("On Sept. 3, 2019 police detained him."), "2019-09-03");
  EXPECT_EQ(First("On Jun. 10, 2019 police detained him."), "2019-06-10");
  // "May." ends a sentence: the month, not the 10th.
  EXPECT_EQ(First("He left in May. 10 people stayed.", {2019, 0, 0}, {2019, 0, 0}), "2019-05");
  // The day first unless it cannot be.
  EXPECT_EQ(First("On 10/06/2019 police detained him."), "2019-06-10");
  EXPECT_EQ(First("On 06/25/2019 police detained him."), "2019-06-25");
  EXPECT_EQ(First("On 25/13/2019 police detained him."), "2019") << "no month 13: the year alone";
}

TEST(DateParserTest, AMonthLabellingAChronologysEntryIsADate) {
  EXPECT_EQ(First("Январь. Бюро направляет обращение.", {2010, 0, 0}, {2010, 0, 0}), "2010-01");
  EXPECT_EQ(First("March: the court rejected the appeal.", {2010, 0, 0}, {2010, 0, 0}), "2010-03");
  EXPECT_EQ(First("Март \xE2\x80\x94 суд отклоняет жалобу.", {2010, 0, 0}, {2010, 0, 0}), "2010-03");
  // Inside a sentence, or opening one as a word of it, it is no label.
  EXPECT_EQ(First("May the court hear the appeal soon."), "none");
  EXPECT_EQ(First("The March protest was dispersed."), "none");
}

TEST(DateParserTest, UntilIsABound) {
  auto d = Dates("held until 13th May 2024");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, DateKind::kBound);
}

}  // namespace
}  // namespace civicwatch::normalize

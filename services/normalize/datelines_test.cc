#include "services/normalize/datelines.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_format.h"

namespace civicwatch::normalize {
namespace {

// "DATELINE = YYYY-MM-DD" for the dateline opening `text`, or "none".
std::string DatelineOf(const std::string& text, bool under_byline = false) {
  Span dateline;
  SimpleDate published;
  FindDatelineAt(text, 0, text.size(), under_byline, &dateline, &published);
  if (dateline.size() == 0) return "none";
  return absl::StrFormat("%s = %04d-%02d-%02d", text.substr(dateline.begin, dateline.size()),
                         published.year, published.month, published.day);
}

TEST(DatelinesTest, APlaceACommaAndADateThenTheStory) {
  EXPECT_EQ(DatelineOf("АЛМАТЫ, 2 декабря 2025 г. Суд оштрафовал активиста."),
            "АЛМАТЫ, 2 декабря 2025 г. = 2025-12-02");
  EXPECT_EQ(DatelineOf("BISHKEK, 12 April 2021 \xE2\x80\x93 Police detained two activists."),
            "BISHKEK, 12 April 2021 \xE2\x80\x93 = 2021-04-12");
  // The time it was posted may follow the date.
  EXPECT_EQ(DatelineOf("KUTAISI, 23 April 2021, 17:42 \xE2\x80\x94 The court jailed three activists."),
            "KUTAISI, 23 April 2021, 17:42 \xE2\x80\x94 = 2021-04-23");
  EXPECT_EQ(DatelineOf("OSH, 3 May 2022 09:15 - Police came."), "OSH, 3 May 2022 09:15 - = 2022-05-03");
}

TEST(DatelinesTest, AWiresDatelineWithoutItsYearUnderAPostingLine) {
  const SimpleDate posted{2014, 1, 20};
  auto yearless = [&](const std::string& text) {
    const std::optional<Span> d = YearlessDatelineAt(text, 0, text.size(), posted);
    return d.has_value() ? text.substr(d->begin, d->size()) : std::string("none");
  };
  EXPECT_EQ(yearless("\xD0\x9A\xD0\x98\xD0\x95\xD0\x92, 20 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F. "
                     "\xD0\x9D\xD0\xB5 \xD0\xBC\xD0\xB5\xD0\xBD\xD0\xB5\xD0\xB5 32."),
            "\xD0\x9A\xD0\x98\xD0\x95\xD0\x92, 20 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F.");
  EXPECT_EQ(yearless("KYIV, Jan 19 \xE2\x80\x93 Police detained 32 people."), "KYIV, Jan 19 \xE2\x80\x93")
      << "filed after midnight: the day before the posting";
  EXPECT_EQ(yearless("KYIV, Jan 12 \xE2\x80\x93 Police detained 32 people."), "none")
      << "a day other than the posting's is the story's";
  EXPECT_EQ(yearless("On 20 January police detained 32 people."), "none");
  EXPECT_EQ(YearlessDatelineAt("KYIV, Jan 20 \xE2\x80\x93 Text.", 0, 22, SimpleDate{}).has_value(), false)
      << "without a date of writing there is nothing to match";
}

TEST(DatelinesTest, WireAndPressReleaseForms) {
  EXPECT_EQ(DatelineOf("Баку/19.10.19/Turan: Суд отклонил жалобу."),
            "Баку/19.10.19/Turan: = 2019-10-19");
  EXPECT_EQ(DatelineOf("GENEVA (28 March 2017) \xE2\x80\x93 UN experts urged the release."),
            "GENEVA (28 March 2017) \xE2\x80\x93 = 2017-03-28");
}

TEST(DatelinesTest, ANewsSitesBylineLineOpeningWithTheDate) {
  EXPECT_EQ(DatelineOf("27.10.2022, 13:40 | Бишкек | Политика"),
            "27.10.2022, 13:40 | Бишкек | Политика = 2022-10-27");
  EXPECT_EQ(DatelineOf("June 10, 2019 14:25 GMT"), "June 10, 2019 14:25 GMT = 2019-06-10");
  EXPECT_EQ(DatelineOf("12.03.2021 09:15 MSK"), "12.03.2021 09:15 MSK = 2021-03-12");
  EXPECT_EQ(DatelineOf("10.06.2019 в 14:25"), "10.06.2019 в 14:25 = 2019-06-10");
  EXPECT_EQ(DatelineOf("June 10, 2019 at 2:25 pm"), "June 10, 2019 at 2:25 pm = 2019-06-10");
  EXPECT_EQ(DatelineOf("14:25, 10 июня 2019"), "14:25, 10 июня 2019 = 2019-06-10");
  EXPECT_EQ(DatelineOf("13:42, 4 декабря 2019 | Ала-Тоо Ньюс | Автор: Жылдыз Маматова"),
            "13:42, 4 декабря 2019 | Ала-Тоо Ньюс | Автор: Жылдыз Маматова = 2019-12-04");
  EXPECT_EQ(DatelineOf("14:25, 10 июня 2019 в Бишкеке задержали активиста"), "none");
  EXPECT_EQ(DatelineOf("10.06.2019 в Бишкеке задержали активиста"), "none");
  // A chronology line goes on with a verb: no byline.
  EXPECT_EQ(DatelineOf("27.10.2022, police detained him"), "none");
}

TEST(DatelinesTest, APostingLineOpeningWithTheDayOfTheWeek) {
  EXPECT_EQ(DatelineOf("Sat May 31, 2014 6:12pm EDT"), "Sat May 31, 2014 6:12pm EDT = 2014-05-31");
  EXPECT_EQ(DatelineOf("Monday, 10 June 2019 14:25"), "Monday, 10 June 2019 14:25 = 2019-06-10");
  // A sentence that opens with a day of the week goes on with a verb.
  EXPECT_EQ(DatelineOf("Sat May 31, 2014 police detained him"), "none");
}

TEST(DatelinesTest, ADateAloneUnderABylineIsTheDayOfFiling) {
  EXPECT_EQ(DatelineOf("3 ноября 2022", /*under_byline=*/true), "3 ноября 2022 = 2022-11-03");
  EXPECT_EQ(DatelineOf("3 ноября 2022"), "none");
}

TEST(DatelinesTest, ASentenceWithADateIsNoDateline) {
  EXPECT_EQ(DatelineOf("Police detained him on 3 May 2022 in Osh."), "none");
  EXPECT_EQ(DatelineOf("On 3 May 2022, police detained him."), "none");
  EXPECT_EQ(DatelineOf(""), "none");
}

TEST(DatelinesTest, TheDayOfTheWeekBetweenThePlaceAndTheDate) {
  EXPECT_EQ(DatelineOf("Bishkek, Wednesday 12 June 2019"), "Bishkek, Wednesday 12 June 2019 = 2019-06-12");
}

TEST(DatelinesTest, ACityAbbreviatedOrACopyrightBeforeThePlace) {
  EXPECT_EQ(DatelineOf("г. Бишкек, 10 июня 2019 г."), "г. Бишкек, 10 июня 2019 г. = 2019-06-10");
  EXPECT_EQ(DatelineOf("\xC2\xA9 Human Rights Watch, 10 June 2019"),
            "\xC2\xA9 Human Rights Watch, 10 June 2019 = 2019-06-10");
}

TEST(DatelinesTest, ANameAndAYearOfBirthIsNoDateline) {
  EXPECT_EQ(DatelineOf("Иван Петров (Ivan Petrov), 1984 г. р., отец троих детей."), "none");
  EXPECT_EQ(DatelineOf("John Smith, 1990 \xE2\x80\x93 a lawyer from Osh."), "none");
}

bool Byline(const std::string& line) { return IsBylineLine(line, Span{0, line.size()}); }

TEST(DatelinesTest, ABylineIsAShortLineOfCapitalisedWords) {
  EXPECT_TRUE(Byline("Мария Карпенко, Стамбул"));
  EXPECT_TRUE(Byline("By Anna Lee"));
  EXPECT_FALSE(Byline("Police detained him"));
  EXPECT_FALSE(Byline("Vienna, 3 December 2021"));  // a date
  EXPECT_FALSE(Byline("Room 12"));                  // a number
  EXPECT_FALSE(Byline(""));
  EXPECT_FALSE(Byline("One Two Three Four Five Six Seven Eight Nine Ten Eleven"));
}

}  // namespace
}  // namespace civicwatch::normalize

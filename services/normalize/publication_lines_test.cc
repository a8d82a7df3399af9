#include "services/normalize/publication_lines.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

// The date of writing `line` gives, or "none".
std::string DateOfWriting(const std::string& line) {
  SimpleDate published;
  if (!FindPublicationDate(Tokenize(line, 0, line.size()), &published)) return "none";
  return published.ToString();
}

TEST(PublicationLinesTest, APublicationWordThenADate) {
  EXPECT_EQ(DateOfWriting("Published 15 April 2024"), "2024-04-15");
  EXPECT_EQ(DateOfWriting("Последнее обновление: 16.12.2019"), "2019-12-16");
  EXPECT_EQ(DateOfWriting("Подготовлено 21 сентября 2020 г."), "2020-09-21");
  // The last update is the time of writing.
  EXPECT_EQ(DateOfWriting("Page created: March 2017 \xC2\xB7 Last updated: 29 September 2022"), "2022-09-29");
  // A range after the word is a period covered.
  EXPECT_EQ(DateOfWriting("Quarterly update | October \xE2\x80\x93 December 2021"), "none");
}

TEST(PublicationLinesTest, ADateOfBirthOrArrestIsNone) {
  EXPECT_EQ(DateOfWriting("Дата задержания: 27.03.2019"), "none");
  EXPECT_EQ(DateOfWriting("Date of birth: 3 May 1984"), "none");
  EXPECT_EQ(DateOfWriting("Date of note: 3 May 2022"), "2022-05-03");
  EXPECT_EQ(DateOfWriting("A report published on 3 May 2022 found abuses."), "none");
}

TEST(PublicationLinesTest, WhatTheTextIsAndItsDay) {
  EXPECT_EQ(DateOfWriting("Press release, 10 June 2019"), "2019-06-10");
  EXPECT_EQ(DateOfWriting("Last modified: 10.06.2019"), "2019-06-10");
  // A sentence goes on after its date.
  EXPECT_EQ(DateOfWriting("Police detained him, 10 June 2019, in Osh"), "none");
  EXPECT_EQ(DateOfWriting("Police, 10 June 2019 detained"), "none");
}

TEST(PublicationLinesTest, ABylineFieldWithAPlaceAndADay) {
  EXPECT_EQ(DateOfWriting("By our correspondent | Vienna, 3 December 2021"), "2021-12-03");
  EXPECT_EQ(DateOfWriting("Бишкек \xC2\xB7 12 мая 2023"), "2023-05-12");
  // A field that runs on as a sentence is a dateline's story, no byline.
  EXPECT_EQ(DateOfWriting("BISHKEK, 12 April 2021 \xE2\x80\x93 Police detained two activists."), "none");
  EXPECT_TRUE(IsPublicationWord(Tokenize(std::string("Updated 3 May"), 0, 13), 0));
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/text_segmentation.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

std::vector<std::string> Sentences(const std::string& body) {
  std::vector<std::string> out;
  for (const Paragraph& p : SplitParagraphs(body)) {
    for (const Span& s : p.sentences) out.push_back(body.substr(s.begin, s.size()));
  }
  return out;
}

TEST(TextSegmentationTest, ParagraphsHeadingsAndSectionBreaks) {
  const std::string body =
      "Kyrgyzstan: a title\n\nAssociation\n\nFirst sentence. Second one.\n\n\nThird paragraph.\n";
  auto ps = SplitParagraphs(body);
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_TRUE(ps[0].is_heading);
  EXPECT_TRUE(ps[1].is_heading);
  EXPECT_FALSE(ps[2].is_heading);
  EXPECT_EQ(ps[2].sentences.size(), 2u);
  EXPECT_FALSE(ps[2].section_break);
  EXPECT_TRUE(ps[3].section_break);
}

TEST(TextSegmentationTest, SentencesWithByteOffsets) {
  const std::string body = "Он пришёл. Mr. Ruziev was fined on 11 Oct. 2022. A. Savin took the photo.\n";
  auto s = Sentences(body);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Он пришёл.");
  EXPECT_EQ(s[1], "Mr. Ruziev was fined on 11 Oct. 2022.");
}

TEST(TextSegmentationTest, AChronologyEntrysDateAndPlaceOpenItsSentence) {
  auto s = Sentences("4 апреля. Бишкек. Суд запретил митинги. Мэрия согласилась.\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "4 апреля. Бишкек. Суд запретил митинги.");
  s = Sentences("12 May 2023. Police detained him. He was released.\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "12 May 2023. Police detained him.");
  // A short sentence with no date stays a sentence.
  EXPECT_EQ(Sentences("He came. Police detained him.\n").size(), 2u);
}

TEST(TextSegmentationTest, AChronologyEntrysLongerDateOrMonthOpensItsSentence) {
  for (const std::string entry : {"11 февраля 2022 года. Юлдашев задержан у своего дома.",
                                  "From 20 to 28 May. He refused food.", "Конец июня. Защита обжаловала приговор.",
                                  "Early March. Police searched the office."}) {
    const auto s = Sentences(entry + "\n");
    ASSERT_EQ(s.size(), 1u) << entry;
    EXPECT_EQ(s[0], entry);
  }
  // A short sentence with neither is a sentence of its own.
  EXPECT_EQ(Sentences("He was silent. Police searched the office.\n").size(), 2u);
}

TEST(TextSegmentationTest, AHeaderBlockAboveTheTextIsReadAsHeadings) {
  const std::string body =
      "Media Policy Institute\n\nFREEDOM OF SPEECH IN KYRGYZSTAN\nQuarterly digest No. 2\nApril - June 2023\n\n"
      "Police detained two bloggers.\n\n12 May - police detained Aibek Asanov\n14 May - the court fined him\n";
  auto ps = SplitParagraphs(body);
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_TRUE(ps[1].is_heading) << "the header block";
  EXPECT_TRUE(ps[1].sentences.empty());
  EXPECT_FALSE(ps[2].is_heading);
  EXPECT_FALSE(ps[3].is_heading) << "below the first text, lines without periods are text";
}

TEST(TextSegmentationTest, QuotesAndSemicolons) {
  auto s = Sentences("He said “we will appeal”. Police came; another man was held.\n");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "He said “we will appeal”.");
  EXPECT_EQ(s[1], "Police came;");
  EXPECT_EQ(s[2], "another man was held.");
}

TEST(TextSegmentationTest, WrappedLinesJoin) {
  auto ps = SplitParagraphs("On 5 May police\ndetained him in\nAlmaty.\n");
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].sentences.size(), 1u);
}

TEST(TextSegmentationTest, ANoteMarkerAfterTheFullStopEndsNoHeading) {
  for (const std::string line : {"Police detained him in Osh.[1]", "Police detained him in Osh.[12]",
                                 "Police detained him in Osh.\xC2\xB9"}) {
    const std::vector<Paragraph> ps = SplitParagraphs("Title\n\n" + line + "\n");
    ASSERT_EQ(ps.size(), 2u) << line;
    EXPECT_FALSE(ps[1].is_heading) << line;
  }
  EXPECT_TRUE(SplitParagraphs("Title\n\nThe case [2021]\n")[1].is_heading);
}

TEST(TextSegmentationTest, ACapitalisedHeadingOverItsTextIsAParagraphOfItsOwn) {
  const std::string body =
      "Title\n\nPolice detained him on 3 May.\n\nADDITIONAL INFORMATION\nSince April armed men have seized "
      "buildings.\n\nДОПОЛНИТЕЛЬНАЯ ИНФОРМАЦИЯ\nС апреля задержаны десятки людей.\n";
  const std::vector<Paragraph> paragraphs = SplitParagraphs(body);
  ASSERT_EQ(paragraphs.size(), 6u);
  EXPECT_TRUE(paragraphs[2].is_heading);
  EXPECT_EQ(body.substr(paragraphs[2].span.begin, paragraphs[2].span.size()), "ADDITIONAL INFORMATION");
  EXPECT_FALSE(paragraphs[3].is_heading);
  EXPECT_TRUE(paragraphs[4].is_heading);
  // A line of a sentence in capitals stays part of it.
  const std::string shouted = "Title\n\nText here.\n\nPOLICE DETAINED\nthirty people on Monday.\n";
  EXPECT_EQ(SplitParagraphs(shouted).size(), 3u);
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/sentence_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

// A report read by the stage, with what it needs kept alive beside it.
struct Read {
  explicit Read(std::string text) : body(std::move(text)), arena(body.size() * 2) {
    const std::vector<Paragraph> paragraphs = SplitParagraphs(body);
    metadata = ReadReportMetadata(body, paragraphs);
    out = ReadSentences(body, paragraphs, metadata, NormalizerOptions(), &arena, &resolver, &country);
  }
  std::string TextOf(const Sentence& s) const { return body.substr(s.span.begin, s.span.size()); }
  const Sentence* Find(const std::string& start) const {
    for (const Sentence& s : out.sentences) {
      if (TextOf(s).rfind(start, 0) == 0) return &s;
    }
    return nullptr;
  }

  std::string body;
  SentenceArena arena;
  EntityResolver resolver;
  CountryTally country;
  ReportMetadata metadata;
  ReadText out;
};

TEST(SentenceReaderTest, TheTitleAndHeadingsGiveNoSentence) {
  Read r("Kyrgyzstan: journalists under pressure\n\nDetentions\n\nPolice detained Aibek Asanov in Osh on 3 May 2023. "
         "He was released the next day.\n");
  ASSERT_EQ(r.out.sentences.size(), 2u);
  ASSERT_EQ(r.out.places.size(), 2u) << "one list of places per sentence";
  EXPECT_EQ(r.TextOf(r.out.sentences[0]).rfind("Police detained", 0), 0u);
  EXPECT_TRUE(r.out.sentences[0].paragraph_start);
  EXPECT_FALSE(r.out.sentences[1].paragraph_start);
  EXPECT_EQ(r.country.Best(), "KG");
}

TEST(SentenceReaderTest, NamesDatesAndPlacesOfASentence) {
  Read r("Title\n\nPolice detained Aibek Asanov in Osh on 3 May 2023.\n");
  const Sentence* s = r.Find("Police");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->dates.size(), 1u);
  EXPECT_EQ(s->dates[0].date.year, 2023);
  EXPECT_EQ(s->dates[0].date.day, 3);
  ASSERT_FALSE(s->mentions.empty());
  ASSERT_EQ(s->mentions.size(), s->entity_ids.size());
  bool person = false;
  for (size_t k = 0; k < s->mentions.size(); ++k) {
    const SentenceMention& m = s->mentions[k];
    if (r.body.substr(m.start, m.end - m.start) != "Aibek Asanov") continue;
    person = true;
    ASSERT_GE(s->entity_ids[k], 0);
    EXPECT_EQ(r.resolver.entities()[s->entity_ids[k]].kind, v1::ENTITY_KIND_PERSON);
  }
  EXPECT_TRUE(person);
  ASSERT_EQ(r.out.places[0].size(), 1u);
  const PlaceMention& place = r.out.places[0][0];
  EXPECT_EQ(r.body.substr(place.start, place.end - place.start), "Osh");
  EXPECT_TRUE(place.after_in);
}

TEST(SentenceReaderTest, ADateHeadingDatesTheParagraphUnderIt) {
  Read r("Chronology of the case\n\n12 March 2022\n\nThe court extended his detention.\n");
  const Sentence* s = r.Find("The court");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->dates.size(), 1u);
  EXPECT_EQ(s->dates[0].date.month, 3);
  EXPECT_EQ(s->dates[0].kind, DateKind::kAbsolute);
}

TEST(SentenceReaderTest, AYearHeadingGivesItsYearToEveryParagraphUnderIt) {
  Read r("Chronology\n\n2021\n\n4 August: the trial opened.\n\n6 September: the court sentenced her.\n\n"
         "Background\n\nShe had campaigned for years.\n");
  const Sentence* opened = r.Find("4 August");
  const Sentence* sentenced = r.Find("6 September");
  const Sentence* campaigned = r.Find("She had");
  ASSERT_NE(opened, nullptr);
  ASSERT_NE(sentenced, nullptr);
  ASSERT_NE(campaigned, nullptr);
  for (const Sentence* s : {opened, sentenced}) {
    ASSERT_EQ(s->dates.size(), 2u);
    EXPECT_EQ(s->dates[0].kind, DateKind::kBound) << "the year is context";
    EXPECT_EQ(s->dates[0].date.year, 2021);
  }
  EXPECT_TRUE(campaigned->dates.empty()) << "another heading ends the year's chronology";
}

TEST(SentenceReaderTest, AYearWithALabelHeadsItsSection) {
  Read r("Case page\n\nChronology\n\n2019\u20132020: the road case\n\nIn November he was detained.\n\n"
         "2023: a new case\n\nIn December police came.\n\nWhat you can do\n\nWrite to them.\n");
  const Sentence* detained = r.Find("In November");
  const Sentence* came = r.Find("In December");
  const Sentence* write = r.Find("Write");
  ASSERT_NE(detained, nullptr);
  ASSERT_NE(came, nullptr);
  ASSERT_NE(write, nullptr);
  ASSERT_EQ(detained->dates.size(), 2u);
  EXPECT_EQ(detained->dates[0].kind, DateKind::kBound) << "the range's first year is context";
  EXPECT_EQ(detained->dates[0].date.year, 2019);
  EXPECT_FALSE(detained->dates[0].end_date.known());
  ASSERT_EQ(came->dates.size(), 2u);
  EXPECT_EQ(came->dates[0].date.year, 2023);
  EXPECT_TRUE(write->dates.empty()) << "another heading ends the section";
  EXPECT_FALSE(r.metadata.coverage_start.known()) << "a section's years are not the report's period";
}

// An entry's title on the line above its text: the day the text gives
// in the title's month dates the act; the title's month is a bound.
TEST(SentenceReaderTest, AnEntrysTitleMonthGivesWayToTheDayItsTextTells) {
  Read r("Case page\n\nCase history\n\n"
         "April 2011 \u2013 Exit ban\nOn 17 April 2011 border guards took him off a bus.\n\n"
         "August 2011 \u2013 Arrest\nKGB officers arrested him in Minsk.\n\n"
         "March 2011 \u2013 Warning\nOn 3 May the prosecutor warned him.\n");
  const Sentence* exit_ban = r.Find("April 2011");
  const Sentence* arrest = r.Find("August 2011");
  const Sentence* warning = r.Find("March 2011");
  ASSERT_NE(exit_ban, nullptr);
  ASSERT_NE(arrest, nullptr);
  ASSERT_NE(warning, nullptr);
  ASSERT_EQ(exit_ban->dates.size(), 2u);
  EXPECT_EQ(exit_ban->dates[0].kind, DateKind::kBound);
  EXPECT_EQ(exit_ban->dates[1].kind, DateKind::kAbsolute);
  EXPECT_EQ(exit_ban->dates[1].date.day, 17);
  ASSERT_EQ(arrest->dates.size(), 1u) << "a title with no other date dates its entry";
  EXPECT_EQ(arrest->dates[0].kind, DateKind::kAbsolute);
  ASSERT_EQ(warning->dates.size(), 2u);
  EXPECT_EQ(warning->dates[0].kind, DateKind::kAbsolute) << "a day in another month is another act's";
}

TEST(SentenceReaderTest, SignaturesUnderAClosingFormulaAreSkipped) {
  Read r("Mandates of the Special Rapporteurs\n\nOn 24 May 2016 men forced him into a car.\n\n"
         "Please accept, Excellency, the assurances of our highest consideration.\n\n"
         "Michel Forst, Special Rapporteur on the situation of human rights defenders.\n");
  const Sentence* act = r.Find("On 24 May");
  const Sentence* signature = r.Find("Michel Forst");
  ASSERT_NE(act, nullptr);
  ASSERT_NE(signature, nullptr);
  EXPECT_FALSE(act->skip);
  EXPECT_TRUE(signature->skip);
}

TEST(SentenceReaderTest, AHeadingOrANarrativeParagraphAfterTheSignaturesOpensTheTextAgain) {
  Read r("Urgent action\n\nDear Prosecutor General,\n\nRelease him.\n\nYours sincerely,\nAnna Ivanova\n\n"
         "ADDITIONAL INFORMATION\n\nPolice detained him on 10 August. Investigators searched his flat.\n");
  const Sentence* name = r.Find("Yours sincerely");
  const Sentence* detained = r.Find("Police detained");
  ASSERT_NE(name, nullptr);
  ASSERT_NE(detained, nullptr);
  EXPECT_TRUE(name->skip);
  EXPECT_FALSE(detained->skip);
  Read unheaded("Title\n\nYours sincerely,\nAnna Ivanova\n\n"
                "Police detained him on 10 August. Investigators searched his flat.\n");
  const Sentence* later = unheaded.Find("Police detained");
  ASSERT_NE(later, nullptr);
  EXPECT_FALSE(later->skip);
}

TEST(SentenceReaderTest, NotesTheMatterAfterAnEndMarkAndShoutedInstructionsAreSkipped) {
  Read r("Title\n\nPolice detained Aibek Asanov on 3 May 2023.\n\n"
         "PLEASE SEND APPEALS BEFORE 29 AUGUST 2023 TO: the Minister.\n\n"
         "Footnotes\n[1] Interview with his lawyer, 4 May 2023.\n\n"
         "ENDS\n\nThe experts were appointed on 1 April 2020.\n");
  const Sentence* detained = r.Find("Police");
  const Sentence* appeals = r.Find("PLEASE");
  const Sentence* after_end = r.Find("The experts");
  ASSERT_NE(detained, nullptr);
  ASSERT_NE(appeals, nullptr);
  ASSERT_NE(after_end, nullptr);
  EXPECT_FALSE(detained->skip);
  EXPECT_TRUE(appeals->skip);
  EXPECT_TRUE(after_end->skip);
  int notes = 0;
  for (const Sentence& s : r.out.sentences) {
    if (r.TextOf(s).find("Interview") == std::string::npos) continue;
    ++notes;
    EXPECT_TRUE(s.skip) << r.TextOf(s);
  }
  EXPECT_EQ(notes, 1);
}

TEST(SentenceReaderTest, DemandsUnderACallAndFootnotesAreSkipped) {
  Read r("Title\n\nPolice detained Aibek Asanov on 3 May 2023.\n\n"
         "We call on the authorities to:\n\n- release Aibek Asanov at once;\n\n- drop all charges.\n\n"
         "[1] Interview with his lawyer, 4 May 2023.\n");
  const Sentence* detained = r.Find("Police");
  ASSERT_NE(detained, nullptr);
  EXPECT_FALSE(detained->skip);
  for (const char* start : {"release", "drop", "[1]"}) {
    const Sentence* s = r.Find(start);
    ASSERT_NE(s, nullptr) << start;
    EXPECT_TRUE(s->skip) << start;
  }
}

TEST(SentenceReaderTest, ADatelineDateIsABoundAndItsPlaceNoParticipant) {
  Read r("Title\n\nALMATY, 14 July 2023 – Police detained two activists outside the akimat.\n");
  ASSERT_FALSE(r.out.sentences.empty());
  const Sentence& s = r.out.sentences[0];
  ASSERT_FALSE(s.dates.empty());
  EXPECT_TRUE(s.dates[0].publication);
  EXPECT_EQ(s.dates[0].kind, DateKind::kBound);
  EXPECT_TRUE(r.out.places[0].empty()) << "the dateline's place is where the text was filed";
}

TEST(SentenceReaderTest, TheSameCourtPointsBackToTheCourtNamedBefore) {
  Read r("Title\n\nOn 2 May 2023 the Bishkek City Court sentenced Aibek Asanov to five years. "
         "On 9 June the same court rejected his appeal.\n");
  const Sentence* first = r.Find("On 2 May");
  const Sentence* second = r.Find("On 9 June");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  int court = -1;
  for (size_t k = 0; k < first->mentions.size(); ++k) {
    if (r.resolver.entities()[first->entity_ids[k]].kind == v1::ENTITY_KIND_STATE_BODY) court = first->entity_ids[k];
  }
  ASSERT_GE(court, 0);
  bool points_back = false;
  for (size_t k = 0; k < second->mentions.size(); ++k) {
    if (second->mentions[k].back_reference && second->entity_ids[k] == court) points_back = true;
  }
  EXPECT_TRUE(points_back);
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/paragraph_roles.h"

#include <gtest/gtest.h>

#include <string>

namespace civicwatch::normalize {
namespace {

TEST(ParagraphRolesTest, CaptionsAndCredits) {
  EXPECT_TRUE(IsCaption("\xC2\xA9 RFE/RL"));
  EXPECT_TRUE(IsCaption("Photo: the courthouse in Osh"));
  EXPECT_TRUE(IsCaption("Фото: Азаттык"));
  EXPECT_FALSE(IsCaption("Police detained the photographer on 3 May."));
  EXPECT_TRUE(IsCaption("Photo by the author"));
  // A word that only begins like one opens a sentence of the story.
  EXPECT_FALSE(IsCaption("Photographer Gagik Shamshyan said he was beaten."));
  EXPECT_FALSE(IsCaption("Фотограф Гагик Шамшян рассказал, что его избили."));
  EXPECT_FALSE(IsCaption("Images of the raid were shared online on 3 May."));
}

TEST(ParagraphRolesTest, ListMarkers) {
  for (const char* marker : {"-", "\xE2\x80\xA2", "*", "1.", "12)", "a)"}) {
    EXPECT_TRUE(IsListMarker(marker)) << marker;
  }
  for (const char* marker : {"", "On", "1", "12345.", "a-)"}) {
    EXPECT_FALSE(IsListMarker(marker)) << marker;
  }
}

TEST(ParagraphRolesTest, ListItemsWithTheMarkerBeforeOrInsideTheParagraph) {
  const std::string body = "We call on the authorities to:\n- release him;\n2. drop the charges.\nThen he left.";
  EXPECT_TRUE(IsListItem(body, body.find("- release")));
  EXPECT_TRUE(IsListItem(body, body.find("release")));  // the marker before the paragraph's text
  EXPECT_TRUE(IsListItem(body, body.find("drop")));
  EXPECT_FALSE(IsListItem(body, body.find("Then")));
  EXPECT_FALSE(IsListItem(body, 0));
}

TEST(ParagraphRolesTest, FootnotesOpenWithANoteMarker) {
  const std::string body = "He was fined.[1]\n[1] Interview with his lawyer.\n\xC2\xB9 Source: court records.\n[a] not a note";
  EXPECT_FALSE(IsFootnote(body, 0));
  EXPECT_TRUE(IsFootnote(body, body.find("[1] Interview")));
  EXPECT_TRUE(IsFootnote(body, body.find("\xC2\xB9")));
  EXPECT_FALSE(IsFootnote(body, body.find("[a]")));
}

TEST(ParagraphRolesTest, LineStart) {
  const std::string body = "one\ntwo three";
  EXPECT_EQ(LineStart(body, 0), 0u);
  EXPECT_EQ(LineStart(body, 2), 0u);
  EXPECT_EQ(LineStart(body, body.find("three")), 4u);
}

TEST(ParagraphRolesTest, FactBoxesOfFieldsOrALabelOverNames) {
  EXPECT_TRUE(IsFactBox("Год рождения: 1982\nГород: Минск\nПриговор: 11 лет лишения свободы\nПризнана политзаключённой: 10 сентября 2020 г."));
  EXPECT_TRUE(IsFactBox("Name: Aibek Asanov\nCharges: Article 330 of the Criminal Code\nStatus: in custody"));
  EXPECT_TRUE(IsFactBox("Date of note: 19 November 2012\nPresiding judge: Alena Shumskaya\nCharge: Article 188, Part 2, "
                        "of the Criminal Code (defamation in a printed publication); maximum penalty two years' "
                        "restricted freedom or up to two years' imprisonment"))
      << "a long value under a field's name";
  EXPECT_TRUE(IsFactBox("Signed:\nInternational Partnership for Human Rights (IPHR)\nNorwegian Helsinki Committee"));
  EXPECT_FALSE(IsFactBox("Update: police detained him on 3 May."));
  EXPECT_FALSE(IsFactBox("We call on the authorities to:\nrelease him\ndrop the charges"))
      << "a call over its demands (those are read as demands)";
  EXPECT_FALSE(IsFactBox("Signed:\nThe police detained twelve people on 3 May."));
  EXPECT_FALSE(IsFactBox("On 3 May: police detained Aibek Asanov and took him to the station of the district, "
                         "where he was questioned for hours by officers of the State Committee for National "
                         "Security\nStatus: released"));
}

TEST(ParagraphRolesTest, ALettersClosingFormula) {
  EXPECT_TRUE(IsClosingFormula("Please accept, Excellency, the assurances of our highest consideration."));
  EXPECT_TRUE(IsClosingFormula("Yours sincerely,"));
  EXPECT_TRUE(IsClosingFormula("\u0421 \u0443\u0432\u0430\u0436\u0435\u043d\u0438\u0435\u043c,"));
  EXPECT_FALSE(IsClosingFormula("Police detained him on 3 May; his lawyer said the arrest was sincerely regretted "
                                "by no one and that the assurances given by the ministry of his safety were empty."));
}

TEST(ParagraphRolesTest, ShoutedInstructions) {
  EXPECT_TRUE(IsShouted("PLEASE SEND APPEALS BEFORE 29 AUGUST 2017 TO:\nMinister of Justice"));
  EXPECT_TRUE(IsShouted("PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 25 September 2020"));
  EXPECT_TRUE(IsShouted("ПРЕДПОЧТИТЕЛЬНЫЙ "
                        "ЯЗЫК ОБРАЩЕНИЙ: "
                        "русский"));
  // Acronyms among ordinary words, and a short heading-like label, are not.
  EXPECT_FALSE(IsShouted("The GKNB and the OSCE ODIHR met on 3 May."));
  EXPECT_FALSE(IsShouted("UN HRC:"));
}

TEST(ParagraphRolesTest, EndMarksAndNotes) {
  for (const char* mark : {"ENDS", "-ENDS-", "– ENDS –", "###"}) EXPECT_TRUE(IsEndMark(mark)) << mark;
  EXPECT_FALSE(IsEndMark("Ends of the earth"));
  EXPECT_TRUE(OpensNotes("Footnotes\n[1] Decree of 4 May 2018."));
  EXPECT_TRUE(OpensNotes("Notes:"));
  EXPECT_TRUE(OpensNotes("Примечания"));
  EXPECT_FALSE(OpensNotes("Notes from the trial of 3 May show that the judge refused every motion."));
  EXPECT_TRUE(IsFootnote("*The experts: Irene Khan, Special Rapporteur", 0));
  EXPECT_FALSE(IsFootnote("* Police detained him on 3 May.", 0)) << "a bullet";
}

}  // namespace
}  // namespace civicwatch::normalize

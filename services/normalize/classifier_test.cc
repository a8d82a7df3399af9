#include "services/normalize/classifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace civicwatch::normalize {
namespace {

CueScores ScoresOf(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  CueScores scores;
  ScoreCues(tokens, 0, tokens.size(), &scores);
  return scores;
}

v1::Category CategoryOf(const std::string& text) { return MainCategory(ScoresOf(text)); }

bool Framing(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  return TellsFraming(FindCues(tokens, 0, tokens.size()));
}

TEST(ClassifierTest, AProtestYieldsToWhatWasDoneToPeopleAtIt) {
  EXPECT_EQ(CategoryOf("Police detained twelve people at a peaceful protest."),
            v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("Hundreds joined a peaceful protest in the capital."), v1::CATEGORY_PROTEST);
}

bool Tally(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  return TellsTally(FindCues(tokens, 0, tokens.size()), tokens);
}

TEST(ClassifierTest, AStepOfTheCourtsProcedureTellsNoIncident) {
  EXPECT_TRUE(Framing("The next hearing is scheduled for 21 September."));
  EXPECT_TRUE(Framing("\u0421\u043b\u0435\u0434\u0443\u044e\u0449\u0435\u0435 \u0437\u0430\u0441\u0435"
                      "\u0434\u0430\u043d\u0438\u0435 \u043d\u0430\u0437\u043d\u0430\u0447\u0435\u043d"
                      "\u043e \u043d\u0430 21 \u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044f."));
  EXPECT_TRUE(Framing("Several employees of the company testified that they knew of no wrongdoing."));
  EXPECT_TRUE(Framing("В прениях сторон прокурор дал показания."));
  EXPECT_FALSE(Framing("His trial opened at a district court in Almaty on 17 January."));
  EXPECT_FALSE(Framing("The court sentenced him to five years; the next hearing is scheduled for May."));
}

TEST(ClassifierTest, AnActNamedAsATimeIsNoAct) {
  // "Until his arrest": the arrest is told elsewhere; here it dates a job.
  EXPECT_NE(CategoryOf("Until his arrest he edited the Karakalpak-language newspaper."), v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("He was arrested while he edited the newspaper."), v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, ACountOverAPeriodIsATally) {
  EXPECT_TRUE(Tally("As of 31 March, Viasna counted 1,470 political prisoners."));
  EXPECT_TRUE(Tally("At least 40 such verdicts were handed down in April."));
  EXPECT_TRUE(Tally("Только за 2022 год по ней было осуждено, по нашим подсчётам, не менее 45 человек."));
  EXPECT_TRUE(Tally("\u0417\u0430 \u043c\u0435\u0441\u044f\u0446 \u043c\u044b \u0437\u0430\u0444\u0438"
                    "\u043a\u0441\u0438\u0440\u043e\u0432\u0430\u043b\u0438 430 \u0437\u0430\u0434\u0435"
                    "\u0440\u0436\u0430\u043d\u0438\u0439."));
  EXPECT_FALSE(Tally("As of 3 May, police had detained him twice.")) << "no count, only a day";
  EXPECT_FALSE(Tally("Police detained 120 protesters on 5 March.")) << "a count of one act, no period";
  EXPECT_FALSE(Tally("A dozen journalists were in prison by the most cautious count of 2023."));
}

TEST(ClassifierTest, ADeathCommemoratedOrInvestigatedIsNoKilling) {
  EXPECT_EQ(CategoryOf("On the anniversary of Raman Bandarenka's death, police detained 18 people."),
            v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("В годовщину гибели Алексея Навального полиция задерживала людей у мемориалов."),
            v1::CATEGORY_DETENTION)
      << "and the imperfective is the same act";
  EXPECT_EQ(CategoryOf("Residents gathered in Khorog to demand an investigation into his death."),
            v1::CATEGORY_PROTEST);
  EXPECT_EQ(CategoryOf("The journalist died in custody."), v1::CATEGORY_KILLING);
}

TEST(ClassifierTest, AnAbductionIsADetentionWhateverItsWords) {
  EXPECT_EQ(CategoryOf("Two men were forced into a dark blue minibus by men in black uniforms."),
            v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("He goes missing four days later."), v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("\u0410\u043a\u0442\u0438\u0432\u0438\u0441\u0442\u0430 \u0437\u0430\u0442\u043e"
                       "\u043b\u043a\u0430\u043b\u0438 \u0432 \u0447\u0451\u0440\u043d\u0443\u044e "
                       "\u043c\u0430\u0448\u0438\u043d\u0443."),
            v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, AnAppealTurnedDownIsTheComplaintThatFailed) {
  EXPECT_EQ(CategoryOf("Her appeal was rejected in September."), v1::CATEGORY_COMPLAINT);
  EXPECT_EQ(CategoryOf("The court rejected the defence's appeal against the extension."), v1::CATEGORY_COMPLAINT);
  EXPECT_EQ(CategoryOf("The Minsk City Court upheld the verdict."), v1::CATEGORY_COMPLAINT);
  EXPECT_EQ(CategoryOf("Апелляционный суд оставил приговор без изменения."), v1::CATEGORY_COMPLAINT);
  EXPECT_EQ(CategoryOf("Суд оставил жалобу защиты без удовлетворения."), v1::CATEGORY_COMPLAINT);
}

TEST(ClassifierTest, AnAppealFiledOrUpheldIsTheComplaintAndACaseEndedIsARelease) {
  for (const char* text : {"the Supreme Court rejects Yorov's appeal", "the regional court upheld his sentence",
                           "his appeal against the suspension was dismissed by the district court",
                           "the defence filed an appeal with the regional court",
                           "\u0437\u0430\u0449\u0438\u0442\u0430 \u043e\u0431\u0436\u0430\u043b\u043e\u0432\u0430\u043b\u0430 "
                           "\u043f\u0440\u0438\u0433\u043e\u0432\u043e\u0440"}) {
    EXPECT_EQ(CategoryOf(text), v1::CATEGORY_COMPLAINT) << text;
  }
  for (const char* text : {"the city court ordered his release under judicial control",
                           "the court closed the criminal case against the student",
                           "\u0441\u0443\u0434 \u043f\u0440\u0435\u043a\u0440\u0430\u0442\u0438\u043b "
                           "\u0443\u0433\u043e\u043b\u043e\u0432\u043d\u043e\u0435 \u0434\u0435\u043b\u043e "
                           "\u043f\u0440\u043e\u0442\u0438\u0432 \u0441\u0442\u0443\u0434\u0435\u043d\u0442\u043a\u0438"}) {
    EXPECT_EQ(CategoryOf(text), v1::CATEGORY_RELEASE) << text;
  }
}

TEST(ClassifierTest, SummonsAndPublishedAddressesAreIntimidation) {
  for (const std::string text : {"his mother was called to the mahalla committee",
                                 "channels published the activist's home address",
                                 "отца и мать братьев дважды вызывали в МНБ",
                                 "журналисты получили повестки в ГКНБ"}) {
    EXPECT_EQ(CategoryOf(text), v1::CATEGORY_INTIMIDATION) << text;
  }
}

TEST(ClassifierTest, ATreatyBodysConcludingObservationsAreItsDecision) {
  EXPECT_EQ(CategoryOf("in its concluding observations the Committee called on the state to protect journalists"),
            v1::CATEGORY_INTERNATIONAL_DECISION);
  EXPECT_EQ(CategoryOf("в заключительных замечаниях Комитет призвал государство защитить журналистов"),
            v1::CATEGORY_INTERNATIONAL_DECISION);
}

TEST(ClassifierTest, ANameInAPhrasesGapIsWhatThePhraseIsAbout) {
  const std::string text = "police took Dulat Agadil from his home";
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<bool> names(tokens.size(), false);
  names[2] = names[3] = true;  // Dulat Agadil
  CueScores scores;
  ScoreCues(tokens, 0, tokens.size(), &scores, &names);
  EXPECT_EQ(MainCategory(scores), v1::CATEGORY_DETENTION);
  // A name over the phrase's own words still blocks it ("Home" in a name).
  std::fill(names.begin(), names.end(), false);
  names[6] = true;  // home
  CueScores blocked;
  ScoreCues(tokens, 0, tokens.size(), &blocked, &names);
  EXPECT_NE(MainCategory(blocked), v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, SummonsListingsAndAddressesPublishedAreIntimidation) {
  for (const char* text : {"the GKNB summoned journalists for a conversation",
                           "the KGB added both journalists to its list of persons involved in terrorist activity",
                           "pro-government channels published his home address"}) {
    EXPECT_EQ(CategoryOf(text), v1::CATEGORY_INTIMIDATION) << text;
  }
}

TEST(ClassifierTest, PeopleGatheringAtAPlaceAreAnAssemblyWhateverWasGoingOnThere) {
  EXPECT_EQ(CategoryOf("Thousands of people gathered in front of Parliament as MPs debated the bill."),
            v1::CATEGORY_PROTEST);
  EXPECT_EQ(CategoryOf("Activists stood with placards outside the court where the journalist's case was heard."),
            v1::CATEGORY_PROTEST);
  EXPECT_EQ(CategoryOf("Около сотни человек собрались у здания суда, где слушалось дело журналиста."),
            v1::CATEGORY_PROTEST);
  // What was done to the people there is still the act.
  EXPECT_EQ(CategoryOf("Police detained twenty people who had gathered outside the court."),
            v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, BeingKeptFromAFlightIsATravelRestrictionWhateverTheVerb) {
  EXPECT_EQ(CategoryOf("Border guards removed the journalist from a flight to Istanbul."),
            v1::CATEGORY_TRAVEL_RESTRICTION);
  EXPECT_EQ(CategoryOf("Her brother was taken off a flight to Moscow."), v1::CATEGORY_TRAVEL_RESTRICTION);
  EXPECT_EQ(CategoryOf("Активиста не пустили на рейс в Стамбул."), v1::CATEGORY_TRAVEL_RESTRICTION);
}

TEST(ClassifierTest, AUnPressReleasesClosingNotesFrameTheText) {
  EXPECT_TRUE(Framing("They are not UN staff and receive no salary for their work."));
  EXPECT_TRUE(Framing("Follow news related to the UN's independent human rights experts on Twitter."));
  EXPECT_FALSE(Framing("The UN experts said the journalist had been detained for his reporting."));
}

TEST(ClassifierTest, WhatTheAuthoritiesShouldDoIsADemandNotTheAct) {
  EXPECT_EQ(CategoryOf("The authorities should immediately release the journalists detained last week."),
            v1::CATEGORY_ADVOCACY);
  EXPECT_EQ(CategoryOf("Власти должны немедленно освободить задержанных журналистов."), v1::CATEGORY_ADVOCACY);
  EXPECT_NE(CategoryOf("The authorities must release the journalists."), v1::CATEGORY_RELEASE);
  // A court's ruling of what should be done is the ruling.
  EXPECT_NE(CategoryOf("The court ruled that he should be released under judicial control."),
            v1::CATEGORY_ADVOCACY);
}

TEST(ClassifierTest, AHungerStrikeIsTheActWhateverItIsAgainst) {
  EXPECT_EQ(CategoryOf("The blogger went on hunger strike against his prosecution and the ban on visits."),
            v1::CATEGORY_PROTEST);
  EXPECT_EQ(CategoryOf("Журналист объявил голодовку в знак протеста против уголовного преследования."),
            v1::CATEGORY_PROTEST);
}

TEST(ClassifierTest, ADeathInCustodyIsAKilling) {
  EXPECT_EQ(CategoryOf("A day after his arrest he was found dead in a cell of the pre-trial detention centre."),
            v1::CATEGORY_KILLING);
  EXPECT_EQ(CategoryOf("Задержанный активист умер в изоляторе временного содержания."),
            v1::CATEGORY_KILLING);
}

TEST(ClassifierTest, ThreatsOfDeathDismissalsAndRussianParticiples) {
  EXPECT_EQ(CategoryOf("The journalist received death threats."), v1::CATEGORY_INTIMIDATION);
  EXPECT_EQ(CategoryOf("The teacher was dismissed from her job after the rally."), v1::CATEGORY_INTIMIDATION);
  EXPECT_EQ(CategoryOf("В Каховке был похищен журналист."), v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("Журналист был выслан из страны."), v1::CATEGORY_TRAVEL_RESTRICTION);
}

TEST(ClassifierTest, VetoesRefusedAuthorisationsAndRetrials) {
  EXPECT_EQ(CategoryOf("The president vetoed the bill on foreign agents."), v1::CATEGORY_LEGAL_REFORM);
  EXPECT_EQ(CategoryOf("The mayor's office refused to authorise the rally."), v1::CATEGORY_BAN);
  EXPECT_EQ(CategoryOf("Мэрия отказала в согласовании митинга."), v1::CATEGORY_BAN);
  EXPECT_EQ(CategoryOf("The city administration refused to approve a rally against mobilisation."),
            v1::CATEGORY_BAN);
  EXPECT_EQ(CategoryOf("Мэрия отказала организаторам в согласовании шествия."), v1::CATEGORY_BAN);
  EXPECT_EQ(CategoryOf("The Supreme Court ordered a retrial."), v1::CATEGORY_COURT_RULING);
}

TEST(ClassifierTest, RussianWordingsOfAppealsReportsAndEntryBans) {
  EXPECT_EQ(CategoryOf("Верховный суд оставил без изменения приговор."), v1::CATEGORY_COMPLAINT);
  EXPECT_EQ(CategoryOf("Правозащитный центр опубликовал доклад о пытках."), v1::CATEGORY_RESEARCH);
  EXPECT_EQ(CategoryOf("Журналисту запретили въезд в страну."), v1::CATEGORY_TRAVEL_RESTRICTION);
}

TEST(ClassifierTest, AccreditationWithdrawnIsCensorshipAndAPardonAskedForIsNoRelease) {
  EXPECT_EQ(CategoryOf("The ministry withdrew the accreditation of the broadcaster's correspondents."),
            v1::CATEGORY_CENSORSHIP);
  EXPECT_NE(CategoryOf("Lawyers wrote to the president asking him to pardon the activist."),
            v1::CATEGORY_RELEASE);
}

TEST(ClassifierTest, TakenAwayByOfficersIsADetention) {
  EXPECT_EQ(CategoryOf("Her brother was taken from his workplace by security officers."),
            v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("Редактора и бухгалтера увезли на допрос."), v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, ActsThatAreOnlyCalledForDoNotCount) {
  EXPECT_EQ(CategoryOf("The group calls on the authorities to release the journalist."),
            v1::CATEGORY_ADVOCACY);
}

TEST(ClassifierTest, ThreatenedPlannedOrDeniedActsDidNotHappen) {
  EXPECT_EQ(CategoryOf("The regulator threatened to block messaging apps."), v1::CATEGORY_INTIMIDATION);
  EXPECT_EQ(CategoryOf("The ministry denied that any journalists had been detained."),
            v1::CATEGORY_OFFICIAL_STATEMENT);
  EXPECT_NE(CategoryOf("He faces up to ten years in prison."), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(CategoryOf("Police detained the blogger and threatened to search his flat."),
            v1::CATEGORY_DETENTION);
  // What will happen has not happened.
  EXPECT_NE(CategoryOf("The group will publish an update after the hearing."),
            v1::CATEGORY_JUDICIAL_HARASSMENT);
  EXPECT_EQ(CategoryOf("Police detained the blogger, who will appeal."), v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, AnObserverAtAHearingMonitorsIt) {
  EXPECT_EQ(CategoryOf("A Viasna observer attended the hearings in the trial of two activists."),
            v1::CATEGORY_MONITORING);
  EXPECT_EQ(CategoryOf("Our observer monitored the hearing in the Almaly District Court."),
            v1::CATEGORY_MONITORING);
}

TEST(ClassifierTest, AnActNamedBeforeWordsPuttingItAheadIsNotDone) {
  EXPECT_NE(CategoryOf("His trial is expected to start in July."), v1::CATEGORY_JUDICIAL_HARASSMENT);
  EXPECT_NE(CategoryOf("Оглашение приговора ожидается 24 ноября."), v1::CATEGORY_IMPRISONMENT);
  EXPECT_NE(CategoryOf("Суд над ещё пятью бывшими членами партии назначен на 11 октября."),
            v1::CATEGORY_JUDICIAL_HARASSMENT);
  // An act told well before the words is done.
  EXPECT_EQ(CategoryOf("Police detained twenty people in the square, and more arrests are expected."),
            v1::CATEGORY_DETENTION);
}

TEST(ClassifierTest, TheActLexiconCoversInflectedFormsTheTablesLack) {
  EXPECT_EQ(CategoryOf("She was placed under house arrest."), v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("Officers picked up the two students outside the university."),
            v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("The court extended her psychiatric confinement by six months."),
            v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("Его поместили под домашний арест."), v1::CATEGORY_DETENTION);
  EXPECT_EQ(CategoryOf("The country ranks 158th out of 180 in the index."), v1::CATEGORY_RESEARCH);
}

TEST(ClassifierTest, ALexiconCueYieldsToATableCueOnTheSameWords) {
  // "pressure" is a weighted intimidation cue of the tables; the lexicon's
  // "pressure on relatives" lies over it and does not add to it.
  CueScores scores = ScoresOf("pressure on relatives");
  EXPECT_EQ(scores.category[v1::CATEGORY_INTIMIDATION], 2);
}

TEST(ClassifierTest, APublishersNoteIsFramingUnlessItTellsAnAct) {
  EXPECT_TRUE(Framing("We republish below a statement by the Norwegian Helsinki Committee."));
  EXPECT_TRUE(Framing("This update draws on material supplied by correspondents in the regions."));
  EXPECT_TRUE(Framing("Публикуем ниже заявление правозащитного центра."));
  EXPECT_FALSE(Framing("Drawing on material supplied by lawyers, police detained the blogger on 3 May."));
  EXPECT_FALSE(Framing("Police detained the blogger on 3 May."));
}

}  // namespace
}  // namespace civicwatch::normalize

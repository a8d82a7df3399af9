#include "services/normalize/entity_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace civicwatch::normalize {
namespace {

std::vector<EntityMention> NamesIn(const std::string& text, const EntityResolver& known = EntityResolver()) {
  return FindEntityMentions(text, Tokenize(text, 0, text.size()), known);
}

const EntityMention* Named(const std::vector<EntityMention>& found, const std::string& text) {
  for (const EntityMention& m : found) {
    if (m.name.text == text) return &m;
  }
  return nullptr;
}

TEST(EntityExtractorTest, APersonWithATitleAndABodyWithItsAcronym) {
  const std::string text =
      "Human rights defender Aibek Asanov was questioned by the State Committee for National Security (GKNB).";
  const std::vector<EntityMention> found = NamesIn(text);
  const EntityMention* person = Named(found, "Aibek Asanov");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->name.kind, v1::ENTITY_KIND_PERSON);
  EXPECT_EQ(person->name.title, "Human rights defender") << "as written";
  EXPECT_EQ(text.substr(person->start, person->end - person->start), "Aibek Asanov");
  const EntityMention* body = Named(found, "State Committee for National Security");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->name.kind, v1::ENTITY_KIND_STATE_BODY);
  EXPECT_EQ(body->name.acronym, "GKNB");
}

TEST(EntityExtractorTest, ALoneWordIsANameOnlyWhenKnownOrTitled) {
  EXPECT_EQ(Named(NamesIn("Yesterday Asanov was questioned again."), "Asanov"), nullptr);
  EntityResolver known;
  NameMention full;
  full.text = full.key_text = "Aibek Asanov";
  full.kind = v1::ENTITY_KIND_PERSON;
  known.Resolve(full);
  EXPECT_NE(Named(NamesIn("Yesterday Asanov was questioned again.", known), "Asanov"), nullptr);
  EXPECT_NE(Named(NamesIn("Yesterday journalist Asanov was questioned again."), "Asanov"), nullptr);
}

TEST(EntityExtractorTest, InitialsBelongToTheNameAndTheSurnameIdentifiesIt) {
  const std::vector<EntityMention> found = NamesIn("Police detained A. Petrov and Sidorov B.V. in Osh.");
  const EntityMention* first = Named(found, "A. Petrov");
  ASSERT_NE(first, nullptr) << "\"A\" is an initial here, not an article";
  EXPECT_EQ(first->name.kind, v1::ENTITY_KIND_PERSON);
  EXPECT_EQ(first->name.key_text, "Petrov");
  const EntityMention* second = Named(found, "Sidorov B.V.");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->name.key_text, "Sidorov");
  const std::vector<EntityMention> in_russian = NamesIn("Суд оштрафовал активистку О. Петрову.");
  const EntityMention* russian = Named(in_russian, "О. Петрову");
  ASSERT_NE(russian, nullptr);
  EXPECT_EQ(russian->name.key_text, "Петрову");
  // An initial alone is no name.
  EXPECT_TRUE(NamesIn("see point A. of the rules").empty());
}

TEST(EntityExtractorTest, ANameEndsWithItsLine) {
  const std::vector<EntityMention> found =
      NamesIn("Police detained the following journalists:\nAlena Shumskaya\nIhar Zhaunou\nThey were released.");
  EXPECT_NE(Named(found, "Alena Shumskaya"), nullptr);
  EXPECT_NE(Named(found, "Ihar Zhaunou"), nullptr);
  EXPECT_EQ(Named(found, "Alena Shumskaya\nIhar Zhaunou"), nullptr);
}

TEST(EntityExtractorTest, DocumentsPlacesAndQuotedTitlesAreNoNames) {
  const std::vector<EntityMention> found =
      NamesIn("He was charged under Article 330 of the Criminal Code in Bishkek for the film \"Silent Voices\".");
  for (const EntityMention& m : found) {
    EXPECT_NE(m.name.kind, v1::ENTITY_KIND_PERSON) << m.name.text;
  }
  EXPECT_EQ(Named(found, "Bishkek"), nullptr);
  EXPECT_EQ(Named(found, "Criminal Code"), nullptr);
}

TEST(EntityExtractorTest, APlaceOfDetentionWrittenAsAnAcronymIsNoBody) {
  const std::vector<EntityMention> found = NamesIn("Суд отправил Ивана Петрова в СИЗО, а затем в ИВС.");
  EXPECT_EQ(Named(found, "СИЗО"), nullptr);
  EXPECT_EQ(Named(found, "ИВС"), nullptr);
  EXPECT_NE(Named(found, "Ивана Петрова"), nullptr);
}

TEST(EntityExtractorTest, AKinWordOpeningASentenceIsNoPartOfTheNameAfterIt) {
  for (const std::string text : {"Родственников Каримова вызвали в милицию.", "Жена Ивана Петрова была задержана."}) {
    for (const EntityMention& m : NamesIn(text)) {
      EXPECT_FALSE(absl::StartsWith(m.name.text, "Родственников") || absl::StartsWith(m.name.text, "Жена"))
          << m.name.text;
    }
  }
  EXPECT_NE(Named(NamesIn("Жена Ивана Петрова была задержана."), "Ивана Петрова"), nullptr);
}

TEST(EntityExtractorTest, ACompoundAbbreviationNamesABodyInOneWord) {
  for (const char* word : {"Мосгорсуд", "Генпрокуратура", "Мингорисполком", "Роскомнадзор", "Минюст"}) {
    const std::vector<EntityMention> found = NamesIn(absl::StrCat("14 декабря ", word, " отказал активистам."));
    const EntityMention* body = Named(found, word);
    ASSERT_NE(body, nullptr) << word;
    EXPECT_EQ(body->name.kind, v1::ENTITY_KIND_STATE_BODY) << word;
  }
  // A head alone, or an adjective ending like a head, is no compound.
  EXPECT_EQ(Named(NamesIn("Активистов вызвали в Ташкентском районе."), "Ташкентском"), nullptr);
}

TEST(EntityExtractorTest, RussianNamesAndBodies) {
  const std::string text = "Журналиста Айбека Асанова допросили в Государственном комитете национальной безопасности.";
  const std::vector<EntityMention> found = NamesIn(text);
  bool person = false, body = false;
  for (const EntityMention& m : found) {
    if (m.name.kind == v1::ENTITY_KIND_PERSON) person = true;
    if (m.name.kind == v1::ENTITY_KIND_STATE_BODY) body = true;
  }
  EXPECT_TRUE(person);
  EXPECT_TRUE(body);
}

TEST(EntityExtractorTest, AFirstNameThatIsAlsoAPlaceBeforeASurname) {
  // "Марию" stems like the town of Mary (Мары).
  const std::vector<EntityMention> found = NamesIn("Суд приговорил Марию Колесникову к 11 годам.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].name.kind, v1::ENTITY_KIND_PERSON);
  EXPECT_EQ(found[1].name.text, "Марию Колесникову");
  for (const EntityMention& m : NamesIn("Полиция в Мары задержала двоих.")) {
    EXPECT_NE(m.name.kind, v1::ENTITY_KIND_PERSON) << m.name.text;
  }
}

}  // namespace
}  // namespace civicwatch::normalize

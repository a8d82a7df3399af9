#include "services/normalize/back_references.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/normalize/entity_extractor.h"
#include "services/normalize/entity_resolver.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

// Reads sentences in text order as the sentence reader does: names are
// found and resolved, noted, and back-references looked for.
class Reader {
 public:
  // The back-references of `text`, read in paragraph `paragraph`, as the
  // text of each reference and the name of its entity.
  std::vector<std::pair<std::string, std::string>> Read(const std::string& text,
                                                         size_t paragraph) {
    const std::vector<Token> tokens = Tokenize(text, 0, text.size());
    std::vector<BackReference> found;
    references_.Find(tokens, paragraph, &found);
    std::vector<std::pair<std::string, std::string>> out;
    for (const BackReference& r : found) {
      const size_t start = tokens[r.first_token].start;
      const size_t end = tokens[r.end_token - 1].end;
      out.emplace_back(text.substr(start, end - start), resolver_.entities()[r.entity].display_name);
      actors_.push_back(r.actor);
    }
    const std::vector<EntityMention> mentions = FindEntityMentions(text, tokens, resolver_);
    std::vector<int> ids;
    for (const EntityMention& m : mentions) ids.push_back(resolver_.Resolve(m.name));
    references_.Note(tokens, mentions, ids, resolver_, paragraph);
    return out;
  }

  const std::vector<bool>& actors() const { return actors_; }

 private:
  EntityResolver resolver_;
  BackReferences references_;
  std::vector<bool> actors_;
};

using Found = std::vector<std::pair<std::string, std::string>>;

TEST(BackReferencesTest, TheSameCourtReachesBackAnyDistance) {
  Reader reader;
  EXPECT_EQ(reader.Read("The Pervomaisky District Court fined Aida Ivanova.", 0), Found{});
  EXPECT_EQ(reader.Read("On appeal, the same court upheld the fine.", 3),
            (Found{{"the same court", "Pervomaisky District Court"}}));
  EXPECT_EQ(reader.actors(), std::vector<bool>{false});
}

TEST(BackReferencesTest, TheCourtReachesOnlyWithinItsParagraph) {
  Reader reader;
  reader.Read("The Pervomaisky District Court fined Aida Ivanova.", 0);
  EXPECT_EQ(reader.Read("The court gave no reasons.", 0),
            (Found{{"The court", "Pervomaisky District Court"}}));
  EXPECT_EQ(reader.Read("The court gave no reasons.", 1), Found{});
}

TEST(BackReferencesTest, NothingBeforeItNothingFound) {
  Reader reader;
  EXPECT_EQ(reader.Read("The same court upheld the fine.", 0), Found{});
  EXPECT_EQ(reader.Read("The same judge upheld the fine.", 0), Found{});
}

TEST(BackReferencesTest, TheCourtOfAppealIsAnotherCourt) {
  Reader reader;
  reader.Read("The Pervomaisky District Court fined Aida Ivanova.", 0);
  EXPECT_EQ(reader.Read("The court of appeal upheld the fine.", 0), Found{});
}

TEST(BackReferencesTest, RussianBodyWordsMayStandAlone) {
  Reader reader;
  reader.Read("Первомайский районный суд оштрафовал Айгуль Назарову.", 0);
  EXPECT_EQ(reader.Read("Тот же суд отклонил жалобу.", 2),
            (Found{{"Тот же суд", "Первомайский районный суд"}}));
  EXPECT_EQ(reader.Read("Позже суд отклонил жалобу.", 0),
            (Found{{"суд", "Первомайский районный суд"}}));
  // "обратился в суд" (went to court) is no court in particular.
  EXPECT_EQ(reader.Read("Она обратилась в суд.", 0), Found{});
}

TEST(BackReferencesTest, APersonIsFoundByAWordOfItsTitle) {
  Reader reader;
  reader.Read("Judge Aida Ivanova sentenced the blogger.", 0);
  EXPECT_EQ(reader.Read("The same judge refused bail.", 4),
            (Found{{"The same judge", "Aida Ivanova"}}));
  EXPECT_EQ(reader.actors(), std::vector<bool>{true});
}

}  // namespace
}  // namespace civicwatch::normalize

// Finds names of people and bodies in a sentence.
//
// Cues, all general (no list of particular people):
// - runs of capitalised words ("Sooronbai Jeenbekov", "Tynystan Asypbek"),
//   with name particles ("uulu", "kyzy") and linking words inside body
//   names ("Ministry of Internal Affairs");
// - organisation head words (Court, Committee, Ministry, Foundation, Watch,
//   Live...; data/org_words.tsv) make a run a body; Russian bodies are a
//   capitalised word followed by a lower-case head ("Государственного
//   комитета национальной безопасности");
// - an acronym in parentheses after a name becomes its alias "(GKNB)";
// - "the NGO X", "media outlet X", "X, a media project" make X a body;
// - titles before a name ("human rights defender", "President") are kept
//   as the participant's title, and let a lone surname count as a person;
//   a titled person "of" a body is two names ("Judge Aida Ivanova of the
//   Pervomaisky District Court");
// - a single capitalised word is a name only when the resolver already
//   knows it (a surname met earlier) or a title precedes it;
// - words inside quotation marks, document names ("Criminal Code",
//   "Article 4"), places, months and sentence openers are never names.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_ENTITY_EXTRACTOR_H_
#define CIVICWATCH_SERVICES_NORMALIZE_ENTITY_EXTRACTOR_H_

#include "absl/strings/string_view.h"
#include <vector>

#include "services/normalize/entity_resolver.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

struct EntityMention {
  size_t first_token = 0;  // tokens[first_token, end_token)
  size_t end_token = 0;
  size_t start = 0;  // byte offsets of the name as written
  size_t end = 0;
  NameMention name;
};

// The names in one sentence, in text order. `known` is consulted for
// single words (surnames, bodies met earlier); it is not changed.
std::vector<EntityMention> FindEntityMentions(absl::string_view text, const std::vector<Token>& tokens,
                                              const EntityResolver& known);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_ENTITY_EXTRACTOR_H_

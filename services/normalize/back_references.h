// Links descriptions that point back to a body or person named earlier in
// the report to it: "the same court", "the court", "that committee", "the
// same judge", "тот же суд", "этот судья". The words and what they point
// to are in data/back_references.tsv (court, committee, judge...); each
// points to the latest entity of its class met so far: a body whose name
// holds the word ("Pervomaisky District Court"), a person whose title
// does ("Judge Aida Ivanova"). "the same court" reaches back any distance;
// "the court" only to one named in the same paragraph (across
// paragraphs it is as likely another court). A description with no such
// entity before it links to nothing. Capitalised heads ("the Court") are
// the entity extractor's, not this.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_BACK_REFERENCES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_BACK_REFERENCES_H_

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/normalize/entity_extractor.h"
#include "services/normalize/entity_resolver.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// A back-reference found in a sentence.
struct BackReference {
  size_t first_token = 0;  // tokens[first_token, end_token): "the same court"
  size_t end_token = 0;
  int entity = -1;         // the entity it points to
  bool actor = false;      // a person acting in the incident (judge, prosecutor)
};

// One per report; sentences are given in text order.
class BackReferences {
 public:
  // Notes the entities named in a sentence (`ids[k]` resolves
  // `mentions[k]`, -1 when unresolved) as the latest of their classes.
  // `paragraph` is the index of the sentence's paragraph.
  void Note(const std::vector<Token>& tokens, const std::vector<EntityMention>& mentions,
            const std::vector<int>& ids, const EntityResolver& resolver, size_t paragraph);

  // The back-references of a sentence of paragraph `paragraph` that point
  // to an entity, in text order, into *out (cleared first).
  void Find(const std::vector<Token>& tokens, size_t paragraph, std::vector<BackReference>* out) const;

 private:
  struct Latest {
    int entity = -1;
    size_t paragraph = 0;  // where it was last named
  };
  absl::flat_hash_map<int, Latest> latest_;  // by class
  // The person classes of each entity's titles, and how many titles they
  // were read from (titles only grow), so each title is read once.
  struct Classes {
    size_t titles = 0;
    std::vector<int> classes;
  };
  absl::flat_hash_map<int, Classes> person_classes_;
};

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_BACK_REFERENCES_H_

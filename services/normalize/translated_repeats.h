// Drops incidents that a report tells a second time in another language.
//
// Some reports give their story twice: an article in English followed by
// the same article in Russian (or the reverse), a statement with its
// translation. Each incident then stands once in each language. When the
// report's letters are split between Latin and Cyrillic script, each at
// least a third of them, the incidents told in the script that comes
// second are translations of those in the first when they have:
// - the same date at the same precision and the same category group
//   (categories.tsv: a detention and an arrest are one story step); or
// - no date, the same category and an entity in common (names in either
//   script resolve to one entity).
// The first telling is kept. A report that only quotes a phrase in the
// other script is untouched: its second script is far below a third.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_TRANSLATED_REPEATS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_TRANSLATED_REPEATS_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/normalize/incident_segmenter.h"

namespace civicwatch::normalize {

// Removes from `incidents` (in text order, over `sentences` of `body`)
// those that translate an earlier incident, keeping the others' order.
void DropTranslatedRepeats(absl::string_view body, const std::vector<Sentence>& sentences,
                           std::vector<Incident>* incidents);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_TRANSLATED_REPEATS_H_

// Folding of entity names for search, so that "askarov", "ASKAROV" and
// "Askarov" meet, and so that common romanisations of one Cyrillic name
// ("Djakupova", "Dzhakupova", "Джакупова") meet too.
//
// Thread-safe.
#ifndef CIVICWATCH_SERVICES_QUERY_TEXT_FOLD_H_
#define CIVICWATCH_SERVICES_QUERY_TEXT_FOLD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::query {

// Unicode lower case ("Джакупова" -> "джакупова"), whitespace collapsed.
std::string FoldCase(absl::string_view text);

// A rough spelling skeleton: transliterated to Latin, accents removed, lower
// case, then the usual variants of one sound merged ("dzh", "dj", "zh" ->
// "j"; "kh" -> "h"; "y" -> "i"; ...). Every spelling above gives "jakupova".
// Used for search only: different names may share a skeleton.
std::string SpellingSkeleton(absl::string_view text);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_TEXT_FOLD_H_

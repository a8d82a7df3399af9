// Word stems, so that one cue covers every inflected form of a word:
// "detain" matches "detained", "detaining", "detains"; "задержа" matches
// "задержали", "задержан", "задержаны". Snowball's English (Porter2) and
// Russian stemmers, chosen by the word's script.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_STEMMER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_STEMMER_H_

#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// The stem of a lower-case word: Russian when it starts with a Cyrillic
// letter, English otherwise. The view stays valid until the next call on
// the same thread (stems are kept in a per-thread cache, emptied when it
// grows large, so repeated words cost one hash lookup). Thread-safe: each
// thread has its own stemmers.
absl::string_view StemOf(absl::string_view lower_word);

// StemOf, copied: for building tables once.
std::string StemCopy(absl::string_view lower_word);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_STEMMER_H_

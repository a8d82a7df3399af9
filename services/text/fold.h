// Name folding: one key for every way a name is written, shared by the
// normaliser (entity keys and ids) and the query service (entity search and
// withheld-name matching), so a name folded at ingest is found by a search
// spelled another way.
//
// FoldingKey("Dzhakupova") == FoldingKey("Djakupova") == FoldingKey("Джакупова")
// FoldingKey("Jeenbekov") == FoldingKey("Zheenbekov")
// FoldingKey("Atambaev") == FoldingKey("Atambayev")
// FoldingKey("Pervomaisky District Court") == FoldingKey("Pervomaiskiy District Court")
// FoldingKey("State Committee of National Security")
//     == FoldingKey("State Committee for National Security")
//
// How: Cyrillic (and any other script) is transliterated to ASCII Latin
// with ICU (BGN/PCGN romanisation for Russian), lower-cased, split into
// words, linking words (of, for, the...) dropped, and each word folded
// phonetically: dzh/dj/zh -> j, kh -> h, y -> i (dropped between vowels),
// doubled letters single, and one Russian case ending stripped
// ("Назарова", "Назаровым" and "Nazarov" agree). The key is for matching
// and hashing, never for display.
//
// SpellingSkeleton is the same fold made looser for search: it also merges
// the spellings that other romanisations and typists use for one sound
// (dz -> j, ts -> c, ou -> u, ...), which would join different people if an
// entity's identity were keyed on it.
//
// Thread-safe.
#ifndef CIVICWATCH_SERVICES_TEXT_FOLD_H_
#define CIVICWATCH_SERVICES_TEXT_FOLD_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace civicwatch::text {

// The folding key of a name: folded words separated by single spaces.
// Empty when the name has no letters or digits.
std::string FoldingKey(absl::string_view name);

// The folded words of a name (FoldingKey split at spaces).
std::vector<std::string> FoldedWords(absl::string_view name);

// Folds one lower-case ASCII word (exposed for tests).
std::string FoldWord(absl::string_view ascii_lower_word);

// `word` (folded) less one Russian case ending ("nazarova" -> "nazarov");
// FoldWord ends with it. Applied to a folded word once more it gives a
// name stem that a name ending like a case ending keeps in every case
// ("muhammedkarim" -> "muhammedkar", as "Мухаммедкарим" folds).
std::string StripCaseEnding(std::string word);

// ASCII Latin transliteration of `text` (unchanged when already ASCII).
std::string ToAsciiLatin(absl::string_view text);

// Unicode case folding ("Джакупова" -> "джакупова"), whitespace collapsed.
std::string FoldCase(absl::string_view text);

// The search form of `text`: its folded words (FoldedWords) with the
// spellings of one sound merged further ("Djakupova", "Dzakupova",
// "Джакупова" -> "jakupov"; "Tsoi", "Coi", "Цой" -> "coi"). Used for search
// only: different names may share a skeleton.
std::string SpellingSkeleton(absl::string_view text);

}  // namespace civicwatch::text

#endif  // CIVICWATCH_SERVICES_TEXT_FOLD_H_

// Splits text into word, number and punctuation tokens with byte offsets.
// Words keep inner hyphens and apostrophes ("Issyk-Kul", "mid-March",
// "Prosecutor's"); a number keeps an ordinal suffix ("15th" is 15).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_TOKENIZER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_TOKENIZER_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace civicwatch::normalize {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  size_t start = 0;  // byte offset into the text given to Tokenize
  size_t end = 0;    // one past the last byte
  TokenKind kind = TokenKind::kWord;
  bool capitalised = false;  // a word whose first letter is upper case
  bool all_caps = false;     // a word of 2+ letters, all upper case
  bool cyrillic = false;     // a word in Cyrillic script
  int8_t number_word = 0;    // kWord: NumberWordValue(lower) ("two" is 2), else 0
  int digits = 0;            // kNumber: how many digits
  int value = 0;             // kNumber: its value (capped)
  std::string lower;         // lower-cased text ("'" for U+2019)
};

// Tokenises text[begin, end). Offsets are into `text`.
std::vector<Token> Tokenize(absl::string_view text, size_t begin, size_t end);

// As Tokenize, into *out (cleared first): a caller tokenising sentence
// after sentence keeps one buffer instead of allocating one per sentence.
void TokenizeInto(absl::string_view text, size_t begin, size_t end, std::vector<Token>* out);

// True when the lower-case text of `t` is `w` (sizes compared first).
inline bool LowerIs(const Token& t, absl::string_view w) {
  return t.lower.size() == w.size() && absl::string_view(t.lower) == w;
}

// True when `t` is a hyphen-minus, an en dash or an em dash.
inline bool IsDash(const Token& t) {
  return LowerIs(t, "-") || LowerIs(t, "\xE2\x80\x93") || LowerIs(t, "\xE2\x80\x94");
}

// True when token `b` starts right where token `a` ends (no space).
inline bool Adjacent(const Token& a, const Token& b) { return a.end == b.start; }

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_TOKENIZER_H_

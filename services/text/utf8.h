// UTF-8: validation of text that arrives from outside, decoding and
// encoding of code points, and the case and letter tests the normaliser
// and the services share.
//
// Thread-safe.
#ifndef CIVICWATCH_SERVICES_TEXT_UTF8_H_
#define CIVICWATCH_SERVICES_TEXT_UTF8_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::text {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF). `first_bad_offset`, when given and
// the text is invalid, receives the byte offset of the first bad sequence.
bool IsValidUtf8(absl::string_view text, size_t* first_bad_offset = nullptr);

// `text` with each byte that does not start a well-formed sequence replaced
// by U+FFFD; well-formed text comes back unchanged. For echoing outside
// text in places that must hold UTF-8 (protobuf string fields).
std::string ToValidUtf8(absl::string_view text);

// The out-of-line parts of the functions below (anything beyond ASCII).
namespace internal {
char32_t DecodeUtf8Multibyte(absl::string_view text, size_t* pos);
void AppendUtf8Multibyte(char32_t c, std::string* out);
bool IsLetterNonAscii(char32_t c);
bool IsUpperNonAscii(char32_t c);
char32_t ToLowerNonAscii(char32_t c);
}  // namespace internal

// Decodes the code point at text[*pos] and advances *pos past it. Invalid
// bytes decode as U+FFFD (one for each maximal ill-formed part).
inline char32_t DecodeUtf8(absl::string_view text, size_t* pos) {
  const auto lead = static_cast<unsigned char>(text[*pos]);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  // A well-formed two-byte sequence (Cyrillic, Latin with diacritics),
  // as common as ASCII in Russian text, is decoded inline too.
  if (lead >= 0xC2 && lead <= 0xDF && *pos + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[*pos + 1]);
    if ((next & 0xC0) == 0x80) {
      *pos += 2;
      return (static_cast<char32_t>(lead & 0x1F) << 6) | (next & 0x3F);
    }
  }
  return internal::DecodeUtf8Multibyte(text, pos);
}

// Appends `c` encoded as UTF-8.
inline void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
    return;
  }
  if (c < 0x800) {
    // Two inlined push_backs: a Cyrillic word is appended letter by letter,
    // and an out-of-line append per letter costs more than the letter.
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    return;
  }
  internal::AppendUtf8Multibyte(c, out);
}

// ASCII and the Russian letters (U+0400-U+045F: Ѐ-Я upper case, а-џ lower
// case, every one a letter) are answered inline, as Unicode does; the rest
// asks ICU.
inline bool IsLetter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c >= 0x400 && c <= 0x45F) return true;
  return internal::IsLetterNonAscii(c);
}
inline bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x400 && c <= 0x45F) return c <= 0x42F;
  return internal::IsUpperNonAscii(c);
}
inline bool IsCyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }
inline char32_t ToLower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0x400 && c <= 0x45F) return c < 0x410 ? c + 0x50 : (c < 0x430 ? c + 0x20 : c);
  return internal::ToLowerNonAscii(c);
}

// Lower-cases `text` (full Unicode simple case mapping) and writes the
// typographic apostrophe U+2019 as "'".
std::string LowerUtf8(absl::string_view text);

// True when `text` holds a Cyrillic letter.
bool HasCyrillic(absl::string_view text);

}  // namespace civicwatch::text

#endif  // CIVICWATCH_SERVICES_TEXT_UTF8_H_

// Small UTF-8 helpers: validation, decoding, case and letter tests.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_UTF8_H_
#define CIVICWATCH_SERVICES_NORMALIZE_UTF8_H_

#include <cstddef>
#include <string>
#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view text);

// Decodes the code point at text[*pos] and advances *pos past it. Invalid
// bytes decode as U+FFFD, one byte at a time.
char32_t DecodeUtf8(absl::string_view text, size_t* pos);

// Appends `c` encoded as UTF-8.
void AppendUtf8(char32_t c, std::string* out);

bool IsLetter(char32_t c);
bool IsUpper(char32_t c);
bool IsCyrillic(char32_t c);
char32_t ToLower(char32_t c);

// Lower-cases `text` (full Unicode simple case mapping) and writes the
// typographic apostrophe U+2019 as "'".
std::string LowerUtf8(absl::string_view text);

// True when `text` holds a Cyrillic letter.
bool HasCyrillic(absl::string_view text);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_UTF8_H_

#include "services/common/utf8.h"

#include <cstdint>

namespace civicwatch {

bool IsValidUtf8(absl::string_view text, size_t* first_bad_offset) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      if (first_bad_offset) *first_bad_offset = i;
      return false;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) {
      if (first_bad_offset) *first_bad_offset = i;
      return false;
    }
    for (size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        if (first_bad_offset) *first_bad_offset = i;
        return false;
      }
    }
    i += len;
  }
  return true;
}

std::string ToValidUtf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t bad = 0;
  while (!IsValidUtf8(text, &bad)) {
    out.append(text.data(), bad);
    out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
    text.remove_prefix(bad + 1);
  }
  out.append(text.data(), text.size());
  return out;
}

}  // namespace civicwatch

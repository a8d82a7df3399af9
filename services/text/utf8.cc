#include "services/text/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace civicwatch::text {
namespace {

// The length of the well-formed sequence at s[i], or 0 when none starts
// there.
size_t SequenceLength(const uint8_t* s, size_t i, size_t n) {
  const uint8_t lead = s[i];
  if (lead < 0x80) return 1;
  size_t length;
  uint8_t low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > n || s[i + 1] < low || s[i + 1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

bool IsValidUtf8(absl::string_view text, size_t* first_bad_offset) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: most of a report is ASCII.
    uint64_t eight = 0;
    if (i + 8 <= n && (std::memcpy(&eight, s + i, 8), (eight & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    const size_t length = SequenceLength(s, i, n);
    if (length == 0) {
      if (first_bad_offset != nullptr) *first_bad_offset = i;
      return false;
    }
    i += length;
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

namespace internal {

char32_t DecodeUtf8Multibyte(absl::string_view text, size_t* pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  // U8_NEXT needs int32 indices; decode from a window so huge inputs work.
  const size_t start = *pos;
  const int32_t n = static_cast<int32_t>(std::min<size_t>(4, text.size() - start));
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s + start, i, n, c);
  *pos = start + static_cast<size_t>(i);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

void AppendUtf8Multibyte(char32_t c, std::string* out) {
  uint8_t buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
  if (!error) out->append(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
}

bool IsLetterNonAscii(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }

bool IsUpperNonAscii(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }

char32_t ToLowerNonAscii(char32_t c) {
  if (c == 0x2019) return '\'';
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

}  // namespace internal

std::string LowerUtf8(absl::string_view text) {
  // ASCII and the Russian letters keep their length in lower case, so a
  // text of them alone is lower-cased in place; the first other character
  // hands the rest to the general loop below.
  std::string out(text);
  size_t i = 0;
  while (i < out.size()) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') out[i] = static_cast<char>(b + 32);
      ++i;
      continue;
    }
    if ((b != 0xD0 && b != 0xD1) || i + 1 == out.size()) break;
    const auto c = static_cast<unsigned char>(out[i + 1]);
    if ((c & 0xC0) != 0x80) break;
    const char32_t lower = ToLower((static_cast<char32_t>(b & 0x1F) << 6) | (c & 0x3F));
    if (lower < 0x400 || lower > 0x45F) break;  // not a Russian letter's lower case
    out[i] = static_cast<char>(0xC0 | (lower >> 6));
    out[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
    i += 2;
  }
  if (i == out.size()) return out;
  out.resize(i);
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>((byte >= 'A' && byte <= 'Z') ? byte + 32 : byte));
      ++i;
      continue;
    }
    AppendUtf8(ToLower(DecodeUtf8(text, &i)), &out);
  }
  return out;
}

bool HasCyrillic(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    if (IsCyrillic(DecodeUtf8(text, &i))) return true;
  }
  return false;
}

}  // namespace civicwatch::text

#include "services/normalize/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace civicwatch::normalize {

bool IsValidUtf8(absl::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  if (text.size() > static_cast<size_t>(INT32_MAX)) return false;
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
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
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>((b >= 'A' && b <= 'Z') ? b + 32 : b));
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

}  // namespace civicwatch::normalize

#include "services/normalize/tokenizer.h"

#include <array>

#include "services/normalize/phrase_matcher.h"
#include "services/normalize/utf8.h"

namespace civicwatch::normalize {
namespace {

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 ||
         c == 0x202F || c == 0x200B || c == 0xFEFF || c == '\f' || c == '\v';
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// The bytes of ASCII letters and digits, by table: asked of every byte of
// a word.
bool IsAsciiLetterOrDigit(unsigned char b) {
  static constexpr auto kTable = [] {
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c) table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = table[c - 32] = true;
    return table;
  }();
  return kTable[b];
}

bool IsJoiner(char32_t c) {
  return c == '-' || c == '\'' || c == 0x2019 || c == 0x2010 || c == 0x2011;
}

}  // namespace

std::vector<Token> Tokenize(absl::string_view text, size_t begin, size_t end) {
  std::vector<Token> out;
  out.reserve((end - begin) / 5 + 1);
  TokenizeInto(text, begin, end, &out);
  return out;
}

void TokenizeInto(absl::string_view text, size_t begin, size_t end, std::vector<Token>* out_ptr) {
  std::vector<Token>& out = *out_ptr;
  // The buffer's tokens are reused in place, so that a long word's text
  // (most Russian words outgrow a string's inline bytes) keeps its memory
  // from sentence to sentence.
  size_t count = 0;
  auto next_token = [&]() -> Token& {
    if (count == out.size()) return out.emplace_back(), out[count++];
    Token& t = out[count++];
    t.kind = TokenKind::kWord;
    t.capitalised = t.all_caps = t.cyrillic = false;
    t.number_word = 0;
    t.digits = t.value = 0;
    t.lower.clear();
    return t;
  };
  const absl::string_view window = text.substr(0, end);
  size_t i = begin;
  while (i < end) {
    const size_t start = i;
    const char32_t c = DecodeUtf8(window, &i);
    if (IsSpace(c)) continue;
    // Built in place: every branch below keeps the token.
    Token& t = next_token();
    t.start = start;
    if (IsDigit(c)) {
      t.kind = TokenKind::kNumber;
      long long v = c - '0';
      t.digits = 1;
      while (i < end && IsDigit(static_cast<unsigned char>(window[i]))) {
        if (v < 100000000) v = v * 10 + (window[i] - '0');
        ++t.digits;
        ++i;
      }
      t.value = static_cast<int>(v);
      // Ordinal suffix: 1st, 2nd, 3rd, 15th.
      if (i + 1 < end) {
        const char a = static_cast<char>(window[i] | 0x20), b = static_cast<char>(window[i + 1] | 0x20);
        const bool ord = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
                         (a == 't' && b == 'h');
        const bool word_after =
            i + 2 < end && IsLetter(static_cast<unsigned char>(window[i + 2]));
        if (ord && !word_after) i += 2;
      }
      t.end = i;
      t.lower.assign(window.data() + start, i - start);
      continue;
    }
    if (IsLetter(c)) {
      t.kind = TokenKind::kWord;
      t.capitalised = IsUpper(c);
      t.cyrillic = IsCyrillic(c);
      int letters = 1, upper = t.capitalised ? 1 : 0;
      if (c < 0x80) {
        // The ASCII run below takes the first letter too.
        i = start;
        letters = upper = 0;
      } else {
        AppendUtf8(ToLower(c), &t.lower);
      }
      size_t word_end = i;
      while (i < end) {
        // A run of ASCII letters and digits, the usual case: appended at
        // once and lower-cased in place, without decoding.
        size_t run = i;
        while (run < end && IsAsciiLetterOrDigit(static_cast<unsigned char>(window[run]))) ++run;
        if (run > i) {
          const size_t from = t.lower.size();
          t.lower.append(window.data() + i, run - i);
          // Branch-free, so that the compiler vectorises it.
          for (size_t k = from; k < t.lower.size(); ++k) {
            const auto b = static_cast<unsigned char>(t.lower[k]);
            const bool is_upper = static_cast<unsigned char>(b - 'A') < 26;
            upper += is_upper;
            t.lower[k] = static_cast<char>(b + (is_upper << 5));
          }
          letters += static_cast<int>(run - i);
          i = run;
          word_end = i;
          continue;
        }
        size_t j = i;
        char32_t d = DecodeUtf8(window, &j);
        if (IsLetter(d) || IsDigit(d)) {
          AppendUtf8(ToLower(d), &t.lower);
          ++letters;
          if (IsUpper(d)) ++upper;
          i = j;
          word_end = i;
          continue;
        }
        if (IsJoiner(d) && j < end) {
          size_t k = j;
          char32_t e = DecodeUtf8(window, &k);
          if (IsLetter(e)) {
            AppendUtf8(d == 0x2019 ? U'\'' : (d == 0x2010 || d == 0x2011 ? U'-' : d), &t.lower);
            i = j;
            continue;
          }
        }
        break;
      }
      t.end = word_end;
      t.all_caps = letters >= 2 && upper == letters;
      t.number_word = static_cast<int8_t>(NumberWordValue(t.lower));
      continue;
    }
    t.kind = TokenKind::kPunct;
    t.end = i;
    t.lower.assign(window.data() + start, i - start);
  }
  out.resize(count);
}

}  // namespace civicwatch::normalize

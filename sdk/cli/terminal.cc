#include "terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace civicwatch::cli {
namespace {

// Decodes the code point starting at text[*i] and advances *i past it.
// Invalid bytes count as one code point each.
char32_t NextCodePoint(absl::string_view text, size_t* i) {
  unsigned char c = text[*i];
  int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (*i + length > text.size()) length = 1;
  char32_t cp = length == 1 ? c : c & (0x7F >> length);
  for (int k = 1; k < length; ++k) cp = (cp << 6) | (text[*i + k] & 0x3F);
  *i += length;
  return cp;
}

int CodePointWidth(char32_t cp) {
  if (cp == 0) return 0;
  if (cp >= 0x300 && cp <= 0x36F) return 0;  // Combining diacritics.
  if (cp == 0x200B || cp == 0x200D) return 0;
  // East Asian wide and fullwidth ranges (CJK, Hangul, fullwidth forms).
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
      (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

}  // namespace

bool StdoutIsTerminal() { return isatty(STDOUT_FILENO) == 1; }

int TerminalWidth() {
  int columns = 0;
  if (const char* env = std::getenv("COLUMNS");
      env != nullptr && absl::SimpleAtoi(env, &columns) && columns > 0) {
    return columns;
  }
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 80;
}

int DisplayWidth(absl::string_view text) {
  int width = 0;
  for (size_t i = 0; i < text.size();) width += CodePointWidth(NextCodePoint(text, &i));
  return width;
}

std::string TruncateToWidth(absl::string_view text, int width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width <= 0) return "";
  // Keep room for the one-column ellipsis.
  int used = 0;
  size_t end = 0;
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    int w = CodePointWidth(NextCodePoint(text, &i));
    if (used + w > width - 1) break;
    used += w;
    end = i;
    (void)start;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

namespace {

// Columns `word` takes, its ANSI escape sequences left out.
int VisibleWidth(absl::string_view word) {
  std::string visible;
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '\x1b' && i + 1 < word.size() && word[i + 1] == '[') {
      size_t end = i + 2;
      while (end < word.size() && !(word[end] >= '@' && word[end] <= '~')) ++end;
      i = end;
      continue;
    }
    visible.push_back(word[i]);
  }
  return DisplayWidth(visible);
}

}  // namespace

std::string WordWrap(absl::string_view text, int width) {
  if (width <= 0) return std::string(text);
  std::string out;
  bool first_line = true;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!first_line) out.push_back('\n');
    first_line = false;
    int used = 0;
    bool first_word = true;
    for (absl::string_view word : absl::StrSplit(line, ' ')) {
      const int w = VisibleWidth(word);
      if (!first_word && used + 1 + w > width) {
        out.push_back('\n');
        used = 0;
      } else if (!first_word) {
        out.push_back(' ');
        ++used;
      }
      out.append(word.data(), word.size());
      used += w;
      first_word = false;
    }
  }
  return out;
}

}  // namespace civicwatch::cli

#include "services/normalize/paragraph_roles.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/utf8.h"

namespace civicwatch::normalize {

bool IsCaption(absl::string_view paragraph_text) {
  if (absl::StartsWith(paragraph_text, "\xC2\xA9")) return true;
  for (absl::string_view p : {"Photo", "Image", "Фото", "Source:", "Credit"}) {
    if (!absl::StartsWith(paragraph_text, p)) continue;
    // The word itself, not one it begins ("Photographer Gagik ...",
    // "Фотограф ..." open a sentence of the story): any letter after it,
    // ASCII or the lead byte of a multi-byte one, makes it another word.
    if (paragraph_text.size() == p.size()) return true;
    const unsigned char next = static_cast<unsigned char>(paragraph_text[p.size()]);
    if (!absl::ascii_isalpha(next) && next < 0x80) return true;
  }
  return false;
}

bool IsListMarker(absl::string_view marker) {
  for (absl::string_view b : {"-", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "*", "\xC2\xB7"}) {
    if (marker == b) return true;
  }
  if (marker.size() < 2 || marker.size() > 4) return false;
  const char last = marker.back();
  if (last != '.' && last != ')') return false;
  for (size_t k = 0; k + 1 < marker.size(); ++k) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(marker[k]))) return false;
  }
  return true;
}

size_t LineStart(absl::string_view body, size_t offset) {
  return offset == 0 ? 0 : body.rfind('\n', offset - 1) + 1;
}

bool IsListItem(absl::string_view body, size_t begin) {
  const size_t line_start = LineStart(body, begin);
  absl::string_view prefix = absl::StripAsciiWhitespace(body.substr(line_start, begin - line_start));
  if (prefix.empty()) {
    // The marker may be kept in the paragraph: "- text".
    absl::string_view text = body.substr(begin, 8);
    const size_t space = text.find(' ');
    if (space == absl::string_view::npos) return false;
    prefix = text.substr(0, space);
  }
  return IsListMarker(prefix);
}

bool IsFootnote(absl::string_view body, size_t begin) {
  absl::string_view text = absl::StripLeadingAsciiWhitespace(body.substr(LineStart(body, begin), 16));
  if (absl::StartsWith(text, "[")) {
    size_t k = 1;
    while (k < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[k]))) ++k;
    return k > 1 && k < text.size() && text[k] == ']';
  }
  // Superscript one, two, three.
  for (absl::string_view mark : {"\xC2\xB9", "\xC2\xB2", "\xC2\xB3"}) {
    if (absl::StartsWith(text, mark)) return true;
  }
  // An asterisk against the word it explains ("UN experts*").
  return text.size() > 1 && text[0] == '*' && text[1] != ' ' && text[1] != '*';
}

bool IsShouted(absl::string_view sentence) {
  // The label: the first line, up to a colon ("UNTIL: 25 September 2020"
  // gives the value in the publisher's usual case).
  sentence = sentence.substr(0, sentence.find('\n'));
  sentence = sentence.substr(0, sentence.find(':'));
  // More lower-case letters than a tenth of the bytes settle it: most
  // sentences are decided within their first words.
  const size_t max_lower = sentence.size() / 10;
  size_t letters = 0, upper = 0;
  for (size_t pos = 0; pos < sentence.size();) {
    const unsigned char byte = static_cast<unsigned char>(sentence[pos]);
    bool is_letter, is_upper;
    if (byte < 0x80) {
      ++pos;
      is_letter = absl::ascii_isalpha(byte);
      is_upper = absl::ascii_isupper(byte);
    } else {
      const char32_t c = DecodeUtf8(sentence, &pos);
      is_letter = IsLetter(c);
      is_upper = is_letter && IsUpper(c);
    }
    if (!is_letter) continue;
    ++letters;
    upper += is_upper;
    if (letters - upper > max_lower) return false;
  }
  constexpr size_t kMinWords = 3;
  return letters >= 15 && upper * 10 >= letters * 9 && WordCount(sentence) >= kMinWords;
}

bool IsEndMark(absl::string_view paragraph_text) {
  // The longest mark with its dashes and spaces around it.
  constexpr size_t kMaxMarkBytes = 32;
  if (paragraph_text.size() > kMaxMarkBytes) return false;
  std::string mark;
  for (char c : paragraph_text) {
    if (c != '-' && c != ' ' && c != '\n' && c != '\r') mark += c;
  }
  // En and em dashes around the word ("– ENDS –") are multi-byte.
  absl::StrReplaceAll({{"\xE2\x80\x93", ""}, {"\xE2\x80\x94", ""}}, &mark);
  return mark == "ENDS" || mark == "END" || mark == "###" || mark == "***ENDS***";
}

bool OpensNotes(absl::string_view paragraph_text) {
  const size_t newline = paragraph_text.find('\n');
  absl::string_view first = absl::StripAsciiWhitespace(paragraph_text.substr(0, newline));
  if (absl::EndsWith(first, ":")) first.remove_suffix(1);
  // Longer than the longest heading ("примечания", 20 bytes).
  constexpr size_t kMaxHeadingBytes = 24;
  if (first.size() > kMaxHeadingBytes) return false;
  const std::string lower = LowerUtf8(first);
  for (absl::string_view heading :
       {"footnotes", "notes", "endnotes", "sources", "references",
        "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x87\xd0\xb0\xd0\xbd\xd0\xb8\xd1\x8f",  // примечания
        "\xd1\x81\xd0\xbd\xd0\xbe\xd1\x81\xd0\xba\xd0\xb8",  // сноски
        "\xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd1\x87\xd0\xbd\xd0\xb8\xd0\xba\xd0\xb8"}) {  // источники
    if (lower == heading) return true;
  }
  return false;
}

namespace {

// "Label: value" with a short label and a value that is no sentence.
bool IsFieldLine(absl::string_view line) {
  const size_t colon = line.find(':');
  if (colon == absl::string_view::npos || colon == 0) return false;
  const absl::string_view label = line.substr(0, colon);
  const absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
  if (absl::StrContains(label, '.') || WordCount(label) > 4) return false;
  // (A short value may end with an abbreviation: "10 сентября 2020 г.")
  const bool sentence = absl::EndsWith(value, ".") && WordCount(value) > 6;
  // A value with no full stop may still run long under a field's name
  // ("Charge: Article 188 ... (defamation in a printed publication);
  // maximum penalty ..."); under a date it is a chronology's entry.
  const bool dated_label = std::any_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; });
  return !value.empty() && !sentence && WordCount(value) <= (dated_label ? 20 : 40);
}

}  // namespace

bool IsFactBox(absl::string_view paragraph_text) {
  std::vector<absl::string_view> lines;
  for (absl::string_view line : absl::StrSplit(paragraph_text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.size() < 2) return false;
  bool fields = true;
  for (absl::string_view line : lines) fields &= IsFieldLine(line);
  if (fields) return true;
  // A label over a list: "Signed:" and one name a line.
  if (!absl::EndsWith(lines[0], ":") || WordCount(lines[0]) > 2) return false;
  for (size_t k = 1; k < lines.size(); ++k) {
    if (absl::EndsWith(lines[k], ".") || WordCount(lines[k]) > 15) return false;
  }
  return true;
}

bool IsClosingFormula(absl::string_view paragraph_text) {
  paragraph_text = absl::StripAsciiWhitespace(paragraph_text);
  // A closing formula is one short sentence or a salutation.
  if (paragraph_text.empty() || paragraph_text.size() > 160) return false;
  const std::string lower = LowerUtf8(paragraph_text);
  for (absl::string_view formula :
       {"assurances of our highest consideration", "assurances of my highest consideration", "yours sincerely",
        "yours faithfully", "sincerely,", "respectfully,", "with respect,", "\xd1\x81 \xd1\x83\xd0\xb2\xd0\xb0\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5\xd0\xbc",
        "\xd1\x83\xd0\xb2\xd0\xb5\xd1\x80\xd0\xb5\xd0\xbd\xd0\xb8\xd1\x8f \xd0\xb2 \xd0\xbd\xd0\xb0\xd1\x88\xd0\xb5\xd0\xbc \xd0\xb3\xd0\xbb\xd1\x83\xd0\xb1\xd0\xbe\xd1\x87\xd0\xb0\xd0\xb9\xd1\x88\xd0\xb5\xd0\xbc"}) {
    if (absl::StrContains(lower, formula)) return true;
  }
  return false;
}

}  // namespace civicwatch::normalize

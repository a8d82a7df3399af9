#include "services/normalize/text_segmentation.h"

#include <algorithm>
#include <array>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/date_words.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/utf8.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

constexpr size_t kMaxHeadingBytes = 160;

bool IsBlank(absl::string_view line) {
  return absl::StripAsciiWhitespace(line).empty();
}

Span Trim(absl::string_view body, Span s) {
  while (s.begin < s.end && absl::ascii_isspace(static_cast<unsigned char>(body[s.begin]))) ++s.begin;
  while (s.end > s.begin && absl::ascii_isspace(static_cast<unsigned char>(body[s.end - 1]))) --s.end;
  return s;
}

// Words before a period that do not end a sentence.
bool IsAbbreviation(absl::string_view word) {
  static const WordSet kAbbrev = {
      "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "art", "vs", "etc", "e.g", "i.e",
      "jr", "sr", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "approx", "incl",
      "fig", "vol", "pp", "ca", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "г", "гг", "ул", "им", "т.е", "т.д", "т.п", "ст", "см", "др"};
  // The longest abbreviation is 6 bytes, and lower-casing shrinks a
  // character to no less than a third of its bytes (the Kelvin sign):
  // a longer word is no abbreviation, nor a single letter.
  if (word.size() > 18) return false;
  if (kAbbrev.contains(LowerUtf8(word))) return true;
  // A single letter is an initial ("A. Savin").
  size_t pos = 0;
  if (!word.empty()) {
    DecodeUtf8(word, &pos);
    if (pos == word.size()) return true;
  }
  return false;
}

bool IsClosing(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0xBB || c == 0x201C;
}

bool IsOpening(char32_t c) {
  return c == '"' || c == '(' || c == '[' || c == 0x201C || c == 0x201E || c == 0xAB ||
         c == 0x2018 || c == 0x201D;
}

}  // namespace

size_t ListMarkerLength(absl::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  size_t j = i;
  if (j < line.size() && line[j] >= '0' && line[j] <= '9') {
    // "1. ", "12) "
    while (j < line.size() && j - i < 3 && line[j] >= '0' && line[j] <= '9') ++j;
    if (j >= line.size() || (line[j] != '.' && line[j] != ')')) return 0;
    ++j;
  } else {
    // "- ", "* ", "• ", "– ", "— ", "· "
    size_t k = j;
    if (k >= line.size()) return 0;
    const char32_t c = DecodeUtf8(line, &k);
    if (c != '-' && c != '*' && c != 0x2022 && c != 0x2013 && c != 0x2014 && c != 0xB7) return 0;
    j = k;
  }
  if (j >= line.size() || (line[j] != ' ' && line[j] != '\t')) return 0;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  return j;
}

namespace {

// `line` without the note markers that end it ("in Osh.[1]", "Osh.¹").
absl::string_view WithoutTrailingNoteMarkers(absl::string_view line) {
  while (true) {
    if (absl::EndsWith(line, "]")) {
      const size_t open = line.rfind('[');
      if (open == absl::string_view::npos || line.size() - open > 6) return line;
      bool digits = open + 2 < line.size();
      for (size_t k = open + 1; k + 1 < line.size(); ++k) {
        digits &= absl::ascii_isdigit(static_cast<unsigned char>(line[k]));
      }
      if (!digits) return line;
      line = absl::StripTrailingAsciiWhitespace(line.substr(0, open));
    } else if (absl::EndsWith(line, "\xC2\xB9") || absl::EndsWith(line, "\xC2\xB2") ||
               absl::EndsWith(line, "\xC2\xB3")) {
      line.remove_suffix(2);
    } else {
      return line;
    }
  }
}

}  // namespace

bool LooksLikeHeading(absl::string_view line) {
  line = absl::StripAsciiWhitespace(line);
  if (line.empty() || line.size() > kMaxHeadingBytes) return false;
  line = WithoutTrailingNoteMarkers(line);
  if (line.empty()) return false;
  const char last = line.back();
  return !(last == '.' || last == '!' || last == '?' || last == ':' || last == ';' ||
           absl::EndsWith(line, "\xE2\x80\x9D.") || absl::EndsWith(line, "\xC2\xBB."));
}

namespace {


// True when a word of `text` is a month's name (in any listed form).
bool NamesAMonth(absl::string_view text) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  return std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return MonthNumber(t) != 0; });
}

// Chronologies open an entry with its date and place as fragments of
// their own ("4 апреля. Бишкек. Суд запретил ...", "12 May. Osh. Police
// ..."): those fragments belong to the sentence they introduce.
void JoinLeadingFragments(absl::string_view body, std::vector<Span>* sentences) {
  if (sentences->size() < 2) return;
  // The date: a fragment of at most five words with a digit in it ("11
  // февраля 2022 года.", "From 20 to 28 May."), or of at most three that
  // names a month ("В апреле.", "Конец июня.", "Early March.").
  const Span& first = (*sentences)[0];
  const absl::string_view date = body.substr(first.begin, first.size());
  const size_t words = WordCount(date);
  const bool digit = std::any_of(date.begin(), date.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
  if (!(digit && words <= 5) && !(words <= 3 && NamesAMonth(date))) return;
  // Then a place of one or two words.
  size_t joined = 1;
  auto words_of = [&](const Span& s) { return WordCount(body.substr(s.begin, s.size())); };
  while (joined + 1 < sentences->size() && words_of((*sentences)[joined]) <= 2) ++joined;
  (*sentences)[joined].begin = (*sentences)[0].begin;
  sentences->erase(sentences->begin(), sentences->begin() + static_cast<long>(joined));
}

}  // namespace

std::vector<Span> SplitSentences(absl::string_view body, Span span) {
  std::vector<Span> out;
  size_t start = span.begin;
  size_t i = span.begin;
  // The bytes a sentence may end at: everything else is stepped over at
  // once.
  static const auto* const kMayEnd = [] {
    auto* table = new std::array<bool, 256>{};
    for (unsigned char c : {'.', '!', '?', ';'}) (*table)[c] = true;
    return table;
  }();
  while (i < span.end) {
    while (i < span.end && !(*kMayEnd)[static_cast<unsigned char>(body[i])]) ++i;
    if (i >= span.end) break;
    const char ch = body[i];
    if (ch == ';' && i + 1 < span.end && body[i + 1] == ' ') {
      // Clauses joined by a semicolon are told apart like sentences.
      Span s = Trim(body, {start, i + 1});
      if (s.size() > 0) out.push_back(s);
      start = i + 1;
      ++i;
      continue;
    }
    if (ch != '.' && ch != '!' && ch != '?') {
      ++i;
      continue;
    }
    size_t end = i + 1;
    // Swallow closing quotes/brackets and further terminators.
    while (end < span.end) {
      size_t j = end;
      char32_t c = DecodeUtf8(body, &j);
      if (IsClosing(c) || c == '.' || c == '!' || c == '?') {
        end = j;
      } else {
        break;
      }
    }
    // Must be followed by whitespace and then a sentence start.
    size_t k = end;
    if (k < span.end && !absl::ascii_isspace(static_cast<unsigned char>(body[k]))) {
      i = end;
      continue;
    }
    while (k < span.end && absl::ascii_isspace(static_cast<unsigned char>(body[k]))) ++k;
    bool starts = k >= span.end;
    if (!starts) {
      size_t j = k;
      char32_t c = DecodeUtf8(body, &j);
      starts = IsUpper(c) || (c >= '0' && c <= '9') || IsOpening(c) || c == 0x2013 || c == 0x2014;
    }
    if (starts && ch == '.') {
      // The word before the period.
      size_t w = i;
      while (w > start && !absl::ascii_isspace(static_cast<unsigned char>(body[w - 1])) &&
             body[w - 1] != '(') {
        --w;
      }
      if (IsAbbreviation(body.substr(w, i - w))) starts = false;
    }
    if (starts) {
      Span s = Trim(body, {start, end});
      if (s.size() > 0) out.push_back(s);
      start = end;
    }
    i = end;
  }
  Span s = Trim(body, {start, span.end});
  if (s.size() > 0) out.push_back(s);
  JoinLeadingFragments(body, &out);
  return out;
}

namespace {

// Above a report's first paragraph of text, lines set one under another
// with no sentence among them (a title with its subtitle and period, a
// reference number, "Status: public since 18 June 2021") are its header,
// read as headings.
bool IsHeaderBlock(absl::string_view text) {
  constexpr size_t kMaxHeaderLineWords = 12;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == absl::string_view::npos) nl = text.size();
    const absl::string_view line = absl::StripAsciiWhitespace(text.substr(start, nl - start));
    if (!line.empty()) {
      const char last = line.back();
      if (last == '.' || last == '!' || last == '?' || last == ';' || last == ':') return false;
      if (WordCount(line) > kMaxHeaderLineWords) return false;
    }
    start = nl + 1;
  }
  return true;
}

// A line in capitals that names a section ("ADDITIONAL INFORMATION",
// "ДОПОЛНИТЕЛЬНАЯ ИНФОРМАЦИЯ", "BACKGROUND"): set directly above its text
// with no blank line, it is still a heading of its own.
bool IsCapitalisedHeadingLine(absl::string_view line) {
  constexpr size_t kMaxWords = 6;
  line = absl::StripAsciiWhitespace(line);
  if (line.empty() || WordCount(line) > kMaxWords || !LooksLikeHeading(line)) return false;
  size_t letters = 0;
  size_t pos = 0;
  while (pos < line.size()) {
    const char32_t c = DecodeUtf8(line, &pos);
    if (!IsLetter(c)) continue;
    if (!IsUpper(c)) return false;
    ++letters;
  }
  return letters >= 4;
}

// True when `line` opens with a capital letter, a digit or a quote.
bool StartsCapitalised(absl::string_view line) {
  line = absl::StripLeadingAsciiWhitespace(line);
  if (line.empty()) return false;
  size_t pos = 0;
  const char32_t c = DecodeUtf8(line, &pos);
  return IsUpper(c) || (c >= '0' && c <= '9') || c == '"' || c == 0xAB || c == 0x201C;
}

}  // namespace

size_t WordCount(absl::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = absl::ascii_isspace(static_cast<unsigned char>(c));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::vector<Paragraph> SplitParagraphs(absl::string_view body) {
  std::vector<Paragraph> out;
  // At most one paragraph a line: reserving that many (pages never
  // written cost nothing) spares copying them all as the vector grows.
  out.reserve(static_cast<size_t>(std::count(body.begin(), body.end(), '\n')) + 1);
  size_t pos = 0;
  int blank_run = 0;
  size_t para_start = absl::string_view::npos, para_end = 0;
  int blanks_before_para = 0;
  bool before_prose = true;  // no paragraph of text read yet
  auto flush = [&]() {
    if (para_start == absl::string_view::npos) return;
    Paragraph p;
    p.span = Trim(body, {para_start, para_end});
    p.section_break = blanks_before_para >= 2;
    absl::string_view text = body.substr(p.span.begin, p.span.size());
    const bool one_line = text.find('\n') == absl::string_view::npos;
    p.is_heading = one_line ? LooksLikeHeading(text) : before_prose && IsHeaderBlock(text);
    if (!p.is_heading) p.sentences = SplitSentences(body, p.span);
    before_prose &= p.is_heading;
    out.push_back(std::move(p));
    para_start = absl::string_view::npos;
  };
  while (pos <= body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == absl::string_view::npos) nl = body.size();
    absl::string_view line = body.substr(pos, nl - pos);
    if (IsBlank(line)) {
      flush();
      ++blank_run;
    } else {
      // A list item starts a paragraph of its own, without its marker.
      const size_t marker = ListMarkerLength(line);
      if (marker > 0) {
        if (para_start != absl::string_view::npos) {
          flush();
          blanks_before_para = 0;
        } else {
          blanks_before_para = blank_run;
        }
        para_start = pos + marker;
      } else if (para_start == absl::string_view::npos) {
        para_start = pos;
        blanks_before_para = blank_run;
      } else if (!before_prose && StartsCapitalised(line) &&
                 body.substr(para_start, para_end - para_start).find('\n') == absl::string_view::npos &&
                 IsCapitalisedHeadingLine(body.substr(para_start, para_end - para_start))) {
        // The paragraph so far is one line in capitals, and this line
        // starts a sentence: that line was a heading.
        flush();
        para_start = pos;
        blanks_before_para = 0;
      }
      para_end = nl;
      blank_run = 0;
    }
    if (nl == body.size()) break;
    pos = nl + 1;
  }
  flush();
  return out;
}

}  // namespace civicwatch::normalize

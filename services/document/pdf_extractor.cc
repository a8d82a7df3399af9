// PDF: each page's text in reading order with Poppler (physical layout,
// which shows a paragraph's extra leading as a blank line), the page furniture
// (running headers and footers, page numbers) left out, lines joined into
// paragraphs and words hyphenated across lines made whole.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/document/body_builder.h"
#include "services/common/errors.h"
#include "services/document/extractors.h"

namespace civicwatch::document {
namespace {

// How many lines at the top and at the bottom of a page may be furniture.
constexpr int kFurnitureLines = 2;

void DiscardPopplerMessage(const std::string&, void*) {}

std::string ToUtf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// The line with digits as '#', lower case and white space folded, so that
// "Page 3 of 12" and "Page 4 of 12" are the same running line.
std::string FurnitureKey(absl::string_view line) {
  std::string key;
  bool space = false;
  for (char c : line) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += absl::ascii_isdigit(static_cast<unsigned char>(c))
               ? '#'
               : absl::ascii_tolower(static_cast<unsigned char>(c));
  }
  return key;
}

// "12", "- 12 -", "Page 3", "page 3 of 12", "3/12", "стр. 4".
bool IsPageNumber(absl::string_view line) {
  std::string rest = absl::AsciiStrToLower(line);
  for (absl::string_view word : {"page", "pages", "p.", "стр.", "страница", "of", "из"}) {
    size_t at;
    while ((at = rest.find(word.data(), 0, word.size())) != std::string::npos) {
      rest.erase(at, word.size());
    }
  }
  bool digit = false;
  for (char c : rest) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (!(c == ' ' || c == '-' || c == '/' || c == '|' || c == '.' || c == '\t' ||
                 static_cast<unsigned char>(c) >= 0x80)) {
      return false;
    }
  }
  // Non-ASCII bytes allowed above are dashes ("– 3 –"); a line of
  // letters in another script is not a number.
  for (size_t i = 0; i < rest.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(rest[i]);
    if (c >= 0x80 && !(c == 0xE2 && i + 2 < rest.size())) return false;
    if (c == 0xE2) i += 2;
  }
  return digit;
}

UChar32 FirstCodePoint(absl::string_view s) {
  if (s.empty()) return 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 LastCodePoint(absl::string_view s, size_t* start) {
  if (s.empty()) return 0;
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  *start = static_cast<size_t>(i);
  return c;
}

bool EndsSentence(absl::string_view line) {
  size_t start = 0;
  UChar32 c = LastCodePoint(line, &start);
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x00BB ||
         c == 0x201D || c == '"' || c == ')';
}

// A word broken at the line's end: "-" or a soft hyphen after a letter,
// and the next line going on in lower case.
bool HyphenatedInto(absl::string_view line, absl::string_view next, size_t* hyphen_at) {
  size_t at = 0;
  UChar32 last = LastCodePoint(line, &at);
  if (last != '-' && last != 0x00AD && last != 0x2010) return false;
  size_t before_at = 0;
  UChar32 before = LastCodePoint(line.substr(0, at), &before_at);
  if (!u_isalpha(before)) return false;
  if (!u_islower(FirstCodePoint(next))) return false;
  *hyphen_at = at;
  return true;
}

struct Line {
  std::string text;
  int page;
  bool blank_before;
};

// Each page's lines, white space trimmed; "" marks a blank line.
// `*text_bytes` receives the size of the pages' text.
absl::StatusOr<std::vector<std::vector<std::string>>> PageLines(poppler::document& pdf, int pages,
                                                                const ExtractOptions& options,
                                                                size_t* text_bytes) {
  std::vector<std::vector<std::string>> page_lines(pages);
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(pdf.create_page(p));
    if (page == nullptr) continue;
    std::string text = ToUtf8(page->text(poppler::rectf(), poppler::page::physical_layout));
    *text_bytes += text.size();
    if (*text_bytes > 4 * options.limits.max_body_bytes) {
      return LimitExceededError(
          "the PDF's text is over the limit of the report's body");
    }
    for (absl::string_view line : absl::StrSplit(text, absl::ByAnyChar("\n\f"))) {
      line = absl::StripAsciiWhitespace(line);
      if (line.empty() && (page_lines[p].empty() || page_lines[p].back().empty())) continue;
      page_lines[p].emplace_back(line);
    }
    while (!page_lines[p].empty() && page_lines[p].back().empty()) page_lines[p].pop_back();
  }
  return page_lines;
}

// The indexes of the first (or last, unless `top`) kFurnitureLines
// non-blank lines of a page.
std::vector<size_t> EdgeIndexes(const std::vector<std::string>& lines, bool top) {
  std::vector<size_t> idx;
  for (size_t k = 0, seen = 0; k < lines.size() && seen < kFurnitureLines; ++k) {
    size_t i = top ? k : lines.size() - 1 - k;
    if (lines[i].empty()) continue;
    idx.push_back(i);
    ++seen;
  }
  return idx;
}

// The pages' lines in order, without page numbers and running lines (the
// same line, numbers aside, among the first or last lines of most pages).
std::vector<Line> WithoutRunningLines(const std::vector<std::vector<std::string>>& page_lines) {
  const int pages = static_cast<int>(page_lines.size());
  absl::flat_hash_map<std::string, int> top_count, bottom_count;
  for (const auto& lines : page_lines) {
    for (size_t i : EdgeIndexes(lines, true)) ++top_count[FurnitureKey(lines[i])];
    for (size_t i : EdgeIndexes(lines, false)) ++bottom_count[FurnitureKey(lines[i])];
  }
  const int running_min = pages < 2 ? INT32_MAX : std::max(2, (pages + 1) / 2);
  std::vector<Line> lines;
  for (int p = 0; p < pages; ++p) {
    const auto& these = page_lines[p];
    std::vector<bool> drop(these.size(), false);
    for (bool top : {true, false}) {
      // A running line is dropped once a page: a first page that repeats
      // the running title as its heading keeps the heading.
      absl::flat_hash_set<std::string> dropped;
      for (size_t i : EdgeIndexes(these, top)) {
        const auto& counts = top ? top_count : bottom_count;
        std::string key = FurnitureKey(these[i]);
        auto it = counts.find(key);
        if (IsPageNumber(these[i]) ||
            (it != counts.end() && it->second >= running_min && dropped.insert(key).second)) {
          drop[i] = true;
        }
      }
    }
    bool blank = true;
    for (size_t i = 0; i < these.size(); ++i) {
      if (drop[i]) continue;
      if (these[i].empty()) {
        blank = true;
        continue;
      }
      lines.push_back(Line{these[i], p + 1, blank});
      blank = false;
    }
  }
  return lines;
}

// Writes `lines` into `out` as paragraphs.
void AppendParagraphs(std::vector<Line>& lines, BodyBuilder& out) {
  // Paragraphs are told by blank lines when the PDF has them; otherwise the
  // longest lines set the column's width, and a line well short of it that
  // ends a sentence ends its paragraph.
  size_t width = 0;
  bool blank_lines = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    width = std::max(width, lines[i].text.size());
    if (i > 0 && lines[i].blank_before && lines[i].page == lines[i - 1].page) blank_lines = true;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    if (i > 0) {
      const Line& prev = lines[i - 1];
      bool new_page = line.page != prev.page;
      bool ends = EndsSentence(prev.text);
      bool short_line = !blank_lines && prev.text.size() * 4 < width * 3;
      // A paragraph runs on over a page break when its last line neither
      // ends a sentence nor is short (a heading).
      bool continues = new_page && !ends && prev.text.size() * 5 >= width * 3;
      if ((line.blank_before && !continues) || (ends && short_line)) out.ParagraphBreak();
      else out.Space();
    }
    SourceSpan origin;
    origin.page = line.page;
    size_t hyphen_at = 0;
    if (i + 1 < lines.size() && HyphenatedInto(line.text, lines[i + 1].text, &hyphen_at)) {
      // The next line goes on with the same word: the hyphen goes, and
      // no separator is put between the halves.
      out.Append(absl::string_view(line.text).substr(0, hyphen_at), origin);
      Line& next = lines[i + 1];
      SourceSpan next_origin;
      next_origin.page = next.page;
      out.Append(next.text, next_origin);
      // The line after is judged against the whole joined line.
      next.text = line.text.substr(0, hyphen_at) + next.text;
      ++i;
      continue;
    }
    out.Append(line.text, origin);
  }
}

}  // namespace

absl::StatusOr<ExtractedDocument> ExtractPdf(absl::string_view bytes,
                                             const ExtractOptions& options) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(DiscardPopplerMessage, nullptr); });
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return LimitExceededError("the PDF is over 2 GiB");
  }
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (pdf == nullptr) {
    return InvalidInputError("the PDF is corrupt: Poppler cannot open it");
  }
  if (pdf->is_locked()) {
    return FailedPreconditionError(
        "the PDF is encrypted (password-protected): it cannot be read without its password");
  }
  const int pages = pdf->pages();
  if (pages <= 0) return InvalidInputError("the PDF is corrupt: it has no pages");
  if (pages > options.limits.max_pages) {
    return LimitExceededError(absl::StrCat("the PDF has ", pages,
                                                     " pages, over the limit of ",
                                                     options.limits.max_pages));
  }

  size_t text_bytes = 0;
  auto page_lines = PageLines(*pdf, pages, options, &text_bytes);
  if (!page_lines.ok()) return page_lines.status();
  if (text_bytes == 0 ||
      std::all_of(page_lines->begin(), page_lines->end(), [](const auto& l) { return l.empty(); })) {
    return FailedPreconditionError(absl::StrCat(
        "a scanned PDF without a text layer: none of its ", pages,
        pages == 1 ? " page holds" : " pages hold", " text (it would need OCR)"));
  }

  std::vector<Line> lines = WithoutRunningLines(*page_lines);
  BodyBuilder out(options.limits.max_body_bytes);
  AppendParagraphs(lines, out);
  if (out.overflowed()) {
    return LimitExceededError("the PDF's text is over the limit of the report's body");
  }
  ExtractedDocument doc;
  out.MoveInto(doc);
  doc.title = ToUtf8(pdf->info_key("Title"));
  doc.title = std::string(absl::StripAsciiWhitespace(doc.title));
  return doc;
}

}  // namespace civicwatch::document

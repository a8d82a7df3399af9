// Splits a report body into paragraphs and sentences, by byte offsets.
//
// A paragraph is a run of non-blank lines (wrapped lines join); a line
// opening with a list marker ("- ", "• ", "1. ") starts a new one. A
// paragraph of one short line that does not end like a sentence (no final
// . ! ? : ;) is a heading, caption or credit line, flagged is_heading.
// Two or more blank lines before a
// paragraph mark a section break (reports that lost their section headings
// often keep the extra blank line).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_TEXT_SEGMENTATION_H_
#define CIVICWATCH_SERVICES_NORMALIZE_TEXT_SEGMENTATION_H_

#include <cstddef>
#include "absl/strings/string_view.h"
#include <vector>

namespace civicwatch::normalize {

struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
};

struct Paragraph {
  Span span;                // trimmed text of the paragraph
  bool is_heading = false;  // a heading, caption or credit line
  bool section_break = false;  // preceded by two or more blank lines
  std::vector<Span> sentences;  // trimmed sentences, in order
};

// The words of `text`: runs of bytes other than ASCII white space.
size_t WordCount(absl::string_view text);

// Paragraphs of `body`, each with its sentences.
std::vector<Paragraph> SplitParagraphs(absl::string_view body);

// Sentences of body[span]: ends at . ! ? (with closing quotes or brackets)
// followed by a space and an upper-case letter, digit or opening quote, and
// at a semicolon (each clause is told apart like a sentence);
// abbreviations ("Mr.", "e.g.", initials "A.") do not end a sentence.
std::vector<Span> SplitSentences(absl::string_view body, Span span);

// The length of a list marker opening `line` ("- ", "• ", "1. ", "2) ",
// with the spaces around it), or 0. A list item is a paragraph of its own.
size_t ListMarkerLength(absl::string_view line);

// True when a line looks like a heading: short, no final punctuation.
bool LooksLikeHeading(absl::string_view line);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_TEXT_SEGMENTATION_H_

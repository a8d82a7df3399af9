#include "services/document/body_builder.h"

#include <utility>

namespace civicwatch::document {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// U+00A0 NO-BREAK SPACE is white space to a reader; it folds like a space.
bool IsNoBreakSpaceAt(absl::string_view text, size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
         static_cast<unsigned char>(text[i + 1]) == 0xA0;
}

bool SameOrigin(const SourceSpan& a, const SourceSpan& b) {
  return a.page == b.page && a.original_begin == b.original_begin &&
         a.original_end == b.original_end && a.element_path == b.element_path;
}

}  // namespace

void BodyBuilder::Emit(absl::string_view piece, const SourceSpan& origin) {
  if (overflowed_ || piece.empty()) return;
  if (!body_.empty()) {
    switch (gap_) {
      case Gap::kNone: break;
      case Gap::kSpace: body_ += ' '; break;
      case Gap::kLine: body_ += '\n'; break;
      case Gap::kParagraph: body_ += "\n\n"; break;
    }
  }
  gap_ = Gap::kNone;
  if (spans_.empty() || !SameOrigin(spans_.back(), origin)) {
    SourceSpan span = origin;
    span.body_offset = body_.size();
    if (spans_.empty()) span.body_offset = 0;
    spans_.push_back(std::move(span));
  }
  body_.append(piece.data(), piece.size());
  // The piece that crosses the limit is kept, so the body shows it was
  // crossed; nothing more is taken.
  if (body_.size() > max_bytes_) overflowed_ = true;
}

void BodyBuilder::Append(absl::string_view text, const SourceSpan& origin) {
  size_t i = 0;
  while (i < text.size()) {
    if (IsAsciiSpace(text[i]) || IsNoBreakSpaceAt(text, i)) {
      i += IsAsciiSpace(text[i]) ? 1 : 2;
      if (gap_ == Gap::kNone && !body_.empty()) gap_ = Gap::kSpace;
      continue;
    }
    size_t start = i;
    while (i < text.size() && !IsAsciiSpace(text[i]) && !IsNoBreakSpaceAt(text, i)) ++i;
    Emit(text.substr(start, i - start), origin);
  }
}

void BodyBuilder::AppendVerbatim(absl::string_view text, const SourceSpan& origin) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == absl::string_view::npos) end = text.size();
    Append(text.substr(start, end - start), origin);
    if (end == text.size()) break;
    LineBreak();
    start = end + 1;
  }
}

void BodyBuilder::LineBreak() {
  if (!body_.empty() && gap_ != Gap::kParagraph) gap_ = Gap::kLine;
}

void BodyBuilder::ParagraphBreak() {
  if (!body_.empty()) gap_ = Gap::kParagraph;
}

void BodyBuilder::Space() {
  if (!body_.empty() && gap_ == Gap::kNone) gap_ = Gap::kSpace;
}

void BodyBuilder::MoveInto(ExtractedDocument& doc) {
  doc.body = std::move(body_);
  doc.spans = std::move(spans_);
  body_.clear();
  spans_.clear();
}

}  // namespace civicwatch::document

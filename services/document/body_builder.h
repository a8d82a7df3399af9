// Builds a body out of pieces of text the way a reader sees them: runs of
// white space fold into one space, blocks are separated by a blank line,
// and each piece records where it came from (a SourceSpan).
#ifndef CIVICWATCH_SERVICES_DOCUMENT_BODY_BUILDER_H_
#define CIVICWATCH_SERVICES_DOCUMENT_BODY_BUILDER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/document/document.h"

namespace civicwatch::document {

class BodyBuilder {
 public:
  // The body stops growing once past `max_bytes`; overflowed() then says
  // so (and the body is longer than `max_bytes`).
  explicit BodyBuilder(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Appends `text`, folding white space; `origin` (its body_offset is
  // ignored) is recorded for the text when it differs from the last one.
  void Append(absl::string_view text, const SourceSpan& origin);
  // Appends `text` keeping its line breaks (preformatted text).
  void AppendVerbatim(absl::string_view text, const SourceSpan& origin);
  // The next text goes on a new line / after a blank line.
  void LineBreak();
  void ParagraphBreak();
  // Treats the next text as following white space (between table cells).
  void Space();

  bool empty() const { return body_.empty(); }
  bool overflowed() const { return overflowed_; }
  size_t size() const { return body_.size(); }

  // Moves the body and spans into `doc`.
  void MoveInto(ExtractedDocument& doc);

 private:
  enum class Gap { kNone, kSpace, kLine, kParagraph };
  void Emit(absl::string_view piece, const SourceSpan& origin);

  size_t max_bytes_;
  bool overflowed_ = false;
  Gap gap_ = Gap::kNone;
  std::string body_;
  std::vector<SourceSpan> spans_;
};

}  // namespace civicwatch::document

#endif  // CIVICWATCH_SERVICES_DOCUMENT_BODY_BUILDER_H_

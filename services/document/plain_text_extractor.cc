// Plain text: decoded to UTF-8 and taken as it is.
#include "services/document/extractors.h"
#include "services/document/text_decoding.h"

namespace civicwatch::document {

absl::StatusOr<ExtractedDocument> ExtractPlainText(absl::string_view bytes,
                                                   const ExtractOptions& options) {
  absl::StatusOr<DecodedText> decoded = DecodeText(bytes, options.encoding);
  if (!decoded.ok()) return decoded.status();
  ExtractedDocument doc;
  doc.body = std::move(decoded->utf8);
  doc.encoding = std::move(decoded->encoding);
  SourceSpan whole;
  size_t bom_length = 0;
  EncodingOfByteOrderMark(bytes, &bom_length);
  // For UTF-8 input body offsets are input offsets past the mark; for
  // other encodings the range is the decoded text's.
  whole.original_begin = doc.encoding == "UTF-8" ? bom_length : 0;
  whole.original_end = whole.original_begin + doc.body.size();
  doc.spans.push_back(whole);
  return doc;
}

}  // namespace civicwatch::document

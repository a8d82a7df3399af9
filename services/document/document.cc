#include "services/document/document.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/document/extractors.h"

namespace civicwatch::document {
namespace {

// The extractors walk trees recursively; this keeps their stack small.
constexpr int kDeepestNestingAllowed = 4096;

std::string Mebibytes(size_t bytes) {
  if (bytes % (1u << 20) == 0) return absl::StrCat(bytes >> 20, " MiB");
  return absl::StrCat(bytes, " bytes");
}

// The type to read `bytes` as, given what the sender declared.
absl::StatusOr<MediaType> DecideType(absl::string_view bytes, MediaType declared) {
  const MediaType sniffed = SniffMediaType(bytes);
  switch (declared) {
    case MediaType::kUnknown:
      if (sniffed != MediaType::kUnknown) return sniffed;
      if (absl::StartsWith(bytes, "PK\x03\x04") || absl::StartsWith(bytes, "PK\x05\x06")) {
        return InvalidInputError(
            "a ZIP archive that is not a Word document (no word/document.xml)");
      }
      return InvalidInputError(
          "binary data of an unknown type (not PDF, DOCX, HTML or text)");
    case MediaType::kPdf:
    case MediaType::kDocx:
      if (sniffed != declared) {
        return InvalidInputError(absl::StrCat("declared ", MediaTypeName(declared),
                                                       " but the content is not one"));
      }
      return declared;
    case MediaType::kHtml:
    case MediaType::kPlainText:
      if (sniffed == MediaType::kPdf || sniffed == MediaType::kDocx) {
        return InvalidInputError(absl::StrCat("declared ", MediaTypeName(declared),
                                                       " but the content is ",
                                                       MediaTypeName(sniffed)));
      }
      return declared;
  }
  return sniffed;
}

}  // namespace

absl::StatusOr<ExtractedDocument> ExtractDocument(absl::string_view bytes,
                                                  const ExtractOptions& options) {
  if (bytes.empty()) return InvalidInputError("the document is empty (0 bytes)");
  if (bytes.size() > options.limits.max_input_bytes) {
    return LimitExceededError(absl::StrCat(
        "the document is ", bytes.size(), " bytes, over the limit of ",
        Mebibytes(options.limits.max_input_bytes)));
  }
  absl::StatusOr<MediaType> type = DecideType(bytes, options.declared_type);
  if (!type.ok()) return type.status();
  ExtractOptions bounded = options;
  bounded.limits.max_nesting_depth =
      std::clamp(bounded.limits.max_nesting_depth, 1, kDeepestNestingAllowed);
  absl::StatusOr<ExtractedDocument> doc;
  switch (*type) {
    case MediaType::kPlainText: doc = ExtractPlainText(bytes, bounded); break;
    case MediaType::kHtml: doc = ExtractHtml(bytes, bounded); break;
    case MediaType::kPdf: doc = ExtractPdf(bytes, bounded); break;
    case MediaType::kDocx: doc = ExtractDocx(bytes, bounded); break;
    case MediaType::kUnknown: return InvalidInputError("unknown document type");
  }
  if (!doc.ok()) return doc.status();
  doc->media_type = *type;
  if (doc->body.size() > options.limits.max_body_bytes) {
    return LimitExceededError(absl::StrCat(
        "the document's text is over the limit of ", Mebibytes(options.limits.max_body_bytes)));
  }
  if (absl::StripAsciiWhitespace(doc->body).empty()) {
    return InvalidInputError(
        absl::StrCat("the ", MediaTypeName(*type), " document holds no text"));
  }
  if (doc->spans.empty()) doc->spans.push_back(SourceSpan{});
  return doc;
}

const SourceSpan* SpanAt(const ExtractedDocument& doc, size_t offset) {
  if (doc.spans.empty()) return nullptr;
  auto it = std::upper_bound(
      doc.spans.begin(), doc.spans.end(), offset,
      [](size_t value, const SourceSpan& span) { return value < span.body_offset; });
  if (it == doc.spans.begin()) return &doc.spans.front();
  return &*(it - 1);
}

}  // namespace civicwatch::document

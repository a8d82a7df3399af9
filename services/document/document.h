// The document layer: one file as a monitor keeps it (a saved web page, a
// PDF, a Word file, plain text in any common encoding) in, the report's
// UTF-8 body out, with what the document says about itself (title,
// publication date, language) and a map from body offsets back to the
// original. A plain library: no gRPC, no SQLite, no I/O.
//
// The type is decided from the content (magic bytes, a byte order mark,
// markup), never from a file name. Every parser works within Limits, so a
// hostile file (a zip bomb, a million nested elements, a page-count bomb)
// costs bounded time and memory and gets an error that names the problem.
#ifndef CIVICWATCH_SERVICES_DOCUMENT_DOCUMENT_H_
#define CIVICWATCH_SERVICES_DOCUMENT_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch::document {

// The kinds of document understood.
enum class MediaType {
  kUnknown,    // Not decided: sniff the content.
  kPlainText,  // text/plain, any common encoding.
  kHtml,       // text/html.
  kPdf,        // application/pdf.
  kDocx,       // application/vnd.openxmlformats-officedocument.wordprocessingml.document
};

// The IANA name of `type` ("text/plain", ...); "" for kUnknown.
absl::string_view MediaTypeName(MediaType type);

// The type named by an IANA media type, parameters ("; charset=...") and
// case ignored; kUnknown for any other name.
MediaType MediaTypeFromName(absl::string_view name);

// The type the content shows: "%PDF-" in the first 1024 bytes is a PDF, a
// ZIP archive holding word/document.xml is DOCX, text (after any byte
// order mark) opening with an HTML tag, doctype or comment is HTML, other
// text is plain text. kUnknown for an empty input, for a ZIP archive that
// is not a Word document, and for other binary data.
MediaType SniffMediaType(absl::string_view bytes);

// Bounds on the work one document may cost. The defaults are safe for a
// service taking documents from the network.
struct Limits {
  // Largest input accepted, in bytes.
  size_t max_input_bytes = 64u << 20;
  // Most pages read from a PDF; a longer PDF is refused, not cut.
  int max_pages = 2000;
  // Most bytes the parts of a DOCX may expand to, declared or actual.
  size_t max_expanded_bytes = 64u << 20;
  // Deepest nesting of HTML or XML elements; values above 4096 count as
  // 4096 (the trees are walked recursively).
  int max_nesting_depth = 256;
  // Longest body produced, in bytes (the report's own limit is 4 MiB).
  size_t max_body_bytes = 4u << 20;
};

struct ExtractOptions {
  // The type the sender declares. kUnknown: decided from the content. A
  // declared PDF or DOCX whose content is not one is refused; declared
  // text/plain keeps markup as text.
  MediaType declared_type = MediaType::kUnknown;
  // The character encoding of text or HTML, overriding detection (any
  // name ICU knows: "windows-1251", "KOI8-R", "UTF-16LE", ...). Empty:
  // a byte order mark, then <meta charset> (HTML), then valid UTF-8, then
  // detection by uchardet.
  std::string encoding;
  Limits limits;
};

// Where a stretch of the body came from. The stretch runs from
// body_offset to the next span's body_offset (or the body's end).
struct SourceSpan {
  size_t body_offset = 0;
  // PDF: the page, from 1. 0 for other types.
  int page = 0;
  // HTML, plain text: the byte range in the input (for input that was not
  // UTF-8, in its UTF-8 decoding). [0, 0) when not known.
  size_t original_begin = 0;
  size_t original_end = 0;
  // HTML: the element, as "html/body/article/p[3]"; DOCX: the part and
  // paragraph, as "word/document.xml#p[12]" or "word/footnotes.xml#p[2]".
  std::string element_path;
};

// One extracted document.
struct ExtractedDocument {
  // The text, UTF-8, paragraphs separated by a blank line. Never empty.
  std::string body;
  // From the document's own metadata, "" when it has none: HTML og:title,
  // <title> or the first <h1>; PDF Title; DOCX dc:title.
  std::string title;
  // As written in the metadata ("2024-03-05T10:00:00Z", "2024-03-05"); ""
  // when absent. HTML article:published_time or <time datetime>.
  std::string published_date;
  // BCP 47 tag from the document (<html lang>, dc:language); "" if none.
  std::string language;
  // The type the content was read as (never kUnknown).
  MediaType media_type = MediaType::kUnknown;
  // Text and HTML: the encoding the input was read in ("UTF-8",
  // "windows-1251", ...). "" for PDF and DOCX.
  std::string encoding;
  // Ordered by body_offset; the first starts at 0.
  std::vector<SourceSpan> spans;
};

// Extracts `bytes`. Errors, each message saying what is wrong with the
// file:
//   INVALID_ARGUMENT    empty input; unknown binary data; content that is
//                       not the declared type; a corrupt PDF, ZIP or XML;
//                       a ZIP without word/document.xml; an unknown
//                       encoding name; no text at all
//   FAILED_PRECONDITION an encrypted (password-protected) PDF; a scanned
//                       PDF without a text layer
//   RESOURCE_EXHAUSTED  past a limit: input size, pages, expanded size,
//                       nesting depth, body size (the message names the
//                       limit)
// Thread-safe; holds no state between calls.
absl::StatusOr<ExtractedDocument> ExtractDocument(absl::string_view bytes,
                                                  const ExtractOptions& options = {});

// The span holding body offset `offset`; nullptr when `doc` has none.
const SourceSpan* SpanAt(const ExtractedDocument& doc, size_t offset);

}  // namespace civicwatch::document

#endif  // CIVICWATCH_SERVICES_DOCUMENT_DOCUMENT_H_

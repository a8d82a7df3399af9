// Media type names and sniffing from content.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/document/document.h"
#include "services/document/text_decoding.h"

namespace civicwatch::document {
namespace {

constexpr absl::string_view kDocxName =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The tags that open an HTML document, as the WHATWG sniffing algorithm
// lists them ("<p", "<div", ...), each to be followed by a space or '>'.
constexpr absl::string_view kHtmlOpenings[] = {
    "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
    "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<meta", "<article",
    "<section", "<main", "<header", "<nav"};

// The start of `text` (ASCII-compatible or UTF-16) as lower-case ASCII,
// UTF-16 zero bytes dropped, leading white space skipped.
std::string Opening(absl::string_view text, bool utf16) {
  std::string out;
  for (size_t i = 0; i < text.size() && out.size() < 64; ++i) {
    char c = text[i];
    if (utf16 && c == '\0') continue;
    if (out.empty() && absl::ascii_isspace(static_cast<unsigned char>(c))) continue;
    out += absl::ascii_tolower(static_cast<unsigned char>(c));
  }
  return out;
}

bool LooksLikeHtml(const std::string& opening) {
  std::string rest = opening;
  // Leading comments (<!-- saved from url=... -->) are skipped.
  while (absl::StartsWith(rest, "<!--")) {
    size_t end = rest.find("-->");
    if (end == std::string::npos) return true;
    rest = std::string(absl::StripLeadingAsciiWhitespace(rest.substr(end + 3)));
  }
  if (absl::StartsWith(rest, "<?xml")) return rest.find("<html") != std::string::npos;
  for (absl::string_view tag : kHtmlOpenings) {
    if (!absl::StartsWith(rest, tag)) continue;
    if (rest.size() == tag.size()) return true;
    char next = rest[tag.size()];
    if (next == '>' || next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '/') {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::string_view MediaTypeName(MediaType type) {
  switch (type) {
    case MediaType::kPlainText: return "text/plain";
    case MediaType::kHtml: return "text/html";
    case MediaType::kPdf: return "application/pdf";
    case MediaType::kDocx: return kDocxName;
    case MediaType::kUnknown: break;
  }
  return "";
}

MediaType MediaTypeFromName(absl::string_view name) {
  std::string essence = absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(name.substr(0, std::min(name.find(';'), name.size()))));
  if (essence == "text/plain") return MediaType::kPlainText;
  if (essence == "text/html" || essence == "application/xhtml+xml") return MediaType::kHtml;
  if (essence == "application/pdf") return MediaType::kPdf;
  if (essence == kDocxName) return MediaType::kDocx;
  return MediaType::kUnknown;
}

MediaType SniffMediaType(absl::string_view bytes) {
  if (bytes.empty()) return MediaType::kUnknown;
  if (bytes.substr(0, 1024).find("%PDF-") != absl::string_view::npos) return MediaType::kPdf;
  if (absl::StartsWith(bytes, "PK\x03\x04") || absl::StartsWith(bytes, "PK\x05\x06")) {
    return bytes.find("word/document.xml") != absl::string_view::npos ? MediaType::kDocx
                                                                      : MediaType::kUnknown;
  }
  size_t bom_length = 0;
  absl::string_view bom = EncodingOfByteOrderMark(bytes, &bom_length);
  const bool utf16 = absl::StartsWith(bom, "UTF-16");
  absl::string_view text = bytes.substr(bom_length);
  if (!utf16 && text.substr(0, 4096).find('\0') != absl::string_view::npos) {
    return MediaType::kUnknown;
  }
  return LooksLikeHtml(Opening(text.substr(0, 4096), utf16)) ? MediaType::kHtml
                                                            : MediaType::kPlainText;
}

}  // namespace civicwatch::document

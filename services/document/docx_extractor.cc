// DOCX: the paragraphs of word/document.xml, then the footnotes, read from
// the ZIP archive with libzip and streamed through libxml2's reader. Every
// part is read against one budget of expanded bytes, checked against the
// size each entry declares and against the bytes it really inflates to.
#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/document/body_builder.h"
#include "services/common/errors.h"
#include "services/document/extractors.h"

namespace civicwatch::document {
namespace {

constexpr char kWordNamespace[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct EntryCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct ReaderCloser {
  void operator()(xmlTextReaderPtr reader) const { xmlFreeTextReader(reader); }
};

// A Word file has a few dozen parts; an archive claiming many more is
// refused before libzip builds its directory in memory.
constexpr uint64_t kMostParts = 10000;

// The number of entries the end-of-central-directory record declares
// (ZIP64's, when the archive has one), or 0 when none is found.
uint64_t DeclaredEntries(absl::string_view bytes) {
  const size_t window = std::min<size_t>(bytes.size(), 65536 + 22);
  absl::string_view tail = bytes.substr(bytes.size() - window);
  auto read_le = [](absl::string_view b, size_t at, int width) {
    uint64_t v = 0;
    for (int i = width - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
  };
  size_t zip64 = tail.rfind(absl::string_view("PK\x06\x06", 4));
  if (zip64 != absl::string_view::npos && zip64 + 40 <= tail.size()) {
    return read_le(tail, zip64 + 32, 8);
  }
  size_t eocd = tail.rfind(absl::string_view("PK\x05\x06", 4));
  if (eocd != absl::string_view::npos && eocd + 12 <= tail.size()) {
    return read_le(tail, eocd + 10, 2);
  }
  return 0;
}

std::string Mebibytes(size_t bytes) {
  if (bytes % (1u << 20) == 0) return absl::StrCat(bytes >> 20, " MiB");
  return absl::StrCat(bytes, " bytes");
}

// Reads parts of one archive, all against one budget of expanded bytes.
class PartReader {
 public:
  PartReader(zip_t* archive, size_t budget) : archive_(archive), budget_(budget) {}

  // The part's bytes; NOT_FOUND when the archive has no such part.
  absl::StatusOr<std::string> Read(const char* name) {
    zip_int64_t index = zip_name_locate(archive_, name, 0);
    if (index < 0) return MissingInputError(absl::StrCat("the DOCX has no ", name));
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, index, 0, &stat) != 0) {
      return InvalidInputError(absl::StrCat("the DOCX is corrupt: cannot read ", name));
    }
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > budget_ - used_) {
      return TooBig(name);
    }
    std::unique_ptr<zip_file_t, EntryCloser> file(zip_fopen_index(archive_, index, 0));
    if (file == nullptr) {
      return InvalidInputError(
          absl::StrCat("the DOCX is corrupt: cannot open ", name, " (",
                       zip_error_strerror(zip_get_error(archive_)), ")"));
    }
    std::string content;
    char buffer[1 << 16];
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        return InvalidInputError(absl::StrCat(
            "the DOCX is corrupt: ", name, " does not inflate (",
            zip_error_strerror(zip_file_get_error(file.get())), ")"));
      }
      if (n == 0) break;
      // What a part really inflates to counts, whatever it declared.
      if (static_cast<size_t>(n) > budget_ - used_) return TooBig(name);
      used_ += static_cast<size_t>(n);
      content.append(buffer, static_cast<size_t>(n));
    }
    return content;
  }

 private:
  absl::Status TooBig(const char* name) const {
    return LimitExceededError(absl::StrCat("the DOCX expands past the ",
                                                     Mebibytes(budget_), " limit (at ", name,
                                                     "): a zip bomb or an oversized file"));
  }

  zip_t* archive_;
  size_t budget_;
  size_t used_ = 0;
};

std::string LocalName(xmlTextReaderPtr reader) {
  const xmlChar* name = xmlTextReaderConstLocalName(reader);
  return name == nullptr ? "" : reinterpret_cast<const char*>(name);
}

bool InWordNamespace(xmlTextReaderPtr reader) {
  const xmlChar* ns = xmlTextReaderConstNamespaceUri(reader);
  return ns != nullptr && std::string(reinterpret_cast<const char*>(ns)) == kWordNamespace;
}

std::string AttributeOf(xmlTextReaderPtr reader, const char* local_name) {
  xmlChar* value = xmlTextReaderGetAttributeNs(
      reader, reinterpret_cast<const xmlChar*>(local_name),
      reinterpret_cast<const xmlChar*>(kWordNamespace));
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// Appends the paragraphs of one WordprocessingML part to `out`. In the
// footnotes part, the separator pseudo-notes are skipped.
absl::Status ReadParagraphs(const std::string& xml, const char* part, int max_depth,
                            BodyBuilder& out) {
  std::unique_ptr<xmlTextReader, ReaderCloser> reader(xmlReaderForMemory(
      xml.data(), static_cast<int>(xml.size()), part, nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
  if (reader == nullptr) {
    return InvalidInputError(absl::StrCat("the DOCX's ", part, " is not XML"));
  }
  int paragraph = 0;
  bool in_text = false;
  int skip_depth = -1;  // Inside a separator footnote: its depth.
  SourceSpan origin;
  int ret;
  while ((ret = xmlTextReaderRead(reader.get())) == 1) {
    const int type = xmlTextReaderNodeType(reader.get());
    const int depth = xmlTextReaderDepth(reader.get());
    if (depth > max_depth) {
      return LimitExceededError(absl::StrCat("the DOCX's ", part,
                                                       " nests deeper than ", max_depth,
                                                       " elements"));
    }
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      return InvalidInputError(
          absl::StrCat("the DOCX's ", part, " has a DTD, which Word files never have"));
    }
    if (skip_depth >= 0) {
      if (type == XML_READER_TYPE_END_ELEMENT && depth == skip_depth) skip_depth = -1;
      // Paths count every paragraph of the part, read or not.
      if (type == XML_READER_TYPE_ELEMENT && InWordNamespace(reader.get()) &&
          LocalName(reader.get()) == "p") {
        ++paragraph;
      }
      continue;
    }
    if (type == XML_READER_TYPE_ELEMENT && InWordNamespace(reader.get())) {
      const std::string name = LocalName(reader.get());
      const bool empty = xmlTextReaderIsEmptyElement(reader.get()) == 1;
      if (name == "footnote" || name == "endnote") {
        std::string kind = AttributeOf(reader.get(), "type");
        if ((kind == "separator" || kind == "continuationSeparator" ||
             kind == "continuationNotice") && !empty) {
          skip_depth = depth;
        }
      } else if (name == "p") {
        out.ParagraphBreak();
        ++paragraph;
        origin.element_path = absl::StrCat(part, "#p[", paragraph, "]");
        if (empty) out.ParagraphBreak();
      } else if (name == "t") {
        in_text = !empty;
      } else if (name == "tab" || name == "ptab") {
        out.Space();
      } else if (name == "br" || name == "cr") {
        out.LineBreak();
      } else if (name == "noBreakHyphen") {
        out.Append("-", origin);
      }
    } else if (type == XML_READER_TYPE_END_ELEMENT && InWordNamespace(reader.get())) {
      const std::string name = LocalName(reader.get());
      if (name == "t") in_text = false;
      if (name == "p") out.ParagraphBreak();
    } else if (in_text && (type == XML_READER_TYPE_TEXT ||
                           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                           type == XML_READER_TYPE_WHITESPACE)) {
      const xmlChar* value = xmlTextReaderConstValue(reader.get());
      // A run's text is appended as it is: a word split over two runs
      // comes out whole, and spaces the runs hold are kept.
      if (value != nullptr) out.Append(reinterpret_cast<const char*>(value), origin);
      if (type != XML_READER_TYPE_TEXT) out.Space();
    }
    if (out.overflowed()) break;
  }
  if (ret < 0) {
    return InvalidInputError(absl::StrCat("the DOCX's ", part, " is not well-formed XML"));
  }
  return absl::OkStatus();
}

// dc:title and dc:language of docProps/core.xml, when present.
void ReadCoreProperties(const std::string& xml, ExtractedDocument& doc) {
  std::unique_ptr<xmlTextReader, ReaderCloser> reader(xmlReaderForMemory(
      xml.data(), static_cast<int>(xml.size()), "docProps/core.xml", nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (reader == nullptr) return;
  std::string* target = nullptr;
  while (xmlTextReaderRead(reader.get()) == 1) {
    if (xmlTextReaderDepth(reader.get()) > 8) return;
    const int type = xmlTextReaderNodeType(reader.get());
    if (type == XML_READER_TYPE_ELEMENT) {
      const std::string name = LocalName(reader.get());
      target = name == "title" ? &doc.title : name == "language" ? &doc.language : nullptr;
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      target = nullptr;
    } else if (type == XML_READER_TYPE_TEXT && target != nullptr) {
      const xmlChar* value = xmlTextReaderConstValue(reader.get());
      if (value != nullptr) {
        *target += std::string(absl::StripAsciiWhitespace(reinterpret_cast<const char*>(value)));
      }
    }
  }
}

}  // namespace

absl::StatusOr<ExtractedDocument> ExtractDocx(absl::string_view bytes,
                                              const ExtractOptions& options) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (uint64_t parts = DeclaredEntries(bytes); parts > kMostParts) {
    return LimitExceededError(absl::StrCat(
        "the DOCX's archive declares ", parts, " parts, more than the ", kMostParts,
        " a Word file could need"));
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return LimitExceededError("the DOCX cannot be read into memory");
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (archive == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return InvalidInputError(absl::StrCat("the DOCX is not a readable ZIP archive (",
                                                   why, ")"));
  }
  zip_error_fini(&error);

  PartReader parts(archive.get(), options.limits.max_expanded_bytes);
  absl::StatusOr<std::string> document = parts.Read("word/document.xml");
  if (!document.ok()) {
    if (absl::IsNotFound(document.status())) {
      return InvalidInputError(
          "a ZIP archive that is not a Word document (no word/document.xml)");
    }
    return document.status();
  }
  BodyBuilder out(options.limits.max_body_bytes);
  const int max_depth = options.limits.max_nesting_depth;
  if (absl::Status s = ReadParagraphs(*document, "word/document.xml", max_depth, out); !s.ok()) {
    return s;
  }
  document->clear();
  document->shrink_to_fit();
  absl::StatusOr<std::string> footnotes = parts.Read("word/footnotes.xml");
  if (footnotes.ok()) {
    out.ParagraphBreak();
    if (absl::Status s = ReadParagraphs(*footnotes, "word/footnotes.xml", max_depth, out);
        !s.ok()) {
      return s;
    }
  } else if (!absl::IsNotFound(footnotes.status())) {
    return footnotes.status();
  }
  ExtractedDocument doc;
  absl::StatusOr<std::string> core = parts.Read("docProps/core.xml");
  if (core.ok()) ReadCoreProperties(*core, doc);
  else if (!absl::IsNotFound(core.status())) return core.status();
  out.MoveInto(doc);
  return doc;
}

}  // namespace civicwatch::document

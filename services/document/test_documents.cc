#include "services/document/test_documents.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace civicwatch::document::testing {
namespace {

std::string EscapePdfString(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string EscapeXml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

// Writes the objects (numbered from 1) as a PDF with a correct xref.
std::string AssemblePdf(const std::vector<std::string>& objects, const std::string& trailer_extra) {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    absl::StrAppend(&pdf, i + 1, " 0 obj\n", objects[i], "\nendobj\n");
  }
  size_t xref = pdf.size();
  absl::StrAppend(&pdf, "xref\n0 ", objects.size() + 1, "\n0000000000 65535 f \n");
  for (size_t off : offsets) pdf += absl::StrFormat("%010d 00000 n \n", off);
  absl::StrAppend(&pdf, "trailer\n<< /Size ", objects.size() + 1, " /Root 1 0 R ", trailer_extra,
                  " >>\nstartxref\n", xref, "\n%%EOF\n");
  return pdf;
}

std::string Stream(const std::string& content) {
  return absl::StrCat("<< /Length ", content.size(), " >>\nstream\n", content, "\nendstream");
}

std::string PagesPdf(const std::vector<std::string>& contents, const std::string& trailer_extra,
                     const std::string& title) {
  // 1 catalog, 2 pages, 3 font, 4 info, then page/content pairs.
  std::vector<std::string> objects(4);
  std::string kids;
  for (size_t i = 0; i < contents.size(); ++i) {
    size_t page_obj = 5 + 2 * i;
    absl::StrAppend(&kids, page_obj, " 0 R ");
    objects.push_back(absl::StrCat(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
        ">> >> /Contents ",
        page_obj + 1, " 0 R >>"));
    objects.push_back(Stream(contents[i]));
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = absl::StrCat("<< /Type /Pages /Kids [", kids, "] /Count ", contents.size(), " >>");
  objects[2] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[3] = absl::StrCat("<< /Title (", EscapePdfString(title), ") >>");
  return AssemblePdf(objects, absl::StrCat("/Info 4 0 R ", trailer_extra));
}

// The content stream of each page: its lines one under the other.
std::vector<std::string> PageContents(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> contents;
  for (const auto& lines : pages) {
    std::string c = "BT /F1 11 Tf 14 TL 56 750 Td\n";
    for (const std::string& line : lines) {
      absl::StrAppend(&c, "(", EscapePdfString(line), ") Tj T*\n");
    }
    c += "ET";
    contents.push_back(c);
  }
  return contents;
}

}  // namespace

std::string MakePdf(const std::vector<std::vector<std::string>>& pages,
                    bool encrypted_with_password, const std::string& title) {
  std::vector<std::string> contents = PageContents(pages);
  std::string trailer;
  if (encrypted_with_password) {
    // RC4 40-bit standard security; the /U value matches no password's
    // key, so the empty password does not open it.
    std::string hex32(64, 'A');
    trailer = absl::StrCat("/Encrypt << /Filter /Standard /V 1 /R 2 /O <", hex32, "> /U <",
                           hex32, "> /P -44 >> /ID [<0123456789ABCDEF0123456789ABCDEF> "
                           "<0123456789ABCDEF0123456789ABCDEF>]");
  }
  return PagesPdf(contents, trailer, title);
}

std::string MakePaddedPdf(const std::vector<std::vector<std::string>>& pages,
                          size_t size_bytes) {
  std::vector<std::string> contents = PageContents(pages);
  if (contents.empty()) return PagesPdf(contents, "", "");
  const size_t bare = PagesPdf(contents, "", "").size();
  if (bare >= size_bytes) return PagesPdf(contents, "", "");
  // Each page gets a share; the lengths written in the file grow by a few
  // digits with them, which the second pass takes off the first page.
  std::vector<size_t> padding(contents.size(), (size_bytes - bare) / contents.size());
  padding[0] += (size_bytes - bare) % contents.size();
  auto build = [&] {
    std::vector<std::string> padded;
    for (size_t i = 0; i < contents.size(); ++i) {
      const size_t n = padding[i] > 3 ? padding[i] - 3 : 0;
      padded.push_back(absl::StrCat("% ", std::string(n, 'x'), "\n", contents[i]));
    }
    return PagesPdf(padded, "", "");
  };
  std::string pdf = build();
  for (int pass = 0; pass < 3 && pdf.size() > size_bytes; ++pass) {
    const size_t over = pdf.size() - size_bytes;
    padding[0] = padding[0] > over ? padding[0] - over : 0;
    pdf = build();
  }
  return pdf;
}

std::string MakeImageOnlyPdf(int pages) {
  std::vector<std::string> contents(pages, "0.5 g 56 56 500 680 re f");
  return PagesPdf(contents, "", "");
}

std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  char path[] = "/tmp/civicwatch-docx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  int error = 0;
  zip_t* archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open failed");
  for (const auto& [name, content] : parts) {
    // libzip reads the buffers at zip_close, so they must outlive it.
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  return bytes.str();
}

std::string WordDocumentXml(const std::vector<std::vector<std::string>>& paragraphs) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>";
  for (const auto& runs : paragraphs) {
    xml += "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>";
    for (const std::string& run : runs) {
      absl::StrAppend(&xml, "<w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">",
                      EscapeXml(run), "</w:t></w:r>");
    }
    xml += "</w:p>";
  }
  xml += "<w:sectPr/></w:body></w:document>";
  return xml;
}

std::string WordFootnotesXml(const std::vector<std::string>& notes) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:t>SEPARATOR</w:t>"
      "</w:r></w:p></w:footnote>";
  for (size_t i = 0; i < notes.size(); ++i) {
    absl::StrAppend(&xml, "<w:footnote w:id=\"", i + 1, "\"><w:p><w:r><w:t>", EscapeXml(notes[i]),
                    "</w:t></w:r></w:p></w:footnote>");
  }
  xml += "</w:footnotes>";
  return xml;
}

std::string MakeDocx(const std::vector<std::vector<std::string>>& paragraphs,
                     const std::vector<std::string>& footnotes) {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"word/document.xml", WordDocumentXml(paragraphs)}};
  if (!footnotes.empty()) parts.emplace_back("word/footnotes.xml", WordFootnotesXml(footnotes));
  return MakeZip(parts);
}

}  // namespace civicwatch::document::testing

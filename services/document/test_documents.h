// Documents made on the spot for the document layer's tests and benchmark:
// minimal PDFs (Helvetica, WinAnsi text, one line per string) and DOCX
// archives, so that no binary has to be committed for them.
#ifndef CIVICWATCH_SERVICES_DOCUMENT_TEST_DOCUMENTS_H_
#define CIVICWATCH_SERVICES_DOCUMENT_TEST_DOCUMENTS_H_

#include <string>
#include <utility>
#include <vector>

namespace civicwatch::document::testing {

// A PDF with one page per entry, each line of the page drawn on its own
// baseline from the top; an empty line leaves a line's gap, as between
// paragraphs. Lines must be windows-1252 (WinAnsi) text. With
// `encrypted_with_password`, the PDF carries a standard security handler
// that no empty password opens.
std::string MakePdf(const std::vector<std::vector<std::string>>& pages,
                    bool encrypted_with_password = false, const std::string& title = "");

// A PDF of the same text as MakePdf(pages) whose page content streams are
// padded with PDF comments to make the file `size_bytes` long (at most
// that, and less by a few bytes at most): as large as a PDF whose fonts
// and images weigh most of it, with little text.
std::string MakePaddedPdf(const std::vector<std::vector<std::string>>& pages, size_t size_bytes);

// A PDF with `pages` pages that draw only a rectangle: no text layer, as a
// scan has none.
std::string MakeImageOnlyPdf(int pages);

// A ZIP archive of the named parts (name, content), deflated.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts);

// word/document.xml for paragraphs given as runs: each inner vector is one
// paragraph, each string one <w:r><w:t> run.
std::string WordDocumentXml(const std::vector<std::vector<std::string>>& paragraphs);

// word/footnotes.xml with the separator notes Word writes and one note per
// string.
std::string WordFootnotesXml(const std::vector<std::string>& notes);

// A DOCX of the given paragraphs (and footnotes, when any).
std::string MakeDocx(const std::vector<std::vector<std::string>>& paragraphs,
                     const std::vector<std::string>& footnotes = {});

}  // namespace civicwatch::document::testing

#endif  // CIVICWATCH_SERVICES_DOCUMENT_TEST_DOCUMENTS_H_

// civicwatch-document-text FILE [--spans]: prints the body the document
// layer reads from FILE (and, with --spans, each span's body offset and
// origin), or the error that stops it. For looking at what a document
// gives, before the normaliser sees it.
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "services/document/document.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: civicwatch-document-text FILE [--spans]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 1;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto doc = civicwatch::document::ExtractDocument(bytes.str());
  if (!doc.ok()) {
    std::cerr << argv[1] << ": " << doc.status().message() << "\n";
    return 1;
  }
  std::cout << doc->body << "\n";
  if (argc > 2 && std::strcmp(argv[2], "--spans") == 0) {
    std::cout << "--\nmedia type: " << civicwatch::document::MediaTypeName(doc->media_type)
              << "\nencoding: " << doc->encoding << "\ntitle: " << doc->title
              << "\npublished: " << doc->published_date << "\nlanguage: " << doc->language << "\n";
    for (const auto& span : doc->spans) {
      std::cout << span.body_offset << "\tpage " << span.page << "\t[" << span.original_begin
                << ", " << span.original_end << ")\t" << span.element_path << "\n";
    }
  }
  return 0;
}

// Submits every .txt file of a folder as a report.
//
//   ingest_folder corpus/dev
//
// Each request carries a request_id derived from the file's content, so the
// client may retry it safely and running the program twice stores nothing
// new.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <civicwatch/client.h>

#include "example_setup.h"

namespace {

// 64-bit FNV-1a, as hex: stable across runs and machines. (The civicwatch
// CLI uses SHA-256; any stable hash of the content works as a request id.)
std::string ContentId(const std::string& content) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::ostringstream out;
  out << "fnv1a64-" << std::hex << h << "-" << std::dec << content.size();
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch_examples::ExitUnlessArguments(argc, 1, 1, "ingest_folder FOLDER");
  std::unique_ptr<civicwatch::Client> client = civicwatch_examples::ClientFromEnvironment();

  int failed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();

    civicwatch::v1::Report report;
    report.set_body(body.str());  // The server reads title, country, dates.
    auto created = client->CreateReport(report, ContentId(report.body()));
    if (!created.ok()) {
      std::cerr << entry.path().string() << ": " << created.status().message() << "\n";
      ++failed;
      continue;
    }
    std::cout << entry.path().string() << ": " << created->report().name() << ", "
              << created->events_size() << " events\n";
  }
  return failed == 0 ? 0 : 1;
}

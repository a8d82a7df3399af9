// Finding and reading the report files `civicwatch ingest` and `normalize`
// are given.
#ifndef CIVICWATCH_SDK_CLI_REPORT_FILES_H_
#define CIVICWATCH_SDK_CLI_REPORT_FILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace civicwatch::cli {

// One path named on the command line, expanded.
struct FoundFiles {
  std::vector<std::string> files;  // In a stable (sorted) order.
  std::vector<std::pair<std::string, std::string>> problems;  // path, why.
};

// Expands `paths`: a file is taken as it is; a folder is searched
// recursively for report files (*.txt, *.md, *.text, *.html, *.htm, *.pdf,
// *.docx; the names only choose files, the content decides how each is
// read), skipping hidden
// files and folders, so answer keys such as *.gold.json beside the reports
// are left alone. A path that does not exist is a problem, not an abort.
FoundFiles FindReportFiles(const std::vector<std::string>& paths);

// The whole content of `path`. NOT_FOUND / PERMISSION_DENIED-like errors
// come back as a sentence naming the path; a file that is empty or only
// whitespace is INVALID_ARGUMENT.
absl::StatusOr<std::string> ReadReportFile(const std::string& path);

// The bytes of `path` as they are, for the document layer to read: empty
// files are returned (and refused there, by reason); only a file that
// cannot be opened or read, or one over `max_bytes`, is an error here.
absl::StatusOr<std::string> ReadDocumentFile(const std::string& path, size_t max_bytes);

// "sha256-" and the lower-case hex SHA-256 of `content`: the request_id
// that makes submitting the same file twice safe.
std::string ContentRequestId(const std::string& content);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_REPORT_FILES_H_

#include "report_files.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace civicwatch::cli {
namespace fs = std::filesystem;
namespace {

bool IsReportFile(const fs::path& path) {
  std::string ext = absl::AsciiStrToLower(path.extension().string());
  return ext == ".txt" || ext == ".md" || ext == ".text" || ext == ".html" || ext == ".htm" ||
         ext == ".pdf" || ext == ".docx";
}

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// The bytes of the file at `path`: NOT_FOUND when it cannot be opened,
// DATA_LOSS when reading it fails, each with the system's reason.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  return content.str();
}

}  // namespace

FoundFiles FindReportFiles(const std::vector<std::string>& paths) {
  FoundFiles found;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      found.problems.emplace_back(p, "no such file or folder");
      continue;
    }
    if (!fs::is_directory(st)) {
      found.files.push_back(p);
      continue;
    }
    std::vector<std::string> in_dir;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (IsHidden(it->path())) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && IsReportFile(it->path())) {
        in_dir.push_back(it->path().string());
      }
    }
    if (ec) found.problems.emplace_back(p, ec.message());
    if (in_dir.empty() && !ec) {
      found.problems.emplace_back(p, "the folder holds no report files (*.txt, *.md, *.html, *.htm, *.pdf, *.docx)");
    }
    std::sort(in_dir.begin(), in_dir.end());
    found.files.insert(found.files.end(), in_dir.begin(), in_dir.end());
  }
  return found;
}

absl::StatusOr<std::string> ReadReportFile(const std::string& path) {
  absl::StatusOr<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  std::string body = std::move(*content);
  if (absl::StripAsciiWhitespace(body).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
  }
  return body;
}

absl::StatusOr<std::string> ReadDocumentFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is a folder, not a file"));
  }
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, " is ", size, " bytes, over the limit of ", max_bytes >> 20, " MiB"));
  }
  return ReadWholeFile(path);
}

std::string ContentRequestId(const std::string& content) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(content.data()), content.size(), digest);
  return absl::StrCat("sha256-", absl::BytesToHexString(absl::string_view(
                                     reinterpret_cast<const char*>(digest), sizeof digest)));
}

}  // namespace civicwatch::cli

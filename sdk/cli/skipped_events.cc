#include "skipped_events.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace civicwatch::cli {

std::string SkippedEvents::DefaultPath() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && state[0] == '/') {
    return absl::StrCat(state, "/civicwatch/review-skipped");
  }
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return absl::StrCat(home, "/.local/state/civicwatch/review-skipped");
  }
  return "";
}

absl::StatusOr<SkippedEvents> SkippedEvents::Load(const std::string& path) {
  SkippedEvents skipped;
  skipped.path_ = path;
  if (path.empty()) return skipped;
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return skipped;
    return absl::UnavailableError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::string line;
  while (std::getline(in, line)) {
    const std::string name(absl::StripAsciiWhitespace(line));
    if (!name.empty()) skipped.names_.insert(name);
  }
  if (in.bad()) return absl::UnavailableError(absl::StrCat("cannot read ", path));
  return skipped;
}

absl::Status SkippedEvents::Add(const std::string& event_name) {
  names_.insert(event_name);
  if (path_.empty()) return absl::OkStatus();
  std::error_code ec;
  const std::filesystem::path target(path_);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  const std::string temporary = absl::StrCat(path_, ".partial-", getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const std::string& name : names_) out << name << "\n";
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary, ec);
      return absl::UnavailableError(absl::StrCat("cannot write ", temporary));
    }
  }
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return absl::UnavailableError(absl::StrCat("cannot write ", path_, ": ", ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::cli

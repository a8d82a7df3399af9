#include "services/query/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/json_string.h"

namespace civicwatch::query {
namespace {

// The audit file's descriptor; -1 while records go to stderr.
std::atomic<int> audit_fd{-1};
// Its path, set once by OpenAuditLog before any call.
std::string& AuditPath() {
  static std::string* path = new std::string;
  return *path;
}

// Writes all of `line` with one write(2) (O_APPEND makes it land whole at
// the end); retried only when interrupted or cut short.
void WriteLine(int fd, absl::string_view line) {
  while (!line.empty()) {
    ssize_t n = ::write(fd, line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      std::cerr << "civicwatch-query: cannot write the audit log: " << std::strerror(errno) << "\n";
      return;
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
}

// Opens (creating with mode 0600) `path` for appending; -1 and errno on
// failure.
int OpenForAppending(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

}  // namespace

absl::Status OpenAuditLog(const std::string& path) {
  int fd = OpenForAppending(path);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot open the audit log ", path, ": ", std::strerror(errno)));
  }
  int old = audit_fd.exchange(fd);
  if (old >= 0) ::close(old);
  AuditPath() = path;
  return absl::OkStatus();
}

std::string ReopenAuditLog() {
  const int fd = audit_fd.load();
  if (fd < 0) return "";
  int fresh = OpenForAppending(AuditPath());
  if (fresh < 0) {
    return absl::StrCat("cannot reopen the audit log ", AuditPath(), ": ", std::strerror(errno));
  }
  // dup2 swaps the file under the descriptor number in one step, so a
  // concurrent writer never sees a closed or reused descriptor.
  const bool swapped = ::dup2(fresh, fd) >= 0;
  const int error = errno;
  ::close(fresh);
  if (!swapped) {
    return absl::StrCat("cannot reopen the audit log ", AuditPath(), ": ", std::strerror(error));
  }
  return "audit_log";
}

std::string AuditJsonLine(absl::string_view time, absl::string_view principal,
                          absl::string_view method, int64_t restricted, int64_t confidential,
                          const std::vector<std::string>& event_names) {
  std::string line = "{\"time\":";
  AppendJsonString(&line, time);
  line.append(",\"principal\":");
  AppendJsonString(&line, principal);
  line.append(",\"method\":");
  AppendJsonString(&line, method);
  absl::StrAppend(&line, ",\"restricted\":", restricted, ",\"confidential\":", confidential,
                  ",\"events\":[");
  for (size_t i = 0; i < event_names.size(); ++i) {
    if (i > 0) line.push_back(',');
    AppendJsonString(&line, event_names[i]);
  }
  line.append("]}\n");
  return line;
}

void EventReadAudit::Note(const v1::Event& event) {
  if (event.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED) {
    ++restricted_;
  } else if (event.confidentiality() == v1::CONFIDENTIALITY_CONFIDENTIAL) {
    ++confidential_;
  } else {
    return;
  }
  names_.push_back(event.name());
}

EventReadAudit::~EventReadAudit() {
  if (restricted_ == 0 && confidential_ == 0) return;
  const int fd = audit_fd.load();
  if (fd >= 0) {
    const std::string time =
        absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
    WriteLine(fd, AuditJsonLine(time, principal_, method_, restricted_, confidential_, names_));
    return;
  }
  std::vector<std::string> listed(names_.begin(),
                                  names_.begin() + std::min(names_.size(), kMaxNamesOnStderr));
  std::string more = names_.size() > listed.size() ? ",..." : "";
  // One write, so lines from concurrent calls do not interleave.
  std::cerr << absl::StrCat("civicwatch-query audit: principal=", principal_, " method=", method_,
                            " restricted=", restricted_, " confidential=", confidential_,
                            " events=", absl::StrJoin(listed, ","), more, "\n");
}

}  // namespace civicwatch::query

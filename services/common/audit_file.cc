#include "services/common/audit_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/errors.h"

namespace civicwatch {
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
      std::cerr << "cannot write the audit log: " << std::strerror(errno) << "\n";
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
    return UnavailableError(
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

bool AuditLogIsFile() { return audit_fd.load() >= 0; }

void WriteAuditRecord(absl::string_view json_line, absl::string_view stderr_line) {
  const int fd = audit_fd.load();
  if (fd >= 0) {
    WriteLine(fd, json_line);
    return;
  }
  // One write, so lines from concurrent calls do not interleave.
  std::cerr << std::string(stderr_line);
}

std::string AuditTimeNow() {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
}

}  // namespace civicwatch

#include "services/common/snapshot/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch::snapshot {
namespace {

absl::Status ErrnoStatus(absl::string_view what, const std::string& path, int error) {
  std::string message = absl::StrCat("cannot ", what, " ", path, ": ", strerror(error));
  if (error == ENOSPC || error == EDQUOT) return LimitExceededError(message);
  return UnavailableError(message);
}

}  // namespace

absl::StatusOr<AtomicFile> AtomicFile::Create(const std::string& target) {
  std::string temporary = absl::StrCat(target, ".partial-", getpid());
  int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return ErrnoStatus("create", temporary, errno);
  return AtomicFile(target, std::move(temporary), fd);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      fd_(std::exchange(other.fd_, -1)),
      committed_(std::exchange(other.committed_, true)) {}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (!committed_ && !temporary_.empty()) unlink(temporary_.c_str());
}

absl::Status AtomicFile::Write(absl::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("write", temporary_, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    written_ += n;
  }
  // Start writing what has come so far to disk, without waiting for it:
  // the disk works while the rest arrives, and Commit's fsync waits only
  // for the last stretch, not for the whole of a large file.
  if (written_ - flushed_ >= kWritebackBytes) {
    sync_file_range(fd_, flushed_, written_ - flushed_, SYNC_FILE_RANGE_WRITE);
    flushed_ = written_;
  }
  return absl::OkStatus();
}

absl::Status AtomicFile::WriteAt(int64_t offset, absl::string_view bytes) {
  if (offset < 0 || offset + static_cast<int64_t>(bytes.size()) > written_) {
    return InternalError(absl::StrCat("cannot overwrite ", bytes.size(), " bytes at ",
                                      offset, " of ", temporary_, ": only ", written_,
                                      " were written"));
  }
  while (!bytes.empty()) {
    ssize_t n = pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("write", temporary_, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    offset += n;
  }
  return absl::OkStatus();
}

absl::Status AtomicFile::Commit() {
  if (fsync(fd_) != 0) return ErrnoStatus("sync", temporary_, errno);
  if (close(fd_) != 0) {
    fd_ = -1;
    return ErrnoStatus("close", temporary_, errno);
  }
  fd_ = -1;
  if (rename(temporary_.c_str(), target_.c_str()) != 0) {
    return ErrnoStatus("rename into place", target_, errno);
  }
  committed_ = true;
  return SyncParentDirectory(target_);
}

absl::Status SyncParentDirectory(const std::string& path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open folder", folder, errno);
  int rc = fsync(fd);
  int error = errno;
  close(fd);
  if (rc != 0) return ErrnoStatus("sync folder", folder, error);
  return absl::OkStatus();
}

}  // namespace civicwatch::snapshot

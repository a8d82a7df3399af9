// AtomicFile: a file that appears under its name complete or not at all.
//
// Bytes are written to a temporary file next to the target ("TARGET.partial-
// PID", same folder, so the rename stays on one file system); Commit()
// fsyncs it, renames it over the target and fsyncs the folder, so after a
// crash or a kill -9 at any moment the target is either absent, its old
// content, or the whole new content. Destroying an AtomicFile that was not
// committed removes the temporary file; a process killed outright may leave
// one behind, never under the target name.
//
// Not thread-safe.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_ATOMIC_FILE_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_ATOMIC_FILE_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch::snapshot {

class AtomicFile {
 public:
  // Creates the temporary file for `target`. UNAVAILABLE when the folder is
  // missing or not writable.
  static absl::StatusOr<AtomicFile> Create(const std::string& target);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  ~AtomicFile();

  // Appends `bytes`. UNAVAILABLE (RESOURCE_EXHAUSTED when the disk is full)
  // on a write error.
  absl::Status Write(absl::string_view bytes);

  // Overwrites bytes already written, from `offset` (a head sent last over
  // a placeholder). INTERNAL for a range past what was written.
  absl::Status WriteAt(int64_t offset, absl::string_view bytes);

  // Makes the content durable and puts it under the target name.
  absl::Status Commit();

  const std::string& temporary_path() const { return temporary_; }

 private:
  AtomicFile(std::string target, std::string temporary, int fd)
      : target_(std::move(target)), temporary_(std::move(temporary)), fd_(fd) {}

  // Bytes written after which their writeback to disk is started.
  static constexpr off_t kWritebackBytes = 32 << 20;

  std::string target_;
  std::string temporary_;
  int fd_ = -1;
  bool committed_ = false;
  off_t written_ = 0;
  off_t flushed_ = 0;  // written_ when writeback was last started
};

// fsyncs the folder holding `path`, so that a rename into it is durable.
absl::Status SyncParentDirectory(const std::string& path);

}  // namespace civicwatch::snapshot

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_ATOMIC_FILE_H_

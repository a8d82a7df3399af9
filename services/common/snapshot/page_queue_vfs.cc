#include "services/common/snapshot/page_queue_vfs.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch::snapshot {
namespace {

// SQLite never writes the page that holds this offset (its lock byte).
constexpr int64_t kPendingByte = 0x40000000;
constexpr int64_t kMaxPageSize = 65536;

constexpr char kVfsName[] = "civicwatch-page-queue";

bool Overlaps(int64_t a_from, int64_t a_to, int64_t b_from, int64_t b_to) {
  return a_from < b_to && b_from < a_to;
}

struct QueueFile {
  sqlite3_file base;
  PageQueue* queue;
};

PageQueue& QueueOf(sqlite3_file* file) { return *reinterpret_cast<QueueFile*>(file)->queue; }

int Close(sqlite3_file*) { return SQLITE_OK; }
int Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  return QueueOf(file).Read(buffer, amount, offset);
}
int Write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  return QueueOf(file).Write(buffer, amount, offset);
}
int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  QueueOf(file).Truncate(size);
  return SQLITE_OK;
}
int Sync(sqlite3_file*, int) { return SQLITE_OK; }
int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  *size = QueueOf(file).size();
  return SQLITE_OK;
}
// One connection uses the file: every lock is granted.
int Lock(sqlite3_file*, int) { return SQLITE_OK; }
int Unlock(sqlite3_file*, int) { return SQLITE_OK; }
int CheckReservedLock(sqlite3_file*, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int SectorSize(sqlite3_file*) { return 4096; }
int DeviceCharacteristics(sqlite3_file*) { return 0; }

const sqlite3_io_methods kIoMethods = {
    1,     Close, Read,     Write,      Truncate,   Sync, FileSize, Lock, Unlock, CheckReservedLock,
    FileControl, SectorSize, DeviceCharacteristics,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  file->pMethods = nullptr;
  // The main database only: journals and temporary files are not kept.
  if ((flags & SQLITE_OPEN_MAIN_DB) == 0 || name == nullptr) return SQLITE_CANTOPEN;
  const char* address = sqlite3_uri_parameter(name, "queue");
  if (address == nullptr) return SQLITE_CANTOPEN;
  auto* queued = reinterpret_cast<QueueFile*>(file);
  queued->queue = reinterpret_cast<PageQueue*>(std::strtoull(address, nullptr, 16));
  if (queued->queue == nullptr) return SQLITE_CANTOPEN;
  file->pMethods = &kIoMethods;
  if (out_flags != nullptr) *out_flags = flags;
  return SQLITE_OK;
}
int Delete(sqlite3_vfs*, const char*, int) { return SQLITE_OK; }
int Access(sqlite3_vfs*, const char*, int, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  sqlite3_snprintf(size, out, "%s", name);
  return SQLITE_OK;
}
int Randomness(sqlite3_vfs*, int size, char* out) {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  return base->xRandomness(base, size, out);
}
int Sleep(sqlite3_vfs*, int microseconds) {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  return base->xSleep(base, microseconds);
}
int CurrentTime(sqlite3_vfs*, double* now) {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  return base->xCurrentTime(base, now);
}
int GetLastError(sqlite3_vfs*, int, char*) { return 0; }

sqlite3_vfs* Vfs() {
  static sqlite3_vfs* vfs = [] {
    auto* v = new sqlite3_vfs{};
    v->iVersion = 1;
    v->szOsFile = sizeof(QueueFile);
    v->mxPathname = 512;
    v->zName = kVfsName;
    v->xOpen = Open;
    v->xDelete = Delete;
    v->xAccess = Access;
    v->xFullPathname = FullPathname;
    v->xRandomness = Randomness;
    v->xSleep = Sleep;
    v->xCurrentTime = CurrentTime;
    v->xGetLastError = GetLastError;
    sqlite3_vfs_register(v, /*makeDflt=*/0);
    return v;
  }();
  return vfs;
}

}  // namespace

int PageQueue::Read(void* buffer, int amount, int64_t offset) const {
  const int64_t end = offset + amount;
  if (Overlaps(offset, end, taken_from_, taken_to_)) return SQLITE_IOERR_READ;
  char* out = static_cast<char*>(buffer);
  std::memset(out, 0, static_cast<size_t>(amount));
  auto it = writes_.upper_bound(offset);
  if (it != writes_.begin()) --it;
  for (; it != writes_.end() && it->first < end; ++it) {
    const int64_t from = std::max(offset, it->first);
    const int64_t to = std::min(end, it->first + static_cast<int64_t>(it->second.size()));
    if (from < to) {
      std::memcpy(out + (from - offset), it->second.data() + (from - it->first),
                  static_cast<size_t>(to - from));
    }
  }
  return end > size_ ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

int PageQueue::Write(const void* buffer, int amount, int64_t offset) {
  const int64_t end = offset + amount;
  // A byte already sent changed: the copy would not be what was sent.
  if (Overlaps(offset, end, taken_from_, taken_to_)) return SQLITE_IOERR_WRITE;
  auto it = writes_.find(offset);
  if (it != writes_.end() && static_cast<int64_t>(it->second.size()) == amount) {
    it->second.assign(static_cast<const char*>(buffer), static_cast<size_t>(amount));
  } else {
    // Whole pages at their own offsets, never a part of another write.
    auto next = writes_.lower_bound(offset);
    if (next != writes_.end() && next->first < end) return SQLITE_IOERR_WRITE;
    if (next != writes_.begin()) {
      auto previous = std::prev(next);
      if (previous->first + static_cast<int64_t>(previous->second.size()) > offset) {
        return SQLITE_IOERR_WRITE;
      }
    }
    writes_.emplace(offset, std::string(static_cast<const char*>(buffer),
                                        static_cast<size_t>(amount)));
  }
  size_ = std::max(size_, end);
  return SQLITE_OK;
}

void PageQueue::Truncate(int64_t size) {
  size_ = size;
  writes_.erase(writes_.lower_bound(size), writes_.end());
  if (!writes_.empty()) {
    auto last = std::prev(writes_.end());
    if (last->first + static_cast<int64_t>(last->second.size()) > size) {
      last->second.resize(static_cast<size_t>(size - last->first));
    }
  }
}

absl::Status PageQueue::Take(int64_t from, int64_t to, std::string& out) {
  if (from < 0 || to > size_ || from > to) {
    return UnavailableError(absl::StrCat("the copy has no bytes [", from, ", ", to,
                                         "): it is ", size_, " bytes"));
  }
  if (Overlaps(from, to, taken_from_, taken_to_)) {
    return UnavailableError(absl::StrCat("bytes [", from, ", ", to, ") of the copy were taken"));
  }
  // Nothing is forgotten, nor left in `out`, unless the whole range is
  // there.
  const size_t had = out.size();
  out.reserve(had + static_cast<size_t>(to - from));
  int64_t at = from;
  const auto first = writes_.lower_bound(from);
  auto it = first;
  while (at < to) {
    if (it != writes_.end() && it->first == at) {
      const int64_t length = static_cast<int64_t>(it->second.size());
      if (at + length > to) {
        out.resize(had);
        return UnavailableError(absl::StrCat("a write to the copy at ", at,
                                             " runs past the range taken"));
      }
      out += it->second;
      at += length;
      ++it;
      continue;
    }
    const int64_t hole_end = it == writes_.end() ? to : std::min(to, it->first);
    if (!(at <= kPendingByte && kPendingByte < hole_end && hole_end - at <= kMaxPageSize)) {
      out.resize(had);
      return UnavailableError(absl::StrCat("the copy lacks bytes [", at, ", ", hole_end, ")"));
    }
    out.append(static_cast<size_t>(hole_end - at), '\0');
    at = hole_end;
  }
  writes_.erase(first, it);
  if (from == taken_to_ || taken_from_ == taken_to_) {
    if (taken_from_ == taken_to_) taken_from_ = from;
    taken_to_ = to;
  }
  return absl::OkStatus();
}

int OpenQueuedDatabase(const std::string& name, PageQueue* queue, sqlite3** db) {
  char address[32];
  std::snprintf(address, sizeof address, "%llx",
                static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(queue)));
  const std::string uri = absl::StrCat("file:", name, "?queue=", address);
  return sqlite3_open_v2(uri.c_str(), db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, Vfs()->zName);
}

}  // namespace civicwatch::snapshot

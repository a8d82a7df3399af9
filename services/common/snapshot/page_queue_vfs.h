// An SQLite database file that lives in memory only until its bytes are
// taken: the destination of an online backup whose pages are sent as they
// are copied (streamed_snapshot.h), so the copy is never written to a
// file and read back.
//
// Open the destination with OpenQueuedDatabase; what SQLite writes to its
// main file is kept in the PageQueue, and Take() hands over a range and
// forgets it. SQLite must not read a range back once it was taken (the
// backup API never does: it writes each page once); such a read fails
// with SQLITE_IOERR rather than see made-up bytes. The database may have
// no journal or temporary files: open it with journal_mode=OFF.
#ifndef CIVICWATCH_SERVICES_COMMON_SNAPSHOT_PAGE_QUEUE_VFS_H_
#define CIVICWATCH_SERVICES_COMMON_SNAPSHOT_PAGE_QUEUE_VFS_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"

namespace civicwatch::snapshot {

// The bytes written to a queued database's file and not yet taken. Used
// by one thread at a time (the connection's and the taker's).
class PageQueue {
 public:
  // The file's size as SQLite sees it.
  int64_t size() const { return size_; }

  // Appends bytes [from, to) of the file to `out` and forgets them. A
  // range SQLite never wrote is zeros only where SQLite leaves a hole on
  // purpose (the page of the lock byte at 1 GiB); anywhere else it is
  // UNAVAILABLE, as is a range past the file's end or one that overlaps
  // bytes already taken.
  absl::Status Take(int64_t from, int64_t to, std::string& out);

  // For the file: SQLite's reads, writes and truncation.
  int Read(void* buffer, int amount, int64_t offset) const;
  int Write(const void* buffer, int amount, int64_t offset);
  void Truncate(int64_t size);

 private:
  // Writes by offset (SQLite writes whole pages to a database file).
  std::map<int64_t, std::string> writes_;
  int64_t size_ = 0;
  // The bytes taken but the last range: [taken_from_, taken_to_), grown
  // by each Take that starts where it ends.
  int64_t taken_from_ = 0;
  int64_t taken_to_ = 0;
};

// Opens (creates) a database whose main file is `queue`, which must
// outlive the connection. `name` only tells it apart in messages.
int OpenQueuedDatabase(const std::string& name, PageQueue* queue, sqlite3** db);

}  // namespace civicwatch::snapshot

#endif  // CIVICWATCH_SERVICES_COMMON_SNAPSHOT_PAGE_QUEUE_VFS_H_

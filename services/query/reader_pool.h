// A small pool of read-only connections to one SQLite file.
//
// Each query borrows one connection for the whole call (a Lease). The lease
// opens a read transaction, so everything the call reads comes from one
// snapshot, and sets the connection's deadline so long statements stop with
// DEADLINE_EXCEEDED. Returning the lease ends the transaction, clears the
// deadline and keeps the connection for reuse (up to `idle` of them).
//
// Thread-safe; a Lease belongs to one thread at a time.
#ifndef CIVICWATCH_SERVICES_QUERY_READER_POOL_H_
#define CIVICWATCH_SERVICES_QUERY_READER_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

class ReaderPool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    sqlite::Database& db() { return *db_; }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<sqlite::Database> db)
        : pool_(pool), db_(std::move(db)) {}
    ReaderPool* pool_;
    std::unique_ptr<sqlite::Database> db_;
  };

  ReaderPool(std::string path, int idle) : path_(std::move(path)), idle_limit_(idle) {}

  // A connection in a read transaction with `deadline` set. UNAVAILABLE when
  // no connection can be opened; DEADLINE_EXCEEDED when `deadline` has
  // already passed.
  absl::StatusOr<Lease> Acquire(absl::Time deadline);

  // Closes the idle connections.
  void Clear();

 private:
  void Release(std::unique_ptr<sqlite::Database> db);

  const std::string path_;
  const int idle_limit_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<sqlite::Database>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_READER_POOL_H_

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
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
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

    sqlite::Database& db() { return *connection_->db; }

    // The statement for `sql`, compiled on first use and kept with the
    // connection for later leases (the same few queries come again and
    // again). Reset it after use; it stays valid until the lease ends.
    absl::StatusOr<sqlite::Statement*> Prepare(const std::string& sql);

   private:
    friend class ReaderPool;
    // A connection with the statements compiled on it.
    struct Connection {
      std::unique_ptr<sqlite::Database> db;
      absl::flat_hash_map<std::string, std::unique_ptr<sqlite::Statement>> statements;
    };
    Lease(ReaderPool* pool, std::unique_ptr<Connection> connection);
    ReaderPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ReaderPool(std::string path, int idle) : path_(std::move(path)), idle_limit_(idle) {}

  // A connection in a read transaction with `deadline` set. UNAVAILABLE when
  // no connection can be opened; DEADLINE_EXCEEDED when `deadline` has
  // already passed.
  absl::StatusOr<Lease> Acquire(absl::Time deadline);

  // Closes the idle connections.
  void Clear();

 private:
  void Release(std::unique_ptr<Lease::Connection> connection);

  const std::string path_;
  const int idle_limit_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<Lease::Connection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_READER_POOL_H_

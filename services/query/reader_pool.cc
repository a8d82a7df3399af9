#include "services/query/reader_pool.h"

#include <utility>

#include "absl/time/clock.h"

namespace civicwatch::query {

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), db_(std::move(other.db_)) {}

ReaderPool::Lease::~Lease() {
  if (db_ != nullptr) pool_->Release(std::move(db_));
}

absl::StatusOr<ReaderPool::Lease> ReaderPool::Acquire(absl::Time deadline) {
  // A call whose deadline has passed does no work, even one cheap enough
  // to finish before the progress handler would look at the deadline.
  if (absl::Now() >= deadline) {
    return absl::DeadlineExceededError("the deadline passed before the query started");
  }
  std::unique_ptr<sqlite::Database> db;
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      db = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (db == nullptr) {
    auto opened = sqlite::Database::Open(path_, /*read_only=*/true);
    if (!opened.ok()) return opened.status();
    db = std::move(*opened);
  }
  // BEGIN is deferred: the snapshot is taken by the first read and then
  // held until the lease ends.
  if (absl::Status s = db->Exec("BEGIN"); !s.ok()) return s;
  db->SetDeadline(deadline);
  return Lease(this, std::move(db));
}

void ReaderPool::Release(std::unique_ptr<sqlite::Database> db) {
  db->SetDeadline(absl::InfiniteFuture());
  if (!db->Exec("ROLLBACK").ok()) return;  // Drop a connection in a bad state.
  absl::MutexLock lock(&mu_);
  if (static_cast<int>(idle_.size()) < idle_limit_) idle_.push_back(std::move(db));
}

void ReaderPool::Clear() {
  absl::MutexLock lock(&mu_);
  idle_.clear();
}

}  // namespace civicwatch::query

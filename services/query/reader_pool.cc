#include "services/query/reader_pool.h"

#include <utility>

#include "absl/time/clock.h"
#include "services/common/errors.h"

namespace civicwatch::query {

namespace {

// Statements kept per connection at most; filters of many shapes (the
// number of values in a list changes the SQL) must not grow it unbounded.
constexpr size_t kMaxCachedStatements = 64;

}  // namespace

ReaderPool::Lease::Lease(ReaderPool* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)) {}

ReaderPool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->Release(std::move(connection_));
}

absl::StatusOr<sqlite::Statement*> ReaderPool::Lease::Prepare(const std::string& sql) {
  auto& statements = connection_->statements;
  auto it = statements.find(sql);
  if (it != statements.end()) return it->second.get();
  auto statement = connection_->db->Prepare(sql);
  if (!statement.ok()) return statement.status();
  if (statements.size() >= kMaxCachedStatements) statements.clear();
  auto& slot = statements[sql];
  slot = std::make_unique<sqlite::Statement>(std::move(*statement));
  return slot.get();
}

absl::StatusOr<ReaderPool::Lease> ReaderPool::Acquire(absl::Time deadline) {
  // A call whose deadline has passed does no work, even one cheap enough
  // to finish before the progress handler would look at the deadline.
  if (absl::Now() >= deadline) {
    return DeadlineExceededError("the deadline passed before the query started");
  }
  std::unique_ptr<Lease::Connection> connection;
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (connection == nullptr) {
    auto opened = sqlite::Database::Open(path_, /*read_only=*/true);
    if (!opened.ok()) return opened.status();
    connection = std::make_unique<Lease::Connection>();
    connection->db = std::move(*opened);
  }
  // BEGIN is deferred: the snapshot is taken by the first read and then
  // held until the lease ends.
  if (absl::Status s = connection->db->Exec("BEGIN"); !s.ok()) return s;
  connection->db->SetDeadline(deadline);
  return Lease(this, std::move(connection));
}

void ReaderPool::Release(std::unique_ptr<Lease::Connection> connection) {
  // Every cached statement is reset (Lease::Prepare), so none holds the
  // snapshot past the ROLLBACK.
  connection->db->SetDeadline(absl::InfiniteFuture());
  if (!connection->db->Exec("ROLLBACK").ok()) return;  // Drop a connection in a bad state.
  absl::MutexLock lock(&mu_);
  if (static_cast<int>(idle_.size()) < idle_limit_) idle_.push_back(std::move(connection));
}

void ReaderPool::Clear() {
  absl::MutexLock lock(&mu_);
  idle_.clear();
}

}  // namespace civicwatch::query

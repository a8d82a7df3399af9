#include "services/query/bulk_load.h"

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/query/read_model_schema.h"

namespace civicwatch::query {
namespace {

// A backlog of more changes than this (and than events in the replica)
// starts a bulk load...
constexpr int64_t kBulkLoadMinBacklog = 100000;
// ... which ends, building the indexes, once at most this many remain.
constexpr int64_t kBulkLoadEndBacklog = 1000;
// A bulk load's transaction spans feed batches up to this many changes or
// this long (see KeepBulkLoadTransactionOpen).
constexpr int64_t kBulkLoadTransactionChanges = 50000;
constexpr absl::Duration kBulkLoadTransactionTime = absl::Seconds(10);

// The page cache while the indexes are built (see BuildSecondaryIndexes).
constexpr int kIndexBuildCacheKib = 8 * 1024;

}  // namespace

BulkLoadStep PlanBulkLoad(bool in_bulk_load, int64_t cursor, int64_t new_cursor,
                          int64_t head_sequence, int64_t events) {
  BulkLoadStep step;
  const bool anything_new = new_cursor > cursor;
  const int64_t backlog = head_sequence - cursor;
  step.start =
      !in_bulk_load && anything_new && backlog > std::max(kBulkLoadMinBacklog, events);
  step.end = (in_bulk_load || step.start) && head_sequence - new_cursor <= kBulkLoadEndBacklog;
  return step;
}

bool KeepBulkLoadTransactionOpen(int64_t changes, absl::Duration open_for) {
  return changes < kBulkLoadTransactionChanges && open_for < kBulkLoadTransactionTime;
}

// Building an index sorts every row of its table. SQLite's sorter sorts
// runs of at most the page cache's size and merges them; with helper
// threads it sorts and merges several runs at once. With the writer's full
// cache a large table makes one or two runs, sorted on one core; with a
// small cache for the build it makes many, sorted on every core.
absl::Status BuildSecondaryIndexes(sqlite::Database& db) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  absl::Status status = db.Exec(absl::StrCat("PRAGMA threads=", std::min(cores, 4u) - 1,
                                             "; PRAGMA cache_size=-", kIndexBuildCacheKib));
  if (status.ok()) status = CreateSecondaryIndexes(db);
  absl::Status restored =
      db.Exec(absl::StrCat("PRAGMA threads=0; PRAGMA cache_size=-", kWriterCacheKib));
  if (status.ok()) status = restored;
  return status;
}

}  // namespace civicwatch::query

// When the replica writer applies a backlog as a bulk load, how long it
// keeps a transaction open during one, and how it builds the secondary
// indexes at its end (read_model_schema.h: CreateSecondaryIndexes).
#ifndef CIVICWATCH_SERVICES_QUERY_BULK_LOAD_H_
#define CIVICWATCH_SERVICES_QUERY_BULK_LOAD_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

// The writer's page cache, in KiB. A batch touches pages all over the date
// and category indexes; with SQLite's default 2 MB cache those pages are
// spilled and re-read within one batch once the replica outgrows the cache.
inline constexpr int kWriterCacheKib = 64 * 1024;

// What one feed batch does to a bulk load.
struct BulkLoadStep {
  // The batch starts one (dropping the secondary indexes first).
  bool start = false;
  // The batch ends one (building the indexes after it).
  bool end = false;
};

// The step for a batch that takes the replica from `cursor` to
// `new_cursor` of a feed whose head is `head_sequence`, `in_bulk_load` or
// not, with `events` events held. A long backlog (a new replica, or one far
// behind a large feed) is applied without the secondary indexes: "long" is
// more changes than there are events already, so that building the indexes
// again costs less than keeping them up to date. It ends once the backlog
// is nearly done.
BulkLoadStep PlanBulkLoad(bool in_bulk_load, int64_t cursor, int64_t new_cursor,
                          int64_t head_sequence, int64_t events);

// Whether a bulk load's transaction, open for `open_for` and holding
// `changes` changes, stays open for the next batch. The inserts of a batch
// land all over the events' name index, the summaries and the full-text
// index, and a commit writes every page they touched twice (the WAL, then
// the checkpoint), so small transactions would spend much of a long
// catch-up on those writes; a larger transaction costs memory (the pages it
// holds) for little more speed.
bool KeepBulkLoadTransactionOpen(int64_t changes, absl::Duration open_for);

// Creates the secondary indexes with SQLite's sorter on up to four cores,
// then restores the writer's settings (kWriterCacheKib, one thread).
absl::Status BuildSecondaryIndexes(sqlite::Database& db);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_BULK_LOAD_H_

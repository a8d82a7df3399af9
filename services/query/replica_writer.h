// Writes feed changes into the replica's schema (read_model_schema.h).
//
// Owns the one writing connection, its prepared statements
// (replica_statements.h) and the batch's buffers: participant and
// provenance rows (row_buffer.h), the summary counts of new events
// (new_event_counts.h), the staged full-text rows (event_text_staging.h);
// bulk loads follow bulk_load.h, and recent report bodies are cached
// (report_body_cache.h).
//
// Not thread-safe: ReadModel calls it under its write mutex.
#ifndef CIVICWATCH_SERVICES_QUERY_REPLICA_WRITER_H_
#define CIVICWATCH_SERVICES_QUERY_REPLICA_WRITER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "civicwatch/v1/feed.pb.h"
#include "services/common/sqlite.h"
#include "services/query/event_text_staging.h"
#include "services/query/new_event_counts.h"
#include "services/query/replica_statements.h"
#include "services/query/report_body_cache.h"
#include "services/query/row_buffer.h"

namespace civicwatch::query {

class ReplicaWriter {
 public:
  // Commits what a bulk load holds open (see Apply).
  ~ReplicaWriter();

  // Opens (creating if needed) the database at `path` and its schema;
  // drops everything first when `rebuild`, or when the file holds another
  // schema version. UNAVAILABLE when the file cannot be opened or written.
  static absl::StatusOr<std::unique_ptr<ReplicaWriter>> Open(const std::string& path,
                                                             bool rebuild);

  // The sequence of the last change applied.
  int64_t cursor() const { return cursor_; }

  // The identity of the ingest database the applied changes came from
  // (WatchChangesResponse.database_id), stored in meta with the cursor;
  // empty until a batch that carried one was applied.
  const std::string& source_database_id() const { return source_database_id_; }

  // Applies the changes of `batch` above cursor() and stores the new cursor,
  // in one transaction. On error the transaction is rolled back and cursor()
  // is the last committed one. A batch far behind its head_sequence starts a
  // bulk load (read_model_schema.h: CreateSecondaryIndexes), which a batch
  // near its head ends. During a bulk load the transaction stays open for
  // the next batches (bulk_load.h: KeepBulkLoadTransactionOpen); the batches that
  // start and end the bulk load, a batch with nothing new (a heartbeat) and
  // the destructor commit it. The cursor is always stored in the
  // transaction of the changes it covers, so a crash loses uncommitted
  // batches with their cursor and the replica fetches them again: nothing
  // is lost or applied twice. Readers see the replica as of the last commit.
  absl::Status Apply(const v1::WatchChangesResponse& batch);

 private:
  explicit ReplicaWriter(std::unique_ptr<sqlite::Database> db);
  // Reads the cursor, the source database id, the bulk-load flag and the
  // highest ids from the opened replica.
  absl::Status ReadState();
  // Prepares the statements and the row buffers of the writing connection.
  absl::Status Prepare();
  // Writes the buffered rows, the cursor and the staged full-text rows, ends
  // the bulk load when `end_bulk_load`, and commits the open transaction.
  absl::Status CommitTransaction(bool end_bulk_load);
  // Rolls the open transaction back and returns `status`.
  absl::Status Abandon(absl::Status status);
  sqlite::Statement& st(ReplicaStatement id) { return (*statements_)[id]; }

  absl::Status ApplyChange(const v1::Change& change);
  absl::Status UpsertReport(const std::string& name, const v1::Report& report);
  absl::Status DeleteReport(const std::string& name);
  absl::Status UpsertEvent(const std::string& name, const v1::Event& event);
  // Writes the participants and provenance of event `id`, new (`fresh`:
  // nothing to replace) or known.
  absl::Status WriteEventRows(int64_t id, const v1::Event& event, bool fresh);
  absl::Status DeleteEvent(const std::string& name);
  absl::Status UpsertEntity(const std::string& name, const v1::Entity& entity);
  absl::Status DeleteEntity(const std::string& name);

  // Deletes the participants and provenance of event `id`.
  absl::Status DeleteEventRows(int64_t id);

  // Writes the participant, provenance and staged full-text rows kept in
  // their buffers (RowBuffer: many rows to a statement). They are written
  // before anything reads or deletes such rows, and at the end of the
  // batch. ClearRows drops them, and the buffered summary counts, when a
  // batch fails.
  absl::Status FlushRows();
  void ClearRows();

  // Stages the full-text row of event `id` (its summary and the report text
  // its provenance points at). `replace`: the full-text table may already
  // hold a row for the event.
  absl::Status IndexEventText(int64_t id, const v1::Event& event, bool replace);
  // Starts a bulk load (dropping the secondary indexes) or ends it (building
  // them), in the current transaction.
  absl::Status SetBulkLoad(bool on);
  // Re-indexes the events whose provenance names `report`.
  absl::Status ReindexEventsOf(const std::string& report);

  std::unique_ptr<sqlite::Database> db_;
  std::optional<ReplicaStatements> statements_;
  std::unique_ptr<RowBuffer> participants_;
  std::unique_ptr<RowBuffer> provenance_;
  // The reports named by the rows in provenance_ (see ReindexEventsOf).
  absl::flat_hash_set<std::string> provenance_reports_;
  // Events inserted in the current batch and not yet in the summaries.
  std::unique_ptr<NewEventCounts> new_event_counts_;
  std::unique_ptr<EventTextStaging> text_;
  std::unique_ptr<ReportBodyCache> bodies_;
  int64_t cursor_ = 0;
  int64_t committed_cursor_ = 0;
  std::string source_database_id_;
  std::string committed_source_database_id_;
  // The open transaction (a bulk load keeps it over several batches), when
  // it began and how many changes it holds.
  std::unique_ptr<sqlite::Transaction> transaction_;
  absl::Time transaction_start_;
  int64_t transaction_changes_ = 0;
  // The highest event id this writer has seen in the table; ids above it
  // are new events (see UpsertEvent).
  int64_t highest_event_id_ = 0;
  // The same for entities (see UpsertEntity).
  int64_t highest_entity_id_ = 0;
  // Whether the secondary indexes are dropped for a bulk load.
  bool bulk_load_ = false;
  bool committed_bulk_load_ = false;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_REPLICA_WRITER_H_

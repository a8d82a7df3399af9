// The full-text rows (event_text; read_model_schema.h) a batch changes,
// staged in a temporary table and written last, in two statements.
//
// FTS5 flushes its pending terms to a new on-disk segment whenever a
// statement opens a savepoint in a transaction that has written to it, and
// most writing statements do. Full-text rows written one by one among the
// other statements of a batch would make one segment per event, and merging
// those segments grows with the index: catch-up would slow down as the
// replica grows. Staged and written at the end, a batch makes one segment.
//
// Not thread-safe.
#ifndef CIVICWATCH_SERVICES_QUERY_EVENT_TEXT_STAGING_H_
#define CIVICWATCH_SERVICES_QUERY_EVENT_TEXT_STAGING_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/sqlite.h"
#include "services/query/row_buffer.h"

namespace civicwatch::query {

// An event's full-text columns.
struct EventText {
  absl::string_view summary;
  // The report text its provenance points at.
  absl::string_view source;
};

class EventTextStaging {
 public:
  // Creates the staging table (temporary: private to `db`'s connection) and
  // prepares its statements; `db` must outlive the result.
  static absl::StatusOr<std::unique_ptr<EventTextStaging>> Create(sqlite::Database& db);

  // Empties the staging table; called when a transaction begins.
  absl::Status Begin();

  // Stages the full-text row of event `id`, or its deletion when `text` is
  // nullopt. `replace`: the full-text table may already hold a row for the
  // event. A second staging of one event keeps the first one's `replace`.
  void Stage(int64_t id, std::optional<EventText> text, bool replace);

  // Writes the staged rows into the staging table.
  absl::Status FlushRows() { return pending_->Flush(); }

  // Applies what the batch staged to the full-text table.
  absl::Status Apply();

  // Drops the rows not yet in the staging table (the batch failed).
  void Clear() { pending_->Clear(); }

 private:
  EventTextStaging(std::unique_ptr<RowBuffer> pending, sqlite::Statement clear,
                   sqlite::Statement delete_replaced, sqlite::Statement insert_staged);

  std::unique_ptr<RowBuffer> pending_;
  sqlite::Statement clear_;
  sqlite::Statement delete_replaced_;
  sqlite::Statement insert_staged_;
  // Whether anything was staged since Begin.
  bool staged_ = false;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_EVENT_TEXT_STAGING_H_

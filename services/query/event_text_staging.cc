#include "services/query/event_text_staging.h"

#include <utility>

#include "services/query/replica_statements.h"

namespace civicwatch::query {

absl::StatusOr<std::unique_ptr<EventTextStaging>> EventTextStaging::Create(
    sqlite::Database& db) {
  if (absl::Status s = db.Exec(
          "CREATE TEMP TABLE IF NOT EXISTS pending_text("
          "id INTEGER PRIMARY KEY, summary TEXT, source TEXT, replace INTEGER NOT NULL)");
      !s.ok()) {
    return s;
  }
  auto pending = RowBuffer::Create(
      db, "INSERT INTO temp.pending_text(id, summary, source, replace)", 4,
      " ON CONFLICT(id) DO UPDATE SET summary = excluded.summary, source = excluded.source");
  if (!pending.ok()) return pending.status();
  auto clear = db.Prepare("DELETE FROM temp.pending_text");
  if (!clear.ok()) return clear.status();
  auto delete_replaced = db.Prepare(
      "DELETE FROM event_text WHERE rowid IN (SELECT id FROM temp.pending_text WHERE replace)");
  if (!delete_replaced.ok()) return delete_replaced.status();
  auto insert_staged = db.Prepare(
      "INSERT INTO event_text(rowid, summary, source)"
      " SELECT id, summary, source FROM temp.pending_text WHERE summary IS NOT NULL");
  if (!insert_staged.ok()) return insert_staged.status();
  return std::unique_ptr<EventTextStaging>(
      new EventTextStaging(std::move(*pending), std::move(*clear), std::move(*delete_replaced),
                           std::move(*insert_staged)));
}

EventTextStaging::EventTextStaging(std::unique_ptr<RowBuffer> pending, sqlite::Statement clear,
                                   sqlite::Statement delete_replaced,
                                   sqlite::Statement insert_staged)
    : pending_(std::move(pending)),
      clear_(std::move(clear)),
      delete_replaced_(std::move(delete_replaced)),
      insert_staged_(std::move(insert_staged)) {}

absl::Status EventTextStaging::Begin() {
  staged_ = false;
  return RunOnce(clear_);
}

void EventTextStaging::Stage(int64_t id, std::optional<EventText> text, bool replace) {
  pending_->Add(id);
  if (text.has_value()) {
    pending_->Add(text->summary).Add(text->source);
  } else {
    pending_->AddNull().AddNull();
  }
  pending_->Add(int64_t{replace ? 1 : 0});
  staged_ = true;
}

absl::Status EventTextStaging::Apply() {
  if (!staged_) return absl::OkStatus();
  if (absl::Status s = FlushRows(); !s.ok()) return s;
  if (absl::Status s = RunOnce(delete_replaced_); !s.ok()) return s;
  return RunOnce(insert_staged_);
}

}  // namespace civicwatch::query

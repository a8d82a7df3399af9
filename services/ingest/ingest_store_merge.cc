// IngestStore::MergeEvents and SplitEvent (ingest_store.h): a person's
// merge and split of incidents, each in one transaction.
#include "absl/time/clock.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_edits.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

absl::Status IngestStore::EditIncidents(
    const std::function<absl::Status(sqlite::Database&, ChangeWriter&)>& edit) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  ChangeWriter writer(db, absl::Now(), options_.match_incidents);
  if (absl::Status s = edit(db, writer); !s.ok()) return s;
  return CommitAndPublish(tx, writer);
}

absl::StatusOr<IngestStore::ReviewedEvent> IngestStore::MergeEvents(
    const std::string& name, const std::vector<std::string>& folded, const std::string& etag,
    const IncidentEditor& editor) {
  absl::StatusOr<EditedIncident> merged;
  absl::Status done = EditIncidents([&](sqlite::Database& db, ChangeWriter& writer) {
    merged = MergeIncidents(db, writer, name, folded, etag, editor);
    return merged.status();
  });
  if (!done.ok()) return done;
  return ReviewedEvent{std::move(merged->event), std::move(merged->revision)};
}

absl::StatusOr<IngestStore::SplitEvents> IngestStore::SplitEvent(
    const std::string& name, const std::vector<v1::Provenance>& mentions, const std::string& etag,
    const IncidentEditor& editor) {
  absl::StatusOr<EditedIncident> split;
  absl::Status done = EditIncidents([&](sqlite::Database& db, ChangeWriter& writer) {
    split = SplitIncident(db, writer, name, mentions, etag, editor);
    return split.status();
  });
  if (!done.ok()) return done;
  return SplitEvents{std::move(split->event), std::move(split->new_event), std::move(split->revision)};
}

}  // namespace civicwatch::ingest

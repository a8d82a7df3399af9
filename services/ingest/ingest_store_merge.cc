// IngestStore::MergeEvents and SplitEvent (ingest_store.h): a person's
// merge and split of incidents, each in one transaction.
#include "absl/time/clock.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_edits.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

absl::StatusOr<IngestStore::ReviewedEvent> IngestStore::MergeEvents(
    const std::string& name, const std::vector<std::string>& folded, const std::string& etag,
    const IncidentEditor& editor) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  ChangeWriter writer(db, absl::Now(), options_.match_incidents);
  auto merged = MergeIncidents(db, writer, name, folded, etag, editor);
  if (!merged.ok()) return merged.status();
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return ReviewedEvent{std::move(merged->event), std::move(merged->revision)};
}

absl::StatusOr<IngestStore::SplitEvents> IngestStore::SplitEvent(
    const std::string& name, const std::vector<v1::Provenance>& mentions, const std::string& etag,
    const IncidentEditor& editor) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  ChangeWriter writer(db, absl::Now(), options_.match_incidents);
  auto split = SplitIncident(db, writer, name, mentions, etag, editor);
  if (!split.ok()) return split.status();
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return SplitEvents{std::move(split->event), std::move(split->new_event),
                     std::move(split->revision)};
}

}  // namespace civicwatch::ingest

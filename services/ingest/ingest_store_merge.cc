// IngestStore::MergeEvents and SplitEvent (ingest_store.h): a person's
// merge and split of incidents, each in one transaction.
#include "absl/time/clock.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_edits.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

absl::StatusOr<EditedIncident> IngestStore::EditIncidents(
    const std::function<absl::StatusOr<EditedIncident>(sqlite::Database&, ChangeWriter&)>& edit) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  ChangeWriter writer(db, absl::Now(), index_.get());
  absl::StatusOr<EditedIncident> edited = edit(db, writer);
  if (!edited.ok()) return edited.status();
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return edited;
}

absl::StatusOr<EditedIncident> IngestStore::MergeEvents(
    const std::string& name, const std::vector<std::string>& folded, const std::string& etag,
    const IncidentEditor& editor) {
  return EditIncidents([&](auto& db, auto& w) { return MergeIncidents(db, w, name, folded, etag, editor); });
}

absl::StatusOr<EditedIncident> IngestStore::SplitEvent(
    const std::string& name, const std::vector<v1::Provenance>& mentions, const std::string& etag,
    const IncidentEditor& editor) {
  return EditIncidents([&](auto& db, auto& w) { return SplitIncident(db, w, name, mentions, etag, editor); });
}

}  // namespace civicwatch::ingest

// ChangeWriter's imports of structured records (change_writer.h,
// PutImportedEvent): the record kept as a source of its incident
// (record_sources.h), and a new record taking in the incident of reports
// that tells the same act.
#include <algorithm>
#include <utility>

#include "services/common/proto_time.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/event_names.h"
#include "services/ingest/incident_reading.h"
#include "services/ingest/person_layer_store.h"
#include "services/ingest/record_sources.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

// What of `event` changes only when it is written.
std::string ContentOf(v1::Event event) {
  event.clear_create_time();
  event.clear_update_time();
  event.clear_etag();
  return event.SerializeAsString();
}

// Whether `record` is stored as it is, with the same source and external
// id.
absl::StatusOr<bool> SameRecordStored(sqlite::Database& db, const std::string& source,
                                      const std::string& external_id, const v1::Event& record) {
  auto st = db.Prepare(
      "SELECT 1 FROM imported_records WHERE event_id = ? AND source = ? AND external_id = ? "
      "AND record = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, EventIdOf(record.name()))
      .Bind(2, source)
      .Bind(3, external_id)
      .BindBlob(4, record.SerializeAsString());
  return st->Step();
}

}  // namespace

absl::StatusOr<bool> ChangeWriter::FoldableIntoRecord(const std::string& event_id) {
  auto told = Exists("SELECT 1 FROM event_mentions WHERE event_id = ? LIMIT 1", event_id);
  if (!told.ok()) return told.status();
  if (!*told) return false;
  auto holds = Exists("SELECT 1 FROM imported_records WHERE event_id = ?", event_id);
  if (!holds.ok()) return holds.status();
  return !*holds;
}

absl::Status ChangeWriter::FoldIntoRecord(const v1::Event& incident, v1::Event& record_event) {
  const std::string from = EventIdOf(incident.name());
  const std::string to = EventIdOf(record_event.name());
  // What a person decided about the incident (its review, its
  // corrections) stays with it, unless the record's event has a person's
  // layer of its own.
  auto own = LoadPersonLayer(db_, to);
  if (!own.ok()) return own.status();
  if (!*own) {
    auto layer = LoadPersonLayer(db_, from);
    if (!layer.ok()) return layer.status();
    if (*layer) {
      (*layer)->event_id = to;
      if (absl::Status s = SavePersonLayer(db_, **layer); !s.ok()) return s;
    }
  }
  // The reports' rows move; the incident's candidate pairs become the
  // record's event's (DeleteEvent drops those it already has).
  for (const char* sql : {"UPDATE event_sources SET event_id = ?1 WHERE event_id = ?2",
                          "UPDATE event_mentions SET event_id = ?1 WHERE event_id = ?2",
                          "UPDATE OR IGNORE merge_candidates SET event_id = ?1 WHERE event_id = ?2",
                          "UPDATE OR IGNORE merge_candidates SET other_event_id = ?1 "
                          "WHERE other_event_id = ?2"}) {
    auto st = db_.Prepare(sql);
    if (!st.ok()) return st.status();
    if (absl::Status s = st->Bind(1, to).Bind(2, from).Run(); !s.ok()) return s;
  }
  for (const v1::Provenance& p : incident.provenance()) *record_event.add_provenance() = p;
  record_event.set_confidentiality(
      std::min(record_event.confidentiality(), incident.confidentiality()));
  return DeleteEvent(from);
}

absl::StatusOr<ChangeWriter::ImportOutcome> ChangeWriter::PutImportedEvent(
    const v1::Event& record, const std::string& source, const std::string& external_id) {
  const std::string id = EventIdOf(record.name());
  auto same = SameRecordStored(db_, source, external_id, record);
  if (!same.ok()) return same.status();
  if (!*same) {
    if (absl::Status s = SaveRecord(db_, source, external_id, record); !s.ok()) return s;
  }
  v1::Event stored;
  auto have = LoadProto(db_, "SELECT event FROM events WHERE id = ?", id, stored);
  if (!have.ok()) return have.status();
  ImportOutcome outcome = ImportOutcome::kCreated;
  v1::Event event;
  if (*have) {
    // Stored again, it keeps the reports that joined it.
    event = stored;
    auto least = LeastConfidentialSource(event);
    if (!least.ok()) return least.status();
    event.set_confidentiality(*least);
    outcome = ImportOutcome::kUpdated;
  } else {
    event = record;
    *event.mutable_create_time() = ToTimestamp(now_);
    if (index_ != nullptr) {
      std::optional<Scored> best;
      std::vector<Scored> unsure;
      if (absl::Status s =
              ScoreIndexedIncidents(record, "", Teller::kRecord, {}, &best, &unsure);
          !s.ok()) {
        return s;
      }
      if (best) {
        if (absl::Status s = FoldIntoRecord(best->incident, event); !s.ok()) return s;
      }
    }
  }
  auto mentions = LoadMentions(db_, id);
  if (!mentions.ok()) return mentions.status();
  auto read = Reread(db_, std::move(event), *mentions);
  if (!read.ok()) return read.status();
  if (*have && ContentOf(*read) == ContentOf(stored)) return ImportOutcome::kUnchanged;
  *read->mutable_update_time() = ToTimestamp(now_);
  if (absl::Status s = StoreEvent(*read); !s.ok()) return s;
  return outcome;
}

}  // namespace civicwatch::ingest

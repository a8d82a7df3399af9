// The writes of one ingest transaction, each paired with its change-log
// row. IngestStore opens the transaction, uses a ChangeWriter for every
// change inside it, and commits; nothing here commits or rolls back the
// database (the writer only undoes its changes to the in-memory incident
// index when the transaction did not commit).
//
// Events told by several reports are one event (an incident): an incoming
// event that the matcher (incident_matching.h) finds to be a telling of a
// stored incident of another report gains a provenance entry and a mention
// (table event_mentions) instead of becoming a new event, and the
// incident's fields become the best reading of all its mentions. Pairs the
// matcher is unsure of are stored in merge_candidates, not merged. An
// imported record is a source of its incident too, one that no report's
// withdrawal takes away and whose fields stand (record_sources.h).
#ifndef CIVICWATCH_SERVICES_INGEST_CHANGE_WRITER_H_
#define CIVICWATCH_SERVICES_INGEST_CHANGE_WRITER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "civicwatch/v1/feed.pb.h"
#include "civicwatch/v1/ingest.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/incident_index.h"
#include "services/ingest/incident_keys.h"
#include "services/ingest/incident_matching.h"
#include "services/ingest/person_layer_store.h"

namespace civicwatch::ingest {

// The ingest database's schema (idempotent CREATE ... IF NOT EXISTS).
extern const char kIngestSchema[];

// The version of kIngestSchema, stored in meta("schema_version") and in
// snapshots; a snapshot of another version is not restored.
inline constexpr int kIngestSchemaVersion = 1;

// The etag of an event: a digest of everything in it but the etag, so it
// changes whenever the event does.
std::string EtagOf(const v1::Event& event);

class ChangeWriter {
 public:
  // `db` must be inside an open transaction for the writer's lifetime, and
  // the writer is the only one in it. Every change is stamped `now`.
  // `index` is the store's incident index (incident_index.h), which the
  // writer keeps in step with every event it writes or deletes; nullptr
  // when the store keeps none (IngestStoreOptions.match_incidents false):
  // events are then not matched. The index's changes are undone when the
  // writer goes unless Committed() was called, so that the index follows
  // the transaction. `statements` (a cache of `db`'s, kept by its owner
  // across transactions) saves preparing the statements every event
  // repeats once per transaction; without it the writer keeps its own.
  // The writer resets them all when it goes.
  ChangeWriter(sqlite::Database& db, absl::Time now, IncidentIndex* index,
               StatementCache* statements = nullptr)
      : db_(db),
        now_(now),
        index_(index),
        own_statements_(db),
        statements_(statements != nullptr ? *statements : own_statements_) {}
  ~ChangeWriter() {
    if (index_ != nullptr) index_->Rollback();
    statements_.ResetAll();
  }
  ChangeWriter(const ChangeWriter&) = delete;
  ChangeWriter& operator=(const ChangeWriter&) = delete;

  // Creates the entity, or merges its names and titles into the stored
  // one. Appends an UPSERT change only when something changed.
  absl::Status PutEntity(const v1::Entity& incoming, const std::string& default_country);

  // Deletes report `report_id` (a superseded version): its own events are
  // deleted, events it shares with other reports or with an imported
  // record lose its provenance and its mention, and are read again from
  // the mentions left and the record (a person's layer anchored in it
  // moves to the next report that tells the event, or to none when only
  // the record is left). Events a person touched that only this report tells are left
  // as they are, and their layers returned: the caller carries them over
  // to the new version (person_layer_carrier.h).
  absl::StatusOr<std::vector<AnchoredLayer>> RemoveReport(const std::string& report_id);

  // What DetachEvents left to the caller.
  struct DetachedEvents {
    // The layers of the events a person touched that only this report
    // tells (their rows stay): the caller carries them over.
    std::vector<AnchoredLayer> layers;
    // The report's own events, deleted, as they were.
    std::vector<v1::Event> deleted;
  };

  // Detaches every event of report `report_id` from it, keeping the
  // report: as RemoveReport does for its events (events shared with other
  // reports lose its provenance, its own events are deleted, a person's
  // events are left for the caller), for a report whose events are about
  // to be rebuilt from its own text. With `announce_deletions` false the
  // deleted events get no DELETE change: the caller announces the ones it
  // does not store again (AnnounceEventDeletion).
  absl::StatusOr<DetachedEvents> DetachEvents(const std::string& report_id,
                                              bool announce_deletions);

  // Rewrites stored report `report_id` and the answer kept for it; its
  // change is appended when `report_changed`.
  absl::Status UpdateReport(const v1::Report& report, const std::string& report_id,
                            const v1::CreateReportResponse& response, bool report_changed);

  // Appends the DELETE change of an event whose row is already gone.
  absl::Status AnnounceEventDeletion(const std::string& event_name);

  // Stores a new report and the answer given for it.
  absl::Status PutReport(const v1::Report& report, const std::string& report_id,
                         const v1::CreateReportResponse& response);

  // Stores `event` (name, provenance and confidentiality set) as a new
  // event of report `report_id`, or merges it into the best-matching
  // incident of another report (unless `may_merge` is false: a person's
  // event keeps its own name). Candidates are looked up in the incident
  // index (IncidentIndex::Find): the incidents with a person, body or
  // place in common, in the same country, a date nested with the event's
  // (its own date and the finer dates inside it, and the month and year
  // that hold it) and the categories that can tell the same act. A merge
  // re-reads the incident's fields from all its mentions (BestReading), a
  // person's layer back on top; uncertain pairs are recorded in
  // merge_candidates. Returns the event as stored.
  absl::StatusOr<v1::Event> PutEvent(const v1::Event& event, const std::string& report_id,
                                     bool may_merge = true);

  // PutEvent for each of `events`, the report's events in order; an event
  // whose `keeps_name` is set (a person's layer holds its name) is never
  // merged. Returns them as stored.
  absl::StatusOr<std::vector<v1::Event>> PutEvents(const std::vector<v1::Event>& events,
                                                   const std::string& report_id,
                                                   const std::vector<bool>& keeps_name);

  // What PutImportedEvent did.
  enum class ImportOutcome { kCreated, kUpdated, kUnchanged };

  // Stores `record`, the event a structured record made under its fixed
  // name (IncidentFromRecord), with its `source` and `external_id`, as a
  // source of its incident (record_sources.h): new, changed (create_time
  // kept, update_time now), or the same as stored (nothing written).
  // Stored again, the incident keeps the reports that joined it: the
  // record's fields with what their mentions add (ReadWithRecord), at the
  // least confidential level of the record and the reports. A new record
  // that the matcher merges with a stored incident of reports (the best
  // score; ties: the lowest name; found as PutEvent finds them, leaving
  // out other records' events and events no report's mention tells) takes
  // that incident in: its mentions, sources, provenance and merge
  // candidates move to the record's event, and its person's layer too when
  // the record's event has none; it is deleted, with its DELETE change. A
  // person's layer of the record's event is applied on top.
  absl::StatusOr<ImportOutcome> PutImportedEvent(const v1::Event& record,
                                                 const std::string& source,
                                                 const std::string& external_id);

  // Writes `event` (all fields set as it should be stored) with its new
  // etag, and its change.
  absl::Status StoreEvent(v1::Event& event);

  // Stores `revision` of event `event_id` (without "events/"), stamped now
  // and named, and its change.
  absl::Status PutRevision(const std::string& event_id, v1::EventRevision& revision);

  // Keeps the writer's changes to the incident index: call once the
  // transaction has committed.
  void Committed() {
    if (index_ != nullptr) index_->Commit();
  }

  // The time every change of this writer is stamped with.
  absl::Time now() const { return now_; }

  // The highest sequence written so far (0 for an empty log).
  absl::StatusOr<int64_t> HeadSequence();

  // Deletes event `event_id` (without "events/") with its filing, mentions,
  // sources, merge candidates and person's layer, and appends its DELETE
  // change. Its revisions stay.
  absl::Status DeleteEvent(const std::string& event_id);

 private:
  // The first of `event_ids` (a person's decision, DecisionsFor) that is
  // stored and not told by report `report_id`.
  absl::StatusOr<std::optional<v1::Event>> PersonsIncident(const std::vector<std::string>& event_ids,
                                                           const std::string& report_id);
  // Whether `sql` (its parameters `a` and, if given, `b`; prepared once)
  // returns a row.
  absl::StatusOr<bool> Exists(const std::string& sql, const std::string& a,
                              const std::optional<std::string>& b = std::nullopt);
  // Folds incident `incident` (of reports, found by the matcher) into
  // `record_event`, the new event of an imported record (record_import.cc):
  // see PutImportedEvent.
  absl::Status FoldIntoRecord(const v1::Event& incident, v1::Event& record_event);
  // Whether a new record may take in event `event_id`: a report's mention
  // tells it and it holds no record.
  absl::StatusOr<bool> FoldableIntoRecord(const std::string& event_id);
  absl::Status Append(v1::ChangeType type, const std::string& resource_name,
                      const google::protobuf::Message* resource);
  absl::StatusOr<v1::Confidentiality> LeastConfidentialSource(const v1::Event& event);
  // The rowid and filing of an events row.
  struct Filed {
    int64_t rowid = 0;
    IncidentFiling filing;
  };
  // A stored incident a new mention was compared with.
  struct Scored {
    v1::Event incident;
    MatchResult match;
    // The incident's row, when it was found through the index.
    std::optional<Filed> row;
  };
  // Who tells the event ScoreIndexedIncidents scores.
  enum class Teller { kReport, kRecord };
  // Scores `event` against the stored incidents the index finds for it
  // (incident_candidates.cc): sets *best to the one it merges with (the
  // best score; ties: the lowest name) unless *best is already set, and
  // appends the candidates. Leaves out those in `apart` (a person split
  // them from it); for a report's event, incidents told by `report_id`;
  // for a record's, the events of records and those no report's mention
  // tells.
  absl::Status ScoreIndexedIncidents(const v1::Event& event, const std::string& report_id,
                                     Teller teller, const absl::flat_hash_set<std::string>& apart,
                                     std::optional<Scored>* best, std::vector<Scored>* candidates);
  // StoreEvent, for an event whose stored row is `known` when the caller
  // has just read it (nullptr: not known, perhaps none).
  absl::Status WriteEvent(v1::Event& event, const Filed* known);
  // The rowid and filing of event `event_id`'s row; nullopt when it has
  // none.
  absl::StatusOr<std::optional<Filed>> FiledAs(const std::string& event_id);
  // Takes event `event_id` out of the index (when there is one), before
  // its row is deleted.
  absl::Status Unfile(const std::string& event_id);

  sqlite::Database& db_;
  const absl::Time now_;
  IncidentIndex* const index_;
  // The statements every event repeats: the owner's, or own_statements_,
  // prepared once per transaction.
  StatementCache own_statements_;
  StatementCache& statements_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_CHANGE_WRITER_H_

// The ingest store: civicwatch's source of truth and its change log.
//
// Reports, events and entities live in one SQLite database (WAL mode,
// synchronous=FULL). Every write happens in one transaction that also
// appends one change-log row per changed resource, so the log and the data
// can never disagree; the change log's rowid is the feed's sequence number.
//
// Thread-safety: all methods may be called from any thread. Writes are
// serialised on one connection behind a mutex; reads open their own
// short-lived connection, so they never wait for a writer (WAL).
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_STORE_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "civicwatch/v1/admin.pb.h"
#include "civicwatch/v1/feed.pb.h"
#include "civicwatch/v1/ingest.pb.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/sqlite.h"
#include "services/ingest/incident_index.h"
#include "services/ingest/incident_record.h"
#include "services/ingest/statement_cache.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::ingest {

// The id (without "events/") of the event the normaliser made at
// `position` of the events of report `report_id` (without "reports/").
std::string MachineEventId(const std::string& report_id, size_t position);

// The normaliser's events of `report` (name, country_code and
// confidentiality set) ready to store: named by MachineEventId, with the
// report's country where they have none, their provenance in the report,
// SUGGESTED, created and updated `now`.
std::vector<v1::Event> MachineEvents(const v1::Report& report,
                                     const normalize::NormalizedReport& normalized,
                                     absl::Time now);

struct IncidentEditor;  // incident_edits.h
struct EditedIncident;  // incident_edits.h

// How an IngestStore writes.
struct IngestStoreOptions {
  // Whether an incoming event is matched against the stored incidents of
  // other reports (ChangeWriter::PutEvent) and merged into the one it
  // tells. false: every event is an incident of its own, with no candidate
  // lookup, no look-up of a person's merges and splits and no incident
  // index in memory; only for measuring what matching costs
  // (ingest_benchmark).
  bool match_incidents = true;
};

class IngestStore {
 public:
  // Opens (creating if needed) data_dir/ingest.db and its schema, and
  // with matching on builds the incident index (incident_index.h) from
  // the stored events, by one scan of the events table.
  // Errors: UNAVAILABLE when the folder or file cannot be created, opened
  // or written.
  static absl::StatusOr<std::unique_ptr<IngestStore>> Open(
      const std::string& data_dir, const IngestStoreOptions& options = {});

  // Makes data_dir/ingest.db from the snapshot file `snapshot_file` (a
  // backup taken with BackupDatabase), after checking its checksum, size,
  // integrity and schema version, and gives it a new database identity:
  // the restored store goes back in time, so followers must not take its
  // sequences for the ones they saw. Refuses (FAILED_PRECONDITION naming
  // it) a data_dir that exists and is not empty. Returns the snapshot's
  // metadata (with the old identity).
  static absl::StatusOr<v1::SnapshotMetadata> Restore(const std::string& snapshot_file,
                                                      const std::string& data_dir);

  // How snapshots of the ingest database are described and checked.
  static snapshot::DatabaseProfile SnapshotProfile();

  // A consistent copy of the database as of now, in `tmp_dir`, taken while
  // writes go on. Errors as snapshot::TakeSnapshot.
  absl::StatusOr<std::unique_ptr<snapshot::TakenSnapshot>> TakeSnapshot(
      const std::string& tmp_dir);

  // The database's identity: a random id made when the database was
  // created, renewed by Restore().
  const std::string& database_id() const { return database_id_; }

  // Stores `report` (already validated; body set) with what the normaliser
  // read from it, all in one transaction, and returns the answer for the
  // client. If the same body, or the same non-empty request_id, was stored
  // before, returns the answer given then and writes nothing. A report with
  // the same non-empty source_uri as a stored one supersedes it: the old
  // report and its events are deleted, in the same transaction.
  // A report made from a document has `report.original` set (media type,
  // encoding, SHA-256, size; no content) and the document's bytes in
  // `original_content`, stored beside it (original_store.h).
  // Errors: INVALID_ARGUMENT (field "request_id") when the request_id was
  // used for a different body; UNAVAILABLE or RESOURCE_EXHAUSTED when the
  // database cannot be written (nothing is written then).
  absl::StatusOr<v1::CreateReportResponse> CreateReport(
      const v1::Report& report, const std::string& request_id,
      const normalize::NormalizedReport& normalized, absl::string_view original_content = {});

  // Stores structured incident records (validated, their events' ids
  // fixed by their source and external id) with their entities, in one
  // transaction, each kept as a source of its incident
  // (ChangeWriter::PutImportedEvent): a new record takes in the incident
  // of reports it matches, and reports that joined a record's incident
  // stay when it is imported again. Returns how many were created,
  // updated and unchanged.
  // Errors: UNAVAILABLE or RESOURCE_EXHAUSTED when the database cannot be
  // written (nothing is written then).
  struct ImportCounts {
    int64_t created = 0;
    int64_t updated = 0;
    int64_t unchanged = 0;
  };
  absl::StatusOr<ImportCounts> ImportIncidents(const std::vector<ImportedIncident>& incidents);

  // Review: a person's decisions about events (person_layer.h), each in
  // one transaction with the event's change, its revision and the
  // revision's change; `principal` is who made it. `etag` (when not empty)
  // must be the event's current etag: ABORTED otherwise, nothing written.
  // NOT_FOUND for an event that does not exist.
  //
  // Each returns the event as stored and the name of its new revision.
  struct ReviewedEvent {
    v1::Event event;
    std::string revision;
  };
  //
  // UpdateEvent sets the fields `paths` (validated by ValidateUpdateMask)
  // of event `event.name()` to their values in `event`; INVALID_ARGUMENT
  // naming the field when the result is not a valid event. Participants
  // are resolved to entities as an imported record's are. Changing the
  // confidentiality needs the caller to see both levels: `highest_level`
  // is the most confidential level it sees (PUBLIC without
  // query.restricted); past it, PERMISSION_DENIED naming
  // "event.confidentiality" and the scope. An event stored above
  // `highest_level` is NOT_FOUND when confidential (the caller may not
  // know it exists) and PERMISSION_DENIED naming query.restricted when
  // restricted (it may not see its persons).
  absl::StatusOr<ReviewedEvent> UpdateEvent(const v1::Event& event,
                                            const std::vector<std::string>& paths,
                                            const std::string& comment,
                                            const std::string& principal,
                                            v1::Confidentiality highest_level);

  // What a person found an event to be. An event above `highest_level` is
  // answered as by UpdateEvent.
  enum class Verdict { kConfirm, kReject };
  absl::StatusOr<ReviewedEvent> ReviewEvent(const std::string& name, const std::string& etag,
                                        Verdict verdict, const std::string& comment,
                                        const std::string& principal,
                                        v1::Confidentiality highest_level);

  // Adds a CURATED event from `event` (provenance: exactly one entry,
  // checked against the report's body; other fields as an imported
  // record's). INVALID_ARGUMENT naming the field; NOT_FOUND for the
  // report; ALREADY_EXISTS for a second curated event on the same span.
  absl::StatusOr<ReviewedEvent> CreateEvent(v1::Event event, const std::string& comment,
                                        const std::string& principal);

  // A person's merge and split of incidents (incident_edits.h), each in
  // one transaction with its changes and revisions; `editor` is who acts,
  // why, and what they may see. MergeEvents folds `folded` into `name` and
  // returns it as stored; SplitEvent moves `mentions` of `name` out and
  // returns it and the new event (EditedIncident::new_event). Errors as
  // MergeIncidents and SplitIncident; nothing is written on any.
  absl::StatusOr<EditedIncident> MergeEvents(const std::string& name,
                                             const std::vector<std::string>& folded,
                                             const std::string& etag,
                                             const IncidentEditor& editor);
  absl::StatusOr<EditedIncident> SplitEvent(const std::string& name,
                                            const std::vector<v1::Provenance>& mentions,
                                            const std::string& etag,
                                            const IncidentEditor& editor);

  // Revisions of event `name` with ids above `after_id`, oldest first, at
  // most `limit`. NOT_FOUND when the event has none and does not exist;
  // an event above `highest_level` is answered as by UpdateEvent.
  absl::StatusOr<std::vector<v1::EventRevision>> ListEventRevisions(const std::string& name,
                                                                    int64_t after_id, int limit,
                                                                    v1::Confidentiality highest_level);

  // The stored report "reports/{id}" with its body, and the bytes of its
  // original document when `with_original_content`. NOT_FOUND if absent.
  absl::StatusOr<v1::Report> GetReport(const std::string& name,
                                       bool with_original_content = false);

  // A page of reports, newest first, without bodies; confidential reports
  // only when `include_confidential` (they are then left out of
  // total_size too). `after_key` is the last key of the previous page (""
  // for the first); the returned `next_key` is empty on the last page.
  struct ReportPage {
    std::vector<v1::Report> reports;
    std::string next_key;
    int64_t total_size = 0;
  };
  absl::StatusOr<ReportPage> ListReports(const std::string& country_code,
                                         bool include_confidential, int page_size,
                                         const std::string& after_key);

  // The pairs of events the incident matcher left for a person
  // (merge_candidates), ordered by (event, other_event), after the pair
  // `after` ({"", ""} for the first page); at most `limit`. Pairs with a
  // confidential event only when `include_confidential`.
  struct CandidateKey {
    std::string event_id;
    std::string other_event_id;
  };
  absl::StatusOr<std::vector<v1::MergeCandidate>> ListMergeCandidates(
      const CandidateKey& after, bool include_confidential, int limit);

  // Up to `max_changes` changes with sequence > after_sequence, in order.
  absl::StatusOr<std::vector<v1::Change>> ReadChanges(int64_t after_sequence, int max_changes);

  // Re-normalisation jobs (admin.proto Renormalization), one row each in
  // table renormalizations; their progress is written in the transaction
  // that rewrites each report, so a job resumes exactly where it stopped.
  //
  // Starts a job over every stored report, started by `principal`.
  // FAILED_PRECONDITION naming the running job while one runs.
  absl::StatusOr<v1::Renormalization> StartRenormalization(const std::string& principal);

  // The job `name` ("renormalizations/{id}" or "renormalizations/latest").
  // NOT_FOUND when there is none.
  absl::StatusOr<v1::Renormalization> GetRenormalization(const std::string& name);

  // The running job, if any.
  absl::StatusOr<std::optional<v1::Renormalization>> RunningRenormalization();

  // The id of the first stored report after `after_id` in id order ("" for
  // the first); nullopt when there is none.
  absl::StatusOr<std::optional<std::string>> NextReportId(const std::string& after_id);

  // In one transaction: rebuilds the machine's events of report
  // `report_id` from `normalized` (the current normaliser's reading of its
  // body), carrying every person's layer over (person_layer_carrier.h),
  // and records the report as done in running job `job_name`, with what
  // changed. A report gone or replaced since it was read (its content hash
  // is not `content_hash`) is only passed over. The report keeps its
  // metadata; its events that are unchanged keep their etags. Returns the
  // job as it is now. FAILED_PRECONDITION when the job is not running.
  absl::StatusOr<v1::Renormalization> RenormalizeReport(
      const std::string& job_name, const std::string& report_id, const std::string& content_hash,
      const normalize::NormalizedReport& normalized);

  // Ends running job `job_name` as `state` (SUCCEEDED or FAILED, with
  // `error`). Returns it.
  absl::StatusOr<v1::Renormalization> EndRenormalization(const std::string& job_name,
                                                         v1::RenormalizationState state,
                                                         const std::string& error);

  // Sizes an operator looks at.
  struct Stats {
    int64_t reports = 0;
    int64_t events = 0;
    int64_t entities = 0;
    int64_t head_sequence = 0;
    int64_t database_bytes = 0;
    // The incident index held in memory (incident_index.h): its entries
    // and bytes (IncidentIndex::MemoryBytes); 0 with matching off.
    int64_t incident_index_entries = 0;
    int64_t incident_index_bytes = 0;
  };
  // Errors: UNAVAILABLE when the database cannot be read.
  absl::StatusOr<Stats> GetStats();

  // The highest committed sequence (0 when the log is empty).
  int64_t HeadSequence();

  // Blocks until the head sequence exceeds `sequence`, `timeout` passes, or
  // Shutdown() is called. Returns the head sequence.
  int64_t WaitForChangesAfter(int64_t sequence, absl::Duration timeout);

  // Wakes every waiter; later waits return at once.
  void Shutdown();

  // True once Shutdown() was called: long-lived readers should end.
  bool IsShuttingDown();

 private:
  IngestStore(std::string db_path, std::unique_ptr<sqlite::Database> writer, int64_t head,
              std::string database_id, IngestStoreOptions options,
              std::unique_ptr<IncidentIndex> index);

  absl::StatusOr<std::unique_ptr<sqlite::Database>> OpenReader();

  // Commits `tx`, keeps `writer`'s changes to the incident index, and
  // publishes the new head sequence of its changes.
  absl::Status CommitAndPublish(sqlite::Transaction& tx, class ChangeWriter& writer)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // Runs a person's edit of incidents in one write transaction, through a
  // change writer; commits and publishes what it wrote only when it
  // succeeds, and returns the edited incident or the edit's error.
  absl::StatusOr<EditedIncident> EditIncidents(
      const std::function<absl::StatusOr<EditedIncident>(sqlite::Database&, class ChangeWriter&)>&
          edit);

  const std::string db_path_;
  const std::string database_id_;
  const IngestStoreOptions options_;
  absl::Mutex write_mu_;
  std::unique_ptr<sqlite::Database> writer_ ABSL_GUARDED_BY(write_mu_);
  // writer_'s statements that ingest repeats for every event (the events
  // row and its filing, the candidates' rows), prepared once for the
  // store's life; declared after writer_ so they are finalised before it
  // closes.
  StatementCache statements_ ABSL_GUARDED_BY(write_mu_);
  // The candidate index of every stored event, built when the store opens
  // and kept in step by every write; nullptr with matching off.
  std::unique_ptr<IncidentIndex> index_ ABSL_GUARDED_BY(write_mu_);

  absl::Mutex head_mu_;
  int64_t head_sequence_ ABSL_GUARDED_BY(head_mu_);
  bool shutdown_ ABSL_GUARDED_BY(head_mu_) = false;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_STORE_H_

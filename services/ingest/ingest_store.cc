#include "services/ingest/ingest_store.h"

#include <openssl/rand.h>

#include <filesystem>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/proto_time.h"
#include "services/common/snapshot/atomic_file.h"
#include "services/common/snapshot/snapshot_file.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/incident_index.h"
#include "services/ingest/incident_keys.h"
#include "services/ingest/ingest_store_upgrades.h"
#include "services/ingest/original_store.h"
#include "services/ingest/merge_decisions.h"
#include "services/ingest/person_layer_carrier.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

// 128 random bits as 32 hex digits.
absl::StatusOr<std::string> NewDatabaseId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return UnavailableError("cannot draw random bytes for the database identity");
  }
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

absl::Status SetDatabaseId(sqlite::Database& db, const std::string& id) {
  auto st = db.Prepare(
      "INSERT INTO meta(key, value) VALUES('database_id', ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st.ok()) return st.status();
  return st->Bind(1, id).Run();
}

// Stamps a new store with its schema version and identity, and an older
// store (made before either existed) too; returns the identity.
absl::StatusOr<std::string> EnsureMeta(sqlite::Database& db) {
  if (absl::Status s = db.Exec(absl::StrCat(
          "INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', ",
          kIngestSchemaVersion, ")"));
      !s.ok()) {
    return s;
  }
  auto st = db.Prepare("SELECT value FROM meta WHERE key = 'database_id'");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (*row) return st->ColumnText(0);
  auto id = NewDatabaseId();
  if (!id.ok()) return id.status();
  if (absl::Status s = SetDatabaseId(db, *id); !s.ok()) return s;
  return *id;
}

// The incident index of every stored event, by one scan of the events
// table's filing columns.
absl::StatusOr<std::unique_ptr<IncidentIndex>> BuildIncidentIndex(sqlite::Database& db) {
  auto index = std::make_unique<IncidentIndex>();
  auto st = db.Prepare(
      "SELECT rowid, country_code, people, category, date_key, match_keys FROM events");
  if (!st.ok()) return st.status();
  IncidentFiling filing;
  int64_t rows = 0;
  absl::Status read = st->ForEachRow([&] {
    filing.country_code = st->ColumnText(1);
    filing.people = st->ColumnText(2);
    filing.category = st->ColumnInt(3);
    filing.date_key = st->ColumnText(4);
    filing.match_keys = st->ColumnText(5);
    index->File(st->ColumnInt(0), filing);
    // Nothing is undone here: the journal is kept short.
    if (++rows % 4096 == 0) index->Commit();
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  index->Commit();
  return index;
}

// Replaces each event of `response` by the event as stored now (it may
// have been reviewed or merged since); events gone since are left out.
absl::Status RefreshEvents(sqlite::Database& db, v1::CreateReportResponse& response) {
  google::protobuf::RepeatedPtrField<v1::Event> current;
  for (const v1::Event& event : response.events()) {
    v1::Event now;
    auto have = LoadProto(db, "SELECT event FROM events WHERE id = ?",
                          absl::StripPrefix(event.name(), "events/"), now);
    if (!have.ok()) return have.status();
    if (*have) *current.Add() = std::move(now);
  }
  response.mutable_events()->Swap(&current);
  return absl::OkStatus();
}

// INVALID_ARGUMENT when `request_id` was used for other content than
// `content_hash`'s.
absl::Status CheckRequestId(sqlite::Database& db, const std::string& request_id,
                            const std::string& content_hash) {
  if (request_id.empty()) return absl::OkStatus();
  auto st = db.Prepare("SELECT report_id, content_hash FROM request_ids WHERE request_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, request_id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (*row && st->ColumnText(1) != content_hash) {
    return InvalidFieldError("request_id",
                             "was already used for a different report; use a new request_id");
  }
  return absl::OkStatus();
}

// Records that `request_id` made report `report_id`; `insert` is "INSERT OR
// IGNORE" or "INSERT OR REPLACE".
absl::Status RememberRequestId(sqlite::Database& db, absl::string_view insert,
                               const std::string& request_id, const std::string& report_id,
                               const std::string& content_hash) {
  auto st = db.Prepare(absl::StrCat(insert, " INTO request_ids VALUES (?, ?, ?)"));
  if (!st.ok()) return st.status();
  return st->Bind(1, request_id).Bind(2, report_id).Bind(3, content_hash).Run();
}

// The report to store: what the client sent, completed with what was read.
v1::Report ReportToStore(const v1::Report& input, const normalize::NormalizedReport& normalized,
                         const std::string& report_name, const std::string& content_hash,
                         absl::Time now) {
  v1::Report report = normalized.report;
  report.set_body(input.body());
  report.set_name(report_name);
  report.set_content_hash(content_hash);
  report.set_source_uri(input.source_uri());
  if (input.has_original()) {
    *report.mutable_original() = input.original();
    report.mutable_original()->clear_content();
  } else {
    report.clear_original();
  }
  report.set_confidentiality(input.confidentiality() == v1::CONFIDENTIALITY_UNSPECIFIED
                                 ? v1::CONFIDENTIALITY_PUBLIC
                                 : input.confidentiality());
  *report.mutable_create_time() = ToTimestamp(now);
  report.set_event_count(static_cast<int32_t>(normalized.events.size()));
  return report;
}

// The ids of the stored reports published at `source_uri`.
absl::StatusOr<std::vector<std::string>> ReportIdsAt(sqlite::Database& db,
                                                     const std::string& source_uri) {
  auto st = db.Prepare("SELECT id FROM reports WHERE source_uri = ?");
  if (!st.ok()) return st.status();
  return st->Bind(1, source_uri).FirstColumnTexts();
}

}  // namespace

std::string MachineEventId(const std::string& report_id, size_t position) {
  return auth::Sha256Hex(absl::StrCat(report_id, "/", position)).substr(0, 20);
}

std::vector<v1::Event> MachineEvents(const v1::Report& report,
                                     const normalize::NormalizedReport& normalized,
                                     absl::Time now) {
  const std::string report_id(absl::StripPrefix(report.name(), "reports/"));
  std::vector<v1::Event> events;
  for (size_t i = 0; i < normalized.events.size(); ++i) {
    v1::Event event = normalized.events[i];
    event.set_name(absl::StrCat("events/", MachineEventId(report_id, i)));
    if (event.country_code().empty()) event.set_country_code(report.country_code());
    for (auto& p : *event.mutable_provenance()) p.set_report(report.name());
    event.set_confidentiality(report.confidentiality());
    event.set_review_state(v1::REVIEW_STATE_SUGGESTED);
    *event.mutable_create_time() = ToTimestamp(now);
    *event.mutable_update_time() = ToTimestamp(now);
    events.push_back(std::move(event));
  }
  return events;
}

snapshot::DatabaseProfile IngestStore::SnapshotProfile() {
  return {v1::DATABASE_KIND_INGEST, kIngestSchemaVersion,
          /*sequence_sql=*/"SELECT COALESCE(MAX(sequence), 0) FROM changes",
          /*database_id_sql=*/"SELECT value FROM meta WHERE key = 'database_id'"};
}

absl::StatusOr<std::unique_ptr<snapshot::TakenSnapshot>> IngestStore::TakeSnapshot(
    const std::string& tmp_dir) {
  return snapshot::TakeSnapshot(db_path_, tmp_dir, SnapshotProfile());
}

absl::StatusOr<v1::SnapshotMetadata> IngestStore::Restore(const std::string& snapshot_file,
                                                          const std::string& data_dir) {
  std::error_code ec;
  if (std::filesystem::exists(data_dir, ec) && !std::filesystem::is_empty(data_dir, ec)) {
    return FailedPreconditionError(absl::StrCat(
        "--data_dir ", data_dir, " is not empty; a restore goes into an empty folder only"));
  }
  std::filesystem::create_directories(std::filesystem::path(data_dir) / "tmp", ec);
  if (ec) {
    return UnavailableError(
        absl::StrCat("cannot create data directory ", data_dir, ": ", ec.message()));
  }
  const std::string staged = (std::filesystem::path(data_dir) / "tmp" / "restore.db").string();
  auto metadata = snapshot::ExtractSnapshotFile(snapshot_file, staged, SnapshotProfile());
  if (!metadata.ok()) return metadata.status();
  {
    auto db = sqlite::Database::Open(staged);
    if (!db.ok()) return db.status();
    auto id = NewDatabaseId();
    if (!id.ok()) return id.status();
    if (absl::Status s = SetDatabaseId(**db, *id); !s.ok()) return s;
    // Fold the write-ahead log in, so the rename below moves everything.
    if (absl::Status s = (*db)->Exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s.ok()) return s;
  }
  const std::string path = (std::filesystem::path(data_dir) / "ingest.db").string();
  for (const char* suffix : {"-wal", "-shm"}) {
    std::filesystem::remove(staged + suffix, ec);
  }
  std::filesystem::rename(staged, path, ec);
  if (ec) {
    return UnavailableError(absl::StrCat("cannot move the restored database to ", path,
                                               ": ", ec.message()));
  }
  if (absl::Status s = snapshot::SyncParentDirectory(path); !s.ok()) return s;
  return metadata;
}

absl::StatusOr<std::unique_ptr<IngestStore>> IngestStore::Open(
    const std::string& data_dir, const IngestStoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return UnavailableError(
        absl::StrCat("cannot create data directory ", data_dir, ": ", ec.message()));
  }
  std::string path = (std::filesystem::path(data_dir) / "ingest.db").string();
  auto db = sqlite::Database::Open(path);
  if (!db.ok()) return db.status();
  if (absl::Status s = (*db)->Exec(kIngestSchema); !s.ok()) {
    return UnavailableError(absl::StrCat("cannot create the schema in ", path, ": ",
                                               s.message()));
  }
  // The writer reads each event's row before writing it and the rows of
  // its candidate incidents (change_writer.h): a page cache of up to 64 MiB
  // (SQLite's default is 2 MiB) keeps the upper pages of the events table
  // and the recent events in memory instead of reading them again for
  // each report.
  if (absl::Status s = (*db)->Exec("PRAGMA cache_size=-65536"); !s.ok()) return s;
  for (auto* upgrade :
       {&AddReportConfidentialityColumn, &AddOriginalColumn, &UpgradeIncidentFiling,
        &KeepImportedRecords}) {
    if (absl::Status s = upgrade(**db); !s.ok()) {
      return UnavailableError(absl::StrCat("cannot upgrade the schema in ", path, ": ",
                                                 s.message()));
    }
  }
  auto database_id = EnsureMeta(**db);
  if (!database_id.ok()) {
    return UnavailableError(absl::StrCat("cannot stamp the database identity in ", path,
                                               ": ", database_id.status().message()));
  }
  auto st = (*db)->Prepare("SELECT COALESCE(MAX(sequence), 0) FROM changes");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  int64_t head = st->ColumnInt(0);
  st = absl::StatusOr<sqlite::Statement>(InternalError("released"));
  std::unique_ptr<IncidentIndex> index;
  if (options.match_incidents) {
    auto built = BuildIncidentIndex(**db);
    if (!built.ok()) {
      return UnavailableError(absl::StrCat("cannot read the stored events of ", path, ": ",
                                           built.status().message()));
    }
    index = std::move(*built);
  }
  return std::unique_ptr<IngestStore>(new IngestStore(
      path, std::move(*db), head, std::move(*database_id), options, std::move(index)));
}

IngestStore::IngestStore(std::string db_path, std::unique_ptr<sqlite::Database> writer,
                         int64_t head, std::string database_id, IngestStoreOptions options,
                         std::unique_ptr<IncidentIndex> index)
    : db_path_(std::move(db_path)),
      database_id_(std::move(database_id)),
      options_(options),
      writer_(std::move(writer)),
      statements_(*writer_),
      index_(std::move(index)),
      head_sequence_(head) {}

absl::StatusOr<std::unique_ptr<sqlite::Database>> IngestStore::OpenReader() {
  return sqlite::Database::Open(db_path_, /*read_only=*/true);
}

absl::StatusOr<v1::CreateReportResponse> IngestStore::CreateReport(
    const v1::Report& input, const std::string& request_id,
    const normalize::NormalizedReport& normalized, absl::string_view original_content) {
  const std::string content_hash = auth::Sha256Hex(input.body());
  const std::string report_id = content_hash.substr(0, 20);
  const std::string report_name = absl::StrCat("reports/", report_id);
  const absl::Time now = absl::Now();

  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();

  // A retry: the same request_id, or the same content, returns the first
  // answer.
  if (absl::Status s = CheckRequestId(db, request_id, content_hash); !s.ok()) return s;
  v1::CreateReportResponse response;
  auto found = LoadProto(db, "SELECT response FROM reports WHERE content_hash = ?",
                         content_hash, response);
  if (!found.ok()) return found.status();
  if (*found) {
    // The events as they are now: people may have reviewed them since.
    if (absl::Status s = RefreshEvents(db, response); !s.ok()) return s;
    if (!request_id.empty()) {
      if (absl::Status s = RememberRequestId(db, "INSERT OR IGNORE", request_id, report_id,
                                             content_hash);
          !s.ok()) {
        return s;
      }
      if (absl::Status s = tx.Commit(); !s.ok()) return s;
    }
    return response;
  }

  ChangeWriter writer(db, now, index_.get(), &statements_);

  const v1::Report report = ReportToStore(input, normalized, report_name, content_hash, now);

  // A new version of a report published at the same source_uri replaces
  // the old one: its events go, or lose its provenance; the events people
  // touched are carried over to the new version.
  PersonLayerCarrier carrier(db, writer, report);
  if (!input.source_uri().empty()) {
    auto superseded = ReportIdsAt(db, input.source_uri());
    if (!superseded.ok()) return superseded.status();
    for (const std::string& old_id : *superseded) {
      v1::Report old_report;
      auto have = LoadProto(db, "SELECT report FROM reports WHERE id = ?", old_id, old_report);
      if (!have.ok()) return have.status();
      auto left = writer.RemoveReport(old_id);
      if (!left.ok()) return left.status();
      // People's merges and splits hold for the new version's mentions.
      if (absl::Status s =
              RelocateDecisions(db, old_id, old_report.body(), report_id, report.body());
          !s.ok()) {
        return s;
      }
      carrier.Add(std::move(*left), old_report.body());
    }
  }

  // Entities first, so every event's participants refer to stored ones.
  for (const v1::Entity& incoming : normalized.entities) {
    if (absl::Status s = writer.PutEntity(incoming, report.country_code()); !s.ok()) return s;
  }

  // The events, each new or merged into the same incident told by another
  // report. Their ids are fixed by the report and their position in it.
  std::vector<v1::Event> events = MachineEvents(report, normalized, now);

  // The report's change goes before its events', so a follower never sees
  // an event whose report it does not have. The answer lists the events as
  // stored (merged ones with every report that tells them); it is kept with
  // the report once complete, for retries.
  response.mutable_report()->CopyFrom(report);
  response.mutable_report()->clear_body();
  for (const auto& w : normalized.warnings) *response.add_warnings() = w;
  std::vector<bool> keeps_name;
  if (absl::Status s = carrier.Prepare(events, keeps_name); !s.ok()) return s;
  if (report.has_original()) {
    if (absl::Status s = PutOriginal(db, report.original(), original_content); !s.ok()) return s;
  }
  if (absl::Status s = writer.PutReport(report, report_id, response); !s.ok()) return s;
  auto stored_events = writer.PutEvents(events, report_id, keeps_name);
  if (!stored_events.ok()) return stored_events.status();
  if (absl::Status s = carrier.Finish(*stored_events); !s.ok()) return s;
  for (v1::Event& event : *stored_events) *response.add_events() = std::move(event);
  {
    auto st = db.Prepare("UPDATE reports SET response = ? WHERE id = ?");
    if (!st.ok()) return st.status();
    if (absl::Status s = st->BindBlob(1, response.SerializeAsString()).Bind(2, report_id).Run();
        !s.ok()) {
      return s;
    }
  }
  if (!request_id.empty()) {
    if (absl::Status s = RememberRequestId(db, "INSERT OR REPLACE", request_id, report_id,
                                           content_hash);
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return response;
}

absl::StatusOr<IngestStore::ImportCounts> IngestStore::ImportIncidents(
    const std::vector<ImportedIncident>& incidents) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  ChangeWriter writer(db, absl::Now(), index_.get(), &statements_);
  ImportCounts counts;
  for (const ImportedIncident& incident : incidents) {
    for (const v1::Entity& entity : incident.entities) {
      if (absl::Status s = writer.PutEntity(entity, incident.event.country_code()); !s.ok()) {
        return s;
      }
    }
    auto outcome =
        writer.PutImportedEvent(incident.event, incident.source, incident.external_id);
    if (!outcome.ok()) return outcome.status();
    switch (*outcome) {
      case ChangeWriter::ImportOutcome::kCreated: ++counts.created; break;
      case ChangeWriter::ImportOutcome::kUpdated: ++counts.updated; break;
      case ChangeWriter::ImportOutcome::kUnchanged: ++counts.unchanged; break;
    }
  }
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return counts;
}

absl::StatusOr<v1::Report> IngestStore::GetReport(const std::string& name,
                                                  bool with_original_content) {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  // One read transaction (ended when the connection closes), so a
  // superseding write between the two reads cannot take the original away.
  if (absl::Status s = (*db)->Exec("BEGIN"); !s.ok()) return s;
  v1::Report report;
  auto found = LoadProto(**db, "SELECT report FROM reports WHERE id = ?",
                         absl::StripPrefix(name, "reports/"), report);
  if (!found.ok()) return found.status();
  if (!*found) return ResourceNotFoundError(name);
  if (with_original_content && !report.original().sha256().empty()) {
    auto content = LoadOriginalContent(**db, report.original().sha256());
    if (!content.ok()) return content.status();
    if (!content->has_value()) {
      return InternalError(absl::StrCat("the original of ", name, " is missing"));
    }
    report.mutable_original()->set_content(std::move(**content));
  }
  return report;
}

absl::StatusOr<IngestStore::ReportPage> IngestStore::ListReports(const std::string& country_code,
                                                                 bool include_confidential,
                                                                 int page_size,
                                                                 const std::string& after_key) {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  ReportPage page;
  {
    auto st = (*db)->Prepare(
        "SELECT COUNT(*) FROM reports WHERE (?1 = '' OR country_code = ?1) AND "
        "(?2 OR confidentiality != ?3)");
    if (!st.ok()) return st.status();
    st->Bind(1, country_code)
        .Bind(2, static_cast<int64_t>(include_confidential))
        .Bind(3, static_cast<int64_t>(v1::CONFIDENTIALITY_CONFIDENTIAL));
    auto row = st->Step();
    if (!row.ok()) return row.status();
    page.total_size = st->ColumnInt(0);
  }
  // Keyset on (create_micros, id), newest first. The key is
  // "<micros>/<id>".
  int64_t after_micros = INT64_MAX;
  std::string after_id;
  if (!after_key.empty()) {
    auto slash = after_key.find('/');
    if (slash == std::string::npos || !absl::SimpleAtoi(after_key.substr(0, slash), &after_micros)) {
      return InvalidFieldError("page_token", "is not a token this service issued");
    }
    after_id = after_key.substr(slash + 1);
  }
  auto st = (*db)->Prepare(
      "SELECT report, create_micros, id FROM reports WHERE (?1 = '' OR country_code = ?1) AND "
      "(create_micros < ?2 OR (create_micros = ?2 AND id < ?3) OR ?4 = '') AND "
      "(?6 OR confidentiality != ?7) "
      "ORDER BY create_micros DESC, id DESC LIMIT ?5");
  if (!st.ok()) return st.status();
  st->Bind(1, country_code)
      .Bind(2, after_micros)
      .Bind(3, after_id)
      .Bind(4, after_key)
      .Bind(5, static_cast<int64_t>(page_size) + 1)
      .Bind(6, static_cast<int64_t>(include_confidential))
      .Bind(7, static_cast<int64_t>(v1::CONFIDENTIALITY_CONFIDENTIAL));
  std::string last_key;
  while (true) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (static_cast<int>(page.reports.size()) == page_size) {
      page.next_key = last_key;
      break;
    }
    v1::Report report;
    if (!report.ParseFromString(st->ColumnText(0))) return InternalError("undecodable report");
    report.clear_body();
    page.reports.push_back(std::move(report));
    last_key = absl::StrCat(st->ColumnInt(1), "/", st->ColumnText(2));
  }
  return page;
}

absl::StatusOr<std::vector<v1::Change>> IngestStore::ReadChanges(int64_t after_sequence,
                                                                 int max_changes) {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare(
      "SELECT sequence, change FROM changes WHERE sequence > ? ORDER BY sequence LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, after_sequence).Bind(2, static_cast<int64_t>(max_changes));
  std::vector<v1::Change> changes;
  absl::Status read = st->ForEachRow([&] {
    v1::Change change;
    if (!change.ParseFromString(st->ColumnText(1))) return InternalError("undecodable change");
    change.set_sequence(st->ColumnInt(0));
    changes.push_back(std::move(change));
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return changes;
}

absl::StatusOr<IngestStore::Stats> IngestStore::GetStats() {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare(
      "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM events), "
      "(SELECT COUNT(*) FROM entities)");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  Stats stats;
  stats.reports = st->ColumnInt(0);
  stats.events = st->ColumnInt(1);
  stats.entities = st->ColumnInt(2);
  stats.head_sequence = HeadSequence();
  stats.database_bytes = sqlite::DatabaseFileBytes(db_path_);
  absl::MutexLock lock(&write_mu_);
  if (index_ != nullptr) {
    stats.incident_index_entries = index_->entries();
    stats.incident_index_bytes = index_->MemoryBytes();
  }
  return stats;
}

int64_t IngestStore::HeadSequence() {
  absl::MutexLock lock(&head_mu_);
  return head_sequence_;
}

int64_t IngestStore::WaitForChangesAfter(int64_t sequence, absl::Duration timeout) {
  absl::MutexLock lock(&head_mu_);
  auto ready = [this, sequence]() ABSL_SHARED_LOCKS_REQUIRED(head_mu_) {
    return head_sequence_ > sequence || shutdown_;
  };
  head_mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  return head_sequence_;
}

void IngestStore::Shutdown() {
  absl::MutexLock lock(&head_mu_);
  shutdown_ = true;
}

bool IngestStore::IsShuttingDown() {
  absl::MutexLock lock(&head_mu_);
  return shutdown_;
}

}  // namespace civicwatch::ingest

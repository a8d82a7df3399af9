#include "services/query/replica_writer.h"

#include <algorithm>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/query/access.h"
#include "services/query/bulk_load.h"
#include "services/query/event_row.h"
#include "services/query/quote.h"
#include "services/query/read_model_schema.h"
#include "services/text/fold.h"

namespace civicwatch::query {

using S = ReplicaStatement;

namespace {

void LogSkipped(const v1::Change& change, absl::string_view why) {
  std::cerr << "civicwatch-query: skipping change " << change.sequence() << " ("
            << change.resource_name() << "): " << why << "\n";
}

// Every folded form a search may start with: each name and alias from each
// of its words onwards, both case-folded and as a spelling skeleton.
absl::flat_hash_set<std::string> SearchFormsOf(const v1::Entity& entity) {
  absl::flat_hash_set<std::string> forms;
  std::vector<std::string> names(entity.aliases().begin(), entity.aliases().end());
  names.push_back(entity.display_name());
  for (const std::string& name : names) {
    for (const std::string& folded : {text::FoldCase(name), text::SpellingSkeleton(name)}) {
      std::vector<absl::string_view> words = absl::StrSplit(folded, ' ', absl::SkipEmpty());
      for (size_t i = 0; i < words.size(); ++i) {
        forms.insert(absl::StrJoin(words.begin() + i, words.end(), " "));
      }
    }
  }
  forms.erase("");
  return forms;
}

}  // namespace

ReplicaWriter::ReplicaWriter(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}

ReplicaWriter::~ReplicaWriter() {
  // What a bulk load holds open is consistent (its cursor goes with it):
  // keep it rather than fetch it again.
  if (transaction_ != nullptr) {
    if (absl::Status s = CommitTransaction(/*end_bulk_load=*/false); !s.ok()) {
      std::cerr << "civicwatch-query: cannot commit the applied changes at exit: " << s << "\n";
    }
  }
}

void ReplicaWriter::ClearRows() {
  participants_->Clear();
  provenance_->Clear();
  text_->Clear();
  new_event_counts_->Clear();
  provenance_reports_.clear();
}

namespace {

// Drops the replica's schema and creates it again, in one transaction, so
// that a reader (GetServerInfo, a query) sees the old replica or the empty
// new one, never a database without tables.
absl::Status RecreateSchema(sqlite::Database& d) {
  if (absl::Status s = d.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  absl::Status s = DropSchema(d);
  if (s.ok()) s = CreateTables(d);
  if (s.ok()) s = d.Exec("COMMIT");
  if (!s.ok()) (void)d.Exec("ROLLBACK");
  return s;
}

// Creates the tables, starting again from nothing when the replica holds
// another schema version (it is only a copy), and records this version.
absl::Status CreateSchemaOfThisVersion(sqlite::Database& d) {
  if (absl::Status s = CreateTables(d); !s.ok()) return s;
  auto version = d.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!version.ok()) return version.status();
  auto stored = QueryInt(*version);
  if (!stored.ok()) return stored.status();
  if (stored->has_value() && **stored != kSchemaVersion) {
    std::cerr << "civicwatch-query: replica has schema version " << **stored << ", expected "
              << kSchemaVersion << "; rebuilding it from sequence 0\n";
    if (absl::Status s = DropSchema(d); !s.ok()) return s;
    if (absl::Status s = CreateTables(d); !s.ok()) return s;
  }
  return d.Exec(absl::StrCat("INSERT INTO meta(key, value) VALUES('schema_version', ",
                             kSchemaVersion,
                             ") ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
}

// The integer `sql` selects, 0 when it selects no row.
absl::StatusOr<int64_t> SelectInt(sqlite::Database& d, const char* sql) {
  auto statement = d.Prepare(sql);
  if (!statement.ok()) return statement.status();
  auto value = QueryInt(*statement);
  if (!value.ok()) return value.status();
  return value->value_or(0);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ReplicaWriter>> ReplicaWriter::Open(const std::string& path,
                                                                   bool rebuild) {
  auto db = sqlite::Database::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<ReplicaWriter> writer(new ReplicaWriter(std::move(*db)));
  sqlite::Database& d = *writer->db_;
  if (rebuild) {
    if (absl::Status s = RecreateSchema(d); !s.ok()) return s;
  }
  if (absl::Status s = CreateSchemaOfThisVersion(d); !s.ok()) return s;

  // synchronous=NORMAL: in WAL mode a commit then writes the WAL without
  // waiting for fsync, which is synced at each checkpoint instead. A process
  // crash (kill -9) loses nothing committed, since the WAL is in the OS's
  // hands once written; a power loss may lose the last few commits, but
  // never half of one, and the cursor lives in the same transactions as the
  // changes, so the replica simply re-fetches them from the feed. The
  // replica is a copy, so durability is not worth an fsync per batch.
  if (absl::Status s = d.Exec(absl::StrCat("PRAGMA synchronous=NORMAL;"
                                           "PRAGMA cache_size=-",
                                           kWriterCacheKib, ";"));
      !s.ok()) {
    return s;
  }
  if (absl::Status s = writer->Prepare(); !s.ok()) return s;
  if (absl::Status s = writer->ReadState(); !s.ok()) return s;
  // Stopped during a bulk load: the next batch says whether to go on with
  // it or to build the indexes.
  if (!writer->bulk_load_) {
    if (absl::Status s = CreateSecondaryIndexes(d); !s.ok()) return s;
  }
  return writer;
}

absl::Status ReplicaWriter::ReadState() {
  auto highest_event = SelectInt(*db_, "SELECT max(id) FROM events");
  if (!highest_event.ok()) return highest_event.status();
  highest_event_id_ = *highest_event;
  auto highest_entity = SelectInt(*db_, "SELECT max(id) FROM entities");
  if (!highest_entity.ok()) return highest_entity.status();
  highest_entity_id_ = *highest_entity;

  st(S::kGetMeta).Bind(1, absl::string_view("cursor"));
  auto cursor = QueryInt(st(S::kGetMeta));
  if (!cursor.ok()) return cursor.status();
  cursor_ = cursor->value_or(0);
  // Stored as a blob: the column's integer affinity would turn an id made
  // only of digits into a number.
  auto id = db_->Prepare("SELECT value FROM meta WHERE key = 'source_database_id'");
  if (!id.ok()) return id.status();
  auto row = id->Step();
  if (!row.ok()) return row.status();
  if (*row) source_database_id_ = id->ColumnText(0);
  st(S::kGetMeta).Bind(1, absl::string_view("bulk_load"));
  auto bulk = QueryInt(st(S::kGetMeta));
  if (!bulk.ok()) return bulk.status();
  bulk_load_ = bulk->value_or(0) != 0;

  committed_source_database_id_ = source_database_id_;
  committed_cursor_ = cursor_;
  committed_bulk_load_ = bulk_load_;
  return absl::OkStatus();
}

absl::Status ReplicaWriter::Prepare() {
  auto statements = ReplicaStatements::Prepare(*db_);
  if (!statements.ok()) return statements.status();
  statements_ = std::move(*statements);
  auto participants = RowBuffer::Create(
      *db_, "INSERT INTO participants(event_id, position, entity, role, withheld)", 5, "");
  if (!participants.ok()) return participants.status();
  participants_ = std::move(*participants);
  auto provenance = RowBuffer::Create(
      *db_, "INSERT INTO provenance(event_id, position, report, start_offset, end_offset)", 5, "");
  if (!provenance.ok()) return provenance.status();
  provenance_ = std::move(*provenance);
  auto counts = NewEventCounts::Create(*db_);
  if (!counts.ok()) return counts.status();
  new_event_counts_ = std::move(*counts);
  auto text = EventTextStaging::Create(*db_);
  if (!text.ok()) return text.status();
  text_ = std::move(*text);
  auto bodies = ReportBodyCache::Create(*db_);
  if (!bodies.ok()) return bodies.status();
  bodies_ = std::move(*bodies);
  return absl::OkStatus();
}

absl::Status ReplicaWriter::FlushRows() {
  provenance_reports_.clear();
  absl::Status s = participants_->Flush();
  if (absl::Status p = provenance_->Flush(); s.ok()) s = p;
  if (absl::Status t = text_->FlushRows(); s.ok()) s = t;
  return s;
}

absl::Status ReplicaWriter::Apply(const v1::WatchChangesResponse& batch) {
  int64_t cursor = cursor_;
  int64_t new_cursor = cursor_;
  for (const v1::Change& change : batch.changes()) {
    new_cursor = std::max(new_cursor, change.sequence());
  }
  const BulkLoadStep step =
      PlanBulkLoad(bulk_load_, cursor_, new_cursor, batch.head_sequence(), highest_event_id_);
  if (new_cursor <= cursor_ && !step.end) {
    // Nothing to apply (a heartbeat: the feed is idle): what a bulk load
    // holds open is committed now.
    return transaction_ != nullptr ? CommitTransaction(/*end_bulk_load=*/false)
                                   : absl::OkStatus();
  }

  if (transaction_ == nullptr) {
    transaction_ = std::make_unique<sqlite::Transaction>(*db_);
    if (!transaction_->status().ok()) return Abandon(transaction_->status());
    transaction_start_ = absl::Now();
    transaction_changes_ = 0;
    ClearRows();
    if (absl::Status s = text_->Begin(); !s.ok()) return Abandon(s);
  }
  if (!batch.database_id().empty()) source_database_id_ = batch.database_id();
  absl::Status status;
  if (step.start) status = SetBulkLoad(true);
  for (const v1::Change& change : batch.changes()) {
    if (!status.ok()) break;
    if (change.sequence() <= cursor) continue;  // Already applied.
    status = ApplyChange(change);
    if (!status.ok()) break;
    cursor = change.sequence();
    ++transaction_changes_;
  }
  if (!status.ok()) return Abandon(status);
  cursor_ = cursor;
  if (step.start) bulk_load_ = true;

  // During a bulk load the transaction stays open for the next batches;
  // the batches that start and end the bulk load commit.
  const bool keep_open =
      bulk_load_ && !step.start && !step.end &&
      KeepBulkLoadTransactionOpen(transaction_changes_, absl::Now() - transaction_start_);
  if (keep_open) return absl::OkStatus();
  return CommitTransaction(step.end);
}

absl::Status ReplicaWriter::CommitTransaction(bool end_bulk_load) {
  absl::Status status = FlushRows();
  if (status.ok()) status = new_event_counts_->Flush();
  if (status.ok()) {
    st(S::kSetMeta).Bind(1, absl::string_view("cursor")).Bind(2, cursor_);
    status = RunOnce(st(S::kSetMeta));
  }
  if (status.ok() && source_database_id_ != committed_source_database_id_) {
    auto id = db_->Prepare(
        "INSERT INTO meta(key, value) VALUES('source_database_id', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    status = id.ok() ? id->BindBlob(1, source_database_id_).Run() : id.status();
  }
  if (status.ok()) status = text_->Apply();
  if (status.ok() && end_bulk_load) status = SetBulkLoad(false);
  if (status.ok()) status = transaction_->Commit();
  if (!status.ok()) return Abandon(status);
  transaction_.reset();
  if (end_bulk_load) bulk_load_ = false;
  committed_cursor_ = cursor_;
  committed_bulk_load_ = bulk_load_;
  committed_source_database_id_ = source_database_id_;
  return absl::OkStatus();
}

absl::Status ReplicaWriter::Abandon(absl::Status status) {
  transaction_.reset();  // Rolls back.
  cursor_ = committed_cursor_;
  bulk_load_ = committed_bulk_load_;
  source_database_id_ = committed_source_database_id_;
  // The cache may hold bodies the rolled-back transaction wrote.
  bodies_->Clear();
  ClearRows();
  return status;
}

absl::Status ReplicaWriter::SetBulkLoad(bool on) {
  if (on) {
    if (absl::Status s = DropSecondaryIndexes(*db_); !s.ok()) return s;
  } else {
    const absl::Time start = absl::Now();
    if (absl::Status s = BuildSecondaryIndexes(*db_); !s.ok()) return s;
    std::cerr << "civicwatch-query: bulk load done at sequence " << cursor_
              << "; secondary indexes built in " << absl::FormatDuration(absl::Now() - start)
              << "\n";
  }
  st(S::kSetMeta).Bind(1, absl::string_view("bulk_load")).Bind(2, int64_t{on ? 1 : 0});
  return RunOnce(st(S::kSetMeta));
}

absl::Status ReplicaWriter::ApplyChange(const v1::Change& change) {
  const std::string& name = change.resource_name();
  if (change.type() == v1::CHANGE_TYPE_DELETE) {
    if (absl::StartsWith(name, "reports/")) return DeleteReport(name);
    if (absl::StartsWith(name, "events/")) return DeleteEvent(name);
    if (absl::StartsWith(name, "entities/")) return DeleteEntity(name);
    LogSkipped(change, "delete of an unknown kind of resource");
    return absl::OkStatus();
  }
  if (change.type() != v1::CHANGE_TYPE_UPSERT) {
    LogSkipped(change, "unknown change type");
    return absl::OkStatus();
  }
  switch (change.resource_case()) {
    case v1::Change::kReport:
      if (!absl::StartsWith(name, "reports/")) break;
      return UpsertReport(name, change.report());
    case v1::Change::kEvent:
      if (!absl::StartsWith(name, "events/")) break;
      return UpsertEvent(name, change.event());
    case v1::Change::kEntity:
      if (!absl::StartsWith(name, "entities/")) break;
      return UpsertEntity(name, change.entity());
    case v1::Change::kRevision:
      // The replica serves events as they are now; the upsert of the event
      // a revision changed comes with it. The history stays with ingest
      // (IngestService.ListEventRevisions).
      return absl::OkStatus();
    default:
      break;
  }
  LogSkipped(change, "upsert without a resource of the kind its name says");
  return absl::OkStatus();
}

absl::Status ReplicaWriter::UpsertReport(const std::string& name, const v1::Report& report) {
  // The body is stored in its own column; the proto without it.
  v1::Report without_body = report;
  without_body.clear_body();
  without_body.set_name(name);
  st(S::kUpsertReport)
      .Bind(1, absl::string_view(name))
      .BindBlob(2, report.body())
      .BindBlob(3, without_body.SerializeAsString());
  if (absl::Status s = RunOnce(st(S::kUpsertReport)); !s.ok()) return s;
  bodies_->Forget(name);
  return ReindexEventsOf(name);
}

absl::Status ReplicaWriter::DeleteReport(const std::string& name) {
  st(S::kDeleteReport).Bind(1, absl::string_view(name));
  if (absl::Status s = RunOnce(st(S::kDeleteReport)); !s.ok()) return s;
  bodies_->Forget(name);
  return ReindexEventsOf(name);
}

absl::Status ReplicaWriter::UpsertEvent(const std::string& name, const v1::Event& event) {
  // The stored proto carries its name; ingest sends it so, and only an
  // event without it is copied.
  std::string proto;
  if (event.name() == name) {
    proto = event.SerializeAsString();
  } else {
    v1::Event named = event;
    named.set_name(name);
    proto = named.SerializeAsString();
  }
  // Events from before review states were sent are the normaliser's.
  const v1::ReviewState review_state = event.review_state() == v1::REVIEW_STATE_UNSPECIFIED
                                           ? v1::REVIEW_STATE_SUGGESTED
                                           : event.review_state();
  const EventDays days = DaysOf(event);
  EventCountsKey key = CountsKeyOf(event);
  key.last_month = days.last_month;
  BindEventRow(name, event, days, key, review_state, proto, st(S::kInsertEvent));
  auto id_or = QueryInt(st(S::kInsertEvent));
  if (!id_or.ok()) return id_or.status();
  const bool inserted = id_or->has_value();
  if (!inserted) {
    // A known event: the update trigger moves its count from the old
    // combination to the new one, which needs the new events' counts in.
    if (absl::Status s = new_event_counts_->Flush(); !s.ok()) return s;
    BindEventRow(name, event, days, key, review_state, proto, st(S::kUpdateEvent));
    id_or = QueryInt(st(S::kUpdateEvent));
    if (!id_or.ok()) return id_or.status();
    if (!id_or->has_value()) return InternalError("event update found no row");
  }
  const int64_t id = **id_or;
  // The summaries leave rejected events out (read_model_schema.h).
  if (inserted && review_state != v1::REVIEW_STATE_REJECTED) new_event_counts_->Add(key);
  // SQLite gives a new row an id above every id in the table, so an id
  // above all this writer has seen is a new event: it has no participants,
  // provenance or text to replace yet. (Deleting an event deletes those
  // with it, so a reused id never finds stale rows either.)
  const bool fresh = id > highest_event_id_;
  highest_event_id_ = std::max(highest_event_id_, id);
  if (absl::Status s = WriteEventRows(id, event, fresh); !s.ok()) return s;
  return IndexEventText(id, event, /*replace=*/!fresh);
}

absl::Status ReplicaWriter::WriteEventRows(int64_t id, const v1::Event& event, bool fresh) {
  if (!fresh) {
    if (absl::Status s = DeleteEventRows(id); !s.ok()) return s;
  }
  int64_t position = 0;
  for (const v1::Participant& p : event.participants()) {
    if (p.entity().empty()) continue;
    participants_->Add(id)
        .Add(position++)
        .Add(p.entity())
        .Add(static_cast<int64_t>(p.role()))
        .Add(int64_t{IsWithheldParticipant(event.confidentiality(), p) ? 1 : 0});
  }
  position = 0;
  for (const v1::Provenance& p : event.provenance()) {
    provenance_->Add(id)
        .Add(position++)
        .Add(p.report())
        .Add(p.start_offset())
        .Add(p.end_offset());
    provenance_reports_.insert(p.report());
  }
  return absl::OkStatus();
}

absl::Status ReplicaWriter::DeleteEventRows(int64_t id) {
  if (absl::Status s = FlushRows(); !s.ok()) return s;
  for (ReplicaStatement clear : {S::kDeleteParticipants, S::kDeleteProvenance}) {
    st(clear).Bind(1, id);
    if (absl::Status s = RunOnce(st(clear)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ReplicaWriter::DeleteEvent(const std::string& name) {
  st(S::kEventId).Bind(1, absl::string_view(name));
  auto id = QueryInt(st(S::kEventId));
  if (!id.ok()) return id.status();
  if (!id->has_value()) return absl::OkStatus();  // Never seen: nothing to do.
  // The delete trigger takes the event's count off, which needs the new
  // events' counts in.
  if (absl::Status s = new_event_counts_->Flush(); !s.ok()) return s;
  text_->Stage(**id, std::nullopt, /*replace=*/true);
  if (absl::Status s = DeleteEventRows(**id); !s.ok()) return s;
  st(S::kDeleteEvent).Bind(1, **id);
  return RunOnce(st(S::kDeleteEvent));
}

absl::Status ReplicaWriter::UpsertEntity(const std::string& name, const v1::Entity& entity_in) {
  v1::Entity entity = entity_in;
  entity.set_name(name);
  // Counts and dates are the query service's own; never store stale ones.
  entity.clear_event_count();
  entity.clear_first_event_date();
  entity.clear_last_event_date();
  st(S::kUpsertEntity)
      .Bind(1, absl::string_view(name))
      .Bind(2, static_cast<int64_t>(entity.kind()))
      .Bind(3, absl::string_view(text::FoldCase(entity.display_name())))
      .BindBlob(4, entity.SerializeAsString());
  auto id_or = QueryInt(st(S::kUpsertEntity));
  if (!id_or.ok()) return id_or.status();
  if (!id_or->has_value()) return InternalError("entity upsert returned no id");
  const int64_t id = **id_or;
  // As for events: an id above all this writer has seen is a new entity,
  // with no names to replace.
  if (id <= highest_entity_id_) {
    st(S::kDeleteEntityNames).Bind(1, id);
    if (absl::Status s = RunOnce(st(S::kDeleteEntityNames)); !s.ok()) return s;
  }
  highest_entity_id_ = std::max(highest_entity_id_, id);
  for (const std::string& form : SearchFormsOf(entity)) {
    st(S::kInsertEntityName).Bind(1, id).Bind(2, absl::string_view(form));
    if (absl::Status s = RunOnce(st(S::kInsertEntityName)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ReplicaWriter::DeleteEntity(const std::string& name) {
  // Its names go with it (ON DELETE CASCADE).
  st(S::kDeleteEntity).Bind(1, absl::string_view(name));
  return RunOnce(st(S::kDeleteEntity));
}

absl::Status ReplicaWriter::IndexEventText(int64_t id, const v1::Event& event, bool replace) {
  std::string source;
  for (const v1::Provenance& p : event.provenance()) {
    auto body = bodies_->Get(p.report());
    if (!body.ok()) return body.status();
    if (*body == nullptr) continue;
    if (!source.empty()) source.push_back('\n');
    absl::StrAppend(&source, QuoteOf(**body, p.start_offset(), p.end_offset()));
  }
  text_->Stage(id, EventText{event.summary(), source}, replace);
  return absl::OkStatus();
}

absl::Status ReplicaWriter::ReindexEventsOf(const std::string& report) {
  // Provenance rows still in their buffer count too.
  if (provenance_reports_.contains(report)) {
    if (absl::Status s = FlushRows(); !s.ok()) return s;
  }
  std::vector<int64_t> ids;
  sqlite::Statement& events = st(S::kEventsOfReport);
  events.Bind(1, absl::string_view(report));
  while (true) {
    auto row = events.Step();
    if (!row.ok()) {
      events.Reset();
      return row.status();
    }
    if (!*row) break;
    ids.push_back(events.ColumnInt(0));
  }
  events.Reset();
  for (int64_t id : ids) {
    sqlite::Statement& proto = st(S::kEventProto);
    proto.Bind(1, id);
    auto row = proto.Step();
    v1::Event event;
    bool parsed = row.ok() && *row && event.ParseFromString(proto.ColumnText(0));
    proto.Reset();
    if (!row.ok()) return row.status();
    if (!parsed) return InternalError(absl::StrCat("unreadable event row ", id));
    if (absl::Status s = IndexEventText(id, event, /*replace=*/true); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::query

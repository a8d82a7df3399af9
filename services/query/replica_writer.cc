#include "services/query/replica_writer.h"

#include <algorithm>
#include <iostream>
#include <optional>
#include <thread>
#include <variant>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/query/access.h"
#include "services/query/quote.h"
#include "services/query/read_model_schema.h"
#include "services/text/fold.h"

namespace civicwatch::query {

enum ReplicaWriter::StatementId : int {
  kGetMeta,
  kSetMeta,
  kUpsertReport,
  kDeleteReport,
  kReportBody,
  kEventsOfReport,
  kEventProto,
  kInsertEvent,
  kUpdateEvent,
  kEventId,
  kDeleteEvent,
  kDeleteParticipants,
  kDeleteProvenance,
  kClearPendingText,
  kDeleteReplacedText,
  kInsertPendingText,
  kUpsertEntity,
  kDeleteEntity,
  kDeleteEntityNames,
  kInsertEntityName,
  kStatementCount
};

namespace {

// Indexed by ReplicaWriter::StatementId.
constexpr const char* kStatementSql[] = {
    "SELECT value FROM meta WHERE key = ?",
    "INSERT INTO meta(key, value) VALUES(?, ?) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    "INSERT INTO reports(name, body, proto) VALUES(?, ?, ?) "
    "ON CONFLICT(name) DO UPDATE SET body = excluded.body, proto = excluded.proto",
    "DELETE FROM reports WHERE name = ?",
    "SELECT body FROM reports WHERE name = ?",
    "SELECT DISTINCT event_id FROM provenance WHERE report = ?",
    "SELECT proto FROM events WHERE id = ?",
    // A new event is inserted (no row comes back when the name is taken)...
    "INSERT INTO events(name, country, first_day, last_day, last_month, precision, year, month,"
    " day, category, freedom, valence, confidentiality, proto, review_state)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    " ON CONFLICT(name) DO NOTHING RETURNING id",
    // ... and a known one updated, with the same parameters.
    "UPDATE events SET country = ?2, first_day = ?3, last_day = ?4, last_month = ?5,"
    " precision = ?6, year = ?7, month = ?8, day = ?9, category = ?10, freedom = ?11,"
    " valence = ?12, confidentiality = ?13, proto = ?14, review_state = ?15"
    " WHERE name = ?1 RETURNING id",
    "SELECT id FROM events WHERE name = ?",
    "DELETE FROM events WHERE id = ?",
    "DELETE FROM participants WHERE event_id = ?",
    "DELETE FROM provenance WHERE event_id = ?",
    // Full-text changes are staged in a temporary table and applied at the
    // end of the batch (see ReplicaWriter::FlushText).
    "DELETE FROM temp.pending_text",
    "DELETE FROM event_text WHERE rowid IN (SELECT id FROM temp.pending_text WHERE replace)",
    "INSERT INTO event_text(rowid, summary, source)"
    " SELECT id, summary, source FROM temp.pending_text WHERE summary IS NOT NULL",
    "INSERT INTO entities(name, kind, sort_name, proto) VALUES(?, ?, ?, ?)"
    " ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, sort_name = excluded.sort_name,"
    " proto = excluded.proto"
    " RETURNING id",
    "DELETE FROM entities WHERE name = ?",
    "DELETE FROM entity_names WHERE entity_id = ?",
    "INSERT INTO entity_names(entity_id, folded) VALUES(?, ?)",
};

constexpr size_t kBodyCacheSize = 4;

// The writer's page cache, in KiB (see ReplicaWriter::Open).
constexpr int kWriterCacheKib = 64 * 1024;
// The page cache while the indexes are built (see BuildSecondaryIndexes).
constexpr int kIndexBuildCacheKib = 8 * 1024;

// A backlog of more changes than this (and than events in the replica) is
// applied as a bulk load (see ReplicaWriter::Apply)...
constexpr int64_t kBulkLoadMinBacklog = 100000;
// ... which ends, building the indexes, once at most this many remain.
constexpr int64_t kBulkLoadEndBacklog = 1000;
// During a bulk load a transaction spans feed batches until it holds this
// many changes (or has been open this long). The inserts of a batch land all
// over the events' name index, the summaries and the full-text index, and a
// commit writes every page they touched twice (the WAL, then the
// checkpoint), so small transactions spend much of a long catch-up on
// those writes. Ten batches touch most of those pages once; a larger
// transaction costs memory (the pages it holds) for little more speed.
constexpr int64_t kBulkLoadTransactionChanges = 50000;
constexpr absl::Duration kBulkLoadTransactionTime = absl::Seconds(10);

// Runs a prepared statement to completion and resets it for the next use.
absl::Status RunOnce(sqlite::Statement& statement) {
  absl::Status s = statement.Run();
  statement.Reset();
  return s;
}

// Runs a statement whose first row's first column is an integer (RETURNING
// id, SELECT id) to completion; nullopt when it returns no row.
absl::StatusOr<std::optional<int64_t>> QueryInt(sqlite::Statement& statement) {
  absl::StatusOr<bool> row = statement.Step();
  std::optional<int64_t> value;
  absl::Status s = row.status();
  if (s.ok() && *row) {
    value = statement.ColumnInt(0);
    s = statement.Run();
  }
  statement.Reset();
  if (!s.ok()) return s;
  return value;
}

// Rows of a multi-row INSERT written by RowBuffer::Flush.
constexpr int kRowsPerInsert = 64;

}  // namespace

// Rows for one table, kept until Flush writes them kRowsPerInsert to a
// statement: a statement per row cost more than the row itself.
class RowBuffer {
 public:
  // `insert`: "INSERT INTO t(a, b, c)" of `columns` columns; `suffix`
  // follows the VALUES (an ON CONFLICT clause, or empty).
  static absl::StatusOr<std::unique_ptr<RowBuffer>> Create(sqlite::Database& db,
                                                           absl::string_view insert, int columns,
                                                           absl::string_view suffix) {
    const std::string row =
        absl::StrCat("(", absl::StrJoin(std::vector<std::string>(columns, "?"), ", "), ")");
    auto one = db.Prepare(absl::StrCat(insert, " VALUES", row, suffix));
    if (!one.ok()) return one.status();
    auto many = db.Prepare(absl::StrCat(
        insert, " VALUES", absl::StrJoin(std::vector<std::string>(kRowsPerInsert, row), ", "),
        suffix));
    if (!many.ok()) return many.status();
    return std::unique_ptr<RowBuffer>(new RowBuffer(columns, std::move(*one), std::move(*many)));
  }

  RowBuffer& Add(int64_t value) {
    values_.emplace_back(value);
    return *this;
  }
  RowBuffer& Add(absl::string_view value) {
    values_.emplace_back(std::string(value));
    return *this;
  }
  RowBuffer& AddNull() {
    values_.emplace_back(std::monostate());
    return *this;
  }

  // Writes the rows added since the last Flush or Clear, in order.
  absl::Status Flush() {
    const size_t rows = values_.size() / columns_;
    size_t row = 0;
    absl::Status status;
    for (; status.ok() && row + kRowsPerInsert <= rows; row += kRowsPerInsert) {
      status = Run(many_, row, kRowsPerInsert);
    }
    for (; status.ok() && row < rows; ++row) status = Run(one_, row, 1);
    values_.clear();
    return status;
  }
  void Clear() { values_.clear(); }

 private:
  using Value = std::variant<std::monostate, int64_t, std::string>;

  RowBuffer(int columns, sqlite::Statement one, sqlite::Statement many)
      : columns_(columns), one_(std::move(one)), many_(std::move(many)) {}

  absl::Status Run(sqlite::Statement& statement, size_t first_row, size_t rows) {
    int index = 1;
    for (size_t i = first_row * columns_; i < (first_row + rows) * columns_; ++i, ++index) {
      const Value& v = values_[i];
      if (const int64_t* n = std::get_if<int64_t>(&v)) {
        statement.Bind(index, *n);
      } else if (const std::string* text = std::get_if<std::string>(&v)) {
        statement.Bind(index, absl::string_view(*text));
      } else {
        statement.BindNull(index);
      }
    }
    return RunOnce(statement);
  }

  const size_t columns_;
  std::vector<Value> values_;
  sqlite::Statement one_;
  sqlite::Statement many_;
};

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
  pending_text_->Clear();
  event_counts_->Clear();
  event_counts_by_category_->Clear();
  event_counts_all_countries_->Clear();
  provenance_reports_.clear();
}

absl::StatusOr<std::unique_ptr<ReplicaWriter>> ReplicaWriter::Open(const std::string& path,
                                                                   bool rebuild) {
  auto db = sqlite::Database::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<ReplicaWriter> writer(new ReplicaWriter(std::move(*db)));
  sqlite::Database& d = *writer->db_;

  if (rebuild) {
    // In one transaction, so that a reader (GetServerInfo, a query) sees
    // the old replica or the empty new one, never a database without
    // tables.
    if (absl::Status s = d.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    absl::Status s = DropSchema(d);
    if (s.ok()) s = CreateTables(d);
    if (s.ok()) s = d.Exec("COMMIT");
    if (!s.ok()) {
      (void)d.Exec("ROLLBACK");
      return s;
    }
  }
  if (absl::Status s = CreateTables(d); !s.ok()) return s;

  // A replica of another schema version is only a copy: start it again.
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
  if (absl::Status s = d.Exec(absl::StrCat(
          "INSERT INTO meta(key, value) VALUES('schema_version', ", kSchemaVersion,
          ") ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
      !s.ok()) {
    return s;
  }

  // synchronous=NORMAL: in WAL mode a commit then writes the WAL without
  // waiting for fsync, which is synced at each checkpoint instead. A process
  // crash (kill -9) loses nothing committed, since the WAL is in the OS's
  // hands once written; a power loss may lose the last few commits, but
  // never half of one, and the cursor lives in the same transactions as the
  // changes, so the replica simply re-fetches them from the feed. The
  // replica is a copy, so durability is not worth an fsync per batch.
  //
  // cache_size: a batch touches pages all over the date and category
  // indexes; with SQLite's default 2 MB cache those pages are spilled and
  // re-read within one batch once the replica outgrows the cache.
  if (absl::Status s = d.Exec(absl::StrCat("PRAGMA synchronous=NORMAL;"
                                           "PRAGMA cache_size=-",
                                           kWriterCacheKib, ";"));
      !s.ok()) {
    return s;
  }
  // The staging table of FlushText, private to this connection.
  if (absl::Status s = d.Exec(
          "CREATE TEMP TABLE IF NOT EXISTS pending_text("
          "id INTEGER PRIMARY KEY, summary TEXT, source TEXT, replace INTEGER NOT NULL)");
      !s.ok()) {
    return s;
  }
  auto max_id = d.Prepare("SELECT max(id) FROM events");
  if (!max_id.ok()) return max_id.status();
  auto highest = QueryInt(*max_id);
  if (!highest.ok()) return highest.status();
  writer->highest_event_id_ = highest->value_or(0);
  auto max_entity_id = d.Prepare("SELECT max(id) FROM entities");
  if (!max_entity_id.ok()) return max_entity_id.status();
  auto highest_entity = QueryInt(*max_entity_id);
  if (!highest_entity.ok()) return highest_entity.status();
  writer->highest_entity_id_ = highest_entity->value_or(0);

  if (absl::Status s = writer->PrepareStatements(); !s.ok()) return s;
  writer->st(kGetMeta).Bind(1, absl::string_view("cursor"));
  auto cursor = QueryInt(writer->st(kGetMeta));
  if (!cursor.ok()) return cursor.status();
  writer->cursor_ = cursor->value_or(0);
  {
    // Stored as a blob: the column's integer affinity would turn an id
    // made only of digits into a number.
    auto id = d.Prepare("SELECT value FROM meta WHERE key = 'source_database_id'");
    if (!id.ok()) return id.status();
    auto row = id->Step();
    if (!row.ok()) return row.status();
    if (*row) writer->source_database_id_ = id->ColumnText(0);
    writer->committed_source_database_id_ = writer->source_database_id_;
  }

  // Stopped during a bulk load: the next batch says whether to go on with
  // it or to build the indexes.
  writer->st(kGetMeta).Bind(1, absl::string_view("bulk_load"));
  auto bulk = QueryInt(writer->st(kGetMeta));
  if (!bulk.ok()) return bulk.status();
  writer->bulk_load_ = bulk->value_or(0) != 0;
  if (!writer->bulk_load_) {
    if (absl::Status s = CreateSecondaryIndexes(d); !s.ok()) return s;
  }
  writer->committed_cursor_ = writer->cursor_;
  writer->committed_bulk_load_ = writer->bulk_load_;
  return writer;
}

absl::Status ReplicaWriter::PrepareStatements() {
  static_assert(sizeof(kStatementSql) / sizeof(kStatementSql[0]) == kStatementCount);
  statements_.clear();
  for (const char* sql : kStatementSql) {
    auto statement = db_->Prepare(sql);
    if (!statement.ok()) return statement.status();
    statements_.push_back(std::move(*statement));
  }
  auto participants = RowBuffer::Create(
      *db_, "INSERT INTO participants(event_id, position, entity, role, withheld)", 5, "");
  if (!participants.ok()) return participants.status();
  participants_ = std::move(*participants);
  auto provenance = RowBuffer::Create(
      *db_, "INSERT INTO provenance(event_id, position, report, start_offset, end_offset)", 5, "");
  if (!provenance.ok()) return provenance.status();
  provenance_ = std::move(*provenance);
  // A second staging of the same event keeps the first one's `replace`:
  // whether the full-text table held a row for it before the batch.
  auto text = RowBuffer::Create(
      *db_, "INSERT INTO temp.pending_text(id, summary, source, replace)", 4,
      " ON CONFLICT(id) DO UPDATE SET summary = excluded.summary, source = excluded.source");
  if (!text.ok()) return text.status();
  pending_text_ = std::move(*text);
  // The summaries of the events a batch inserts (see FlushEventCounts).
  auto counts = RowBuffer::Create(*db_,
                                  "INSERT INTO event_counts(country, year, month, category,"
                                  " freedom, valence, confidentiality, last_month, n)",
                                  9, " ON CONFLICT DO UPDATE SET n = n + excluded.n");
  if (!counts.ok()) return counts.status();
  event_counts_ = std::move(*counts);
  auto by_category = RowBuffer::Create(*db_,
                                       "INSERT INTO event_counts_by_category(country, year,"
                                       " month, category, confidentiality, last_month, n)",
                                       7, " ON CONFLICT DO UPDATE SET n = n + excluded.n");
  if (!by_category.ok()) return by_category.status();
  event_counts_by_category_ = std::move(*by_category);
  auto all_countries = RowBuffer::Create(*db_,
                                         "INSERT INTO event_counts_all_countries(year, month,"
                                         " category, confidentiality, n)",
                                         5, " ON CONFLICT DO UPDATE SET n = n + excluded.n");
  if (!all_countries.ok()) return all_countries.status();
  event_counts_all_countries_ = std::move(*all_countries);
  return absl::OkStatus();
}

absl::Status ReplicaWriter::FlushRows() {
  provenance_reports_.clear();
  absl::Status s = participants_->Flush();
  if (absl::Status p = provenance_->Flush(); s.ok()) s = p;
  if (absl::Status t = pending_text_->Flush(); s.ok()) s = t;
  return s;
}

absl::Status ReplicaWriter::Apply(const v1::WatchChangesResponse& batch) {
  int64_t cursor = cursor_;
  int64_t new_cursor = cursor_;
  for (const v1::Change& change : batch.changes()) {
    new_cursor = std::max(new_cursor, change.sequence());
  }
  const bool anything_new = new_cursor > cursor_;
  // A long backlog (a new replica, or one far behind a large feed) is
  // applied without the secondary indexes, which are built again once the
  // backlog is nearly done; see CreateSecondaryIndexes. "Long" is more
  // changes than there are events already, so that rebuilding the indexes
  // costs less than keeping them up to date.
  const int64_t backlog = batch.head_sequence() - cursor_;
  const bool start_bulk_load =
      !bulk_load_ && anything_new && backlog > std::max(kBulkLoadMinBacklog, highest_event_id_);
  const bool end_bulk_load =
      (bulk_load_ || start_bulk_load) && batch.head_sequence() - new_cursor <= kBulkLoadEndBacklog;
  if (!anything_new && !end_bulk_load) {
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
    text_staged_ = false;
    new_event_counts_.clear();
    ClearRows();
    if (absl::Status s = RunOnce(st(kClearPendingText)); !s.ok()) return Abandon(s);
  }
  if (!batch.database_id().empty()) source_database_id_ = batch.database_id();
  absl::Status status;
  if (start_bulk_load) status = SetBulkLoad(true);
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
  if (start_bulk_load) bulk_load_ = true;

  // During a bulk load the transaction stays open for the next batches,
  // up to kBulkLoadTransactionChanges; the batches that start and end the
  // bulk load commit.
  const bool keep_open = bulk_load_ && !start_bulk_load && !end_bulk_load &&
                         transaction_changes_ < kBulkLoadTransactionChanges &&
                         absl::Now() - transaction_start_ < kBulkLoadTransactionTime;
  if (keep_open) return absl::OkStatus();
  return CommitTransaction(end_bulk_load);
}

absl::Status ReplicaWriter::CommitTransaction(bool end_bulk_load) {
  absl::Status status = FlushRows();
  if (status.ok()) status = FlushEventCounts();
  if (status.ok()) {
    st(kSetMeta).Bind(1, absl::string_view("cursor")).Bind(2, cursor_);
    status = RunOnce(st(kSetMeta));
  }
  if (status.ok() && source_database_id_ != committed_source_database_id_) {
    auto id = db_->Prepare(
        "INSERT INTO meta(key, value) VALUES('source_database_id', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    status = id.ok() ? id->BindBlob(1, source_database_id_).Run() : id.status();
  }
  if (status.ok()) status = FlushText();
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
  body_cache_.clear();
  new_event_counts_.clear();
  ClearRows();
  return status;
}

absl::Status ReplicaWriter::SetBulkLoad(bool on) {
  if (absl::Status s = on ? DropSecondaryIndexes(*db_) : BuildSecondaryIndexes(); !s.ok()) {
    return s;
  }
  st(kSetMeta).Bind(1, absl::string_view("bulk_load")).Bind(2, int64_t{on ? 1 : 0});
  return RunOnce(st(kSetMeta));
}

// Building an index sorts every row of its table. SQLite's sorter sorts
// runs of at most the page cache's size and merges them; with helper
// threads it sorts and merges several runs at once. With the writer's full
// cache a million rows make one or two runs, sorted on one core; with a
// small cache for the build they make a dozen, sorted on every core: the
// five indexes of a 1M-event replica took half the time.
absl::Status ReplicaWriter::BuildSecondaryIndexes() {
  const absl::Time start = absl::Now();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  absl::Status status = db_->Exec(absl::StrCat("PRAGMA threads=", std::min(cores, 4u) - 1,
                                               "; PRAGMA cache_size=-", kIndexBuildCacheKib));
  if (status.ok()) status = CreateSecondaryIndexes(*db_);
  absl::Status restored =
      db_->Exec(absl::StrCat("PRAGMA threads=0; PRAGMA cache_size=-", kWriterCacheKib));
  if (status.ok()) status = restored;
  if (status.ok()) {
    std::cerr << "civicwatch-query: bulk load done at sequence " << cursor_
              << "; secondary indexes built in " << absl::FormatDuration(absl::Now() - start)
              << "\n";
  }
  return status;
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
  st(kUpsertReport)
      .Bind(1, absl::string_view(name))
      .BindBlob(2, report.body())
      .BindBlob(3, without_body.SerializeAsString());
  if (absl::Status s = RunOnce(st(kUpsertReport)); !s.ok()) return s;
  ForgetReportBody(name);
  return ReindexEventsOf(name);
}

absl::Status ReplicaWriter::DeleteReport(const std::string& name) {
  st(kDeleteReport).Bind(1, absl::string_view(name));
  if (absl::Status s = RunOnce(st(kDeleteReport)); !s.ok()) return s;
  ForgetReportBody(name);
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
  const v1::PartialDate& date = event.date();
  const DatePrecision precision = PrecisionOf(date);
  // Events from before review states were sent are the normaliser's.
  const v1::ReviewState review_state = event.review_state() == v1::REVIEW_STATE_UNSPECIFIED
                                           ? v1::REVIEW_STATE_SUGGESTED
                                           : event.review_state();
  EventCountsKey key{event.country_code(),
                     date.year(),
                     date.month(),
                     static_cast<int64_t>(event.category()),
                     static_cast<int64_t>(event.freedom()),
                     static_cast<int64_t>(event.valence()),
                     static_cast<int64_t>(event.confidentiality()),
                     /*last_month=*/0};
  std::optional<int64_t> first_day, last_day;
  if (precision != DatePrecision::kUndated) {
    first_day = FirstDayOf(date);
    last_day = LastDayOf(date);
    if (PrecisionOf(event.end_date()) != DatePrecision::kUndated) {
      last_day = std::max(*last_day, LastDayOf(event.end_date()));
    }
    const absl::CivilDay last = absl::CivilDay(1970, 1, 1) + *last_day;
    std::get<7>(key) = static_cast<int64_t>(last.year()) * 12 + last.month() - 1;
  }
  auto bind = [&](sqlite::Statement& statement) {
    statement.Bind(1, absl::string_view(name)).Bind(2, absl::string_view(std::get<0>(key)));
    if (first_day.has_value()) {
      statement.Bind(3, *first_day).Bind(4, *last_day);
    } else {
      statement.BindNull(3).BindNull(4);
    }
    statement.Bind(5, std::get<7>(key))
        .Bind(6, static_cast<int64_t>(precision))
        .Bind(7, std::get<1>(key))
        .Bind(8, std::get<2>(key))
        .Bind(9, static_cast<int64_t>(date.day()))
        .Bind(10, std::get<3>(key))
        .Bind(11, std::get<4>(key))
        .Bind(12, std::get<5>(key))
        .Bind(13, std::get<6>(key))
        .BindBlob(14, proto)
        .Bind(15, static_cast<int64_t>(review_state));
  };
  bind(st(kInsertEvent));
  auto id_or = QueryInt(st(kInsertEvent));
  if (!id_or.ok()) return id_or.status();
  const bool inserted = id_or->has_value();
  if (!inserted) {
    // A known event: the update trigger moves its count from the old
    // combination to the new one, which needs the new events' counts in.
    if (absl::Status s = FlushEventCounts(); !s.ok()) return s;
    bind(st(kUpdateEvent));
    id_or = QueryInt(st(kUpdateEvent));
    if (!id_or.ok()) return id_or.status();
    if (!id_or->has_value()) return InternalError("event update found no row");
  }
  const int64_t id = **id_or;
  // The summaries leave rejected events out (read_model_schema.h).
  if (inserted && review_state != v1::REVIEW_STATE_REJECTED) ++new_event_counts_[std::move(key)];
  // SQLite gives a new row an id above every id in the table, so an id
  // above all this writer has seen is a new event: it has no participants,
  // provenance or text to replace yet. (Deleting an event deletes those
  // with it, so a reused id never finds stale rows either.)
  const bool fresh = id > highest_event_id_;
  highest_event_id_ = std::max(highest_event_id_, id);

  // Replace the rows hanging off the event.
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
  return IndexEventText(id, event, /*replace=*/!fresh);
}

absl::Status ReplicaWriter::DeleteEventRows(int64_t id) {
  if (absl::Status s = FlushRows(); !s.ok()) return s;
  for (StatementId clear : {kDeleteParticipants, kDeleteProvenance}) {
    st(clear).Bind(1, id);
    if (absl::Status s = RunOnce(st(clear)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Triggers keep the summaries for updates and deletions, but a trigger per
// inserted event made each insert a statement with a sub-program and a
// statement journal, and two upserts of its own. The writer counts the
// events a batch inserts itself, by combination, and adds the counts in key
// order, kRowsPerInsert combinations to an upsert, before any update or
// deletion of an event (whose triggers need those counts in) and at the end
// of the batch.
absl::Status ReplicaWriter::FlushEventCounts() {
  std::map<std::tuple<std::string, int64_t, int64_t, int64_t, int64_t, int64_t>, int64_t>
      by_category;
  std::map<std::tuple<int64_t, int64_t, int64_t, int64_t>, int64_t> all_countries;
  for (const auto& [key, n] : new_event_counts_) {
    const auto& [country, year, month, category, freedom, valence, confidentiality,
                 last_month] = key;
    event_counts_->Add(country)
        .Add(year)
        .Add(month)
        .Add(category)
        .Add(freedom)
        .Add(valence)
        .Add(confidentiality)
        .Add(last_month)
        .Add(n);
    by_category[{country, year, month, category, confidentiality, last_month}] += n;
    all_countries[{year, month, category, confidentiality}] += n;
  }
  for (const auto& [key, n] : by_category) {
    const auto& [country, year, month, category, confidentiality, last_month] = key;
    event_counts_by_category_->Add(country)
        .Add(year)
        .Add(month)
        .Add(category)
        .Add(confidentiality)
        .Add(last_month)
        .Add(n);
  }
  for (const auto& [key, n] : all_countries) {
    const auto& [year, month, category, confidentiality] = key;
    event_counts_all_countries_->Add(year).Add(month).Add(category).Add(confidentiality).Add(n);
  }
  new_event_counts_.clear();
  absl::Status s = event_counts_->Flush();
  if (absl::Status c = event_counts_by_category_->Flush(); s.ok()) s = c;
  if (absl::Status c = event_counts_all_countries_->Flush(); s.ok()) s = c;
  return s;
}

absl::Status ReplicaWriter::DeleteEvent(const std::string& name) {
  st(kEventId).Bind(1, absl::string_view(name));
  auto id = QueryInt(st(kEventId));
  if (!id.ok()) return id.status();
  if (!id->has_value()) return absl::OkStatus();  // Never seen: nothing to do.
  // The delete trigger takes the event's count off, which needs the new
  // events' counts in.
  if (absl::Status s = FlushEventCounts(); !s.ok()) return s;
  if (absl::Status s = StageText(**id, std::nullopt, /*replace=*/true); !s.ok()) return s;
  if (absl::Status s = DeleteEventRows(**id); !s.ok()) return s;
  st(kDeleteEvent).Bind(1, **id);
  return RunOnce(st(kDeleteEvent));
}

absl::Status ReplicaWriter::UpsertEntity(const std::string& name, const v1::Entity& entity_in) {
  v1::Entity entity = entity_in;
  entity.set_name(name);
  // Counts and dates are the query service's own; never store stale ones.
  entity.clear_event_count();
  entity.clear_first_event_date();
  entity.clear_last_event_date();
  st(kUpsertEntity)
      .Bind(1, absl::string_view(name))
      .Bind(2, static_cast<int64_t>(entity.kind()))
      .Bind(3, absl::string_view(text::FoldCase(entity.display_name())))
      .BindBlob(4, entity.SerializeAsString());
  auto id_or = QueryInt(st(kUpsertEntity));
  if (!id_or.ok()) return id_or.status();
  if (!id_or->has_value()) return InternalError("entity upsert returned no id");
  const int64_t id = **id_or;
  // As for events: an id above all this writer has seen is a new entity,
  // with no names to replace.
  if (id <= highest_entity_id_) {
    st(kDeleteEntityNames).Bind(1, id);
    if (absl::Status s = RunOnce(st(kDeleteEntityNames)); !s.ok()) return s;
  }
  highest_entity_id_ = std::max(highest_entity_id_, id);
  for (const std::string& form : SearchFormsOf(entity)) {
    st(kInsertEntityName).Bind(1, id).Bind(2, absl::string_view(form));
    if (absl::Status s = RunOnce(st(kInsertEntityName)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ReplicaWriter::DeleteEntity(const std::string& name) {
  // Its names go with it (ON DELETE CASCADE).
  st(kDeleteEntity).Bind(1, absl::string_view(name));
  return RunOnce(st(kDeleteEntity));
}

absl::Status ReplicaWriter::IndexEventText(int64_t id, const v1::Event& event, bool replace) {
  std::string source;
  for (const v1::Provenance& p : event.provenance()) {
    auto body = ReportBody(p.report());
    if (!body.ok()) return body.status();
    if (*body == nullptr) continue;
    if (!source.empty()) source.push_back('\n');
    absl::StrAppend(&source, QuoteOf(**body, p.start_offset(), p.end_offset()));
  }
  return StageText(id, std::make_pair(absl::string_view(event.summary()), absl::string_view(source)),
                   replace);
}

absl::Status ReplicaWriter::StageText(
    int64_t id, std::optional<std::pair<absl::string_view, absl::string_view>> text,
    bool replace) {
  pending_text_->Add(id);
  if (text.has_value()) {
    pending_text_->Add(text->first).Add(text->second);
  } else {
    pending_text_->AddNull().AddNull();
  }
  pending_text_->Add(int64_t{replace ? 1 : 0});
  text_staged_ = true;
  return absl::OkStatus();
}

// FTS5 flushes its pending terms to a new on-disk segment whenever a
// statement opens a savepoint in a transaction that has written to it, and
// most writing statements do. Writing the full-text rows one by one among
// the other statements of a batch thus made one segment per event, and the
// merging of those segments grew with the index: catch-up slowed down as
// the replica grew. Staged and written here, last, in two statements, a
// batch makes one segment.
absl::Status ReplicaWriter::FlushText() {
  if (!text_staged_) return absl::OkStatus();
  if (absl::Status s = FlushRows(); !s.ok()) return s;
  if (absl::Status s = RunOnce(st(kDeleteReplacedText)); !s.ok()) return s;
  return RunOnce(st(kInsertPendingText));
}

absl::Status ReplicaWriter::ReindexEventsOf(const std::string& report) {
  // Provenance rows still in their buffer count too.
  if (provenance_reports_.contains(report)) {
    if (absl::Status s = FlushRows(); !s.ok()) return s;
  }
  std::vector<int64_t> ids;
  sqlite::Statement& events = st(kEventsOfReport);
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
    sqlite::Statement& proto = st(kEventProto);
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

absl::StatusOr<std::shared_ptr<const std::string>> ReplicaWriter::ReportBody(
    const std::string& report) {
  for (auto it = body_cache_.begin(); it != body_cache_.end(); ++it) {
    if (it->first == report) {
      body_cache_.splice(body_cache_.begin(), body_cache_, it);
      return body_cache_.front().second;
    }
  }
  sqlite::Statement& select = st(kReportBody);
  select.Bind(1, absl::string_view(report));
  auto row = select.Step();
  std::shared_ptr<const std::string> body;
  if (row.ok() && *row) body = std::make_shared<const std::string>(select.ColumnText(0));
  select.Reset();
  if (!row.ok()) return row.status();
  if (body == nullptr) return body;
  body_cache_.emplace_front(report, body);
  if (body_cache_.size() > kBodyCacheSize) body_cache_.pop_back();
  return body;
}

void ReplicaWriter::ForgetReportBody(const std::string& report) {
  body_cache_.remove_if([&](const auto& entry) { return entry.first == report; });
}

}  // namespace civicwatch::query

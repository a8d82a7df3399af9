// Writes feed changes into the replica's schema (read_model_schema.h).
//
// Owns the one writing connection and its prepared statements. Not
// thread-safe: ReadModel calls it under its write mutex.
#ifndef CIVICWATCH_SERVICES_QUERY_REPLICA_WRITER_H_
#define CIVICWATCH_SERVICES_QUERY_REPLICA_WRITER_H_

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civicwatch/v1/feed.pb.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

class ReplicaWriter {
 public:
  // Opens (creating if needed) the database at `path` and its schema;
  // drops everything first when `rebuild`, or when the file holds another
  // schema version. UNAVAILABLE when the file cannot be opened or written.
  static absl::StatusOr<std::unique_ptr<ReplicaWriter>> Open(const std::string& path,
                                                             bool rebuild);

  // The cursor stored in the database.
  int64_t cursor() const { return cursor_; }

  // Applies the changes of `batch` above cursor() and stores the new cursor,
  // in one transaction. On error the transaction is rolled back and cursor()
  // is unchanged.
  absl::Status Apply(const v1::WatchChangesResponse& batch);

 private:
  // The prepared statements, by purpose (see kStatementSql in the .cc).
  enum StatementId : int;

  explicit ReplicaWriter(std::unique_ptr<sqlite::Database> db);
  absl::Status PrepareStatements();
  sqlite::Statement& st(StatementId id) { return statements_[id]; }

  absl::Status ApplyChange(const v1::Change& change);
  absl::Status UpsertReport(const std::string& name, const v1::Report& report);
  absl::Status DeleteReport(const std::string& name);
  absl::Status UpsertEvent(const std::string& name, const v1::Event& event);
  absl::Status DeleteEvent(const std::string& name);
  absl::Status UpsertEntity(const std::string& name, const v1::Entity& entity);
  absl::Status DeleteEntity(const std::string& name);

  // (Re)writes the full-text row of event `id`: its summary and the report
  // text its provenance points at.
  absl::Status IndexEventText(int64_t id, const v1::Event& event);
  // Re-indexes the events whose provenance names `report`.
  absl::Status ReindexEventsOf(const std::string& report);

  // The body of a stored report, or nullptr when it is not stored. A few
  // recent bodies are kept in memory: events of one report arrive together.
  absl::StatusOr<std::shared_ptr<const std::string>> ReportBody(const std::string& report);
  void ForgetReportBody(const std::string& report);

  std::unique_ptr<sqlite::Database> db_;
  std::vector<sqlite::Statement> statements_;
  int64_t cursor_ = 0;
  std::list<std::pair<std::string, std::shared_ptr<const std::string>>> body_cache_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_REPLICA_WRITER_H_

// Prepared statements of one connection, kept so that the statements
// ingest repeats for every event are prepared once.
#ifndef CIVICWATCH_SERVICES_INGEST_STATEMENT_CACHE_H_
#define CIVICWATCH_SERVICES_INGEST_STATEMENT_CACHE_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/common/sqlite.h"

namespace civicwatch::ingest {

// Prepared statements kept for the life of a connection, or of one
// transaction (the writes of one report repeat the same few statements for
// each of its events, and every report the same ones). Must not outlive
// `db`. A statement is reset whenever it is handed out, so one left
// stepped part way holds no read snapshot past the next use.
class StatementCache {
 public:
  explicit StatementCache(sqlite::Database& db) : db_(db) {}
  // The statement for `sql`, reset, with no bindings.
  absl::StatusOr<sqlite::Statement*> Get(const std::string& sql);
  // Resets every statement (ends any left stepped part way), as at the end
  // of a transaction.
  void ResetAll();

 private:
  sqlite::Database& db_;
  absl::flat_hash_map<std::string, std::unique_ptr<sqlite::Statement>> statements_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_STATEMENT_CACHE_H_

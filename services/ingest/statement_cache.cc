#include "services/ingest/statement_cache.h"

#include <utility>

namespace civicwatch::ingest {

absl::StatusOr<sqlite::Statement*> StatementCache::Get(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto st = db_.Prepare(sql);
    if (!st.ok()) return st.status();
    it = statements_.emplace(sql, std::make_unique<sqlite::Statement>(std::move(*st))).first;
  }
  it->second->Reset();
  return it->second.get();
}

void StatementCache::ResetAll() {
  for (auto& [sql, statement] : statements_) statement->Reset();
}

}  // namespace civicwatch::ingest

#include "services/query/reader_rows.h"

namespace civicwatch::query {

absl::Status ForEachRow(ReaderPool::Lease& db, const std::string& sql,
                        const std::vector<SqlValue>& values,
                        const std::function<absl::Status(const sqlite::Statement&)>& on_row) {
  auto prepared = db.Prepare(sql);
  if (!prepared.ok()) return prepared.status();
  sqlite::Statement& statement = **prepared;
  BindAll(statement, values);
  absl::Status status;
  while (true) {
    auto row = statement.Step();
    if (!row.ok()) {
      status = row.status();
      break;
    }
    if (!*row) break;
    status = on_row(statement);
    if (!status.ok()) break;
  }
  statement.Reset();  // For the next use, and to let go of the snapshot.
  return status;
}

absl::StatusOr<int64_t> QueryCount(ReaderPool::Lease& db, const std::string& sql,
                                   const std::vector<SqlValue>& values) {
  int64_t count = 0;
  absl::Status s = ForEachRow(db, sql, values, [&](const sqlite::Statement& row) {
    count = row.ColumnInt(0);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return count;
}

}  // namespace civicwatch::query

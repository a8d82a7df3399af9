// Running a read model query on a leased reader connection: every row, a
// single count, a stored proto.
#ifndef CIVICWATCH_SERVICES_QUERY_READER_ROWS_H_
#define CIVICWATCH_SERVICES_QUERY_READER_ROWS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/errors.h"
#include "services/common/sqlite.h"
#include "services/query/filter_sql.h"
#include "services/query/reader_pool.h"

namespace civicwatch::query {

// Runs `sql` with `values` bound and calls `on_row` for each row, stopping
// at the first error.
absl::Status ForEachRow(ReaderPool::Lease& db, const std::string& sql,
                        const std::vector<SqlValue>& values,
                        const std::function<absl::Status(const sqlite::Statement&)>& on_row);

// The single integer `sql` returns (COUNT(*) and the like).
absl::StatusOr<int64_t> QueryCount(ReaderPool::Lease& db, const std::string& sql,
                                   const std::vector<SqlValue>& values);

// Parses the proto stored in `column` of `row` into `message`; INTERNAL
// when it does not parse.
template <typename Message>
absl::Status ParseRow(const sqlite::Statement& row, int column, Message* message) {
  if (!message->ParseFromString(row.ColumnText(column))) {
    return InternalError("unreadable row in the replica");
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_READER_ROWS_H_

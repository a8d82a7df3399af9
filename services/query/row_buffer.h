// Rows for one table, kept until Flush writes them many to a statement: a
// statement per row cost more than the row itself.
//
// Not thread-safe.
#ifndef CIVICWATCH_SERVICES_QUERY_ROW_BUFFER_H_
#define CIVICWATCH_SERVICES_QUERY_ROW_BUFFER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

class RowBuffer {
 public:
  // Rows of a multi-row INSERT written by Flush.
  static constexpr int kRowsPerInsert = 64;

  // `insert`: "INSERT INTO t(a, b, c)" of `columns` columns; `suffix`
  // follows the VALUES (an ON CONFLICT clause, or empty). `db` must outlive
  // the buffer.
  static absl::StatusOr<std::unique_ptr<RowBuffer>> Create(sqlite::Database& db,
                                                           absl::string_view insert, int columns,
                                                           absl::string_view suffix);

  // The next value of the current row; a row is complete after `columns`.
  RowBuffer& Add(int64_t value);
  RowBuffer& Add(absl::string_view value);
  RowBuffer& AddNull();

  // Writes the rows added since the last Flush or Clear, in order.
  absl::Status Flush();
  // Drops them.
  void Clear() { values_.clear(); }

 private:
  using Value = std::variant<std::monostate, int64_t, std::string>;

  RowBuffer(int columns, sqlite::Statement one, sqlite::Statement many);
  absl::Status Run(sqlite::Statement& statement, size_t first_row, size_t rows);

  const size_t columns_;
  std::vector<Value> values_;
  sqlite::Statement one_;
  sqlite::Statement many_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_ROW_BUFFER_H_

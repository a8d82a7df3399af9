#include "services/query/row_buffer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/query/replica_statements.h"

namespace civicwatch::query {

absl::StatusOr<std::unique_ptr<RowBuffer>> RowBuffer::Create(sqlite::Database& db,
                                                             absl::string_view insert,
                                                             int columns,
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

RowBuffer::RowBuffer(int columns, sqlite::Statement one, sqlite::Statement many)
    : columns_(columns), one_(std::move(one)), many_(std::move(many)) {}

RowBuffer& RowBuffer::Add(int64_t value) {
  values_.emplace_back(value);
  return *this;
}

RowBuffer& RowBuffer::Add(absl::string_view value) {
  values_.emplace_back(std::string(value));
  return *this;
}

RowBuffer& RowBuffer::AddNull() {
  values_.emplace_back(std::monostate());
  return *this;
}

absl::Status RowBuffer::Flush() {
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

absl::Status RowBuffer::Run(sqlite::Statement& statement, size_t first_row, size_t rows) {
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

}  // namespace civicwatch::query

#include "table.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "terminal.h"

namespace civicwatch::cli {

Table::Table(std::vector<std::string> headers)
    : right_(headers.size(), false) {
  for (std::string& h : headers) headers_.push_back(absl::AsciiStrToUpper(h));
}

void Table::AlignRight(size_t column) {
  if (column < right_.size()) right_[column] = true;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out, int max_width) const {
  const size_t n = headers_.size();
  if (n == 0) return;
  std::vector<int> widths(n, 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < n; ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);

  // Columns before the last, with their separators.
  int fixed = 0;
  for (size_t c = 0; c + 1 < n; ++c) fixed += widths[c] + 2;
  int last_width = widths[n - 1];
  if (max_width > 0) {
    // Keep at least a few columns for the last one even on a narrow
    // terminal; the line then wraps, which beats an empty column.
    last_width = std::min(last_width, std::max(max_width - fixed, 10));
  }

  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < n; ++c) {
      bool last = c + 1 == n;
      std::string cell = last ? TruncateToWidth(row[c], last_width) : row[c];
      int pad = (last ? last_width : widths[c]) - DisplayWidth(cell);
      if (right_[c]) line.append(std::max(pad, 0), ' ');
      line += cell;
      if (!last) {
        if (!right_[c]) line.append(std::max(pad, 0), ' ');
        line += "  ";
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace civicwatch::cli

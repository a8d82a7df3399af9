// Aligned text tables for the terminal, like kubectl's and gh's:
//
//   DATE        COUNTRY  CATEGORY   SUMMARY
//   2018-06     KG       detention  Journalist detained in Bishkek for …
#ifndef CIVICWATCH_SDK_CLI_TABLE_H_
#define CIVICWATCH_SDK_CLI_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace civicwatch::cli {

class Table {
 public:
  // Column headers, printed in upper case.
  explicit Table(std::vector<std::string> headers);

  // Right-aligns a column (numbers).
  void AlignRight(size_t column);

  // Adds a row; missing cells are blank, extra cells are dropped.
  void AddRow(std::vector<std::string> cells);

  size_t size() const { return rows_.size(); }

  // Writes the header and rows, columns separated by two spaces. When
  // `max_width` > 0 the last column is cut (with "…") so no line is wider;
  // the other columns are never cut. Trailing spaces are never written.
  void Print(std::ostream& out, int max_width = 0) const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_TABLE_H_

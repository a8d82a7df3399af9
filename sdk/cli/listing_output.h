// Prints a listing command's items (entities, reports, events) as a table,
// JSON lines or CSV records, as the listing pages in.
#ifndef CIVICWATCH_SDK_CLI_LISTING_OUTPUT_H_
#define CIVICWATCH_SDK_CLI_LISTING_OUTPUT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "command.h"
#include "csv.h"
#include "error_messages.h"
#include "json.h"
#include "output_format.h"
#include "table.h"

namespace civicwatch::cli {

// How the items of a listing are printed: the table's headers and rows,
// the CSV header and records (JSON lines print the item itself).
template <typename Item>
struct ListingColumns {
  std::vector<std::string> table_headers;
  std::vector<std::string> (*table_row)(const Item&);
  std::vector<std::string> csv_headers;
  std::vector<std::string> (*csv_record)(const Item&);
  // A table column of numbers, aligned right; -1 for none.
  int right_aligned_column = -1;
};

// Writes the items of `range` (a paged listing whose last element is its
// error, if one ended it) in `format`, at most `limit` of them when limit
// is above 0: a table printed at the end or, when it has no rows and no
// error ended the listing, `empty_message` on stderr; JSON lines; or CSV
// records after their header. Returns the exit code: kExitOk, or that of
// reporting the error that ended the listing as an error of `service`.
template <typename Item, typename Range>
int PrintListing(Range&& range, Format format, const ListingColumns<Item>& columns,
                 absl::string_view empty_message, const Service& service, Context& ctx,
                 int64_t limit = 0) {
  Table table(columns.table_headers);
  if (columns.right_aligned_column >= 0) table.AlignRight(columns.right_aligned_column);
  if (format == Format::kCsv) WriteCsvRecord(ctx.out, columns.csv_headers);
  absl::Status error;
  int64_t count = 0;
  for (const absl::StatusOr<Item>& item : range) {
    if (!item.ok()) {
      error = item.status();
      break;
    }
    switch (format) {
      case Format::kTable: table.AddRow(columns.table_row(*item)); break;
      case Format::kJson: ctx.out << ToJson(*item) << "\n"; break;
      case Format::kCsv: WriteCsvRecord(ctx.out, columns.csv_record(*item)); break;
    }
    if (++count == limit) break;
  }
  if (format == Format::kTable) {
    if (table.size() > 0) table.Print(ctx.out, ctx.terminal_width);
    else if (error.ok()) ctx.err << empty_message << "\n";
  }
  ctx.out.flush();
  if (!error.ok()) return ReportError(ctx, error, service);
  return kExitOk;
}

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_LISTING_OUTPUT_H_

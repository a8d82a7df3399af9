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
#include "json.h"
#include "output_format.h"
#include "table.h"

namespace civicwatch::cli {

// How one item of a listing is printed: its table row and its CSV record
// (JSON lines print the item itself).
template <typename Item>
struct ListingColumns {
  std::vector<std::string> (*table_row)(const Item&);
  std::vector<std::string> (*csv_record)(const Item&);
};

// Writes the items of `range` (a paged listing whose last element is its
// error, if one ended it) in `format`, at most `limit` of them when limit
// is above 0. Table rows go into `table`, printed at the end, or, when
// there are none and no error, `empty_message` on stderr. The caller has
// written the CSV header. Returns the error that ended the listing.
template <typename Item, typename Range>
absl::Status WriteListing(Range&& range, Format format, const ListingColumns<Item>& columns,
                          Table& table, absl::string_view empty_message, Context& ctx,
                          int64_t limit = 0) {
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
  return error;
}

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_LISTING_OUTPUT_H_

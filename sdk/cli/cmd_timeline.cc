// `civicwatch timeline`: the events matching a filter, in date order.
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "csv.h"
#include "error_messages.h"
#include "event_format.h"
#include "filter_flags.h"
#include "json.h"
#include "listing_output.h"
#include "output_format.h"
#include "table.h"

namespace civicwatch::cli {
namespace {

const ListingColumns<v1::Event> kEventColumns = {EventTableRow, EventCsvRecord};

int RunTimeline(const ParsedArgs& args, Context& ctx) {
  if (!args.positionals.empty()) {
    return ReportUsage(ctx, "timeline",
                       absl::StrCat("timeline takes no arguments, got \"",
                                    args.positionals[0], "\"; use the filter flags"));
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable);
  if (!format.ok()) return ReportUsage(ctx, "timeline", format.status().message());
  ListEventsOptions options;
  std::string order = absl::AsciiStrToLower(args.Get("order", "asc"));
  if (order == "desc") {
    options.order_by = "date desc";
  } else if (order != "asc") {
    return ReportUsage(ctx, "timeline",
                       absl::StrCat("--order: \"", args.Get("order"), "\" is not asc or desc"));
  }
  int64_t limit = 0;
  if (args.Has("limit") && (!absl::SimpleAtoi(args.Get("limit"), &limit) || limit <= 0)) {
    return ReportUsage(ctx, "timeline",
                       absl::StrCat("--limit: \"", args.Get("limit"), "\" is not a positive number"));
  }
  // Fewer round trips for long timelines; no more than needed for a limit.
  options.page_size = limit > 0 && limit < 500 ? static_cast<int32_t>(limit) : 500;

  std::unique_ptr<Client> client = ClientOrUsage(ctx, "timeline");
  if (client == nullptr) return kExitUsage;
  absl::StatusOr<v1::EventFilter> filter = FilterFromFlags(args, client.get());
  if (!filter.ok()) return ReportFilterError(ctx, "timeline", filter.status());

  Table table(EventTableHeaders());
  if (*format == Format::kCsv) WriteCsvRecord(ctx.out, EventCsvHeaders());
  const absl::Status error = WriteListing(client->ListEvents(*filter, options), *format,
                                          kEventColumns, table, "No events match.", ctx, limit);
  if (!error.ok()) return ReportError(ctx, error, QueryServiceOf(ctx.client_options));
  return kExitOk;
}

}  // namespace

Command TimelineCommand() {
  Command c;
  c.name = "timeline";
  c.synopsis = "timeline [filter flags] [--order asc|desc] [--limit N] [--format table|json|csv]";
  c.summary = "List the events matching a filter, in date order";
  c.details =
      "Walks every page of the query service's ListEvents. Dates print at\n"
      "their own precision (2018, 2018-06, 2018-06-07; a..b for a period;\n"
      "\"undated\" when unknown). A --from/--to range keeps events whose\n"
      "whole period lies inside it. json prints one event per line in the\n"
      "proto3 JSON mapping; csv is RFC 4180 with a header.";
  c.example =
      "civicwatch timeline --country KG --from 2018-08 --to 2018-12\n"
      "civicwatch timeline --category detention,imprisonment --format csv > kg.csv";
  c.define_flags = [](ArgParser& p) {
    AddFilterFlags(p);
    p.Add({"order", "asc|desc", "oldest first (asc, the default) or newest first"});
    p.Add({"limit", "N", "print at most N events"});
    AddFormatFlag(p);
  };
  c.run = RunTimeline;
  return c;
}

}  // namespace civicwatch::cli

// `civicwatch timeline`: the events matching a filter, in date order.
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "error_messages.h"
#include "event_format.h"
#include "filter_flags.h"
#include "json.h"
#include "listing_output.h"
#include "output_format.h"

namespace civicwatch::cli {
namespace {

const ListingColumns<v1::Event> kEventColumns = {EventTableHeaders(), EventTableRow,
                                                  EventCsvHeaders(), EventCsvRecord};

}  // namespace

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
  return PrintListing(client->ListEvents(*filter, options), *format, kEventColumns,
                      "No events match.", QueryServiceOf(ctx.client_options), ctx, limit);
}

void DefineTimelineFlags(ArgParser& p) {
  AddFilterFlags(p);
  p.Add({"order", "asc|desc", "oldest first (asc, the default) or newest first"});
  p.Add({"limit", "N", "print at most N events"});
  AddFormatFlag(p);
}

}  // namespace civicwatch::cli

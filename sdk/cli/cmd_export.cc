// `civicwatch export`: every matching event, as CSV or JSON lines, for
// spreadsheets and other tools.
#include "absl/strings/str_cat.h"
#include "command_steps.h"
#include "acled_csv.h"
#include "command.h"
#include "csv.h"
#include "error_messages.h"
#include "filter_flags.h"
#include "json.h"
#include "output_format.h"

namespace civicwatch::cli {
namespace {

// Writes the events of `range`; returns the error that ended it (OK at the
// end) and counts what was written in *written.
absl::Status WriteEvents(StreamRange<v1::Event> range, Format format, Context& ctx,
                         int64_t* written) {
  for (const absl::StatusOr<v1::Event>& e : range) {
    if (!e.ok()) return e.status();
    if (format == Format::kCsv) {
      WriteCsvRecord(ctx.out, AcledRecord(*e));
    } else {
      ctx.out << ToJson(*e) << "\n";
    }
    ++*written;
  }
  return absl::OkStatus();
}

int RunExport(const ParsedArgs& args, Context& ctx) {
  if (!args.positionals.empty()) {
    return ReportUsage(ctx, "export", "export takes no arguments; use the filter flags");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kCsv, "csv|json");
  if (!format.ok()) return ReportUsage(ctx, "export", format.status().message());
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "export");
  if (client == nullptr) return kExitUsage;
  absl::StatusOr<v1::EventFilter> filter = FilterFromFlags(args, client.get());
  if (!filter.ok()) return ReportFilterError(ctx, "export", filter.status());
  if (*format == Format::kCsv) WriteCsvRecord(ctx.out, AcledHeaders());
  int64_t written = 0;
  absl::Status status = WriteEvents(client->ExportEvents(*filter), *format, ctx, &written);
  if (status.code() == absl::StatusCode::kUnimplemented && written == 0) {
    // Servers without the streaming export still page through ListEvents,
    // which yields the same events in the same order.
    status = WriteEvents(client->ListEvents(*filter, {"", 1000}), *format, ctx, &written);
  }
  ctx.out.flush();
  if (!status.ok()) return ReportError(ctx, status, QueryServiceOf(ctx.client_options));
  return kExitOk;
}

}  // namespace

Command ExportCommand() {
  Command c;
  c.name = "export";
  c.synopsis = "export [filter flags] [--format csv|json]";
  c.summary = "Write every matching event as CSV (ACLED-like columns) or JSON lines";
  c.details =
      "csv (the default) has the columns event_id_cnty, event_date, year,\n"
      "time_precision (1 day, 2 month, 3 year), event_type (category),\n"
      "sub_event_type (freedom), valence, actor1 (perpetrators), actor2\n"
      "(victims), assoc_actor, country, location, source, notes, end_date.\n"
      "json prints one event per line in the proto3 JSON mapping.";
  c.example = "civicwatch export --country KG > kg-events.csv";
  c.define_flags = [](ArgParser& p) {
    AddFilterFlags(p);
    AddFormatFlag(p, "csv|json");
  };
  c.run = RunExport;
  return c;
}

}  // namespace civicwatch::cli

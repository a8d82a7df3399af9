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

}  // namespace

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

void DefineExportFlags(ArgParser& p) {
  AddFilterFlags(p);
  AddFormatFlag(p, "csv|json");
}

}  // namespace civicwatch::cli

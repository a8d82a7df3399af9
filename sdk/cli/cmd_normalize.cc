// `civicwatch normalize`: run the normaliser on a file, offline.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "command.h"
#include "dates.h"
#include "error_messages.h"
#include "event_format.h"
#include "json.h"
#include "output_format.h"
#include "report_files.h"
#include "table.h"

#ifdef CIVICWATCH_HAVE_NORMALIZER
#include "services/normalize/normalizer.h"
#endif

namespace civicwatch::cli {
namespace {

void PrintListing(Context& ctx, const v1::NormalizeReportResponse& r) {
  const v1::Report& report = r.report();
  ctx.out << "title:      " << report.title() << "\n"
          << "country:    " << (report.country_code().empty() ? "-" : report.country_code()) << "\n"
          << "coverage:   " << FormatDate(report.coverage_start()) << " .. "
          << FormatDate(report.coverage_end()) << "\n";
  if (report.publishers_size() > 0) {
    ctx.out << "publishers: " << absl::StrJoin(report.publishers(), "; ") << "\n";
  }
  if (!report.language().empty()) ctx.out << "language:   " << report.language() << "\n";
  ctx.out << "\n" << r.events_size() << (r.events_size() == 1 ? " event" : " events") << "\n";
  if (r.events_size() > 0) {
    Table table(EventTableHeaders());
    for (const v1::Event& e : r.events()) table.AddRow(EventTableRow(e));
    table.Print(ctx.out, ctx.terminal_width);
  }
  if (r.warnings_size() > 0) {
    ctx.out << "\nwarnings:\n";
    for (const v1::Warning& w : r.warnings()) {
      ctx.out << "  " << w.code() << ": " << w.message() << "\n";
    }
  }
}

int RunNormalize(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "normalize", "name exactly one report file");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kJson, "json|table");
  if (!format.ok()) return ReportUsage(ctx, "normalize", format.status().message());
  absl::StatusOr<std::string> body = ReadReportFile(args.positionals[0]);
  if (!body.ok()) {
    ctx.err << "civicwatch: " << body.status().message() << "\n";
    return kExitFailure;
  }
#ifdef CIVICWATCH_HAVE_NORMALIZER
  v1::Report input;
  input.set_body(*std::move(body));
  auto normalized = normalize::NormalizeReport(input);
  if (!normalized.ok()) {
    ctx.err << "civicwatch: " << args.positionals[0]
            << " cannot be normalised: " << normalized.status().message() << "\n";
    return kExitFailure;
  }
  // The same shape NormalizeReport answers over gRPC.
  v1::NormalizeReportResponse response;
  *response.mutable_report() = std::move(normalized->report);
  for (v1::Event& e : normalized->events) *response.add_events() = std::move(e);
  for (v1::Warning& w : normalized->warnings) *response.add_warnings() = std::move(w);
  if (*format == Format::kJson) {
    ctx.out << ToJson(response) << "\n";
  } else {
    PrintListing(ctx, response);
  }
  return kExitOk;
#else
  (void)PrintListing;
  ctx.err << "civicwatch: this build has no normaliser library; rebuild with "
             "services/normalize, or use a server's NormalizeReport\n";
  return kExitFailure;
#endif
}

}  // namespace

Command NormalizeCommand() {
  Command c;
  c.name = "normalize";
  c.synopsis = "normalize FILE [--format json|table]";
  c.summary = "Read a report offline and print its metadata and events";
  c.details =
      "Runs the same normaliser as the ingest service, in this process: no\n"
      "server is needed and nothing is stored. json (the default) prints one\n"
      "object {\"report\": {...}, \"events\": [...], \"warnings\": [...]} in the\n"
      "proto3 JSON mapping; table prints a readable listing.";
  c.example =
      "civicwatch normalize ../shared/corpus/dev/kg-2018-iphr-surveillance.txt --format json";
  c.define_flags = [](ArgParser& p) { AddFormatFlag(p, "json|table"); };
  c.run = RunNormalize;
  return c;
}

}  // namespace civicwatch::cli

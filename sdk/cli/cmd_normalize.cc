// `civicwatch normalize`: run the normaliser on a file, offline.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "command.h"
#include "dates.h"
#include "document_flags.h"
#include "error_messages.h"
#include "event_format.h"
#include "json.h"
#include "output_format.h"
#include "report_files.h"
#include "table.h"

#ifdef CIVICWATCH_HAVE_NORMALIZER
#include "services/document/report_from_document.h"
#include "services/normalize/normalizer.h"
#endif

namespace civicwatch::cli {
namespace {

void PrintListing(Context& ctx, const v1::NormalizeReportResponse& r,
                  const std::string& document_type) {
  const v1::Report& report = r.report();
  ctx.out << "document:   " << document_type << "\n"
          << "title:      " << report.title() << "\n"
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

}  // namespace

int RunNormalize(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "normalize", "name exactly one report file");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kJson, "json|table");
  if (!format.ok()) return ReportUsage(ctx, "normalize", format.status().message());
  absl::StatusOr<document::ExtractOptions> options = DocumentOptionsFrom(args);
  if (!options.ok()) return ReportUsage(ctx, "normalize", options.status().message());
  const std::string& path = args.positionals[0];
  absl::StatusOr<std::string> bytes = ReadDocumentFile(path, options->limits.max_input_bytes);
  if (!bytes.ok()) {
    ctx.err << "civicwatch: " << bytes.status().message() << "\n";
    return kExitFailure;
  }
#ifdef CIVICWATCH_HAVE_NORMALIZER
  absl::StatusOr<document::ExtractedDocument> doc = document::ExtractDocument(*bytes, *options);
  if (!doc.ok()) {
    ctx.err << "civicwatch: " << path << ": " << doc.status().message() << "\n";
    return kExitFailure;
  }
  std::string document_type(document::MediaTypeName(doc->media_type));
  if (!doc->encoding.empty()) absl::StrAppend(&document_type, " (", doc->encoding, ")");
  v1::Report input;
  document::FillReportFromDocument(*std::move(doc), input);
  auto normalized = normalize::NormalizeReport(input);
  if (!normalized.ok()) {
    ctx.err << "civicwatch: " << path
            << " cannot be normalised: " << normalized.status().message() << "\n";
    return kExitFailure;
  }
  // Where each event is in the file, as the ingest service says it.
  document::LocateEventsInOriginal(*doc, normalized->events);
  // The same shape NormalizeReport answers over gRPC.
  v1::NormalizeReportResponse response;
  *response.mutable_report() = std::move(normalized->report);
  for (v1::Event& e : normalized->events) *response.add_events() = std::move(e);
  for (v1::Warning& w : normalized->warnings) *response.add_warnings() = std::move(w);
  if (*format == Format::kJson) {
    if (!WriteJsonLine(response, ctx.out)) {
      ctx.err << "civicwatch: " << path << ": the events cannot be printed as JSON\n";
      return kExitFailure;
    }
  } else {
    PrintListing(ctx, response, document_type);
  }
  return kExitOk;
#else
  (void)PrintListing;
  ctx.err << "civicwatch: this build has no normaliser library; rebuild with "
             "services/normalize, or use a server's NormalizeReport\n";
  return kExitFailure;
#endif
}

void DefineNormalizeFlags(ArgParser& p) {
  AddFormatFlag(p, "json|table");
  AddDocumentFlags(p);
}

}  // namespace civicwatch::cli

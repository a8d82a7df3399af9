// `civicwatch reports`: the stored reports, newest first.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "dates.h"
#include "error_messages.h"
#include "json.h"
#include "listing_output.h"
#include "output_format.h"
#include "table.h"

namespace civicwatch::cli {
namespace {

// "2018-08-15..2018-12-15", "2024-01..", or "-" when the report says nothing.
std::string Coverage(const v1::Report& r) {
  if (!IsSet(r.coverage_start()) && !IsSet(r.coverage_end())) return "-";
  return absl::StrCat(IsSet(r.coverage_start()) ? FormatDate(r.coverage_start()) : "", "..",
                      IsSet(r.coverage_end()) ? FormatDate(r.coverage_end()) : "");
}

const ListingColumns<v1::Report> kReportColumns = {
    {"name", "country", "coverage", "events", "title"},
    [](const v1::Report& r) -> std::vector<std::string> {
      return {r.name(), r.country_code(), Coverage(r), absl::StrCat(r.event_count()), r.title()};
    },
    {"name", "country", "coverage_start", "coverage_end", "events", "title", "source_uri",
     "content_hash"},
    [](const v1::Report& r) -> std::vector<std::string> {
      return {r.name(),
              r.country_code(),
              IsSet(r.coverage_start()) ? FormatDate(r.coverage_start()) : "",
              IsSet(r.coverage_end()) ? FormatDate(r.coverage_end()) : "",
              absl::StrCat(r.event_count()),
              r.title(),
              r.source_uri(),
              r.content_hash()};
    },
    /*right_aligned_column=*/3,
};

}  // namespace

int RunReports(const ParsedArgs& args, Context& ctx) {
  if (!args.positionals.empty()) {
    return ReportUsage(ctx, "reports", "reports takes no arguments; use --country");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable);
  if (!format.ok()) return ReportUsage(ctx, "reports", format.status().message());
  ListReportsOptions options;
  options.country_code = absl::AsciiStrToUpper(args.Get("country"));
  options.page_size = 500;
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "reports");
  if (client == nullptr) return kExitUsage;
  return PrintListing(client->ListReports(options), *format, kReportColumns,
                      "No reports stored.", IngestServiceOf(ctx.client_options), ctx);
}

void DefineReportsFlags(ArgParser& p) {
  p.Add({"country", "CC", "only reports about this country"});
  AddFormatFlag(p);
}

}  // namespace civicwatch::cli

// `civicwatch report get NAME [--original FILE]`: one stored report, and
// the document it was submitted as, saved as it was sent.
#include <openssl/sha.h>

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "dates.h"
#include "error_messages.h"
#include "json.h"
#include "output_format.h"
#include "services/common/snapshot/atomic_file.h"

namespace civicwatch::cli {
namespace {

std::string ReportName(const std::string& text) {
  return absl::StartsWith(text, "reports/") ? text : absl::StrCat("reports/", text);
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

void PrintReport(std::ostream& out, const v1::Report& r) {
  auto line = [&](absl::string_view label, const std::string& value) {
    if (!value.empty()) out << label << value << "\n";
  };
  line("name:         ", r.name());
  line("title:        ", r.title());
  line("country:      ", r.country_code());
  if (IsSet(r.coverage_start()) || IsSet(r.coverage_end())) {
    line("coverage:     ",
         absl::StrCat(IsSet(r.coverage_start()) ? FormatDate(r.coverage_start()) : "", "..",
                      IsSet(r.coverage_end()) ? FormatDate(r.coverage_end()) : ""));
  }
  if (IsSet(r.published_date())) line("published:    ", FormatDate(r.published_date()));
  line("language:     ", r.language());
  line("source_uri:   ", r.source_uri());
  line("events:       ", absl::StrCat(r.event_count()));
  line("content_hash: ", r.content_hash());
  if (r.has_original()) {
    const v1::ReportOriginal& o = r.original();
    line("original:     ",
         absl::StrCat(o.media_type(), ", ", o.size_bytes(), " bytes",
                      o.encoding().empty() ? "" : absl::StrCat(", ", o.encoding()),
                      o.sha256().empty() ? "" : absl::StrCat(", sha256 ", o.sha256())));
  }
  out << "body:         " << r.body().size() << " bytes\n";
}

// Writes the original of `report` (fetched with REPORT_VIEW_FULL) to
// `path` atomically, after checking its bytes against their SHA-256.
int SaveOriginal(Context& ctx, const v1::Report& report, const std::string& path) {
  const v1::ReportOriginal& original = report.original();
  if (!report.has_original()) {
    ctx.err << "civicwatch report get: " << report.name()
            << " was submitted as text: there is no original document to save\n";
    return kExitFailure;
  }
  if (original.sha256().empty() && original.content().empty()) {
    ctx.err << "civicwatch report get: the original of " << report.name()
            << " is withheld from this caller (a restricted report needs the "
               "query.restricted scope)\n";
    return kExitFailure;
  }
  if (Sha256Hex(original.content()) != original.sha256()) {
    ctx.err << "civicwatch report get: the original of " << report.name()
            << " arrived damaged (its SHA-256 is not " << original.sha256()
            << "); nothing was written to " << path << "\n";
    return kExitFailure;
  }
  auto file = snapshot::AtomicFile::Create(path);
  absl::Status written = file.ok() ? file->Write(original.content()) : file.status();
  if (written.ok()) written = file->Commit();
  if (!written.ok()) {
    ctx.err << "civicwatch report get: " << written.message() << "\n";
    return kExitFailure;
  }
  ctx.err << "Saved the original of " << report.name() << " (" << original.media_type() << ", "
          << original.content().size() << " bytes, sha256 " << original.sha256() << ") to "
          << path << "\n";
  return kExitOk;
}

}  // namespace

int RunReport(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() != 2 || args.positionals[0] != "get") {
    return ReportUsage(ctx, "report", "use: report get NAME [--original FILE]");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "report", format.status().message());
  const std::string name = ReportName(args.positionals[1]);
  const std::string original_path = args.Get("original");
  if (args.Has("original") && original_path.empty()) {
    return ReportUsage(ctx, "report", "--original needs the file to write");
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "report");
  if (client == nullptr) return kExitUsage;
  auto report = client->GetReport(
      name, original_path.empty() ? v1::REPORT_VIEW_BASIC : v1::REPORT_VIEW_FULL);
  if (!report.ok()) return ReportError(ctx, report.status(), IngestServiceOf(ctx.client_options));
  if (!original_path.empty()) {
    if (int code = SaveOriginal(ctx, *report, original_path); code != kExitOk) return code;
    report->mutable_original()->clear_content();
  }
  if (*format == Format::kJson) {
    ctx.out << ToJson(*report) << "\n";
  } else {
    PrintReport(ctx.out, *report);
  }
  return kExitOk;
}

void DefineReportFlags(ArgParser& p) {
  AddFormatFlag(p, "table|json");
  p.Add({"original", "FILE", "save the original document to FILE"});
}

}  // namespace civicwatch::cli

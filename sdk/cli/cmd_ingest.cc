// `civicwatch ingest`: submit report files to the ingest service.
#include <memory>

#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "document_flags.h"
#include "error_messages.h"
#include "progress.h"
#include "report_files.h"
#include "services/document/report_from_document.h"

namespace civicwatch::cli {

int RunIngest(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.empty()) {
    return ReportUsage(ctx, "ingest", "name at least one report file or folder");
  }
  absl::StatusOr<document::ExtractOptions> options = DocumentOptionsFrom(args);
  if (!options.ok()) return ReportUsage(ctx, "ingest", options.status().message());
  const std::string source_uri = args.Get("source_uri");
  FoundFiles found = FindReportFiles(args.positionals);
  if (!source_uri.empty() && found.files.size() + found.problems.size() != 1) {
    return ReportUsage(ctx, "ingest",
                       "--source_uri names one report: give exactly one file with it");
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "ingest");
  if (client == nullptr) return kExitUsage;
  const Service service = IngestServiceOf(ctx.client_options);

  int failed = 0;
  int64_t reports = 0, events = 0;
  for (const auto& [path, why] : found.problems) {
    ctx.err << "civicwatch: " << path << ": " << why << "\n";
    ++failed;
  }

  // On a terminal one line is redrawn; elsewhere (a log, a pipe) each file
  // gets a line of its own.
  std::unique_ptr<ProgressBar> bar;
  if (ctx.out_is_terminal && !found.files.empty()) {
    bar = std::make_unique<ProgressBar>(ctx.out, static_cast<int>(found.files.size()),
                                        ctx.terminal_width > 0 ? ctx.terminal_width : 80);
  }
  auto say = [&](const std::string& line) {
    if (bar) bar->Message(line);
    else ctx.out << line << "\n";
  };
  for (size_t i = 0; i < found.files.size(); ++i) {
    const std::string& path = found.files[i];
    if (bar) bar->Update(static_cast<int>(i), path);
    absl::StatusOr<std::string> bytes = ReadDocumentFile(path, options->limits.max_input_bytes);
    if (!bytes.ok()) {
      say(absl::StrCat("failed   ", path, ": ", bytes.status().message()));
      ++failed;
      continue;
    }
    absl::StatusOr<document::ExtractedDocument> doc = document::ExtractDocument(*bytes, *options);
    if (!doc.ok()) {
      say(absl::StrCat("failed   ", path, ": ", doc.status().message()));
      ++failed;
      continue;
    }
    // The document goes as it is, for the service to extract the same way
    // and keep; it was read here first so a file that cannot be read is
    // told at once, under the limits given on this command line.
    const std::string request_id = ContentRequestId(doc->body);
    v1::Report report;
    report.set_source_uri(source_uri);
    v1::ReportOriginal* original = report.mutable_original();
    original->set_media_type(std::string(document::MediaTypeName(doc->media_type)));
    original->set_encoding(options->encoding);
    original->set_content(*std::move(bytes));
    auto response = client->CreateReport(report, request_id);
    if (!response.ok()) {
      say(absl::StrCat("failed   ", path, ": ", DescribeError(response.status(), service)));
      ++failed;
      continue;
    }
    ++reports;
    events += response->events_size();
    say(absl::StrCat("ingested ", path, ": ", response->report().name(), ", ",
                     response->events_size(), response->events_size() == 1 ? " event" : " events"));
  }
  if (bar) bar->Finish();
  ctx.out << "ingested " << reports << (reports == 1 ? " report, " : " reports, ") << events
          << (events == 1 ? " event" : " events") << "; " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitFailure;
}

void DefineIngestFlags(ArgParser& p) {
  p.Add({"source_uri", "URI", "where the report was published (one file only)"});
  AddDocumentFlags(p);
}

}  // namespace civicwatch::cli

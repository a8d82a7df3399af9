// `civicwatch import`: structured incident records (JSON lines) into the
// ingest service.
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "command.h"
#include "command_steps.h"
#include "error_messages.h"
#include "google/protobuf/util/json_util.h"

namespace civicwatch::cli {
namespace {

// The records of one file, with the line each came from.
struct RecordFile {
  std::vector<v1::IncidentRecord> records;
  std::vector<int> lines;  // lines[i]: 1-based line of records[i]
  int unreadable = 0;      // lines that are not a record
};

// Reads `path`: one IncidentRecord per line in the proto3 JSON mapping;
// blank lines are skipped. A line that is not a record is reported on
// `ctx.err` and counted, and does not stop the others.
absl::StatusOr<RecordFile> ReadRecordFile(const std::string& path, const std::string& source,
                                          Context& ctx) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open the file");
  RecordFile file;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt field is a mistake
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty()) continue;
    v1::IncidentRecord record;
    auto parsed = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(text.data(), text.size()), &record, options);
    if (!parsed.ok()) {
      ctx.err << "civicwatch: " << path << ":" << number
              << ": not an incident record: " << parsed.message() << "\n";
      ++file.unreadable;
      continue;
    }
    if (record.source().empty()) record.set_source(source);
    file.records.push_back(std::move(record));
    file.lines.push_back(number);
  }
  return file;
}

}  // namespace

int RunImport(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.empty()) {
    return ReportUsage(ctx, "import", "name at least one file of incident records");
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "import");
  if (client == nullptr) return kExitUsage;
  const Service service = IngestServiceOf(ctx.client_options);
  const std::string source = args.Get("source");

  int64_t created = 0, updated = 0, unchanged = 0, rejected = 0, failed = 0;
  for (const std::string& path : args.positionals) {
    absl::StatusOr<RecordFile> file = ReadRecordFile(path, source, ctx);
    if (!file.ok()) {
      ctx.err << "civicwatch: " << path << ": " << file.status().message() << "\n";
      ++failed;
      continue;
    }
    failed += file->unreadable;
    if (file->records.empty()) continue;
    auto response = client->ImportIncidents(file->records);
    if (!response.ok()) {
      ctx.err << "civicwatch: " << path << ": " << DescribeError(response.status(), service)
              << "\n";
      failed += static_cast<int64_t>(file->records.size());
      continue;
    }
    for (const v1::RejectedRecord& r : response->rejected()) {
      const bool known = r.index() >= 0 && r.index() < static_cast<int64_t>(file->lines.size());
      ctx.err << "civicwatch: " << path << ":" << (known ? file->lines[r.index()] : 0)
              << ": rejected record " << (r.external_id().empty() ? "(no id)" : r.external_id())
              << ": " << r.field() << ": " << r.reason() << "\n";
    }
    ctx.out << "imported " << path << ": " << response->created() << " created, "
            << response->updated() << " updated, " << response->unchanged() << " unchanged, "
            << response->rejected_size() << " rejected\n";
    created += response->created();
    updated += response->updated();
    unchanged += response->unchanged();
    rejected += response->rejected_size();
  }
  ctx.out << "imported " << created << " created, " << updated << " updated, " << unchanged
          << " unchanged; " << rejected << " rejected, " << failed << " failed\n";
  return rejected == 0 && failed == 0 ? kExitOk : kExitFailure;
}

void DefineImportFlags(ArgParser& p) {
  p.Add({"source", "NAME", "source of records that name none"});
}

}  // namespace civicwatch::cli

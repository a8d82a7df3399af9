// `civicwatch backup FILE`: a consistent copy of the ingest database, taken
// while the service keeps taking writes, written to FILE atomically.
#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "error_messages.h"
#include "services/common/snapshot/snapshot_file.h"

namespace civicwatch::cli {

int RunBackup(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "backup", "backup takes one argument: the file to write");
  }
  const std::string& target = args.positionals[0];
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "backup");
  if (client == nullptr) return kExitUsage;
  // Bytes go to TARGET.partial-PID and take the name only once complete
  // and checked; an error or a kill leaves nothing under TARGET.
  auto receiver =
      snapshot::SnapshotReceiver::Create(target, snapshot::SnapshotReceiver::Layout::kSnapshotFile);
  if (!receiver.ok()) {
    ctx.err << "civicwatch backup: " << receiver.status().message() << "\n";
    return kExitFailure;
  }
  for (const absl::StatusOr<v1::SnapshotChunk>& chunk : client->BackupDatabase()) {
    if (!chunk.ok()) return ReportError(ctx, chunk.status(), IngestServiceOf(ctx.client_options));
    if (absl::Status s = (*receiver)->Add(*chunk); !s.ok()) {
      ctx.err << "civicwatch backup: " << s.message() << "; nothing was written to " << target
              << "\n";
      return kExitFailure;
    }
  }
  auto metadata = (*receiver)->Finish();
  if (!metadata.ok()) {
    ctx.err << "civicwatch backup: " << metadata.status().message()
            << "; nothing was written to " << target << "\n";
    return kExitFailure;
  }
  ctx.out << "Backed up the ingest database (feed sequence " << metadata->sequence() << ", "
          << metadata->size_bytes() << " bytes, sha256 " << metadata->sha256()
          << ", database " << metadata->database_id() << ") to " << target << "\n";
  return kExitOk;
}

}  // namespace civicwatch::cli

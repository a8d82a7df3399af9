// civicwatch-ingest: takes reports, normalises them into events, stores
// them as the source of truth and serves the change feed.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "services/common/admin_service.h"
#include "services/common/audit_file.h"
#include "services/common/errors.h"
#include "services/common/server_info_metrics.h"
#include "services/common/server_runner.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/sqlite.h"
#include "services/ingest/change_feed_service.h"
#include "services/ingest/ingest_service.h"
#include "services/ingest/ingest_store.h"
#include "services/ingest/renormalization_runner.h"
#include "services/ingest/report_document.h"
#include "services/normalize/embedded_data.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "host:port to serve gRPC on");
ABSL_FLAG(std::string, data_dir, "",
          "folder for the database (ingest.db); created if missing. Required.");
ABSL_FLAG(std::string, restore_from, "",
          "snapshot file (from `civicwatch backup`) to restore into an empty --data_dir "
          "before serving; checked first (SHA-256, integrity_check, schema version)");
ABSL_FLAG(int, document_max_pages, 2000,
          "most pages read from a PDF sent as a report's original; a longer one is refused");
ABSL_FLAG(int, document_max_expanded_mib, 64,
          "most MiB the parts of a DOCX sent as a report's original may expand to (zip bombs)");
ABSL_FLAG(int, document_max_nesting_depth, 256,
          "deepest nesting of HTML or XML elements in a report's original (at most 4096)");
ABSL_FLAG(std::string, audit_log, "",
          "file to append the audit trail of review actions to (one JSON object a line); "
          "audit lines go to stderr when empty");

ABSL_FLAG(std::string, normalizer_tables, "",
          "folder of normaliser tables (files named as services/normalize/data/*.tsv, and "
          "category_model.bin as train_category_model writes it) that replace the built-in "
          "ones of the same name; for trying changed tables or a retrained model without "
          "rebuilding");
ABSL_FLAG(int, renormalize_pause_ms, 0,
          "milliseconds a re-normalisation job waits after each report, leaving the database "
          "to other writers on a busy server");

namespace {

// Replaces the normaliser's tables with the files of `dir`. Errors name the
// file that is unreadable or replaces no table.
absl::Status ReplaceNormalizerTables(const std::string& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return civicwatch::InvalidInputError(absl::StrCat("cannot read --normalizer_tables ", dir,
                                                         ": ", ec.message()));
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    if (!in) return civicwatch::InvalidInputError(absl::StrCat("cannot read ", entry.path().string()));
    if (!civicwatch::normalize::ReplaceEmbeddedData(name, contents.str())) {
      return civicwatch::InvalidInputError(absl::StrCat(
          entry.path().string(), " replaces no normaliser table (the names are those of "
                                 "services/normalize/data/*.tsv and category_model.bin)"));
    }
    std::cerr << "civicwatch-ingest: normaliser table " << name << " read from "
              << entry.path().string() << "\n";
  }
  return absl::OkStatus();
}

// Checks what the flags' types do not; says why on stderr and returns
// false at the first flag that cannot be used.
bool FlagsAreUsable(const std::string& data_dir, const std::string& listen) {
  if (data_dir.empty()) {
    std::cerr << "civicwatch-ingest: --data_dir is required\n";
    return false;
  }
  if (absl::GetFlag(FLAGS_document_max_pages) < 1 ||
      absl::GetFlag(FLAGS_document_max_expanded_mib) < 1 ||
      absl::GetFlag(FLAGS_document_max_expanded_mib) > 4096 ||
      absl::GetFlag(FLAGS_document_max_nesting_depth) < 1) {
    std::cerr << "civicwatch-ingest: --document_max_pages, --document_max_nesting_depth must be "
                 "at least 1 and --document_max_expanded_mib 1 to 4096\n";
    return false;
  }
  if (absl::GetFlag(FLAGS_renormalize_pause_ms) < 0) {
    std::cerr << "civicwatch-ingest: --renormalize_pause_ms must not be negative\n";
    return false;
  }
  if (const std::string dir = absl::GetFlag(FLAGS_normalizer_tables); !dir.empty()) {
    if (absl::Status s = ReplaceNormalizerTables(dir); !s.ok()) {
      std::cerr << "civicwatch-ingest: " << s.message() << "\n";
      return false;
    }
  }
  if (absl::Status s = civicwatch::CheckSecurityFlags(listen); !s.ok()) {
    std::cerr << "civicwatch-ingest: " << s.message() << "\n";
    return false;
  }
  return true;
}

// Restores --restore_from into `data_dir`, opens the audit log and readies
// the folder's temporary files; says why on stderr and returns false when
// one of them fails.
bool PrepareDataDir(const std::string& data_dir) {
  if (const std::string file = absl::GetFlag(FLAGS_restore_from); !file.empty()) {
    auto restored = civicwatch::ingest::IngestStore::Restore(file, data_dir);
    if (!restored.ok()) {
      std::cerr << "civicwatch-ingest: cannot restore from " << file << ": "
                << restored.status().message() << "\n";
      return false;
    }
    std::cerr << "civicwatch-ingest: restored " << data_dir << " from " << file
              << " (feed sequence " << restored->sequence() << ", "
              << restored->size_bytes() << " bytes, sha256 " << restored->sha256()
              << ", taken from database " << restored->database_id()
              << "); it gets a new database identity\n";
  }

  if (const std::string path = absl::GetFlag(FLAGS_audit_log); !path.empty()) {
    if (absl::Status s = civicwatch::OpenAuditLog(path); !s.ok()) {
      std::cerr << "civicwatch-ingest: " << s.message() << "\n";
      return false;
    }
  }

  // SQLite's temporary files go with the data, not to /tmp (which a
  // container may not have).
  if (absl::Status s = civicwatch::sqlite::UseTempDirectory(data_dir + "/tmp"); !s.ok()) {
    std::cerr << "civicwatch-ingest: " << s.message() << "\n";
    return false;
  }
  // A backup interrupted by a kill -9 leaves a copy as large as the store.
  if (const int removed = civicwatch::snapshot::RemoveAbandonedSnapshots(data_dir + "/tmp");
      removed > 0) {
    std::cerr << "civicwatch-ingest: removed " << removed
              << " file(s) of an interrupted backup from " << data_dir << "/tmp\n";
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch::BlockShutdownSignals();
  absl::SetProgramUsageMessage(
      "civicwatch-ingest --data_dir=DIR [--listen=127.0.0.1:50051] [--restore_from=FILE]\n"
      "                  [--audit_log=FILE] [--document_max_pages=N]\n"
      "                  [--normalizer_tables=DIR] [--renormalize_pause_ms=N]\n"
      "                  [--document_max_expanded_mib=N] [--document_max_nesting_depth=N]\n"
      "Serves civicwatch.v1.IngestService and civicwatch.v1.ChangeFeed.");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  const std::string listen = absl::GetFlag(FLAGS_listen);
  if (!FlagsAreUsable(data_dir, listen)) return 2;
  if (!PrepareDataDir(data_dir)) return 1;
  auto store = civicwatch::ingest::IngestStore::Open(data_dir);
  if (!store.ok()) {
    std::cerr << "civicwatch-ingest: cannot open the database: " << store.status().message()
              << "\n";
    return 1;
  }
  std::cerr << "civicwatch-ingest: database " << data_dir << "/ingest.db, identity "
            << (*store)->database_id() << ", feed head " << (*store)->HeadSequence() << "\n";
  civicwatch::document::Limits document_limits;
  document_limits.max_pages = absl::GetFlag(FLAGS_document_max_pages);
  document_limits.max_expanded_bytes =
      static_cast<size_t>(absl::GetFlag(FLAGS_document_max_expanded_mib)) << 20;
  document_limits.max_nesting_depth = absl::GetFlag(FLAGS_document_max_nesting_depth);
  civicwatch::ingest::IngestServiceImpl ingest(store->get(), document_limits);
  civicwatch::ingest::ChangeFeedServiceImpl feed(store->get());
  civicwatch::ingest::IngestStore* store_ptr = store->get();
  auto fill_info = [store_ptr](civicwatch::v1::ServerInfo& info) {
    auto stats = store_ptr->GetStats();
    if (!stats.ok()) return stats.status();
    info.set_report_count(stats->reports);
    info.set_event_count(stats->events);
    info.set_entity_count(stats->entities);
    info.set_head_sequence(stats->head_sequence);
    info.set_database_bytes(stats->database_bytes);
    info.set_database_id(store_ptr->database_id());
    return absl::OkStatus();
  };
  civicwatch::ingest::RenormalizationRunner renormalizer(
      store_ptr, absl::Milliseconds(absl::GetFlag(FLAGS_renormalize_pause_ms)), document_limits);
  civicwatch::AdminServiceImpl::RenormalizationJobs jobs;
  jobs.create = [&renormalizer](const std::string& principal) {
    return renormalizer.Start(principal);
  };
  jobs.get = [store_ptr](const std::string& name) { return store_ptr->GetRenormalization(name); };
  civicwatch::AdminServiceImpl admin(
      "civicwatch-ingest", fill_info,
      [store_ptr, data_dir] { return store_ptr->TakeSnapshot(data_dir + "/tmp"); }, jobs);
  civicwatch::HealthService health;
  for (const char* name : {"", "civicwatch.v1.IngestService", "civicwatch.v1.ChangeFeed",
                           "civicwatch.v1.AdminService"}) {
    health.SetStatus(name, grpc::health::v1::HealthCheckResponse::SERVING);
  }

  civicwatch::ServerConfig config;
  config.program = "civicwatch-ingest";
  config.listen_address = listen;
  config.services = {&ingest, &feed, &admin};
  // CreateReport and NormalizeReport take a 20 MiB document; every other
  // method bounds its requests at 8 MiB itself (raw_unary.h). GetReport
  // with REPORT_VIEW_FULL answers a 4 MiB body and a 20 MiB original.
  config.max_receive_message_bytes =
      static_cast<int>(civicwatch::ingest::kMaxDocumentRequestBytes);
  config.max_send_message_bytes = static_cast<int>(civicwatch::ingest::kMaxFullReportBytes);
  config.health = &health;
  config.on_shutdown = [&] {
    renormalizer.Stop();
    (*store)->Shutdown();
  };
  config.on_reload = [] { return civicwatch::ReopenAuditLog(); };
  const std::string db_path = data_dir + "/ingest.db";
  config.collect_metrics = [&fill_info, &db_path, &ingest](civicwatch::metrics::Exposition& out) {
    civicwatch::CollectServerInfoMetrics(fill_info, db_path, /*replica=*/false, out);
    ingest.metrics().Collect(out);
  };
  // A job left running by a stop or a crash resumes now.
  renormalizer.Run();
  absl::Status status = civicwatch::RunServer(config);
  if (!status.ok()) {
    std::cerr << "civicwatch-ingest: " << status.message() << "\n";
    return 1;
  }
  return 0;
}

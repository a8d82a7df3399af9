// civicwatch-query: follows the ingest service's change feed into a local
// SQLite replica and answers civicwatch.v1.QueryService from it.
//
//   civicwatch-query --data_dir=/var/lib/civicwatch/query
//                    [--listen=127.0.0.1:50052]
//                    [--ingest_address=127.0.0.1:50051] [--rebuild]
//                    [--ingest_token_file=FILE] [--ingest_tls_ca=PEM]
//                    [--ingest_tls_cert=PEM --ingest_tls_key=PEM]
//                    [--audit_log=FILE] [--not_serving_lag_changes=N]
//                    [--bootstrap_from=HOST:PORT | --restore_from=FILE]
//   civicwatch-query --data_dir=DIR --snapshot_to=FILE
//                    (and the shared --auth_tokens, --tls_cert, --tls_key,
//                    --tls_client_ca of server_runner.h)
//
// Serves civicwatch.v1.QueryService and civicwatch.v1.AdminService. Health
// of "" and "civicwatch.v1.QueryService" is NOT_SERVING until the replica
// has caught up with the feed once (and, with --not_serving_lag_changes=N,
// from falling more than N changes behind until it has caught up again);
// "civicwatch.v1.AdminService" is SERVING as soon as the replica is open (GetServerInfo shows a catch-up's
// progress), which is what a liveness probe should ask. SIGINT/SIGTERM drain in-flight
// calls, stop the follower and close the database.
#include <malloc.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/admin_service.h"
#include "services/common/health_service.h"
#include "services/common/server_info_metrics.h"
#include "services/common/server_runner.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/sqlite.h"
#include "services/query/audit_log.h"
#include "services/query/bootstrap.h"
#include "services/query/feed_follower.h"
#include "services/query/query_service.h"
#include "services/query/read_model.h"
#include "services/query/replica_metrics.h"
#include "services/query/server_info.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "host:port to serve QueryService on");
ABSL_FLAG(std::string, data_dir, "",
          "folder for the replica (query.db); created if missing. Required.");
ABSL_FLAG(std::string, ingest_address, "127.0.0.1:50051",
          "host:port of the ingest service whose change feed to follow");
ABSL_FLAG(bool, rebuild, false,
          "drop the replica and rebuild it from the start of the change feed");
ABSL_FLAG(std::string, ingest_token_file, "",
          "file holding the bearer token to follow the change feed with (scope feed.read); "
          "needed when ingest runs with --auth_tokens");
ABSL_FLAG(std::string, ingest_tls_ca, "",
          "PEM root certificates to reach ingest over TLS; plaintext when empty");
ABSL_FLAG(std::string, ingest_tls_cert, "",
          "PEM client certificate (chain) to present to an ingest that requires mutual TLS; "
          "with --ingest_tls_key and --ingest_tls_ca");
ABSL_FLAG(std::string, ingest_tls_key, "", "PEM private key of --ingest_tls_cert");
ABSL_FLAG(std::string, bootstrap_from, "",
          "host:port of a running replica to copy when --data_dir holds no replica yet "
          "(QueryService.StreamReplicaSnapshot, reached with the --ingest_token_file and "
          "--ingest_tls_* settings); falls back to the feed from sequence 0, saying why");
ABSL_FLAG(std::string, restore_from, "",
          "snapshot file (from --snapshot_to) to start the replica from when --data_dir holds "
          "no replica yet");
ABSL_FLAG(std::string, snapshot_to, "",
          "write a snapshot file of the replica in --data_dir (which may be serving) to this "
          "file, atomically, and exit");
ABSL_FLAG(int64_t, not_serving_lag_changes, 0,
          "once caught up, report NOT_SERVING (health of \"\" and "
          "civicwatch.v1.QueryService) while the replica is more than this many changes "
          "behind the feed's head, and SERVING again once it has caught up; 0: never");
ABSL_FLAG(std::string, audit_log, "",
          "file to append the audit log to (one JSON object a line per call that read "
          "restricted or confidential events); audit lines go to stderr when empty");

namespace {

constexpr char kProgram[] = "civicwatch-query";
// The health names that wait for the first catch-up, "" being the whole
// server.
constexpr const char* kCatchUpHealthNames[] = {"", "civicwatch.v1.QueryService"};
constexpr char kAdminServiceName[] = "civicwatch.v1.AdminService";

int Fail(const std::string& message, int exit_code = 1) {
  std::cerr << kProgram << ": " << message << "\n";
  return exit_code;
}

// The content of the file at `path`, whitespace trimmed at both ends.
std::optional<std::string> ReadTrimmedFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

// Fills the change-feed settings of `follow` from the flags; the problem,
// when a flag is wrong.
std::optional<std::string> FeedFlags(civicwatch::query::FeedFollower::Options* follow) {
  follow->ingest_address = absl::GetFlag(FLAGS_ingest_address);
  follow->max_serving_lag = absl::GetFlag(FLAGS_not_serving_lag_changes);
  if (follow->max_serving_lag < 0) {
    return "--not_serving_lag_changes must not be negative";
  }
  if (const std::string path = absl::GetFlag(FLAGS_ingest_token_file); !path.empty()) {
    std::optional<std::string> token = ReadTrimmedFile(path);
    if (!token.has_value() || token->empty()) {
      return "cannot read a token from --ingest_token_file " + path;
    }
    follow->bearer_token = *token;
  }
  if (const std::string path = absl::GetFlag(FLAGS_ingest_tls_ca); !path.empty()) {
    std::optional<std::string> pem = ReadTrimmedFile(path);
    if (!pem.has_value() || pem->empty()) return "cannot read --ingest_tls_ca " + path;
    follow->tls_root_certs = *pem + "\n";
  }
  const std::string client_cert = absl::GetFlag(FLAGS_ingest_tls_cert);
  const std::string client_key = absl::GetFlag(FLAGS_ingest_tls_key);
  if (client_cert.empty() != client_key.empty()) {
    return "--ingest_tls_cert and --ingest_tls_key go together";
  }
  if (!client_cert.empty()) {
    if (follow->tls_root_certs.empty()) {
      return "--ingest_tls_cert needs --ingest_tls_ca (a client certificate is only presented "
             "over TLS)";
    }
    std::optional<std::string> cert = ReadTrimmedFile(client_cert);
    if (!cert.has_value() || cert->empty()) {
      return "cannot read --ingest_tls_cert " + client_cert;
    }
    std::optional<std::string> key = ReadTrimmedFile(client_key);
    if (!key.has_value() || key->empty()) {
      return "cannot read --ingest_tls_key " + client_key;
    }
    follow->tls_cert_chain = *cert + "\n";
    follow->tls_private_key = *key + "\n";
  }
  return std::nullopt;
}

// Sets the health of the names that follow the replica's catch-up.
void SetCatchUpHealth(civicwatch::HealthService& health, bool serving) {
  for (const char* name : kCatchUpHealthNames) {
    health.SetStatus(name, serving ? grpc::health::v1::HealthCheckResponse::SERVING
                                   : grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  }
}

// Applying a feed batch allocates and frees a few MB, some of it in blocks
// large enough for glibc to mmap; by default glibc hands such memory back
// to the kernel at once (munmap, heap trim), and that churn dominates
// catch-up time. Keep it instead.
void KeepFreedMemory() {
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

// Creates `data_dir` and its tmp/; the problem, when it cannot.
std::optional<std::string> PrepareDataDir(const std::string& data_dir) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) return "cannot create --data_dir " + data_dir + ": " + error.message();
  // Index builds sort more than fits in memory: their files go with the
  // data, not to /tmp (which a container may not have).
  if (absl::Status s = civicwatch::sqlite::UseTempDirectory(
          (std::filesystem::path(data_dir) / "tmp").string());
      !s.ok()) {
    return std::string(s.message());
  }
  return std::nullopt;
}

// Reflection answers a lookup of the package ("civicwatch.v1", which is
// what grpcurl.py asks for to describe civicwatch.v1.Event) with the first
// file of the package built into the descriptor pool. Build types.proto
// first, so that file is the one holding the shared messages, rather than
// admin.proto, which holds none of them.
void BuildSharedMessagesFirst() { civicwatch::v1::Event::descriptor(); }

// A kill -9 in the middle of a download or of handing out a snapshot
// leaves files as large as the replica; nothing else removes them.
void RemoveInterruptedSnapshots(const std::string& data_dir) {
  if (const int removed = civicwatch::query::RemoveBootstrapLeftovers(data_dir) +
                          civicwatch::snapshot::RemoveAbandonedSnapshots(
                              (std::filesystem::path(data_dir) / "tmp").string());
      removed > 0) {
    std::cerr << kProgram << ": removed " << removed
              << " file(s) of an interrupted snapshot from " << data_dir << "/tmp\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch::BlockShutdownSignals();
  KeepFreedMemory();
  absl::SetProgramUsageMessage(
      "Serves civicwatch timelines and statistics from a replica of the ingest store.\n"
      "Usage: civicwatch-query --data_dir=DIR [--listen=HOST:PORT] "
      "[--ingest_address=HOST:PORT] [--rebuild]");
  absl::ParseCommandLine(argc, argv);
  BuildSharedMessagesFirst();

  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) return Fail("--data_dir is required", 2);
  const std::string listen = absl::GetFlag(FLAGS_listen);
  if (absl::Status s = civicwatch::CheckSecurityFlags(listen); !s.ok()) {
    return Fail(std::string(s.message()), 2);
  }
  civicwatch::query::FeedFollower::Options follow;
  if (std::optional<std::string> problem = FeedFlags(&follow); problem.has_value()) {
    return Fail(*problem, 2);
  }
  if (const std::string path = absl::GetFlag(FLAGS_audit_log); !path.empty()) {
    if (absl::Status s = civicwatch::query::OpenAuditLog(path); !s.ok()) {
      return Fail(std::string(s.message()), 2);
    }
  }
  if (std::optional<std::string> problem = PrepareDataDir(data_dir); problem.has_value()) {
    return Fail(*problem);
  }
  const std::string db_path = (std::filesystem::path(data_dir) / "query.db").string();

  if (const std::string file = absl::GetFlag(FLAGS_snapshot_to); !file.empty()) {
    auto written = civicwatch::query::WriteReplicaSnapshotFile(db_path, data_dir, file);
    if (!written.ok()) return Fail("cannot write --snapshot_to " + file + ": " +
                                   std::string(written.status().message()));
    std::cerr << kProgram << ": wrote " << file << ": replica at cursor " << written->sequence()
              << ", " << written->size_bytes() << " bytes, sha256 " << written->sha256() << "\n";
    return 0;
  }
  RemoveInterruptedSnapshots(data_dir);
  const bool have_replica = std::filesystem::exists(db_path);
  if (const std::string file = absl::GetFlag(FLAGS_restore_from); !file.empty()) {
    if (have_replica) {
      return Fail("--restore_from needs a --data_dir without a replica; " + db_path + " exists",
                  2);
    }
    auto restored = civicwatch::query::RestoreReplicaFromFile(file, db_path);
    if (!restored.ok()) {
      return Fail("cannot restore from " + file + ": " + std::string(restored.status().message()));
    }
    std::cerr << kProgram << ": replica restored from " << file << " at cursor "
              << restored->sequence() << "\n";
  } else if (const std::string peer = absl::GetFlag(FLAGS_bootstrap_from);
             !peer.empty() && !have_replica) {
    civicwatch::query::BootstrapOptions bootstrap;
    bootstrap.peer_address = peer;
    bootstrap.bearer_token = follow.bearer_token;
    bootstrap.tls_root_certs = follow.tls_root_certs;
    bootstrap.tls_cert_chain = follow.tls_cert_chain;
    bootstrap.tls_private_key = follow.tls_private_key;
    auto copied = civicwatch::query::BootstrapFromPeer(bootstrap, data_dir, db_path);
    if (!copied.ok()) {
      std::cerr << kProgram << ": cannot bootstrap from " << peer << " ("
                << copied.status().message()
                << "); following the change feed from sequence 0 instead\n";
    }
  }

  civicwatch::query::ReadModel::Options model_options;
  model_options.rebuild = absl::GetFlag(FLAGS_rebuild);
  auto model = civicwatch::query::ReadModel::Open(db_path, model_options);
  if (!model.ok()) {
    return Fail("cannot open the replica " + db_path + ": " +
                std::string(model.status().message()));
  }
  std::cerr << kProgram << ": replica " << db_path << " at sequence " << (*model)->cursor()
            << (model_options.rebuild ? " (rebuilt)" : "") << "\n";

  civicwatch::HealthService health;
  SetCatchUpHealth(health, /*serving=*/false);
  health.SetStatus(kAdminServiceName, grpc::health::v1::HealthCheckResponse::SERVING);

  civicwatch::query::ReadModel* const replica = model->get();
  civicwatch::query::QueryServiceImpl service(
      replica, [replica](const auto& send) { return replica->StreamSnapshot(send); });

  follow.on_fell_behind = [&health] { SetCatchUpHealth(health, /*serving=*/false); };
  follow.on_caught_up = [&health] { SetCatchUpHealth(health, /*serving=*/true); };
  // A replica emptied to start again serves nothing true until refilled.
  follow.on_rebuild = [&health] { SetCatchUpHealth(health, /*serving=*/false); };
  civicwatch::query::FeedFollower follower(model->get(), follow);
  civicwatch::query::ReadModel* model_ptr = model->get();
  auto fill_info = [&follower, db_path, model_ptr](civicwatch::v1::ServerInfo& info) {
    info.set_database_id(model_ptr->source_database_id());
    return civicwatch::query::FillReplicaInfo(db_path, follower.progress(), info);
  };
  civicwatch::AdminServiceImpl admin(kProgram, fill_info);
  follower.Start();

  civicwatch::ServerConfig config;
  config.program = kProgram;
  config.listen_address = listen;
  config.services = {&service, &admin};
  config.health = &health;
  config.on_shutdown = [&follower] { follower.Stop(); };
  config.on_reload = [] { return civicwatch::query::ReopenAuditLog(); };
  config.collect_metrics = [&fill_info, &db_path,
                            &follower](civicwatch::metrics::Exposition& out) {
    civicwatch::CollectServerInfoMetrics(fill_info, db_path, /*replica=*/true, out);
    civicwatch::query::CollectReplicaMetrics(follower.progress(), absl::Now(), out);
  };
  absl::Status status = civicwatch::RunServer(config);

  follower.Stop();
  model->reset();  // Closes the database.
  if (!status.ok()) return Fail(std::string(status.message()));
  return 0;
}

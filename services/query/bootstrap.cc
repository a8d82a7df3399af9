#include "services/query/bootstrap.h"

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "services/common/errors.h"
#include "services/common/snapshot/atomic_file.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/snapshot/snapshot_file.h"
#include "services/query/read_model.h"

namespace civicwatch::query {
namespace {

namespace fs = std::filesystem;

constexpr char kStagedName[] = "bootstrap.db";

void Log(const std::string& line) { std::cerr << "civicwatch-query: " << line << "\n"; }

std::shared_ptr<grpc::ChannelCredentials> Credentials(const BootstrapOptions& options) {
  if (options.tls_root_certs.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls_root_certs;
  ssl.pem_cert_chain = options.tls_cert_chain;
  ssl.pem_private_key = options.tls_private_key;
  return grpc::SslCredentials(ssl);
}

// Whether this program can use a snapshot so described; FAILED_PRECONDITION
// saying why not.
absl::Status Usable(const v1::SnapshotMetadata& metadata) {
  const snapshot::DatabaseProfile profile = ReadModel::SnapshotProfile();
  if (metadata.database_kind() != profile.kind) {
    return FailedPreconditionError(
        absl::StrCat("the peer sent a ", v1::DatabaseKind_Name(metadata.database_kind()),
                     " snapshot, not a replica"));
  }
  if (metadata.schema_version() != profile.schema_version) {
    return FailedPreconditionError(
        absl::StrCat("the peer's replica has schema version ", metadata.schema_version(),
                     "; this program's is ", profile.schema_version));
  }
  return absl::OkStatus();
}

// Where a download's time went, for the log: until the peer's metadata
// arrives, the bytes (the peer copies its database as it sends it),
// writing them to disk (the final fsync), and the checks.
struct Phases {
  absl::Time start = absl::Now();
  absl::Time metadata, bytes, synced, checked;
  std::string ToString() const {
    auto seconds = [](absl::Duration d) { return absl::StrFormat("%.1f s", absl::ToDoubleSeconds(d)); };
    return absl::StrCat("metadata ", seconds(metadata - start), ", copy and transfer ",
                        seconds(bytes - metadata), ", fsync ", seconds(synced - bytes),
                        ", checks ", seconds(checked - synced));
  }
};

// One download into `staged`, checked. FAILED_PRECONDITION: not usable, do
// not retry; other errors: retry.
absl::StatusOr<v1::SnapshotMetadata> DownloadOnce(v1::QueryService::Stub& stub,
                                                 const BootstrapOptions& options,
                                                 const std::string& staged, Phases& phases) {
  auto receiver =
      snapshot::SnapshotReceiver::Create(staged, snapshot::SnapshotReceiver::Layout::kDatabaseOnly);
  if (!receiver.ok()) return receiver.status();
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
  if (!options.bearer_token.empty()) {
    context.AddMetadata("authorization", "Bearer " + options.bearer_token);
  }
  auto reader = stub.StreamReplicaSnapshot(&context, v1::StreamReplicaSnapshotRequest());
  v1::SnapshotChunk chunk;
  absl::Status refused;
  absl::Status broken;
  while (reader->Read(&chunk)) {
    if (chunk.has_metadata()) {
      phases.metadata = absl::Now();
      refused = Usable(chunk.metadata());
      if (!refused.ok()) break;
    }
    broken = (*receiver)->Add(chunk);
    if (!broken.ok()) break;
  }
  if (!refused.ok() || !broken.ok()) context.TryCancel();
  grpc::Status status = reader->Finish();
  if (!refused.ok()) return refused;
  if (!broken.ok()) return UnavailableError(std::string(broken.message()));
  if (!status.ok()) {
    return UnavailableError(absl::StrCat("the download ended with ", status.error_code(),
                                               " ", status.error_message(), " after ",
                                               (*receiver)->bytes_received(), " bytes"));
  }
  phases.bytes = absl::Now();
  auto metadata = (*receiver)->Finish();
  phases.synced = absl::Now();
  if (!metadata.ok()) return UnavailableError(std::string(metadata.status().message()));
  // The receiver checked size and SHA-256 as the bytes came: the copy is
  // the peer's database byte for byte, so its pages' structure is checked
  // (quick_check), not every index against its table, which would cost
  // more than the whole download (services/query/README.md).
  snapshot::CheckOptions check;
  check.pages = snapshot::PageCheck::kQuick;
  check.digest_checked = true;
  absl::Status checked =
      snapshot::CheckSnapshot(staged, *metadata, ReadModel::SnapshotProfile(), check);
  phases.checked = absl::Now();
  if (!checked.ok()) {
    std::error_code ec;
    fs::remove(staged, ec);
    return UnavailableError(std::string(checked.message()));
  }
  return metadata;
}

absl::Status MoveIntoPlace(const std::string& staged, const std::string& db_path) {
  std::error_code ec;
  fs::rename(staged, db_path, ec);
  if (ec) {
    fs::remove(staged, ec);
    return UnavailableError(
        absl::StrCat("cannot move the snapshot to ", db_path, ": ", ec.message()));
  }
  return snapshot::SyncParentDirectory(db_path);
}

}  // namespace

int RemoveBootstrapLeftovers(const std::string& data_dir) {
  std::error_code ec;
  std::vector<fs::path> leftovers;
  for (const auto& entry : fs::directory_iterator(fs::path(data_dir) / "tmp", ec)) {
    // The staged copy, its SQLite journal, and AtomicFile's partial files.
    if (absl::StartsWith(entry.path().filename().string(), kStagedName)) {
      leftovers.push_back(entry.path());
    }
  }
  int removed = 0;
  for (const auto& path : leftovers) {
    if (fs::remove(path, ec)) ++removed;
  }
  return removed;
}

absl::StatusOr<v1::SnapshotMetadata> BootstrapFromPeer(const BootstrapOptions& options,
                                                      const std::string& data_dir,
                                                      const std::string& db_path) {
  const std::string tmp = (fs::path(data_dir) / "tmp").string();
  std::error_code ec;
  fs::create_directories(tmp, ec);
  if (ec) return UnavailableError(absl::StrCat("cannot create ", tmp, ": ", ec.message()));
  const std::string staged = (fs::path(tmp) / kStagedName).string();
  RemoveBootstrapLeftovers(data_dir);
  auto stub = v1::QueryService::NewStub(
      grpc::CreateChannel(options.peer_address, Credentials(options)));
  absl::Status last;
  for (int attempt = 1; attempt <= options.attempts; ++attempt) {
    Phases phases;
    auto metadata = DownloadOnce(*stub, options, staged, phases);
    if (metadata.ok()) {
      if (absl::Status s = MoveIntoPlace(staged, db_path); !s.ok()) return s;
      Log(absl::StrCat("bootstrapped from the replica at ", options.peer_address, ": cursor ",
                       metadata->sequence(), ", ", metadata->size_bytes(), " bytes in ",
                       absl::FormatDuration(absl::Now() - phases.start), " (",
                       phases.ToString(), "), sha256 ", metadata->sha256()));
      return metadata;
    }
    if (metadata.status().code() == absl::StatusCode::kFailedPrecondition) {
      return metadata.status();
    }
    last = metadata.status();
    Log(absl::StrCat("snapshot download ", attempt, " of ", options.attempts, " from ",
                     options.peer_address, " failed: ", last.message()));
    if (attempt < options.attempts) absl::SleepFor(options.retry_wait);
  }
  return UnavailableError(absl::StrCat("no usable snapshot from ", options.peer_address,
                                             " after ", options.attempts,
                                             " attempts; the last: ", last.message()));
}

absl::StatusOr<v1::SnapshotMetadata> RestoreReplicaFromFile(const std::string& file,
                                                           const std::string& db_path) {
  return snapshot::ExtractSnapshotFile(file, db_path, ReadModel::SnapshotProfile());
}

absl::StatusOr<v1::SnapshotMetadata> WriteReplicaSnapshotFile(const std::string& db_path,
                                                             const std::string& data_dir,
                                                             const std::string& file) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    return FailedPreconditionError(absl::StrCat("there is no replica at ", db_path));
  }
  auto taken = snapshot::TakeSnapshot(db_path, (fs::path(data_dir) / "tmp").string(),
                                      ReadModel::SnapshotProfile());
  if (!taken.ok()) return taken.status();
  auto out = snapshot::AtomicFile::Create(file);
  if (!out.ok()) return out.status();
  if (absl::Status s = out->Write(snapshot::EncodeSnapshotHeader((*taken)->metadata())); !s.ok()) {
    return s;
  }
  std::ifstream in((*taken)->path(), std::ios::binary);
  std::string buffer(snapshot::kChunkBytes, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (absl::Status s = out->Write(absl::string_view(buffer.data(), static_cast<size_t>(n)));
        !s.ok()) {
      return s;
    }
  }
  if (in.bad()) return UnavailableError("cannot read the copy of the replica");
  if (absl::Status s = out->Commit(); !s.ok()) return s;
  return (*taken)->metadata();
}

}  // namespace civicwatch::query

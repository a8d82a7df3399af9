// Starting a new replica from a copy instead of the whole change feed.
//
// BootstrapFromPeer downloads a running replica's snapshot
// (QueryService.StreamReplicaSnapshot) into DATA_DIR/tmp, checks it (size
// and SHA-256 as it arrives, then PRAGMA quick_check and the schema
// version) and only then moves it
// to the replica's path; the replica then follows the feed after the
// snapshot's cursor. A broken or interrupted download leaves nothing and
// is tried again; a peer of another schema version is not (the copy could
// never be used). RestoreReplicaFromFile does the same from a snapshot
// file, and WriteReplicaSnapshotFile makes one (--snapshot_to).
#ifndef CIVICWATCH_SERVICES_QUERY_BOOTSTRAP_H_
#define CIVICWATCH_SERVICES_QUERY_BOOTSTRAP_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "civicwatch/v1/snapshot.pb.h"

namespace civicwatch::query {

struct BootstrapOptions {
  // host:port of the peer replica.
  std::string peer_address;
  // Sent as "authorization: Bearer <token>" when not empty (scope
  // feed.read at the peer).
  std::string bearer_token;
  // PEM roots to reach the peer over TLS (plaintext when empty), and a
  // client certificate and key for a peer that requires mutual TLS.
  std::string tls_root_certs;
  std::string tls_cert_chain;
  std::string tls_private_key;
  // Downloads tried before giving up, and the wait between them.
  int attempts = 3;
  absl::Duration retry_wait = absl::Seconds(1);
  // Deadline of one download.
  absl::Duration timeout = absl::Minutes(30);
};

// Puts a checked copy of the peer's replica at `db_path` (which must not
// exist), staging it in `data_dir`/tmp. Returns the snapshot's metadata.
// FAILED_PRECONDITION for a peer whose snapshot this program cannot use
// (another schema version, not a replica); UNAVAILABLE when every attempt
// failed (the message says how the last one did). Nothing is left behind
// on error.
absl::StatusOr<v1::SnapshotMetadata> BootstrapFromPeer(const BootstrapOptions& options,
                                                      const std::string& data_dir,
                                                      const std::string& db_path);

// Removes what a bootstrap killed in the middle left in `data_dir`/tmp: a
// partly downloaded snapshot ("bootstrap.db.partial-PID") or a downloaded
// one not yet checked ("bootstrap.db"). Call at start-up, before any
// bootstrap of this process. Returns how many files were removed.
int RemoveBootstrapLeftovers(const std::string& data_dir);

// Puts the replica held in the snapshot file `file` at `db_path` (which
// must not exist), after checking it. FAILED_PRECONDITION naming what is
// wrong with the file.
absl::StatusOr<v1::SnapshotMetadata> RestoreReplicaFromFile(const std::string& file,
                                                           const std::string& db_path);

// Writes a snapshot file of the replica at `db_path` (which may be in use
// by a running replica) to `file`, atomically, staging the copy in
// `data_dir`/tmp.
absl::StatusOr<v1::SnapshotMetadata> WriteReplicaSnapshotFile(const std::string& db_path,
                                                             const std::string& data_dir,
                                                             const std::string& file);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_BOOTSTRAP_H_

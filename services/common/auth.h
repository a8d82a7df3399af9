// Who is calling, and what they may do.
//
// Tokens come from a file given by --auth_tokens, one per line:
//
//   sha256:<64 hex digits> <principal> <scope>[,<scope>...]
//
// The file holds only SHA-256 hashes of the tokens. Clients send
// "authorization: Bearer <token>". Blank lines and lines starting with '#'
// are ignored. Scopes: ingest.write, query.read, query.restricted,
// query.confidential, feed.read, admin, review.write.
//
// Without a tokens file the service is open: every caller is the principal
// "anonymous" with every scope (allowed on loopback addresses only; see
// server_runner.h).
//
// Thread-safety: every function may be called from any thread; Reload()
// swaps the token table atomically, so calls in flight keep the table they
// started with.
#ifndef CIVICWATCH_SERVICES_COMMON_AUTH_H_
#define CIVICWATCH_SERVICES_COMMON_AUTH_H_

#include <grpcpp/server_context.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch::auth {

// The scopes a token can carry.
inline constexpr absl::string_view kIngestWrite = "ingest.write";
inline constexpr absl::string_view kQueryRead = "query.read";
inline constexpr absl::string_view kQueryRestricted = "query.restricted";
inline constexpr absl::string_view kQueryConfidential = "query.confidential";
inline constexpr absl::string_view kFeedRead = "feed.read";
inline constexpr absl::string_view kAdmin = "admin";
inline constexpr absl::string_view kReviewWrite = "review.write";

// An authenticated caller.
struct Caller {
  std::string principal;
  absl::flat_hash_set<std::string> scopes;
  bool Has(absl::string_view scope) const { return scopes.contains(scope); }
};

// One line of a tokens file.
struct TokenEntry {
  std::string sha256_hex;  // lower case
  Caller caller;
};

// Parses a tokens file's text. Errors: INVALID_ARGUMENT naming the line.
absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text);

// Loads the tokens file at `path` and makes it the process's token table
// (authentication on). Errors: NOT_FOUND / INVALID_ARGUMENT with the line.
absl::Status LoadTokenFile(const std::string& path);

// Loads the same file again (on SIGHUP). On error the old table stays.
absl::Status Reload();

// True once a tokens file is loaded.
bool Enabled();

// The caller of a call. Errors: UNAUTHENTICATED when authentication is on
// and the call has no valid "authorization: Bearer" token.
absl::StatusOr<Caller> Authenticate(const grpc::ServerContextBase& context);

// Authenticate() and check that the caller has `scope`. Errors:
// UNAUTHENTICATED as above; PERMISSION_DENIED naming the scope.
absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context, absl::string_view scope);

// The principal to log for a call whose "authorization" header is
// `authorization` (may be empty): "anonymous" when authentication is off,
// "-" when the token is missing or unknown.
std::string PrincipalForLog(absl::string_view authorization);

// Why a call was refused by Authenticate() or Authorize(), counted for
// the civicwatch_auth_failures_total metric.
enum class FailureReason {
  kMissingToken = 0,     // no "authorization" header
  kMalformedHeader = 1,  // a header that is not "Bearer <token>"
  kUnknownToken = 2,     // a token that is not in the tokens file
  kMissingScope = 3,     // a known token without the method's scope
};
inline constexpr int kFailureReasonCount = 4;

// The label value of `reason`: "missing_token", "malformed_header",
// "unknown_token", "missing_scope".
const char* FailureReasonName(FailureReason reason);

// Calls refused for `reason` since the process started (PrincipalForLog
// does not count).
uint64_t FailureCount(FailureReason reason);

// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(absl::string_view text);

}  // namespace civicwatch::auth

#endif  // CIVICWATCH_SERVICES_COMMON_AUTH_H_

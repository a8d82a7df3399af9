#include "services/common/auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <atomic>
#include <fstream>
#include <sstream>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "services/common/errors.h"

namespace civicwatch::auth {
namespace {

const absl::flat_hash_set<std::string>& KnownScopes() {
  static const auto* scopes = new absl::flat_hash_set<std::string>{
      std::string(kIngestWrite),       std::string(kQueryRead), std::string(kQueryRestricted),
      std::string(kQueryConfidential), std::string(kFeedRead),  std::string(kAdmin),
      std::string(kReviewWrite)};
  return *scopes;
}

struct TokenTable {
  std::string path;
  std::vector<TokenEntry> entries;
};

std::array<std::atomic<uint64_t>, kFailureReasonCount> failures{};

// Counts the refusal `reason` and returns `status` (a refusal of that kind).
absl::Status Refused(FailureReason reason, absl::Status status) {
  failures[static_cast<int>(reason)].fetch_add(1, std::memory_order_relaxed);
  return status;
}

absl::Mutex table_mu;
std::shared_ptr<const TokenTable> table ABSL_GUARDED_BY(table_mu);

std::shared_ptr<const TokenTable> CurrentTable() {
  absl::MutexLock lock(&table_mu);
  return table;
}

absl::StatusOr<std::shared_ptr<const TokenTable>> ReadTable(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MissingInputError(absl::StrCat("cannot read tokens file ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  auto entries = ParseTokenFile(ss.str());
  if (!entries.ok()) {
    return InvalidInputError(absl::StrCat(path, ": ", entries.status().message()));
  }
  auto t = std::make_shared<TokenTable>();
  t->path = path;
  t->entries = std::move(*entries);
  return t;
}

Caller Anonymous() {
  Caller c;
  c.principal = "anonymous";
  c.scopes = KnownScopes();
  return c;
}

}  // namespace

std::string Sha256Hex(absl::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text) {
  std::vector<TokenEntry> out;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    auto bad = [&](absl::string_view why) {
      return InvalidInputError(absl::StrCat("line ", line_number, ": ", why));
    };
    if (parts.size() != 3) return bad("expected 'sha256:HEX PRINCIPAL SCOPE[,SCOPE...]'");
    if (!absl::StartsWith(parts[0], "sha256:") || parts[0].size() != 7 + 64) {
      return bad("the token must be given as sha256: and 64 hex digits");
    }
    TokenEntry entry;
    entry.sha256_hex = absl::AsciiStrToLower(parts[0].substr(7));
    for (char c : entry.sha256_hex) {
      if (!absl::ascii_isxdigit(c)) return bad("the hash is not hexadecimal");
    }
    entry.caller.principal = std::string(parts[1]);
    for (absl::string_view scope : absl::StrSplit(parts[2], ',', absl::SkipEmpty())) {
      if (!KnownScopes().contains(scope)) return bad(absl::StrCat("unknown scope ", scope));
      entry.caller.scopes.insert(std::string(scope));
    }
    out.push_back(std::move(entry));
  }
  return out;
}

absl::Status LoadTokenFile(const std::string& path) {
  auto t = ReadTable(path);
  if (!t.ok()) return t.status();
  absl::MutexLock lock(&table_mu);
  table = std::move(*t);
  return absl::OkStatus();
}

absl::Status Reload() {
  auto current = CurrentTable();
  if (current == nullptr) return absl::OkStatus();
  return LoadTokenFile(current->path);
}

bool Enabled() { return CurrentTable() != nullptr; }

namespace {

// On failure sets `*reason` (when not null) to why.
absl::StatusOr<Caller> CallerForAuthorization(const TokenTable* t, absl::string_view value,
                                              FailureReason* reason) {
  if (t == nullptr) return Anonymous();
  if (value.empty()) {
    if (reason != nullptr) *reason = FailureReason::kMissingToken;
    return UnauthenticatedError(
        "this service needs a token: send 'authorization: Bearer <token>'");
  }
  if (!absl::StartsWithIgnoreCase(value, "bearer ")) {
    if (reason != nullptr) *reason = FailureReason::kMalformedHeader;
    return UnauthenticatedError("the authorization header must be 'Bearer <token>'");
  }
  const std::string presented = Sha256Hex(absl::StripAsciiWhitespace(value.substr(7)));
  // Compare against every entry, in constant time each, so the time taken
  // says nothing about which entry (if any) matched.
  const TokenEntry* match = nullptr;
  for (const TokenEntry& e : t->entries) {
    if (e.sha256_hex.size() == presented.size() &&
        CRYPTO_memcmp(e.sha256_hex.data(), presented.data(), presented.size()) == 0) {
      match = &e;
    }
  }
  if (match == nullptr) {
    if (reason != nullptr) *reason = FailureReason::kUnknownToken;
    return UnauthenticatedError("the token is not valid");
  }
  return match->caller;
}

}  // namespace

absl::StatusOr<Caller> Authenticate(const grpc::ServerContextBase& context) {
  auto t = CurrentTable();
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  absl::string_view value;
  if (it != metadata.end()) value = absl::string_view(it->second.data(), it->second.size());
  FailureReason reason = FailureReason::kMissingToken;
  auto caller = CallerForAuthorization(t.get(), value, &reason);
  if (!caller.ok()) return Refused(reason, caller.status());
  return caller;
}

std::string PrincipalForLog(absl::string_view authorization) {
  auto t = CurrentTable();
  auto caller = CallerForAuthorization(t.get(), authorization, nullptr);
  return caller.ok() ? caller->principal : "-";
}

absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context, absl::string_view scope) {
  auto caller = Authenticate(context);
  if (!caller.ok()) return caller.status();
  if (!caller->Has(scope)) {
    return Refused(FailureReason::kMissingScope,
                   CallerLacksScopeError(caller->principal, scope));
  }
  return caller;
}

const char* FailureReasonName(FailureReason reason) {
  switch (reason) {
    case FailureReason::kMissingToken:
      return "missing_token";
    case FailureReason::kMalformedHeader:
      return "malformed_header";
    case FailureReason::kUnknownToken:
      return "unknown_token";
    case FailureReason::kMissingScope:
      return "missing_scope";
  }
  return "unknown";
}

uint64_t FailureCount(FailureReason reason) {
  return failures[static_cast<int>(reason)].load(std::memory_order_relaxed);
}

}  // namespace civicwatch::auth

// Helpers the security tests share: throw-away bearer tokens and the
// tokens file the servers read with --auth_tokens, and small file helpers.
//
// Tokens are hashed here with OpenSSL directly, not with the services' own
// code, so a mistake in services/common/auth.cc cannot hide itself.
#ifndef CIVICWATCH_TESTS_SECURITY_SECURITY_SUPPORT_H_
#define CIVICWATCH_TESTS_SECURITY_SECURITY_SUPPORT_H_

#include <grpcpp/client_context.h>

#include <set>
#include <string>
#include <vector>

namespace civicwatch::testing {

// A caller of the matrix: a label for messages, the token it sends (empty:
// sends none) and the scopes the tokens file grants it.
struct Principal {
  std::string label;
  std::string token;
  std::set<std::string> scopes;
  bool Has(const std::string& scope) const { return scopes.count(scope) > 0; }
};

// Every scope a token can carry (auth.h).
const std::vector<std::string>& AllScopes();

// 32 random bytes as hex: a fresh token no one else knows.
std::string RandomToken();

// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(const std::string& text);

// Makes a principal called `label` holding `scopes` with a fresh token.
Principal MakePrincipal(const std::string& label, std::set<std::string> scopes);

// The text of a tokens file granting each principal that has a token its
// scopes ("sha256:HEX PRINCIPAL SCOPE,SCOPE").
std::string TokensFileText(const std::vector<Principal>& principals);

// Writes `text` to `path` (mode 0600); aborts the test binary on failure.
void WriteFile(const std::string& path, const std::string& text);

// The whole content of `path` ("" when unreadable).
std::string ReadFile(const std::string& path);

// Adds "authorization: Bearer TOKEN" to `context` unless `token` is empty.
void AddBearer(grpc::ClientContext& context, const std::string& token);

// Runs `command` with /bin/sh; returns its exit code and appends its
// output (stdout and stderr) to `output`.
int RunCommand(const std::string& command, std::string* output);

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SECURITY_SECURITY_SUPPORT_H_

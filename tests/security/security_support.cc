#include "tests/security/security_support.h"

#include <openssl/rand.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace civicwatch::testing {

const std::vector<std::string>& AllScopes() {
  static const auto* scopes = new std::vector<std::string>{
      "ingest.write", "query.read", "query.restricted", "query.confidential", "feed.read",
      "admin", "review.write"};
  return *scopes;
}

std::string RandomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    std::cerr << "RAND_bytes failed\n";
    std::abort();
  }
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), sizeof(bytes)));
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

Principal MakePrincipal(const std::string& label, std::set<std::string> scopes) {
  return Principal{label, RandomToken(), std::move(scopes)};
}

std::string TokensFileText(const std::vector<Principal>& principals) {
  std::string text = "# test tokens: sha256:HEX PRINCIPAL SCOPES\n\n";
  for (const Principal& p : principals) {
    if (p.token.empty() || p.scopes.empty()) continue;
    absl::StrAppend(&text, "sha256:", Sha256Hex(p.token), " ", p.label, " ",
                    absl::StrJoin(p.scopes, ","), "\n");
  }
  return text;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out || chmod(path.c_str(), 0600) != 0) {
    std::cerr << "cannot write " << path << "\n";
    std::abort();
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void AddBearer(grpc::ClientContext& context, const std::string& token) {
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
}

int RunCommand(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) {
    if (output != nullptr) output->append(buf, n);
  }
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace civicwatch::testing

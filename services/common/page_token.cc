#include "services/common/page_token.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"

namespace civicwatch {
namespace {

constexpr char kVersion[] = "cw1";
constexpr char kSeparator = '\x1f';  // ASCII unit separator: never in a key.
constexpr size_t kChecksumBytes = 8;

std::string Sha256(absl::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<char*>(digest), sizeof(digest));
}

std::string Checksum(absl::string_view payload) {
  return Sha256(absl::StrCat("civicwatch page token", payload)).substr(0, kChecksumBytes);
}

absl::Status BadToken(absl::string_view why) {
  return InvalidFieldError("page_token", why);
}

}  // namespace

std::string Fingerprint(absl::string_view bytes) {
  return absl::BytesToHexString(Sha256(bytes).substr(0, 16));
}

std::string MethodFingerprint(absl::string_view method, absl::string_view bytes) {
  // The method name holds no NUL, so no two (method, bytes) pairs join into
  // the same text.
  return Fingerprint(absl::StrCat(method, std::string(1, '\0'), bytes));
}

std::string EncodePageToken(const PageCursor& cursor) {
  std::string payload = absl::StrCat(kVersion, std::string(1, kSeparator),
                                     cursor.request_fingerprint);
  for (const auto& k : cursor.last_key) absl::StrAppend(&payload, std::string(1, kSeparator), k);
  return absl::WebSafeBase64Escape(absl::StrCat(Checksum(payload), payload));
}

absl::StatusOr<PageCursor> DecodePageToken(absl::string_view token,
                                           absl::string_view request_fingerprint) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() <= kChecksumBytes) {
    return BadToken("is not a token this service issued; pass next_page_token unchanged");
  }
  absl::string_view checksum(raw.data(), kChecksumBytes);
  absl::string_view payload(raw.data() + kChecksumBytes, raw.size() - kChecksumBytes);
  if (Checksum(payload) != checksum) {
    return BadToken("is damaged or was altered; pass next_page_token unchanged");
  }
  std::vector<std::string> parts = absl::StrSplit(payload, kSeparator);
  if (parts.size() < 2 || parts[0] != kVersion) {
    return BadToken("comes from an incompatible version; start again without a token");
  }
  if (parts[1] != request_fingerprint) {
    return BadToken(
        "was issued for a different method, filter or order; start again without a token");
  }
  PageCursor cursor;
  cursor.request_fingerprint = parts[1];
  cursor.last_key.assign(parts.begin() + 2, parts.end());
  return cursor;
}

}  // namespace civicwatch

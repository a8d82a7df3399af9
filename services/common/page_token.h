// Opaque page tokens for keyset pagination.
//
// A token carries the sort key of the last item of a page and a fingerprint
// of the request it was issued for (filter, order, everything but page_size
// and page_token; with MethodFingerprint, the method too). Decoding checks
// a checksum and the fingerprint, so a token that was truncated, edited or
// issued for another request is rejected with INVALID_ARGUMENT naming
// "page_token". The checksum detects damage, not a determined forger: a
// forged token can only name a position in a result set the caller may
// read anyway.
#ifndef CIVICWATCH_SERVICES_COMMON_PAGE_TOKEN_H_
#define CIVICWATCH_SERVICES_COMMON_PAGE_TOKEN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch {

// The decoded content of a page token.
struct PageCursor {
  // Fingerprint of the request the token belongs to (see Fingerprint()).
  std::string request_fingerprint;
  // The sort key of the last item returned, one string per key column.
  std::vector<std::string> last_key;
};

// Encodes a cursor as URL-safe base64 text.
std::string EncodePageToken(const PageCursor& cursor);

// Decodes `token` and checks that it was issued for `request_fingerprint`.
// Errors: INVALID_ARGUMENT on field "page_token" when the token is
// malformed, tampered with, or belongs to another request.
absl::StatusOr<PageCursor> DecodePageToken(absl::string_view token,
                                           absl::string_view request_fingerprint);

// A short stable fingerprint of serialized request bytes (hex SHA-256,
// first 16 bytes).
std::string Fingerprint(absl::string_view bytes);

// The fingerprint of a request to `method` ("civicwatch.v1.QueryService/
// ListEvents"): the method is part of it, so a token one method issued is
// refused by another even when both requests serialize to the same bytes
// (two empty filters, say).
std::string MethodFingerprint(absl::string_view method, absl::string_view bytes);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_PAGE_TOKEN_H_

// UTF-8 validation for text that arrives from outside.
#ifndef CIVICWATCH_SERVICES_COMMON_UTF8_H_
#define CIVICWATCH_SERVICES_COMMON_UTF8_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF). `first_bad_offset`, when given and
// the text is invalid, receives the byte offset of the first bad sequence.
bool IsValidUtf8(absl::string_view text, size_t* first_bad_offset = nullptr);

// `text` with each byte that does not start a well-formed sequence replaced
// by U+FFFD; well-formed text comes back unchanged. For echoing outside
// text in places that must hold UTF-8 (protobuf string fields).
std::string ToValidUtf8(absl::string_view text);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_UTF8_H_

// JSON string literals for the services' log lines and audit records.
#ifndef CIVICWATCH_SERVICES_COMMON_JSON_STRING_H_
#define CIVICWATCH_SERVICES_COMMON_JSON_STRING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch {

// Appends `text` to `out` as a JSON string literal: in quotes, with quotes,
// backslashes and control characters escaped. Other bytes are copied as
// they are, so UTF-8 text stays readable (and a log line is never lost to
// a stray byte a request carried).
void AppendJsonString(std::string* out, absl::string_view text);

// The same, as a new string.
std::string JsonString(absl::string_view text);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_JSON_STRING_H_

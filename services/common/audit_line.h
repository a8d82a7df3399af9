// The fields every audit record opens with, as JSON: who called which
// method, and when.
#ifndef CIVICWATCH_SERVICES_COMMON_AUDIT_LINE_H_
#define CIVICWATCH_SERVICES_COMMON_AUDIT_LINE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch {

// `{"time":TIME,"principal":PRINCIPAL,"method":METHOD` (JSON strings,
// escaped): the caller appends its own fields and the closing brace.
std::string OpenAuditJsonLine(absl::string_view time, absl::string_view principal,
                              absl::string_view method);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_AUDIT_LINE_H_

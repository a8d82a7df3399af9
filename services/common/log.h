// Structured log lines on stderr, as text or JSON (--log_format).
//
//   LogLine("call", {{"method", m}, {"status", "OK"}});
//
// text: 2024-05-01T10:00:00.000Z call method=/x status=OK
// json: {"time":"2024-05-01T10:00:00.000Z","event":"call","method":"/x","status":"OK"}
//
// Each line is written with one call, so lines from threads never mix.
#ifndef CIVICWATCH_SERVICES_COMMON_LOG_H_
#define CIVICWATCH_SERVICES_COMMON_LOG_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace civicwatch {

using LogFields = std::vector<std::pair<std::string, std::string>>;

// Writes one line: the time, the event name, then the fields in order.
void LogLine(absl::string_view event, const LogFields& fields);

// True when --log_format=json.
bool JsonLogs();

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_LOG_H_

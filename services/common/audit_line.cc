#include "services/common/audit_line.h"

#include "services/common/json_string.h"

namespace civicwatch {

std::string OpenAuditJsonLine(absl::string_view time, absl::string_view principal,
                              absl::string_view method) {
  std::string line = "{\"time\":";
  AppendJsonString(&line, time);
  line.append(",\"principal\":");
  AppendJsonString(&line, principal);
  line.append(",\"method\":");
  AppendJsonString(&line, method);
  return line;
}

}  // namespace civicwatch

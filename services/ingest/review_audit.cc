#include "services/ingest/review_audit.h"

#include "absl/strings/str_cat.h"
#include "services/common/audit_file.h"
#include "services/common/audit_line.h"
#include "services/common/json_string.h"

namespace civicwatch::ingest {

std::string ReviewAuditJsonLine(absl::string_view time, absl::string_view principal,
                                absl::string_view method, const v1::Event& event,
                                absl::string_view revision) {
  std::string line = OpenAuditJsonLine(time, principal, method);
  line.append(",\"event\":");
  AppendJsonString(&line, event.name());
  line.append(",\"revision\":");
  AppendJsonString(&line, revision);
  line.append(",\"review_state\":");
  AppendJsonString(&line, v1::ReviewState_Name(event.review_state()));
  line.append("}\n");
  return line;
}

void AuditReview(absl::string_view principal, absl::string_view method, const v1::Event& event,
                 absl::string_view revision) {
  WriteAuditRecord(
      AuditLogIsFile() ? ReviewAuditJsonLine(AuditTimeNow(), principal, method, event, revision)
                       : std::string(),
      absl::StrCat("civicwatch-ingest audit: principal=", principal, " method=", method,
                   " event=", event.name(), " revision=", revision,
                   " review_state=", v1::ReviewState_Name(event.review_state()), "\n"));
}

}  // namespace civicwatch::ingest

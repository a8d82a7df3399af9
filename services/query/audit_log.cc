#include "services/query/audit_log.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/audit_file.h"
#include "services/common/audit_line.h"
#include "services/common/json_string.h"

namespace civicwatch::query {

std::string AuditJsonLine(absl::string_view time, absl::string_view principal,
                          absl::string_view method, int64_t restricted, int64_t confidential,
                          const std::vector<std::string>& event_names) {
  std::string line = OpenAuditJsonLine(time, principal, method);
  absl::StrAppend(&line, ",\"restricted\":", restricted, ",\"confidential\":", confidential,
                  ",\"events\":[");
  for (size_t i = 0; i < event_names.size(); ++i) {
    if (i > 0) line.push_back(',');
    AppendJsonString(&line, event_names[i]);
  }
  line.append("]}\n");
  return line;
}

void EventReadAudit::Note(const v1::Event& event) {
  if (event.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED) {
    ++restricted_;
  } else if (event.confidentiality() == v1::CONFIDENTIALITY_CONFIDENTIAL) {
    ++confidential_;
  } else {
    return;
  }
  names_.push_back(event.name());
}

EventReadAudit::~EventReadAudit() {
  if (restricted_ == 0 && confidential_ == 0) return;
  std::vector<std::string> listed(names_.begin(),
                                  names_.begin() + std::min(names_.size(), kMaxNamesOnStderr));
  std::string more = names_.size() > listed.size() ? ",..." : "";
  WriteAuditRecord(
      AuditLogIsFile()
          ? AuditJsonLine(AuditTimeNow(), principal_, method_, restricted_, confidential_, names_)
          : std::string(),
      absl::StrCat("civicwatch-query audit: principal=", principal_, " method=", method_,
                   " restricted=", restricted_, " confidential=", confidential_,
                   " events=", absl::StrJoin(listed, ","), more, "\n"));
}

}  // namespace civicwatch::query

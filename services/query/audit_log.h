// The audit trail of reads of restricted and confidential events
// (docs/design.md "Errors, security, limits"): one record per call that returned
// any, with the time, the principal, the method and the events' names.
//
// With --audit_log FILE (OpenAuditLog) the records go to FILE (reopened
// on SIGHUP, for log rotation), opened for
// appending, one JSON object a line, each line written with one write(2)
// so that lines of concurrent calls never interleave and nothing already
// written is ever rewritten:
//
//   {"time":"2026-11-27T18:00:00.000Z","principal":"analyst","method":"GetEvent",
//    "restricted":0,"confidential":1,"events":["events/42"]}
//
// Without it, each record is a text line on stderr (at most 20 names).
//
// Use one EventReadAudit per call, from one thread; OpenAuditLog once at
// start-up, before any call.
#ifndef CIVICWATCH_SERVICES_QUERY_AUDIT_LOG_H_
#define CIVICWATCH_SERVICES_QUERY_AUDIT_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/audit_file.h"

namespace civicwatch::query {

// The file itself (OpenAuditLog, ReopenAuditLog) is
// services/common/audit_file.h.
using ::civicwatch::OpenAuditLog;
using ::civicwatch::ReopenAuditLog;

// The JSON line (with its newline) of one record.
std::string AuditJsonLine(absl::string_view time, absl::string_view principal,
                          absl::string_view method, int64_t restricted, int64_t confidential,
                          const std::vector<std::string>& event_names);

class EventReadAudit {
 public:
  EventReadAudit(std::string principal, std::string method)
      : principal_(std::move(principal)), method_(std::move(method)) {}
  // Writes the record, if any event was noted.
  ~EventReadAudit();

  // Notes that `event` was returned to the caller.
  void Note(const v1::Event& event);

 private:
  // Names listed on a stderr line; beyond, only counted.
  static constexpr size_t kMaxNamesOnStderr = 20;

  std::string principal_;
  std::string method_;
  int64_t restricted_ = 0;
  int64_t confidential_ = 0;
  std::vector<std::string> names_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_AUDIT_LOG_H_

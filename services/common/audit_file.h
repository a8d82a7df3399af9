// Where a service's audit records go: with --audit_log FILE
// (OpenAuditLog) one JSON object a line appended to FILE, created with mode
// 0600, each line written with one write(2) so lines of concurrent calls
// never interleave and nothing written is ever rewritten; without it, a
// text line on stderr.
//
// OpenAuditLog once at start-up, before any call; WriteAuditRecord and
// ReopenAuditLog from any thread.
#ifndef CIVICWATCH_SERVICES_COMMON_AUDIT_FILE_H_
#define CIVICWATCH_SERVICES_COMMON_AUDIT_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace civicwatch {

// Sends audit records to `path` from now on (created with mode 0600 if
// missing, appended to otherwise). UNAVAILABLE when it cannot be opened.
absl::Status OpenAuditLog(const std::string& path);

// Opens the audit log's path again (after logrotate moved the file away)
// and sends the following records there; records being written meanwhile
// land whole in the old file or the new one. Returns "audit_log" when
// reopened, "" when there is no audit file, or why it failed (the old
// file then stays in use). Safe to call while calls write records.
std::string ReopenAuditLog();

// True when records go to a file.
bool AuditLogIsFile();

// Writes one record: `json_line` (ending in a newline) to the audit file,
// or `stderr_line` (ending in a newline) to stderr when there is none.
void WriteAuditRecord(absl::string_view json_line, absl::string_view stderr_line);

// The audit's time stamp: "2026-11-27T18:00:00.000Z", now.
std::string AuditTimeNow();

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_AUDIT_FILE_H_

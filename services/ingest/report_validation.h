// Checks a submitted report before anything is normalised or stored.
#ifndef CIVICWATCH_SERVICES_INGEST_REPORT_VALIDATION_H_
#define CIVICWATCH_SERVICES_INGEST_REPORT_VALIDATION_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::ingest {

// The largest report body accepted, in bytes (4 MiB). Documented in the
// README and in types.proto.
inline constexpr size_t kMaxReportBodyBytes = 4 * 1024 * 1024;

// The longest request_id accepted.
inline constexpr size_t kMaxRequestIdChars = 128;

// OK when `report` may be normalised. Otherwise INVALID_ARGUMENT naming the
// field (under `prefix`, such as "report"): body empty, blank or not UTF-8;
// a text field not UTF-8; an unknown country code; an impossible date or a
// coverage that ends before it starts; an unknown confidentiality. A body
// over kMaxReportBodyBytes is RESOURCE_EXHAUSTED naming "report.body".
absl::Status ValidateReport(const v1::Report& report, absl::string_view prefix);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_REPORT_VALIDATION_H_

// A report submitted as a document (Report.original): its bytes checked,
// its text extracted by the document layer (services/document, the same
// code the civicwatch CLI reads files with), and the report completed from
// it, so that a partner sending a PDF gets the events the CLI would.
#ifndef CIVICWATCH_SERVICES_INGEST_REPORT_DOCUMENT_H_
#define CIVICWATCH_SERVICES_INGEST_REPORT_DOCUMENT_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"
#include "services/document/document.h"

namespace civicwatch::ingest {

// The largest original document accepted: 20 MiB.
inline constexpr size_t kMaxOriginalBytes = size_t{20} << 20;

// The largest request of the methods that take a document (CreateReport,
// NormalizeReport): a 20 MiB document and 1 MiB for everything else.
inline constexpr size_t kMaxDocumentRequestBytes = size_t{21} << 20;

// The largest answer of GetReport with REPORT_VIEW_FULL: a 4 MiB body, a
// 20 MiB original and 2 MiB for everything else.
inline constexpr size_t kMaxFullReportBytes = size_t{26} << 20;

// What a document gave.
struct ReadDocument {
  // The submitted report with the extracted body, the document's title and
  // published date where the report gave none, and `original` holding the
  // document's media type (as read), encoding, SHA-256 and size, without
  // its content.
  v1::Report report;
  // The extraction's map from body offsets to the original (its body has
  // been moved into `report`); see document::LocateEventsInOriginal.
  document::ExtractedDocument extracted;
};

// Reads `report.original` (the caller checked has_original()) under
// `limits` (the input size capped at kMaxOriginalBytes).
// Errors name the field under `prefix` ("report"):
//   INVALID_ARGUMENT    body set as well ("report.body"); an unknown media
//                       type ("report.original.media_type"); an unknown
//                       encoding name ("report.original.encoding"); a
//                       document that cannot be read: empty, corrupt,
//                       encrypted, scanned without text, a zip bomb, nested
//                       too deep, not the declared type, no text
//                       ("report.original.content", with the reason)
//   RESOURCE_EXHAUSTED  content over kMaxOriginalBytes
//                       ("report.original.content")
absl::StatusOr<ReadDocument> ReadReportDocument(const v1::Report& report,
                                                absl::string_view prefix,
                                                const document::Limits& limits = {});

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_REPORT_DOCUMENT_H_

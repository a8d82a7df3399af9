// The report a document makes: its extracted body, and the metadata the
// document states about itself where the report has none yet. Kept apart
// from the document library so that library stays free of the API's
// types; the CLI's `normalize` and `ingest` both use it, so both read a
// document the same way.
#ifndef CIVICWATCH_SERVICES_DOCUMENT_REPORT_FROM_DOCUMENT_H_
#define CIVICWATCH_SERVICES_DOCUMENT_REPORT_FROM_DOCUMENT_H_

#include <vector>

#include "civicwatch/v1/types.pb.h"
#include "services/document/document.h"

namespace civicwatch::document {

// Moves `doc`'s body into `report` and sets its title (when empty) from
// the document's title and its published_date (when unset) from a
// document date that starts "YYYY", "YYYY-MM" or "YYYY-MM-DD". Language is
// left to the normaliser, which reads it from the text.
void FillReportFromDocument(ExtractedDocument&& doc, v1::Report& report);

// Where body offset `offset` lies in the original, from `doc`'s spans (its
// body is not needed, so this works after FillReportFromDocument moved it
// out). An empty location when `doc` has no span there.
v1::OriginalLocation LocateInOriginal(const ExtractedDocument& doc, size_t offset);

// Sets original_location on each provenance entry of `events` (offsets
// into the body `doc` gave) from `doc`'s spans.
void LocateEventsInOriginal(const ExtractedDocument& doc, std::vector<v1::Event>& events);

}  // namespace civicwatch::document

#endif  // CIVICWATCH_SERVICES_DOCUMENT_REPORT_FROM_DOCUMENT_H_

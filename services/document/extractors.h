// One extractor per media type, called by ExtractDocument once the type is
// decided and the input size checked. Each honours options.limits and
// returns the errors ExtractDocument documents; an empty body is left to
// the caller to refuse.
#ifndef CIVICWATCH_SERVICES_DOCUMENT_EXTRACTORS_H_
#define CIVICWATCH_SERVICES_DOCUMENT_EXTRACTORS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/document/document.h"

namespace civicwatch::document {

absl::StatusOr<ExtractedDocument> ExtractPlainText(absl::string_view bytes,
                                                   const ExtractOptions& options);
absl::StatusOr<ExtractedDocument> ExtractHtml(absl::string_view bytes,
                                              const ExtractOptions& options);
absl::StatusOr<ExtractedDocument> ExtractPdf(absl::string_view bytes,
                                             const ExtractOptions& options);
absl::StatusOr<ExtractedDocument> ExtractDocx(absl::string_view bytes,
                                              const ExtractOptions& options);

}  // namespace civicwatch::document

#endif  // CIVICWATCH_SERVICES_DOCUMENT_EXTRACTORS_H_

// Fuzzes the document layer's reader of PDF (Poppler; running lines; hyphen joins),
// called directly so that every input reaches it whatever its first bytes.
// Small limits keep each run fast; every input must give a document or an
// error, never a crash, a leak or a hang.
#include <cstddef>
#include <cstdint>

#include "services/document/document.h"
#include "services/document/extractors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  civicwatch::document::ExtractOptions options;
  options.limits.max_pages = 50;
  options.limits.max_expanded_bytes = 4u << 20;
  options.limits.max_nesting_depth = 256;
  options.limits.max_body_bytes = 1u << 20;
  auto doc = civicwatch::document::ExtractPdf(
      absl::string_view(reinterpret_cast<const char*>(data), size), options);
  (void)doc;
  return 0;
}

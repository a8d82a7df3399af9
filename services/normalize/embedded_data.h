// The normaliser's tables (data/*.tsv), compiled into the library.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_EMBEDDED_DATA_H_
#define CIVICWATCH_SERVICES_NORMALIZE_EMBEDDED_DATA_H_

#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// The contents of data/<file_name>; empty when there is no such table.
absl::string_view EmbeddedData(absl::string_view file_name);

namespace internal {
struct EmbeddedFile {
  absl::string_view name;
  absl::string_view contents;
};
extern const EmbeddedFile kEmbeddedFiles[];
extern const int kEmbeddedFileCount;
}  // namespace internal

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_EMBEDDED_DATA_H_

// The normaliser's tables (data/*.tsv), compiled into the library.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_EMBEDDED_DATA_H_
#define CIVICWATCH_SERVICES_NORMALIZE_EMBEDDED_DATA_H_

#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// The contents of data/<file_name> (or of its replacement); empty when
// there is no such table.
absl::string_view EmbeddedData(absl::string_view file_name);

// Replaces the table data/<file_name> with `contents` for the rest of the
// process, so a service can run a normaliser with changed tables without
// being rebuilt (civicwatch-ingest --normalizer_tables). The tables are
// built once, on the first normalisation: call this before it, from one
// thread. False (nothing replaced) when there is no table of that name.
bool ReplaceEmbeddedData(absl::string_view file_name, std::string contents);

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

#include "services/normalize/embedded_data.h"

namespace civicwatch::normalize {

absl::string_view EmbeddedData(absl::string_view file_name) {
  for (int i = 0; i < internal::kEmbeddedFileCount; ++i) {
    if (internal::kEmbeddedFiles[i].name == file_name) {
      return internal::kEmbeddedFiles[i].contents;
    }
  }
  return {};
}

}  // namespace civicwatch::normalize

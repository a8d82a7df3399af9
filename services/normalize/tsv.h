// Reading the tab-separated tables of data/: one record a line, fields
// separated by tabs, lines starting with '#' and blank lines skipped.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_TSV_H_
#define CIVICWATCH_SERVICES_NORMALIZE_TSV_H_

#include "absl/strings/string_view.h"
#include <vector>

namespace civicwatch::normalize {

// The records of the embedded table `file_name`; the views point into the
// embedded data and live as long as the program.
std::vector<std::vector<absl::string_view>> ReadTable(absl::string_view file_name);

// Splits a field holding several values separated by '|'.
std::vector<absl::string_view> SplitAlternatives(absl::string_view field);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_TSV_H_

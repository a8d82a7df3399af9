// Who published a report, from the sentence that says it.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_REPORT_PUBLISHERS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_REPORT_PUBLISHERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// Publishers named in `sentence` after "prepared by" / "подготовлен":
// "prepared by A and B (ACR) within ..." -> {"A", "B"}.
std::vector<std::string> ParsePublishers(absl::string_view sentence);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_REPORT_PUBLISHERS_H_

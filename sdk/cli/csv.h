// CSV output as RFC 4180 describes it: fields separated by commas, records
// ending in CRLF, and a field quoted (with inner quotes doubled) when it
// holds a comma, a quote, CR or LF.
#ifndef CIVICWATCH_SDK_CLI_CSV_H_
#define CIVICWATCH_SDK_CLI_CSV_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace civicwatch::cli {

// One field, quoted when it needs to be.
std::string CsvField(absl::string_view value);

// Writes one record: the fields and the CRLF that ends it.
void WriteCsvRecord(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_CSV_H_

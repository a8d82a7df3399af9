#include "csv.h"

#include "absl/strings/str_replace.h"

namespace civicwatch::cli {

std::string CsvField(absl::string_view value) {
  if (value.find_first_of(",\"\r\n") == absl::string_view::npos) {
    return std::string(value);
  }
  return "\"" + absl::StrReplaceAll(value, {{"\"", "\"\""}}) + "\"";
}

void WriteCsvRecord(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvField(fields[i]);
  }
  out << "\r\n";
}

}  // namespace civicwatch::cli

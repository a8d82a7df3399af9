#include "services/normalize/tsv.h"

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/ascii.h"
#include "services/normalize/embedded_data.h"

namespace civicwatch::normalize {

std::vector<std::vector<absl::string_view>> ReadTable(absl::string_view file_name) {
  std::vector<std::vector<absl::string_view>> rows;
  for (absl::string_view line : absl::StrSplit(EmbeddedData(file_name), '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::vector<absl::string_view> SplitAlternatives(absl::string_view field) {
  std::vector<absl::string_view> out;
  for (absl::string_view v : absl::StrSplit(field, '|', absl::SkipEmpty())) {
    out.push_back(absl::StripAsciiWhitespace(v));
  }
  return out;
}

}  // namespace civicwatch::normalize

#include "services/normalize/report_publishers.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/normalize/utf8.h"

namespace civicwatch::normalize {

std::vector<std::string> ParsePublishers(absl::string_view s) {
  std::vector<std::string> out;
  size_t pos = absl::string_view::npos;
  size_t skip = 0;
  for (absl::string_view cue : {"prepared by ", "published by ", "written by ", "compiled by ",
                               "подготовлен ", "подготовлена ", "подготовлено ", "подготовили "}) {
    pos = s.find(cue);
    if (pos != absl::string_view::npos) {
      skip = cue.size();
      break;
    }
  }
  if (pos == absl::string_view::npos) return out;
  absl::string_view rest = s.substr(pos + skip);
  // Stop where the list of authors ends.
  size_t stop = rest.size();
  for (absl::string_view cue : {" within ", " as part of ", " together with ", " in cooperation",
                               " in partnership", " with the support", " with support", " for the ",
                               " under ", " in the framework", ". ", " в рамках", " при поддержке",
                               " совместно с"}) {
    size_t p = rest.find(cue);
    if (p != absl::string_view::npos && p < stop) stop = p;
  }
  rest = rest.substr(0, stop);
  rest = absl::StripSuffix(absl::StripAsciiWhitespace(rest), ".");
  for (absl::string_view part : absl::StrSplit(rest, absl::ByAnyChar(",;"))) {
    for (absl::string_view piece : absl::StrSplit(part, absl::ByString(" and "))) {
      for (absl::string_view p2 : absl::StrSplit(piece, absl::ByString(" и "))) {
        absl::string_view name = absl::StripAsciiWhitespace(p2);
        name = absl::StripPrefix(name, "the ");
        name = absl::StripPrefix(name, "The ");
        // Drop a trailing "(ACRONYM)".
        if (size_t paren = name.find(" ("); paren != absl::string_view::npos) name = name.substr(0, paren);
        name = absl::StripAsciiWhitespace(name);
        if (name.empty() || !IsUpper(static_cast<unsigned char>(name[0])) && static_cast<unsigned char>(name[0]) < 0x80) {
          continue;
        }
        out.emplace_back(name);
      }
    }
  }
  return out;
}

}  // namespace civicwatch::normalize

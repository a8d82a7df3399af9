#include "services/normalize/category_model_input.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/normalize/stemmer.h"
#include "services/text/utf8.h"

namespace civicwatch::normalize {
std::string RuleToken(absl::string_view rule_label) { return absl::StrCat("__rule_", rule_label); }

std::string CategoryModelInput(absl::string_view clause, absl::string_view rule_label) {
  std::string out;
  out.reserve(clause.size() + rule_label.size() + 8);
  ForEachLowerCasedWord(clause, [&out](absl::string_view word) {
    absl::StrAppend(&out, out.empty() ? "" : " ", StemOf(word));
  });
  absl::StrAppend(&out, out.empty() ? "" : " ", RuleToken(rule_label));
  return out;
}

}  // namespace civicwatch::normalize

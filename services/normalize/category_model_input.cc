#include "services/normalize/category_model_input.h"

#include "absl/strings/str_cat.h"
#include "services/normalize/stemmer.h"
#include "services/text/utf8.h"

namespace civicwatch::normalize {
namespace {

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

}  // namespace

void ForEachLowerCasedWord(absl::string_view clause, const std::function<void(absl::string_view)>& visit) {
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return;
    visit(word);
    word.clear();
  };
  size_t pos = 0;
  while (pos < clause.size()) {
    const char32_t c = text::DecodeUtf8(clause, &pos);
    if (!text::IsLetter(c) && !IsDigit(c)) {
      end_word();
      continue;
    }
    if (IsDigit(c)) {
      word.push_back('0');
    } else {
      text::AppendUtf8(text::ToLower(c), &word);
    }
  }
  end_word();
}

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

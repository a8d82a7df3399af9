#include "services/normalize/category_model_input.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/normalize/stemmer.h"
#include "services/text/utf8.h"

namespace civicwatch::normalize {
void ForEachLowerCasedWord(absl::string_view clause, const std::function<void(absl::string_view)>& visit) {
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return;
    visit(word);
    word.clear();
  };
  size_t pos = 0;
  while (pos < clause.size()) {
    const auto byte = static_cast<unsigned char>(clause[pos]);
    if (byte < 0x80) {
      // Most clauses are mostly ASCII: settled without decoding.
      ++pos;
      if (absl::ascii_isdigit(byte)) {
        word.push_back('0');
      } else if (absl::ascii_isalpha(byte)) {
        word.push_back(absl::ascii_tolower(byte));
      } else {
        end_word();
      }
      continue;
    }
    const char32_t c = text::DecodeUtf8(clause, &pos);
    if (!text::IsLetter(c)) {
      end_word();
      continue;
    }
    text::AppendUtf8(text::ToLower(c), &word);
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

// The text a category model reads for one clause: the stems of the
// clause's words (stemmer.h, so that "detained" and "detaining", or
// "арестован" and "арестовали", are one word to a model trained on a few
// thousand clauses), lower-cased, with punctuation dropped and every digit
// written 0 (a date or a count says nothing of the kind of act, and each
// distinct number would be a word of its own), followed by a token naming
// the category the cue rules chose ("__rule_detention"). The rules' vote is an input rather
// than a competitor: the model learns where the annotated reports agree
// with the rules and where they overrule them.
//
// The trainer (tools/train_category_model.cc) and the normaliser
// (category_model.h) both make their input with this function, so the model
// sees at run time exactly the form it was trained on.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_INPUT_H_
#define CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_INPUT_H_

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "services/text/utf8.h"

namespace civicwatch::normalize {

// The model's input for `clause` (UTF-8; invalid bytes are dropped) whose
// rule category is `rule_label` (the annotation guide's name:
// "detention", "judicial_harassment"; "other" when the rules found none).
// Words are separated by single spaces; no newline.
std::string CategoryModelInput(absl::string_view clause, absl::string_view rule_label);

// The clause's words before stemming, lower-cased, digits written 0, one
// call visit(absl::string_view) each, in order (CategoryModelInput stems
// each). The view lasts only for the call. (A template: the category model
// calls it for every event, and a call through std::function per word
// would cost more than the word.) `visit` must not call it again.
template <typename Visit>
void ForEachLowerCasedWord(absl::string_view clause, Visit&& visit);

// The token naming the rules' category ("__rule_detention"), the last
// word of CategoryModelInput.
std::string RuleToken(absl::string_view rule_label);

template <typename Visit>
void ForEachLowerCasedWord(absl::string_view clause, Visit&& visit) {
  // One buffer a thread: a Russian word outgrows a string's inline bytes,
  // and the model reads the words of every event. (So `visit` must not
  // call this function again.)
  thread_local std::string word;
  word.clear();
  auto end_word = [&] {
    if (word.empty()) return;
    visit(absl::string_view(word));
    word.clear();
  };
  size_t pos = 0;
  while (pos < clause.size()) {
    const auto byte = static_cast<unsigned char>(clause[pos]);
    if (byte < 0x80) {
      if (word.empty() && absl::ascii_islower(byte)) {
        // A word of lower-case ASCII letters, the usual case, is visited
        // where it stands, without a copy.
        size_t end = pos + 1;
        while (end < clause.size() && absl::ascii_islower(static_cast<unsigned char>(clause[end]))) ++end;
        const auto after = end == clause.size() ? 0 : static_cast<unsigned char>(clause[end]);
        const bool whole = after < 0x80 && !absl::ascii_isalnum(after);
        if (whole) {
          visit(clause.substr(pos, end - pos));
          pos = end;
          continue;
        }
      }
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

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_INPUT_H_

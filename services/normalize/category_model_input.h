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

#include <functional>
#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// The model's input for `clause` (UTF-8; invalid bytes are dropped) whose
// rule category is `rule_label` (the annotation guide's name:
// "detention", "judicial_harassment"; "other" when the rules found none).
// Words are separated by single spaces; no newline.
std::string CategoryModelInput(absl::string_view clause, absl::string_view rule_label);

// The clause's words before stemming, lower-cased, digits written 0, one
// call each, in order (CategoryModelInput stems each). The view lasts
// only for the call.
void ForEachLowerCasedWord(absl::string_view clause, const std::function<void(absl::string_view)>& visit);

// The token naming the rules' category ("__rule_detention"), the last
// word of CategoryModelInput.
std::string RuleToken(absl::string_view rule_label);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_INPUT_H_

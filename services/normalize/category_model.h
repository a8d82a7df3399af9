// The category model: a small linear classifier (fastText) trained at build
// time on the project's annotated reports (tools/train_category_model.cc,
// training/category_examples.tsv) and compiled into the library. It reads
// an incident's anchor clause together with the category the cue rules
// chose (category_model_input.h) and gives the category the annotators
// would have given. The rules stay the first reader: the model only
// overrules them when it is confident, so a clause unlike anything it was
// trained on keeps the rules' category.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_H_
#define CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_H_

#include <string>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::normalize {

// The least probability at which the model's category replaces the rules'.
// Below it the classes the model confuses most (a conviction told as
// judicial harassment or as imprisonment) keep the rules' reading.
inline constexpr float kCategoryModelConfidence = 0.5f;

// The category of the incident whose anchor clause is `clause` and whose
// rule category is `rule`: the model's most probable category when its
// probability is at least kCategoryModelConfidence, and `rule` otherwise
// (also when the library holds no model). Never CATEGORY_UNSPECIFIED
// unless `rule` is. Thread-safe; the model is loaded once, on first use.
v1::Category RefineCategory(absl::string_view clause, v1::Category rule);

// The annotation guide's name of a category ("judicial_harassment" for
// CATEGORY_JUDICIAL_HARASSMENT; "other" for CATEGORY_UNSPECIFIED), as the
// model's labels and inputs spell it.
const std::string& CategoryLabel(v1::Category category);

// True when a model was compiled into the library and loads.
bool HasCategoryModel();

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_CATEGORY_MODEL_H_

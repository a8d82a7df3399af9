// The headings that open a section on one freedom (data/sections.tsv).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_SECTION_HEADINGS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_SECTION_HEADINGS_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// When `heading` is a section heading, sets *freedom (UNSPECIFIED for
// "Introduction" and the like) and returns true.
bool SectionHeadingFreedom(absl::string_view heading, v1::Freedom* freedom);

// The same for a heading already tokenised (tokenizer.h), as the reader
// has it: the heading's words are its tokens'.
bool SectionHeadingFreedom(const std::vector<Token>& heading_tokens, v1::Freedom* freedom);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_SECTION_HEADINGS_H_

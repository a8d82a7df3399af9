// Cutting a provenance quote out of a report body.
#ifndef CIVICWATCH_SERVICES_QUERY_QUOTE_H_
#define CIVICWATCH_SERVICES_QUERY_QUOTE_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::query {

// body[start, end), clipped to the body and narrowed to whole UTF-8
// characters so that the quote is always valid text (offsets from another
// version of a report may fall inside a character). Empty when the range is
// empty or outside the body.
std::string QuoteOf(absl::string_view body, int64_t start, int64_t end);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_QUOTE_H_

// A provenance span shown in the text around it, for `civicwatch review`:
// the words before, the span marked, the words after.
#ifndef CIVICWATCH_SDK_CLI_SPAN_CONTEXT_H_
#define CIVICWATCH_SDK_CLI_SPAN_CONTEXT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::cli {

// body[start, end) between `mark_on` and `mark_off`, with up to
// `context_bytes` of body on each side, cut so that whole paragraphs show
// (at the paragraph break, "\n\n", farthest from the span within reach),
// else at a space, never inside a UTF-8 sequence; "… " / " …" where the
// body goes on.
// Offsets outside the body are clamped to it.
std::string SpanInContext(absl::string_view body, int64_t start, int64_t end,
                          size_t context_bytes, absl::string_view mark_on,
                          absl::string_view mark_off);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_SPAN_CONTEXT_H_

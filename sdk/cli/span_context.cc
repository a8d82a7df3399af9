#include "span_context.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace civicwatch::cli {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The offset where the context before `start` begins.
size_t ContextStart(absl::string_view body, size_t start, size_t context_bytes) {
  size_t from = start > context_bytes ? start - context_bytes : 0;
  if (from == 0) return 0;
  // Whole paragraphs where one starts within reach.
  const absl::string_view window = body.substr(from, start - from);
  if (size_t br = window.find("\n\n"); br != absl::string_view::npos) return from + br + 2;
  if (size_t sp = window.find(' '); sp != absl::string_view::npos) return from + sp + 1;
  while (from < start && IsContinuationByte(body[from])) ++from;
  return from;
}

// The offset where the context after `end` ends.
size_t ContextEnd(absl::string_view body, size_t end, size_t context_bytes) {
  size_t to = std::min(body.size(), end + context_bytes);
  if (to == body.size()) return to;
  const absl::string_view window = body.substr(end, to - end);
  if (size_t br = window.rfind("\n\n"); br != absl::string_view::npos) return end + br;
  if (size_t sp = window.rfind(' '); sp != absl::string_view::npos) return end + sp;
  while (to > end && IsContinuationByte(body[to])) --to;
  return to;
}

}  // namespace

std::string SpanInContext(absl::string_view body, int64_t start, int64_t end,
                          size_t context_bytes, absl::string_view mark_on,
                          absl::string_view mark_off) {
  const size_t size = body.size();
  const size_t s = static_cast<size_t>(std::clamp<int64_t>(start, 0, size));
  const size_t e = static_cast<size_t>(std::clamp<int64_t>(end, s, size));
  const size_t from = ContextStart(body, s, context_bytes);
  const size_t to = ContextEnd(body, e, context_bytes);
  return absl::StrCat(from > 0 ? "… " : "", body.substr(from, s - from), mark_on,
                      body.substr(s, e - s), mark_off, body.substr(e, to - e),
                      to < size ? " …" : "");
}

}  // namespace civicwatch::cli

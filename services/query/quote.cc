#include "services/query/quote.h"

#include <algorithm>

namespace civicwatch::query {
namespace {
bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::string QuoteOf(absl::string_view body, int64_t start, int64_t end) {
  const int64_t size = static_cast<int64_t>(body.size());
  start = std::clamp<int64_t>(start, 0, size);
  end = std::clamp<int64_t>(end, 0, size);
  while (start < end && IsContinuationByte(body[start])) ++start;
  while (end > start && end < size && IsContinuationByte(body[end])) --end;
  if (start >= end) return "";
  return std::string(body.substr(start, end - start));
}

}  // namespace civicwatch::query

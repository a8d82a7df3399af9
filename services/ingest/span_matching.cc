#include "services/ingest/span_matching.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace civicwatch::ingest {
namespace {

// The occurrence of `needle` in `haystack` nearest to byte `near`, from
// `from` on; npos when there is none.
size_t NearestOccurrence(absl::string_view haystack, absl::string_view needle, int64_t near,
                         size_t from = 0) {
  size_t best = absl::string_view::npos;
  for (size_t at = haystack.find(needle, from); at != absl::string_view::npos;
       at = haystack.find(needle, at + 1)) {
    if (best == absl::string_view::npos ||
        std::llabs(static_cast<int64_t>(at) - near) < std::llabs(static_cast<int64_t>(best) - near)) {
      best = at;
    }
    if (static_cast<int64_t>(at) > near) break;  // Later ones are farther.
  }
  return best;
}

int64_t Overlap(const Span& a, const Span& b) {
  return std::max<int64_t>(0, std::min(a.end, b.end) - std::max(a.start, b.start));
}

}  // namespace

std::optional<Span> RelocateSpan(absl::string_view old_body, absl::string_view new_body,
                                 Span span) {
  if (span.start < 0 || span.end <= span.start ||
      span.end > static_cast<int64_t>(old_body.size())) {
    return std::nullopt;
  }
  const absl::string_view text = old_body.substr(span.start, span.end - span.start);
  size_t at = NearestOccurrence(new_body, text, span.start);
  if (at != absl::string_view::npos) {
    return Span{static_cast<int64_t>(at), static_cast<int64_t>(at + text.size())};
  }
  if (static_cast<int64_t>(text.size()) < 2 * kAnchorBytes) return std::nullopt;
  const absl::string_view head = text.substr(0, kAnchorBytes);
  const absl::string_view tail = text.substr(text.size() - kAnchorBytes);
  const size_t head_at = NearestOccurrence(new_body, head, span.start);
  if (head_at == absl::string_view::npos) return std::nullopt;
  // Where the tail would be if the passage kept its length.
  const int64_t expected_tail = static_cast<int64_t>(head_at + text.size()) - kAnchorBytes;
  const size_t tail_at = NearestOccurrence(new_body, tail, expected_tail, head_at + head.size());
  if (tail_at == absl::string_view::npos) return std::nullopt;
  return Span{static_cast<int64_t>(head_at), static_cast<int64_t>(tail_at + tail.size())};
}

std::vector<int> MatchByOverlap(const std::vector<std::optional<Span>>& wanted,
                                const std::vector<Span>& candidates) {
  // Every pair that overlaps enough, largest overlap first (ties: earlier
  // wanted, then earlier candidate, so the result does not depend on sort
  // internals).
  std::vector<std::tuple<int64_t, int, int>> pairs;
  for (size_t w = 0; w < wanted.size(); ++w) {
    if (!wanted[w]) continue;
    for (size_t c = 0; c < candidates.size(); ++c) {
      const int64_t overlap = Overlap(*wanted[w], candidates[c]);
      const int64_t shorter = std::min(wanted[w]->end - wanted[w]->start,
                                       candidates[c].end - candidates[c].start);
      if (overlap > 0 && 2 * overlap >= shorter) {
        pairs.emplace_back(-overlap, static_cast<int>(w), static_cast<int>(c));
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<int> match(wanted.size(), -1);
  std::vector<bool> taken(candidates.size(), false);
  for (const auto& [negative_overlap, w, c] : pairs) {
    if (match[w] != -1 || taken[c]) continue;
    match[w] = c;
    taken[c] = true;
  }
  return match;
}

}  // namespace civicwatch::ingest

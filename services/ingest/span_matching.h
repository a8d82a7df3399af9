// Finding a reviewed event's text again in a new version of its report.
//
// Events are matched to a new normaliser run by where their text is, never
// by their position in the list: an event's span (its provenance byte
// range) is first carried over to the new body (RelocateSpan), then paired
// with the new events whose spans overlap it most (MatchByOverlap).
//
// Plain functions: no storage, no gRPC.
#ifndef CIVICWATCH_SERVICES_INGEST_SPAN_MATCHING_H_
#define CIVICWATCH_SERVICES_INGEST_SPAN_MATCHING_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"

namespace civicwatch::ingest {

// A byte range [start, end) of a report body.
struct Span {
  int64_t start = 0;
  int64_t end = 0;
};

// Where the text old_body[span] is in `new_body`: the same text at the
// occurrence nearest its old offset; failing that (the passage was edited),
// the span between the nearest occurrences of its first and last
// kAnchorBytes bytes (the last nearest where the passage would end if it
// kept its length), when both are found in order. nullopt when the text
// is gone, or `span` does not fit in `old_body`.
std::optional<Span> RelocateSpan(absl::string_view old_body, absl::string_view new_body,
                                 Span span);

// Bytes at each end of a span that RelocateSpan looks for when the whole
// text is not found.
inline constexpr int64_t kAnchorBytes = 48;

// Pairs each of `wanted` with at most one of `candidates`, and each
// candidate with at most one wanted span: largest overlaps first, and only
// overlaps of at least half the shorter span of the pair. Returns, for each
// wanted span, the index of its candidate or -1.
std::vector<int> MatchByOverlap(const std::vector<std::optional<Span>>& wanted,
                                const std::vector<Span>& candidates);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_SPAN_MATCHING_H_

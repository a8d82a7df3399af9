// The normaliser's reading stage: every paragraph of a report, in text
// order, into analysed sentences (tokens' cues, dates as written, names
// resolved to entities, places), which is all the later stages need. The
// tokens themselves are dropped once their sentence is analysed, so memory
// stays a small multiple of the body.
//
// Headings and the title are read for what they introduce (names, a
// section's freedom, a date heading over a chronology's paragraph) but
// give no sentence. Sentences that tell no incident are kept with `skip`
// set: the report's own metadata lines, list items under a call ("X calls
// on the authorities to:"), footnotes. List items under a dated lead ("On
// 13 June the courts ruled:") take the lead's date when they give none.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_SENTENCE_READER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_SENTENCE_READER_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/normalize/back_references.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/entity_resolver.h"
#include "services/normalize/incident_segmenter.h"
#include "services/normalize/normalizer.h"
#include "services/normalize/place_mentions.h"
#include "services/normalize/report_metadata.h"
#include "services/normalize/text_segmentation.h"

namespace civicwatch::normalize {

// A report's text, read.
struct ReadText {
  std::vector<Sentence> sentences;  // in text order; lists in the arena
  std::vector<absl::Span<const PlaceMention>> places;  // of each sentence
};

// Reads `paragraphs` of `body` (SplitParagraphs) with what ReadReportMetadata
// found of them. Names are resolved in `resolver`, places and names counted
// for the report's country in `country`, and every list kept in `arena`,
// all of which must outlive the result. Dates are as written: the years
// of day-and-month dates and relative dates are resolved later, across the
// report (ResolveDates).
ReadText ReadSentences(absl::string_view body, const std::vector<Paragraph>& paragraphs,
                       const ReportMetadata& metadata, const NormalizerOptions& options,
                       SentenceArena* arena, EntityResolver* resolver, CountryTally* country);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_SENTENCE_READER_H_

// Groups the sentences of a report into incidents (see the corpus
// annotation guide, "What is an event").
//
// - A sentence with a date of its own starts an incident. Several dates in
//   one sentence make several incidents when each has its own act ("who
//   was sentenced ... in 2010"); a date without an act of its own stays
//   part of the incident before it. Two acts of different categories in
//   one dated clause, the second done to other people ("fined seven
//   protesters and sentenced four others to administrative arrest"), are
//   two incidents of that date.
// - A sentence without a date follows the incident before it in the same
//   paragraph, except when it tells of other victims ("three other
//   defendants", new names) or of a different kind of act (surveillance
//   after an arrest): then it is an incident of its own.
// - A sentence naming the people the sentence before only counted ("Those
//   convicted were A, B and C", "Осуждённые — A, B") follows its incident.
// - A paragraph's first sentence without a date is an incident when it
//   has a strong act cue and is not about a trend ("continues to",
//   "has been", "over the last months").
// - Two incidents of one paragraph with the same date and category are one.
// - A date opening a sentence, set off by punctuation ("2019-06-20: ..."),
//   dates the act after it; a dated clause with no act that tells
//   background ("had reported on ...") is no incident.
// - Freedom: the section's; without one, the incident's cues, the titles
//   of the people it targets, the incident before in its paragraph, the
//   lede's theme (reports without sections), the incident before.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_INCIDENT_SEGMENTER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_INCIDENT_SEGMENTER_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <type_traits>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

#include "civicwatch/v1/types.pb.h"
#include "services/normalize/classifier.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/entity_extractor.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// Memory for what is kept of the sentences of one report (their cues,
// dates, names...): each list is copied here at its exact size, one after
// another in large blocks, and all is freed at once with the arena. Every
// sentence of a report is kept until the incidents are built, so this
// saves an allocation per list and the allocator's overhead on each.
// Only trivially destructible values are stored (no destructor runs).
class SentenceArena {
 public:
  // `expected_bytes`: the size of the first block.
  explicit SentenceArena(size_t expected_bytes) : resource_(expected_bytes < 4096 ? 4096 : expected_bytes) {}

  template <typename T>
  absl::Span<T> Copy(const std::vector<T>& v) {
    static_assert(std::is_trivially_destructible_v<T>, "the arena runs no destructor");
    if (v.empty()) return {};
    T* p = static_cast<T*>(resource_.allocate(v.size() * sizeof(T), alignof(T)));
    std::uninitialized_copy(v.begin(), v.end(), p);
    return absl::Span<T>(p, v.size());
  }

  absl::string_view CopyString(absl::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(resource_.allocate(s.size(), 1));
    std::copy(s.begin(), s.end(), p);
    return absl::string_view(p, s.size());
  }

 private:
  std::pmr::monotonic_buffer_resource resource_;
};

// What is kept of a name found in a sentence once it has been resolved
// (the entity id is in Sentence::entity_ids): a few numbers and the title,
// not the extractor's full record, since every sentence of a report is
// kept until the incidents are built.
struct SentenceMention {
  uint32_t first_token = 0;  // tokens[first_token, end_token) of the sentence
  uint32_t end_token = 0;
  size_t start = 0;          // byte offsets of the name as written
  size_t end = 0;
  bool actor_title = false;  // NameMention::actor_title
  // "the same court": a description pointing to an entity named earlier
  // (back_references.h), whose text is no name.
  bool back_reference = false;
  absl::string_view title;   // NameMention::title, kept in the arena

  static SentenceMention From(const EntityMention& m, SentenceArena* arena) {
    SentenceMention r;
    r.first_token = static_cast<uint32_t>(m.first_token);
    r.end_token = static_cast<uint32_t>(m.end_token);
    r.start = m.start;
    r.end = m.end;
    r.actor_title = m.name.actor_title;
    r.title = arena->CopyString(m.name.title);
    return r;
  }
};

// One sentence, analysed. Its lists live in a SentenceArena.
struct Sentence {
  Span span;
  size_t paragraph = 0;
  bool paragraph_start = false;  // first sentence of its paragraph
  bool skip = false;             // metadata or a publisher's framing, not an incident
  v1::Freedom section = v1::FREEDOM_UNSPECIFIED;  // freedom of its section
  bool section_start = false;    // first sentence after a section boundary
  bool has_pronoun = false;      // he, she, his, её...
  bool shifts_time = false;      // "later", "eventually": another, untold time
  bool lists_people_before = false;  // "Those convicted were ..." (people_lists.h)
  // What the segmenter needs of the sentence's tokens, kept so the tokens
  // themselves can be dropped once it is analysed (AnalyseTokens in
  // sentence_analysis.h).
  uint32_t token_count = 0;
  absl::Span<const CueMatch> cues;
  absl::Span<const uint32_t> clause_boundaries;  // tokens where a clause may start
  absl::Span<DateMention> dates;  // resolved
  absl::Span<const SentenceMention> mentions;
  absl::Span<const int> entity_ids;  // resolved entity of each mention, -1 if none
};

// One incident: the clause it was found in and the sentences that follow it.
struct Incident {
  size_t sentence = 0;                 // anchor sentence
  size_t first_token = 0;              // clause within the anchor sentence
  size_t end_token = 0;
  std::vector<size_t> follow_ups;      // later sentences about it
  SimpleDate date;
  SimpleDate end_date;
  // Dated only as a news item's paragraph going on with its lede's day,
  // not by a date of its own: no retelling of the lede.
  bool date_from_lede = false;
  // What is kept of the cue scores (CueScores) once the category is
  // chosen, so that an incident stays small: the valence cues of the
  // anchor clause (and merged clauses) and, apart, of the follow-up
  // sentences, and the freedom cues of the follow-up sentences.
  int16_t positive = 0;
  int16_t negative = 0;
  int16_t context_positive = 0;
  int16_t context_negative = 0;
  std::array<int16_t, 4> context_freedom{};  // indexed by v1::Freedom
  v1::Category category = v1::CATEGORY_OTHER;
  v1::Freedom freedom = v1::FREEDOM_UNSPECIFIED;
  std::vector<int> entities;           // ids, in order of first mention
};

// Segments the analysed sentences (in text order) into incidents.
// `entities` gives the kind of each resolved entity id; `news_day`, for a
// news item, the day of its dateline (its paragraphs without a date of
// their own go on with the day its lede told).
std::vector<Incident> SegmentIncidents(const std::vector<Sentence>& sentences,
                                       const std::vector<ResolvedEntity>& entities,
                                       const SimpleDate& news_day = {});

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_INCIDENT_SEGMENTER_H_

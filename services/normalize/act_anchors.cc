#include "services/normalize/act_anchors.h"

#include <algorithm>

#include "civicwatch/v1/types.pb.h"
#include "services/normalize/classifier.h"

namespace civicwatch::normalize {
namespace {

constexpr uint32_t Bit(v1::Category c) { return 1u << static_cast<unsigned>(c); }

constexpr uint32_t kCourtDecisions = Bit(v1::CATEGORY_IMPRISONMENT) | Bit(v1::CATEGORY_JUDICIAL_HARASSMENT) |
                                     Bit(v1::CATEGORY_FINE) | Bit(v1::CATEGORY_COURT_RULING);

// The acts a clause tells: its main act and any told by a strong cue, not
// every weak cue in it ("a meeting held with permission" tells no
// detention).
uint32_t ClauseActs(const Sentence& s, size_t begin, size_t end) {
  CueScores scores;
  ScoreMatches(s.cues, begin, end, &scores);
  CueScores told;
  const v1::Category main = scores.BestCategory();
  for (size_t c = 1; c < scores.category.size(); ++c) {
    if (c == static_cast<size_t>(main) || scores.Strong(static_cast<v1::Category>(c))) told.category[c] = 1;
  }
  return ActBits(told);
}

// The acts a word names ("arrest", "задержания"). A court's decision
// ("the verdict", "после суда") may have been told as any of them, or as
// the custody or administrative arrest it ordered.
uint32_t WordActs(const Sentence& s, size_t token) {
  CueScores scores;
  ScoreMatches(s.cues, token, token + 1, &scores);
  uint32_t bits = ActBits(scores);
  if (bits & kCourtDecisions) bits |= kCourtDecisions | Bit(v1::CATEGORY_DETENTION);
  return bits;
}

}  // namespace

// At most this many tokens (", on") between a relative phrase and the
// date that restates it.
constexpr size_t kRestatedDateGap = 2;

uint32_t ActBits(const CueScores& scores) {
  static_assert(std::tuple_size<decltype(scores.category)>::value <= 32, "one bit per category");
  uint32_t bits = 0;
  for (size_t c = 1; c < scores.category.size(); ++c) {
    if (scores.category[c] > 0) bits |= 1u << c;
  }
  return bits;
}

void MarkDateActs(std::vector<Sentence>* sentences) {
  for (Sentence& s : *sentences) {
    for (size_t k = 0; k < s.dates.size(); ++k) {
      DateMention& d = s.dates[k];
      // "Eight days after his release, on 12 November, he was arrested
      // again": the date written next says when; the phrase only says it
      // again.
      if (d.kind == DateKind::kRelative && d.unit != DateUnit::kWeekday && k + 1 < s.dates.size() &&
          s.dates[k + 1].kind == DateKind::kAbsolute &&
          s.dates[k + 1].first_token <= std::max(d.end_token, d.after_act_token + 1) + kRestatedDateGap) {
        d.kind = DateKind::kAttributive;
      }
      const size_t begin = k == 0 ? 0 : s.dates[k - 1].end_token;
      const size_t end = k + 1 < s.dates.size() ? s.dates[k + 1].first_token : s.token_count;
      if (d.after_act_token == 0) {
        d.clause_acts = ClauseActs(s, begin, end);
        continue;
      }
      // The act named is what the date counts from, not what its clause
      // tells: "two days after her arrest she was charged" tells a charge.
      d.after_acts = WordActs(s, d.after_act_token);
      d.clause_acts = ClauseActs(s, begin, d.first_token) | ClauseActs(s, d.after_act_token + 1, end);
      // After a dated clause and a comma, the phrase looks back from that
      // date: "not allowed to see him until 29 February, three days after
      // the arrest" only says again when 29 February was; "held on
      // Thursday, a day after officers raided the newsroom" dates the raid.
      const DateMention* before = k > 0 ? &s.dates[k - 1] : nullptr;
      const bool dated_before = before != nullptr && (before->kind != DateKind::kRelative ||
                                                      before->unit == DateUnit::kWeekday);
      if (dated_before && d.comma_before) {
        if (d.after_acts != 0) {
          d.kind = DateKind::kAttributive;
        } else {
          d.counts_back = true;
        }
      } else if (d.after_acts == 0) {
        // "The protest took place four months after the commission
        // suspended six channels": counted from an act told in a clause,
        // whose date is not known here.
        d.kind = DateKind::kAttributive;
      }
    }
  }
}

}  // namespace civicwatch::normalize

// Category, freedom and valence of incidents, from weighted cue phrases
// (data/category_cues.tsv, freedom_cues.tsv, valence_cues.tsv), and the
// sentence-level flags the incident segmenter needs: trend sentences
// (trend_cues.tsv) and clauses about other victims
// (new_incident_markers.tsv). Act cues after a call in the same clause
// ("calls on the authorities to release ...", call_cues.tsv) are what is
// asked for and do not count, and likewise after a threat, a plan or a
// denial ("threatened to block", "plans to adopt", "faces up to ten
// years", modality_cues.tsv), nor those naming an act just before words
// that put it ahead ("his trial is expected to start", pending_cues.tsv);
// nor do freedom cues in the words naming a
// source ("according to local activists", source_cues.tsv).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_CLASSIFIER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_CLASSIFIER_H_

#include <array>
#include <cstdint>
#include <vector>
#include <string>

#include "absl/types/span.h"
#include "civicwatch/v1/types.pb.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// A cue of this weight or more is enough, alone, to make a sentence an
// incident.
inline constexpr int kStrongCue = 3;

// Adds two cue weights, saturating: totals are kept in 16 bits (an
// incident is kept per sentence or so, so its size matters) and a very
// long text must not wrap them around.
inline int16_t SaturatingAdd(int a, int b) {
  const int sum = a + b;
  return static_cast<int16_t>(sum > 32767 ? 32767 : (sum < -32768 ? -32768 : sum));
}

// Cue weights found in a stretch of text.
struct CueScores {
  std::array<int16_t, 25> category{};  // indexed by v1::Category
  std::array<int16_t, 25> strongest{};  // heaviest single cue per category
  std::array<int16_t, 4> freedom{};    // indexed by v1::Freedom
  int16_t positive = 0;                // valence cues
  int16_t negative = 0;
  bool trend = false;        // a trend/background phrase
  bool new_victims = false;  // "another journalist", "three other defendants"
  // An act cue was read as asked for, threatened, planned or put ahead
  // ("is due to be released on 17 October"), not as done.
  bool acts_not_done = false;

  void Add(const CueScores& o);
  // The category with the highest weight (ties: the earlier enum value);
  // CATEGORY_UNSPECIFIED when no cue matched.
  v1::Category BestCategory(int* weight = nullptr) const;
  // The freedom with the highest weight; FREEDOM_UNSPECIFIED when none.
  v1::Freedom BestFreedom() const;
  // True when one cue of category `c` is strong on its own.
  bool Strong(v1::Category c) const { return strongest[c] >= kStrongCue; }
  // Adds a cue found by other means (e.g. an international body acting).
  void AddCategory(v1::Category c, int weight) {
    category[c] = SaturatingAdd(category[c], weight);
    if (weight > strongest[c]) strongest[c] = static_cast<int16_t>(weight > 32767 ? 32767 : weight);
  }
};

// Which cue tables are read; all by default. Turning one off is how the
// normaliser's ablation (README) measures what each adds.
struct CueSources {
  bool act_lexicon = true;      // act_lexicon.tsv
  bool lexicon_by_stem = true;  // false: lexicon words match only as listed
  bool modality = true;         // modality_cues.tsv and pending_cues.tsv
  bool framing = true;          // framing_cues.tsv and procedure_cues.tsv
};

// One cue phrase found in a sentence (an index into the cue tables).
struct CueMatch {
  uint32_t begin = 0;  // tokens[begin, end)
  uint32_t end = 0;
  int cue = 0;
};

// Every cue in tokens[begin, end), in text order.
std::vector<CueMatch> FindCues(const std::vector<Token>& tokens, size_t begin, size_t end,
                               const CueSources& sources = {});
// As FindCues, into *out (cleared first).
void FindCuesInto(const std::vector<Token>& tokens, size_t begin, size_t end, std::vector<CueMatch>* out,
                  const CueSources& sources = {});

// Adds the cues of `matches` lying in tokens [begin, end) to *scores;
// `names` as for ScoreCues. Lets a caller keep the few matches of a
// sentence instead of its tokens.
void ScoreMatches(absl::Span<const CueMatch> matches, size_t begin, size_t end, CueScores* scores,
                  const std::vector<bool>* names = nullptr);

// Scores tokens[begin, end) and adds the result to *scores. Category cues
// touching a token flagged in `names` (part of a name: "Amnesty
// International", "Pre-trial Detention Centre") are ignored; a name in a
// phrase's gap ("took _ from his home") is what the phrase is about and
// does not count.
void ScoreCues(const std::vector<Token>& tokens, size_t begin, size_t end, CueScores* scores,
               const std::vector<bool>* names = nullptr);

// The main act of a clause from the point of view of the people it
// happened to: the heaviest category, except that a "setting" (a protest)
// yields to a strong "act" cue in the same clause (people detained at a
// protest: detention), and a category with an "if_positive" counterpart
// turns into it when the valence cues are positive (categories.tsv).
// CATEGORY_UNSPECIFIED when no cue matched.
v1::Category MainCategory(const CueScores& scores);

// True when `cues` (one sentence's) hold a publisher's framing phrase
// ("we republish below", "drawing on material supplied by",
// framing_cues.tsv) or a step of a court's procedure ("the next hearing
// is scheduled for", procedure_cues.tsv) and no strong act cue: the
// sentence frames the text or the trial and tells no incident.
bool TellsFraming(absl::Span<const CueMatch> cues);

// True when `cues` (one sentence's, found in `tokens`) hold a tally
// phrase ("as of", "за месяц зафиксировано", tally_cues.tsv) and the
// sentence gives a count (a number above 31 that is no year): it totals
// acts over a period and tells no incident.
bool TellsTally(absl::Span<const CueMatch> cues, const std::vector<Token>& tokens);

// True when `cues` (one sentence's) hold a call ("calls on the
// authorities to:", "we urge", call_cues.tsv; not a threat or plan).
bool OpensCall(absl::Span<const CueMatch> cues);

// The first token of the first call among `cues` that starts in tokens
// [begin, end), or `end` when there is none.
size_t FirstCallToken(absl::Span<const CueMatch> cues, size_t begin, size_t end);

// True when `c` has the role "setting" in categories.tsv (a protest).
bool IsSetting(v1::Category c);

// The group of a category (categories.tsv): steps of one story share it.
const std::string& CategoryGroup(v1::Category c);

// The valence of an incident of category `c` given its valence cues.
v1::Valence ValenceFor(v1::Category c, const CueScores& scores);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_CLASSIFIER_H_

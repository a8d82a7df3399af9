#include "services/normalize/classifier.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/normalize/phrase_matcher.h"
#include "services/normalize/tsv.h"

namespace civicwatch::normalize {
namespace {

// Payload layout of the single cue matcher.
enum CueKind {
  kCategory = 0, kFreedom = 1, kTrend = 2, kMarker = 3, kPositive = 4, kNegative = 5, kCall = 6, kSource = 7,
  kFraming = 8, kTally = 9, kProcedure = 10, kPending = 11
};

// How many tokens before a pending cue ("is expected") the act it puts
// ahead may end: "His trial is expected", "Суд над пятью членами РЭП
// назначен на".
constexpr uint32_t kPendingReach = 6;

// How many words after "according to" name the source.
constexpr uint32_t kSourceWords = 4;

struct Cue {
  CueKind kind;
  int target = 0;  // category or freedom enum value
  int weight = 0;
  // From the act lexicon (data/act_lexicon.tsv) rather than the
  // hand-weighted tables: it fills in only where no table cue speaks.
  bool lexicon = false;
  // A lexicon phrase is listed twice, matched by stem and exactly as
  // written; CueSources picks one.
  bool by_stem = false;
  bool modality = false;  // a kCall from modality_cues.tsv
  // For a phrase with a gap ("took _ from his home"): its words before and
  // after the gap. A name in the gap is what the phrase is about, not a
  // part of it, so only these words may not overlap a name.
  uint8_t words_before_gap = 0;
  uint8_t words_after_gap = 0;
};

// `cue` with the shape of `phrase`'s gap, if it has one.
Cue WithGap(absl::string_view phrase, Cue cue) {
  const std::vector<absl::string_view> words = absl::StrSplit(phrase, ' ', absl::SkipEmpty());
  for (size_t k = 0; k < words.size(); ++k) {
    if (words[k] != "_") continue;
    cue.words_before_gap = static_cast<uint8_t>(k);
    cue.words_after_gap = static_cast<uint8_t>(words.size() - k - 1);
    break;
  }
  return cue;
}

struct ClassifierTables {
  PhraseMatcher matcher;  // every table, the lexicon matched by stem
  // The same but the lexicon matched only as listed: the ablation's. Two
  // matchers rather than one holding both, so that the normaliser does
  // not try every lexicon phrase twice.
  PhraseMatcher matcher_lexicon_as_listed;
  std::vector<Cue> cues;
  absl::flat_hash_map<int, std::string> group;
  absl::flat_hash_map<int, v1::Valence> valence;
  absl::flat_hash_set<int> acts;      // role "act"
  absl::flat_hash_set<int> settings;  // role "setting"
  absl::flat_hash_map<int, v1::Category> if_positive;
};

v1::Category ParseCategory(absl::string_view name) {
  v1::Category c = v1::CATEGORY_UNSPECIFIED;
  v1::Category_Parse(absl::StrCat("CATEGORY_", absl::AsciiStrToUpper(name)), &c);
  return c;
}

v1::Freedom ParseFreedom(absl::string_view name) {
  v1::Freedom f = v1::FREEDOM_UNSPECIFIED;
  v1::Freedom_Parse(absl::StrCat("FREEDOM_", absl::AsciiStrToUpper(name)), &f);
  return f;
}

const ClassifierTables& Tables() {
  static const ClassifierTables* t = [] {
    auto* t = new ClassifierTables;
    auto add = [t](absl::string_view phrase, Cue cue) {
      t->matcher.Add(phrase, static_cast<int>(t->cues.size()));
      t->matcher_lexicon_as_listed.Add(phrase, static_cast<int>(t->cues.size()));
      t->cues.push_back(WithGap(phrase, cue));
    };
    auto add_stemmed = [t](absl::string_view phrase, Cue cue) {
      t->matcher.AddStemmed(phrase, static_cast<int>(t->cues.size()));
      t->matcher_lexicon_as_listed.AddStemmed(phrase, static_cast<int>(t->cues.size()));
      t->cues.push_back(cue);
    };
    for (const auto& row : ReadTable("category_cues.tsv")) {
      int w = 0;
      if (row.size() < 3 || !absl::SimpleAtoi(row[1], &w)) continue;
      const v1::Category c = ParseCategory(row[0]);
      if (c != v1::CATEGORY_UNSPECIFIED) add(row[2], {kCategory, c, w});
    }
    for (const auto& row : ReadTable("act_lexicon.tsv")) {
      int w = 0;
      if (row.size() < 3 || !absl::SimpleAtoi(row[1], &w)) continue;
      const v1::Category c = ParseCategory(row[0]);
      if (c == v1::CATEGORY_UNSPECIFIED) continue;
      t->matcher.AddStemmed(row[2], static_cast<int>(t->cues.size()));
      t->cues.push_back(WithGap(row[2], {kCategory, c, w, /*lexicon=*/true, /*by_stem=*/true}));
      t->matcher_lexicon_as_listed.Add(row[2], static_cast<int>(t->cues.size()));
      t->cues.push_back(WithGap(row[2], {kCategory, c, w, /*lexicon=*/true, /*by_stem=*/false}));
    }
    for (const auto& row : ReadTable("freedom_cues.tsv")) {
      int w = 0;
      if (row.size() < 3 || !absl::SimpleAtoi(row[1], &w)) continue;
      const v1::Freedom f = ParseFreedom(row[0]);
      if (f != v1::FREEDOM_UNSPECIFIED) add(row[2], {kFreedom, f, w});
    }
    for (const auto& row : ReadTable("trend_cues.tsv")) add(row[0], {kTrend, 0, 0});
    for (const auto& row : ReadTable("new_incident_markers.tsv")) add(row[0], {kMarker, 0, 0});
    for (const auto& row : ReadTable("call_cues.tsv")) add(row[0], {kCall, 0, 0});
    // Threatened, planned or denied acts bound the clause as calls do.
    for (const auto& row : ReadTable("modality_cues.tsv")) {
      add_stemmed(row[0], {kCall, 0, 0, false, true, /*modality=*/true});
    }
    // Acts named just before words that put them ahead are not done yet.
    for (const auto& row : ReadTable("pending_cues.tsv")) {
      add_stemmed(row[0], {kPending, 0, 0, false, true, /*modality=*/true});
    }
    for (const auto& row : ReadTable("source_cues.tsv")) add(row[0], {kSource, 0, 0});
    for (const auto& row : ReadTable("framing_cues.tsv")) {
      add_stemmed(row[0], {kFraming, 0, 0});
    }
    for (const auto& row : ReadTable("tally_cues.tsv")) add_stemmed(row[0], {kTally, 0, 0});
    for (const auto& row : ReadTable("procedure_cues.tsv")) add_stemmed(row[0], {kProcedure, 0, 0});
    for (const auto& row : ReadTable("valence_cues.tsv")) {
      if (row.size() < 2) continue;
      add(row[1], {row[0] == "positive" ? kPositive : kNegative, 0, 1});
    }
    for (const auto& row : ReadTable("categories.tsv")) {
      if (row.size() < 3) continue;
      const v1::Category c = ParseCategory(row[0]);
      t->group[c] = std::string(row[1]);
      t->valence[c] = row[2] == "positive"   ? v1::VALENCE_POSITIVE
                      : row[2] == "neutral" ? v1::VALENCE_NEUTRAL
                                            : v1::VALENCE_NEGATIVE;
      if (row.size() > 3 && row[3] == "act") t->acts.insert(c);
      if (row.size() > 3 && row[3] == "setting") t->settings.insert(c);
      if (row.size() > 4 && row[4] != "-") {
        const v1::Category p = ParseCategory(row[4]);
        if (p != v1::CATEGORY_UNSPECIFIED) t->if_positive[c] = p;
      }
    }
    return t;
  }();
  return *t;
}

}  // namespace

void CueScores::Add(const CueScores& o) {
  for (size_t i = 0; i < category.size(); ++i) {
    category[i] = SaturatingAdd(category[i], o.category[i]);
    strongest[i] = std::max(strongest[i], o.strongest[i]);
  }
  for (size_t i = 0; i < freedom.size(); ++i) freedom[i] = SaturatingAdd(freedom[i], o.freedom[i]);
  positive = SaturatingAdd(positive, o.positive);
  negative = SaturatingAdd(negative, o.negative);
  trend |= o.trend;
  new_victims |= o.new_victims;
  acts_not_done |= o.acts_not_done;
}

v1::Category CueScores::BestCategory(int* weight) const {
  int best = 0, best_w = 0;
  for (size_t i = 1; i < category.size(); ++i) {
    if (category[i] > best_w) {
      best = static_cast<int>(i);
      best_w = category[i];
    }
  }
  if (weight != nullptr) *weight = best_w;
  return static_cast<v1::Category>(best);
}

v1::Freedom CueScores::BestFreedom() const {
  // Expression and assembly cues are more specific than association ones
  // ("journalists and human rights defenders" is about the press).
  int best = 0, best_w = 0;
  for (int f : {v1::FREEDOM_PEACEFUL_ASSEMBLY, v1::FREEDOM_EXPRESSION, v1::FREEDOM_ASSOCIATION}) {
    if (freedom[f] > best_w) {
      best = f;
      best_w = freedom[f];
    }
  }
  return static_cast<v1::Freedom>(best);
}

namespace {

bool Wanted(const Cue& cue, const CueSources& sources) {
  if (cue.lexicon) return sources.act_lexicon && cue.by_stem == sources.lexicon_by_stem;
  if (cue.modality) return sources.modality;
  // A court's procedure frames the trial as a publisher frames the text.
  if (cue.kind == kFraming || cue.kind == kProcedure) return sources.framing;
  return true;
}

}  // namespace

void FindCuesInto(const std::vector<Token>& tokens, size_t begin, size_t end, std::vector<CueMatch>* out,
                  const CueSources& sources) {
  thread_local std::vector<PhraseMatcher::Match> matches;  // one buffer for every call
  matches.clear();
  const PhraseMatcher& matcher =
      sources.lexicon_by_stem ? Tables().matcher : Tables().matcher_lexicon_as_listed;
  matcher.FindAll(tokens, begin, end, &matches);
  out->clear();
  out->reserve(matches.size());
  const ClassifierTables& t = Tables();
  // A lexicon cue overlapping a table cue is dropped: the tables' weights
  // were set by hand and speak first. `covered` marks the tokens of table
  // category cues.
  thread_local std::vector<uint8_t> covered;
  covered.assign(end - begin, 0);
  bool any_lexicon = false;
  for (const auto& m : matches) {
    const Cue& cue = t.cues[m.payload];
    any_lexicon |= cue.lexicon;
    if (cue.kind == kCategory && !cue.lexicon) {
      std::fill(covered.begin() + (m.begin - begin), covered.begin() + (m.end - begin), 1);
    }
  }
  for (const auto& m : matches) {
    if (!Wanted(t.cues[m.payload], sources)) continue;
    if (any_lexicon && t.cues[m.payload].lexicon &&
        std::any_of(covered.begin() + (m.begin - begin), covered.begin() + (m.end - begin),
                    [](uint8_t c) { return c != 0; })) {
      continue;
    }
    out->push_back({static_cast<uint32_t>(m.begin), static_cast<uint32_t>(m.end), m.payload});
  }
}

std::vector<CueMatch> FindCues(const std::vector<Token>& tokens, size_t begin, size_t end,
                               const CueSources& sources) {
  std::vector<CueMatch> out;
  FindCuesInto(tokens, begin, end, &out, sources);
  return out;
}

void ScoreCues(const std::vector<Token>& tokens, size_t begin, size_t end, CueScores* scores,
               const std::vector<bool>* names) {
  ScoreMatches(FindCues(tokens, begin, end), begin, end, scores, names);
}

void ScoreMatches(absl::Span<const CueMatch> matches, size_t begin, size_t end, CueScores* scores,
                  const std::vector<bool>* names) {
  const ClassifierTables& t = Tables();
  // Within one category, overlapping phrases count once (the heaviest):
  // "sentenced to life imprisonment" is one cue, not three.
  // Small per-clause lists: kept inline, without a heap allocation.
  absl::InlinedVector<std::pair<size_t, int>, 16> claimed;  // token -> category claimed
  absl::InlinedVector<std::pair<size_t, int>, 8> claimed_freedom;
  // Longest category cues first (then heaviest), so that of overlapping
  // phrases the most specific counts ("house arrest" over "arrest",
  // "upheld the" over "upheld"); the rest in text order.
  absl::InlinedVector<const CueMatch*, 16> order;
  // Matches are in text order: only those starting in [begin, end) are
  // looked at, so scoring the clauses of a long sentence stays linear.
  auto first = std::lower_bound(matches.begin(), matches.end(), begin,
                                [](const CueMatch& m, size_t b) { return m.begin < b; });
  // Where a call opens in the clause ("calls on ... to release"): the acts
  // after it are asked for, not done.
  size_t call_begin = end;
  // Where words putting the act just named ahead start ("is expected").
  absl::InlinedVector<size_t, 2> pending;
  // The words naming a source ("according to local activists"): no
  // freedom cue counts there (at most one such stretch per clause).
  size_t source_begin = 0, source_end = 0;
  for (auto it = first; it != matches.end() && it->begin < end; ++it) {
    order.push_back(&*it);
    const CueKind kind = t.cues[it->cue].kind;
    if (kind == kCall && it->end <= end && it->begin < call_begin) call_begin = it->begin;
    if (kind == kPending && it->end <= end && it->begin >= begin) pending.push_back(it->begin);
    if (kind == kSource && source_end == 0) {
      source_begin = it->end;
      source_end = it->end + kSourceWords;
    }
  }
  std::stable_sort(order.begin(), order.end(), [&t](const CueMatch* a, const CueMatch* b) {
    const Cue& ca = t.cues[a->cue];
    const Cue& cb = t.cues[b->cue];
    const int la = ca.kind == kCategory ? static_cast<int>(a->end - a->begin) : 0;
    const int lb = cb.kind == kCategory ? static_cast<int>(b->end - b->begin) : 0;
    if (la != lb) return la > lb;
    const int wa = ca.kind == kCategory ? ca.weight : 0;
    const int wb = cb.kind == kCategory ? cb.weight : 0;
    return wa > wb;
  });
  for (const CueMatch* mp : order) {
    const CueMatch& m = *mp;
    if (m.begin < begin || m.end > end) continue;
    const Cue& cue = t.cues[m.cue];
    switch (cue.kind) {
      case kCategory: {
        bool ahead = m.begin > call_begin;
        for (size_t p : pending) ahead |= m.end <= p && p - m.end <= kPendingReach;
        if (ahead) {
          scores->acts_not_done = true;
          continue;
        }
        bool overlapped = false;
        if (names != nullptr) {
          const bool gap = cue.words_before_gap + cue.words_after_gap > 0;
          for (size_t k = m.begin; k < m.end; ++k) {
            const bool phrase_word = !gap || k < m.begin + cue.words_before_gap || k + cue.words_after_gap >= m.end;
            overlapped |= phrase_word && (*names)[k];
          }
        }
        for (auto& [tok, cat] : claimed) {
          if (cat == cue.target && tok >= m.begin && tok < m.end) overlapped = true;
        }
        if (overlapped) continue;
        if (cue.lexicon) {
          // The lexicon names the kind of act; whether a sentence without a
          // date tells an incident at all is the hand-weighted tables' to say.
          const auto c = static_cast<v1::Category>(cue.target);
          scores->category[c] = SaturatingAdd(scores->category[c], cue.weight);
          scores->strongest[c] = std::max<int16_t>(scores->strongest[c], std::min(cue.weight, kStrongCue - 1));
        } else {
          scores->AddCategory(static_cast<v1::Category>(cue.target), cue.weight);
        }
        for (size_t k = m.begin; k < m.end; ++k) claimed.emplace_back(k, cue.target);
        break;
      }
      case kFreedom: {
        if (m.begin >= source_begin && m.begin < source_end) continue;
        // "woman human rights defender" is one cue, not three.
        bool overlapped = false;
        for (auto& [tok, target] : claimed_freedom) {
          if (target == cue.target && tok >= m.begin && tok < m.end) overlapped = true;
        }
        if (overlapped) continue;
        scores->freedom[cue.target] = SaturatingAdd(scores->freedom[cue.target], cue.weight);
        for (size_t k = m.begin; k < m.end; ++k) claimed_freedom.emplace_back(k, cue.target);
        break;
      }
      case kTrend:
        scores->trend = true;
        break;
      case kMarker:
        scores->new_victims = true;
        break;
      case kCall:
      case kPending:
      case kSource:
        break;  // only bound other cues (above)
      case kFraming:
        break;  // read by TellsFraming
      case kTally:
        break;  // read by TellsTally
      case kProcedure:
        break;  // read by TellsFraming
      case kPositive:
        scores->positive = SaturatingAdd(scores->positive, 1);
        break;
      case kNegative:
        scores->negative = SaturatingAdd(scores->negative, 1);
        break;
    }
  }
}

v1::Category MainCategory(const CueScores& s) {
  const ClassifierTables& t = Tables();
  v1::Category best = s.BestCategory();
  // A setting told by a cue of its own weight (a hunger strike: 6 and up)
  // is the act itself, not an occasion.
  constexpr int kSettingThatActs = 6;
  if (t.settings.contains(best) && s.strongest[best] < kSettingThatActs) {
    // The occasion yields to what was done to people on it.
    int best_w = 0;
    for (int c : t.acts) {
      if (s.strongest[c] >= kStrongCue &&
          (s.category[c] > best_w || (s.category[c] == best_w && c < best))) {
        best = static_cast<v1::Category>(c);
        best_w = s.category[c];
      }
    }
  }
  if (s.positive > s.negative) {
    auto it = t.if_positive.find(best);
    if (it != t.if_positive.end()) best = it->second;
  }
  return best;
}

bool IsSetting(v1::Category c) { return Tables().settings.contains(c); }

bool TellsFraming(absl::Span<const CueMatch> cues) {
  const ClassifierTables& t = Tables();
  bool framing = false;
  for (const CueMatch& m : cues) {
    const Cue& cue = t.cues[m.cue];
    if (cue.kind == kCategory && cue.weight >= kStrongCue) return false;
    framing |= cue.kind == kFraming || cue.kind == kProcedure;
  }
  return framing;
}

bool TellsTally(absl::Span<const CueMatch> cues, const std::vector<Token>& tokens) {
  const ClassifierTables& t = Tables();
  bool tally = false;
  for (const CueMatch& m : cues) tally |= t.cues[m.cue].kind == kTally;
  if (!tally) return false;
  // The count itself: a number that is no year or day of a date.
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kNumber && token.digits != 4 && token.value > 31) return true;
  }
  return false;
}

bool OpensCall(absl::Span<const CueMatch> cues) {
  const ClassifierTables& t = Tables();
  for (const CueMatch& m : cues) {
    const Cue& cue = t.cues[m.cue];
    if (cue.kind == kCall && !cue.modality) return true;
  }
  return false;
}

size_t FirstCallToken(absl::Span<const CueMatch> cues, size_t begin, size_t end) {
  const ClassifierTables& t = Tables();
  for (const CueMatch& m : cues) {
    if (m.begin < begin || m.begin >= end) continue;
    const Cue& cue = t.cues[m.cue];
    if (cue.kind == kCall && !cue.modality) return m.begin;
  }
  return end;
}

const std::string& CategoryGroup(v1::Category c) {
  static const std::string kNone = "other";
  auto it = Tables().group.find(c);
  return it == Tables().group.end() ? kNone : it->second;
}

v1::Valence ValenceFor(v1::Category c, const CueScores& s) {
  auto it = Tables().valence.find(c);
  v1::Valence v = it == Tables().valence.end() ? v1::VALENCE_NEGATIVE : it->second;
  if (c == v1::CATEGORY_COURT_RULING || c == v1::CATEGORY_OFFICIAL_STATEMENT ||
      c == v1::CATEGORY_RELEASE || c == v1::CATEGORY_OTHER) {
    if (s.positive > s.negative) return v1::VALENCE_POSITIVE;
    if (s.negative > s.positive) return v1::VALENCE_NEGATIVE;
  }
  return v;
}

}  // namespace civicwatch::normalize

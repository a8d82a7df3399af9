#include "services/normalize/cues_across_dates.h"

#include <algorithm>

#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// How many words on each side of the date a cue phrase may reach.
constexpr size_t kReach = 4;

bool IsDatePreposition(const Token& t) {
  static const WordSet kWords = {"on", "in", "of", "в", "на"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

bool IsComma(const Token& t) { return t.lower == ","; }

}  // namespace

bool AddCuesAcrossDates(const std::vector<Token>& tokens, const std::vector<DateMention>& dates,
                        std::vector<CueMatch>* cues, const CueSources& sources) {
  bool added = false;
  // Buffers kept across calls: assigning tokens reuses their strings.
  thread_local std::vector<Token> joined;
  thread_local std::vector<CueMatch> found;
  for (const DateMention& d : dates) {
    // The gap: the date, a preposition before it, commas around it.
    size_t b = d.first_token, e = d.end_token;
    if (b > 0 && IsDatePreposition(tokens[b - 1])) --b;
    if (b > 0 && IsComma(tokens[b - 1])) --b;
    if (e < tokens.size() && IsComma(tokens[e])) ++e;
    // Only a date standing between two words can break a phrase.
    if (b == 0 || e >= tokens.size()) continue;
    if (tokens[b - 1].kind != TokenKind::kWord || tokens[e].kind != TokenKind::kWord) continue;
    const size_t lo = b > kReach ? b - kReach : 0;
    const size_t hi = std::min(tokens.size(), e + kReach);
    joined.assign(tokens.begin() + lo, tokens.begin() + b);
    joined.insert(joined.end(), tokens.begin() + e, tokens.begin() + hi);
    FindCuesInto(joined, 0, joined.size(), &found, sources);
    const size_t gap_at = b - lo;  // where the gap was, in `joined`
    for (const CueMatch& m : found) {
      if (m.begin >= gap_at || m.end <= gap_at) continue;  // not across the gap
      CueMatch c = m;
      c.begin = static_cast<uint32_t>(m.begin + lo);
      c.end = static_cast<uint32_t>(m.end + lo + (e - b));
      cues->push_back(c);
      added = true;
    }
  }
  if (added) {
    std::stable_sort(cues->begin(), cues->end(),
                     [](const CueMatch& a, const CueMatch& b) { return a.begin < b.begin; });
  }
  return added;
}

}  // namespace civicwatch::normalize

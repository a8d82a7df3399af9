#include "services/normalize/occasion_dates.h"

#include "services/normalize/phrase_matcher.h"
#include "services/normalize/tsv.h"

namespace civicwatch::normalize {
namespace {

const PhraseMatcher& OccasionCues() {
  static const PhraseMatcher* matcher = [] {
    auto* m = new PhraseMatcher;
    for (const auto& row : ReadTable("occasion_cues.tsv")) m->AddStemmed(row[0], 0);
    return m;
  }();
  return *matcher;
}

// Punctuation that does not close the words between a cue and its date.
bool JoinsWords(const Token& t) {
  return t.lower == "-" || t.lower == "\"" || t.lower == "'" || t.lower == "«" || t.lower == "»" ||
         t.lower == "“" || t.lower == "”" || t.lower == "–";
}

}  // namespace

void CoarsenOccasionDates(const std::vector<Token>& tokens, std::vector<DateMention>* dates) {
  if (dates->empty()) return;
  thread_local std::vector<PhraseMatcher::Match> cues;
  cues.clear();
  OccasionCues().FindAll(tokens, 0, tokens.size(), &cues);
  if (cues.empty()) return;
  for (DateMention& date : *dates) {
    if (date.kind != DateKind::kAbsolute || date.date.day == 0) continue;
    for (const auto& cue : cues) {
      if (cue.end > date.first_token || date.first_token - cue.end > kOccasionWords) continue;
      bool open = true;
      for (size_t k = cue.end; k < date.first_token && open; ++k) {
        open = tokens[k].kind != TokenKind::kPunct || JoinsWords(tokens[k]);
      }
      if (!open) continue;
      date.date.day = 0;
      if (date.end_date.known()) date.end_date.day = 0;
      break;
    }
  }
}

}  // namespace civicwatch::normalize

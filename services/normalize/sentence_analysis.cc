#include "services/normalize/sentence_analysis.h"

#include "absl/container/flat_hash_map.h"
#include "services/normalize/people_lists.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// What AnalyseTokens asks of every token, answered by one lookup: whether
// a clause can start there (punctuation and clause-opening words), whether
// it is a pronoun, and whether it puts an act at another, untold time than
// the one told before ("was later charged", "initially denied a lawyer",
// "впоследствии").
enum TokenRole : uint8_t { kClauseBoundary = 1, kPronoun = 2, kShiftsTime = 4 };

uint8_t RolesOf(const Token& t) {
  static const auto* const kRoles = [] {
    auto* roles = new absl::flat_hash_map<std::string, uint8_t>;
    for (const char* w : {",", ";", ":", "–", "—", "(", "and", "which", "who", "whom", "when", "while", "but",
                          "whereas", "that", "и", "который", "которая", "которое", "которые", "когда", "а", "но"}) {
      (*roles)[w] |= kClauseBoundary;
    }
    for (const char* w : {"he", "she", "his", "her", "him", "он", "она", "его", "её", "ее", "ему", "ей"}) {
      (*roles)[w] |= kPronoun;
    }
    for (const char* w : {"later", "subsequently", "eventually", "afterwards", "initially", "позже", "позднее",
                          "впоследствии", "затем", "впоследствие"}) {
      (*roles)[w] |= kShiftsTime;
    }
    return roles;
  }();
  // Most tokens are settled by their length and first bytes.
  static const auto* const kFilter = [] {
    auto* filter = new WordSet;
    for (const auto& [word, roles] : *kRoles) filter->insert(word);
    return filter;
  }();
  if (!kFilter->MayContain(t.lower)) return 0;
  const auto it = kRoles->find(t.lower);
  if (it == kRoles->end()) return 0;
  // Pronouns and time words are words; a boundary may be punctuation.
  return t.kind == TokenKind::kWord ? it->second : (it->second & kClauseBoundary);
}

}  // namespace

void AnalyseTokens(const std::vector<Token>& tokens, SentenceArena* arena, Sentence* s,
                   const CueSources& sources) {
  s->token_count = static_cast<uint32_t>(tokens.size());
  thread_local std::vector<CueMatch> cues;  // built here, kept in the arena
  FindCuesInto(tokens, 0, tokens.size(), &cues, sources);
  s->cues = arena->Copy(cues);
  if (TellsFraming(s->cues) || TellsTally(s->cues, tokens)) s->skip = true;
  thread_local std::vector<uint32_t> boundaries;
  boundaries.clear();
  s->has_pronoun = false;
  s->shifts_time = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const uint8_t roles = RolesOf(tokens[i]);
    if (roles == 0) continue;
    // "150,000" is one number, not two clauses.
    const bool in_number = i > 0 && i + 1 < tokens.size() && tokens[i - 1].kind == TokenKind::kNumber &&
                           tokens[i + 1].kind == TokenKind::kNumber && Adjacent(tokens[i - 1], tokens[i]) &&
                           Adjacent(tokens[i], tokens[i + 1]);
    if ((roles & kClauseBoundary) && !in_number) boundaries.push_back(static_cast<uint32_t>(i));
    s->has_pronoun |= (roles & kPronoun) != 0;
    // ("minutes later", "hours later" stay on the same day.)
    static const WordSet kShortSpans = {"minutes", "minute", "hours", "hour", "moments", "seconds", "минут",
                                        "часов", "часа"};
    s->shifts_time |= (roles & kShiftsTime) && !(i > 0 && kShortSpans.contains(tokens[i - 1].lower));
  }
  s->clause_boundaries = arena->Copy(boundaries);
  s->lists_people_before = OpensListOfPeopleBefore(tokens);
}

}  // namespace civicwatch::normalize

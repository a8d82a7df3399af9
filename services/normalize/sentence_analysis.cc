#include "services/normalize/sentence_analysis.h"

#include "services/normalize/people_lists.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// Tokens where a clause can start: punctuation and clause-opening words.
bool IsClauseBoundary(const Token& t) {
  static const WordSet kWords = {
      ",", ";", ":", "–", "—", "(", "and", "which", "who", "whom", "when", "while", "but",
      "whereas", "that", "и", "который", "которая", "которое", "которые", "когда", "а", "но"};
  return kWords.contains(t.lower);
}

bool IsPronoun(const Token& t) {
  static const WordSet kWords = {
      "he", "she", "his", "her", "him", "он", "она", "его", "её", "ее", "ему", "ей"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// Words that put an act at another, untold time than the one told before
// ("was later charged", "initially denied a lawyer", "впоследствии").
bool ShiftsTime(const Token& t) {
  static const WordSet kWords = {"later", "subsequently", "eventually", "afterwards", "initially",
                                 "позже", "позднее", "впоследствии", "затем", "впоследствие"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
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
    // "150,000" is one number, not two clauses.
    const bool in_number = i > 0 && i + 1 < tokens.size() && tokens[i - 1].kind == TokenKind::kNumber &&
                           tokens[i + 1].kind == TokenKind::kNumber && Adjacent(tokens[i - 1], tokens[i]) &&
                           Adjacent(tokens[i], tokens[i + 1]);
    if (IsClauseBoundary(tokens[i]) && !in_number) boundaries.push_back(static_cast<uint32_t>(i));
    s->has_pronoun |= IsPronoun(tokens[i]);
    // ("minutes later", "hours later" stay on the same day.)
    static const WordSet kShortSpans = {"minutes", "minute", "hours", "hour", "moments", "seconds", "минут",
                                        "часов", "часа"};
    s->shifts_time |= ShiftsTime(tokens[i]) && !(i > 0 && kShortSpans.contains(tokens[i - 1].lower));
  }
  s->clause_boundaries = arena->Copy(boundaries);
  s->lists_people_before = OpensListOfPeopleBefore(tokens);
}

}  // namespace civicwatch::normalize

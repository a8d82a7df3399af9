// What the incident segmenter needs of one sentence's tokens: its cues,
// where its clauses may start, whether it has a pronoun or shifts time,
// and whether it frames the text rather than telling an incident.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_SENTENCE_ANALYSIS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_SENTENCE_ANALYSIS_H_

#include <vector>

#include "services/normalize/incident_segmenter.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// Fills token_count, cues, clause_boundaries, has_pronoun, shifts_time and
// lists_people_before from `tokens`, and sets skip when the sentence
// frames the text (TellsFraming)
// (the lists in `arena`).
void AnalyseTokens(const std::vector<Token>& tokens, SentenceArena* arena, Sentence* sentence,
                   const CueSources& sources = {});

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_SENTENCE_ANALYSIS_H_

// The normaliser's names for the shared name folding (services/text/fold.h):
// an entity's key is FoldingKey of its name, its id EntityIdForKey
// (normalizer.h) of that key.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_ENTITY_KEY_H_
#define CIVICWATCH_SERVICES_NORMALIZE_ENTITY_KEY_H_

#include "services/text/fold.h"

namespace civicwatch::normalize {

using text::FoldedWords;
using text::FoldingKey;
using text::FoldWord;
using text::StripCaseEnding;
using text::ToAsciiLatin;

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_ENTITY_KEY_H_

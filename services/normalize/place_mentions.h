// The places a sentence names, as an event's location needs them: what
// kind of place, its country, where it is written, and whether it is
// where something happened ("in Osh") or only part of a name ("the Osh
// City Court") or of the dateline.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_PLACE_MENTIONS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_PLACE_MENTIONS_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/normalize/entity_extractor.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/incident_segmenter.h"
#include "services/normalize/report_metadata.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// A place named in a sentence (kept in the sentences' arena).
struct PlaceMention {
  PlaceKind kind;
  absl::string_view country_code;
  size_t start = 0;       // as in the text: body[start, end)
  size_t end = 0;
  bool after_in = false;  // "in Kazakhstan", "в Казахстане"
  bool region = false;    // "southern Kyrgyzstan", "Almaty region" (RegionAround)
  // Part of an organisation's name ("... Assembly Vanadzor Office"): it
  // tells the country, not where the event happened.
  bool in_name = false;
};

// The places named in a sentence of `tokens`; each is also counted in
// *country (a country adjective only there). A place inside `dateline`
// counts for the country but is no event's place and is not returned; one
// inside the name of an organisation, international body or outlet among
// `names` is returned with in_name set. The list lives in `arena`.
absl::Span<const PlaceMention> FindPlaces(const std::vector<Token>& tokens, const Span& dateline,
                                          const std::vector<EntityMention>& names,
                                          CountryTally* country, SentenceArena* arena);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_PLACE_MENTIONS_H_

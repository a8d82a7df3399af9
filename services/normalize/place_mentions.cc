#include "services/normalize/place_mentions.h"

#include <algorithm>

namespace civicwatch::normalize {
namespace {

// True when a name of an organisation, international body or media outlet
// in `names` covers tokens [begin, end). (A court or state body named
// after its town sits there: "the Osh City Court".)
bool InOrganisationName(const std::vector<EntityMention>& names, size_t begin, size_t end) {
  for (const EntityMention& m : names) {
    const v1::EntityKind k = m.name.kind;
    if ((k == v1::ENTITY_KIND_ORGANISATION || k == v1::ENTITY_KIND_INTERNATIONAL_BODY ||
         k == v1::ENTITY_KIND_MEDIA_OUTLET) &&
        m.first_token <= begin && end <= m.end_token) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::Span<const PlaceMention> FindPlaces(const std::vector<Token>& tokens, const Span& dateline,
                                          const std::vector<EntityMention>& names,
                                          CountryTally* country, SentenceArena* arena) {
  thread_local std::vector<PlaceMention> out;  // built here, kept in the arena
  out.clear();
  for (size_t i = 0; i < tokens.size();) {
    PlaceMatch pm;
    if (!MatchPlace(tokens, i, tokens.size(), &pm)) {
      ++i;
      continue;
    }
    country->AddPlace(pm);
    const bool in_dateline = dateline.size() > 0 && tokens[pm.begin].start >= dateline.begin &&
                             tokens[pm.end - 1].end <= dateline.end;
    size_t begin = pm.begin, end = pm.end;
    const bool region = pm.kind != PlaceKind::kCountryAdjective && RegionAround(tokens, pm, &begin, &end);
    if (pm.kind != PlaceKind::kCountryAdjective && !in_dateline) {
      PlaceMention m;
      m.kind = pm.kind;
      m.country_code = arena->CopyString(pm.country_code);
      m.start = tokens[begin].start;
      m.end = tokens[end - 1].end;
      m.after_in = begin > 0 && (LowerIs(tokens[begin - 1], "in") || LowerIs(tokens[begin - 1], "в") ||
                                 LowerIs(tokens[begin - 1], "на"));
      m.region = region;
      m.in_name = InOrganisationName(names, pm.begin, pm.end);
      out.push_back(m);
    }
    i = std::max(pm.end, end);
  }
  return arena->Copy(out);
}

}  // namespace civicwatch::normalize

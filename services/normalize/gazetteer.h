// Countries (every ISO 3166-1 code, English and Russian names, adjectives)
// and cities and regions, looked up on token sequences. Russian case forms
// ("в Бишкеке", "Кыргызстана") are matched by stem.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_GAZETTEER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_GAZETTEER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

enum class PlaceKind { kCountry, kCountryAdjective, kCity };

struct PlaceMatch {
  size_t begin = 0;  // tokens[begin, end)
  size_t end = 0;
  PlaceKind kind = PlaceKind::kCountry;
  std::string country_code;  // ISO 3166-1 alpha-2
};

// The longest place name starting at tokens[at]; false when none. Only
// capitalised words start a place name. A Russian adjective of a place
// before a region word ("Гомельской области") matches that place.
bool MatchPlace(const std::vector<Token>& tokens, size_t at, size_t end, PlaceMatch* out);

// Widens a place found by MatchPlace (tokens[place.begin, place.end)) to
// the region the text makes of it, for an event's location: a compass word
// before it ("southern Kyrgyzstan", "юге Кыргызстана") and a region word
// after it ("Almaty region", "Gorno-Badakhshan Autonomous Oblast"; data/
// region_words.tsv). Sets *begin and *end to the widened tokens and
// returns true when it is a region (either word found).
bool RegionAround(const std::vector<Token>& tokens, const PlaceMatch& place, size_t* begin, size_t* end);

// True when `code` is an ISO 3166-1 alpha-2 code the gazetteer knows.
bool IsKnownCountryCode(const std::string& code);

// English name of a country code ("KG" -> "Kyrgyzstan"), or "".
std::string CountryName(const std::string& code);

// Strips one Russian case ending from a lower-case Cyrillic word
// ("бишкеке" -> "бишкек"); other words are returned unchanged.
std::string RussianStem(const std::string& lower_word);
// The same, as a view of `lower_word` (a stem is always a prefix of it).
absl::string_view RussianStemView(absl::string_view lower_word);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_GAZETTEER_H_

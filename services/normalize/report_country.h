// The country and the language of a report, from the text alone.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_REPORT_COUNTRY_H_
#define CIVICWATCH_SERVICES_NORMALIZE_REPORT_COUNTRY_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// Counts the places named in a text, piece by piece, to find the report's
// country: the country named most often (the title counts five times;
// cities count for their country, adjectives half; ties go to the country
// named first). Memory is one counter per country, whatever the text's size.
class CountryTally {
 public:
  // Counts the places in `tokens` (one sentence, line or paragraph),
  // each `weight` times.
  void Add(const std::vector<Token>& tokens, int weight = 1);
  // Counts one place already found (MatchPlace) `weight` times.
  void AddPlace(const PlaceMatch& place, int weight = 1);
  // The country with the highest count, "" when none was named.
  std::string Best() const;

 private:
  std::vector<std::pair<std::string, int>> scores_;  // in half points, first-named first
};

// The country of a report with this title and body (CountryTally over the
// title and then the body, line by line).
std::string DetectCountry(absl::string_view title, absl::string_view body);

// "ru" when most letters are Cyrillic, else "en". `body` is valid UTF-8.
std::string DetectLanguage(absl::string_view body);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_REPORT_COUNTRY_H_

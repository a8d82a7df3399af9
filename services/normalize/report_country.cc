#include "services/normalize/report_country.h"

#include <algorithm>

namespace civicwatch::normalize {

std::string DetectLanguage(absl::string_view body) {
  // Counted on bytes: in valid UTF-8 (the body is checked) a Cyrillic
  // letter (U+0400-U+04FF) is the one character whose first byte is
  // 0xD0-0xD3. Characters starting in the first MiB count.
  size_t count[256] = {};  // of each byte value
  const size_t n = std::min<size_t>(body.size(), 1u << 20);
  for (size_t i = 0; i < n; ++i) ++count[static_cast<unsigned char>(body[i])];
  size_t cyr = 0, lat = 0;
  for (int b = 0xD0; b <= 0xD3; ++b) cyr += count[b];
  for (int b = 'a'; b <= 'z'; ++b) lat += count[b] + count[b - 32];
  return cyr > lat ? "ru" : "en";
}

void CountryTally::Add(const std::vector<Token>& toks, int weight) {
  for (size_t i = 0; i < toks.size();) {
    PlaceMatch pm;
    if (!MatchPlace(toks, i, toks.size(), &pm)) {
      ++i;
      continue;
    }
    AddPlace(pm, weight);
    i = pm.end;
  }
}

void CountryTally::AddPlace(const PlaceMatch& pm, int weight) {
  const int w = (pm.kind == PlaceKind::kCountryAdjective ? 1 : 2) * weight;
  for (auto& [code, score] : scores_) {
    if (code == pm.country_code) {
      score += w;
      return;
    }
  }
  scores_.emplace_back(pm.country_code, w);
}

std::string CountryTally::Best() const {
  std::string best;
  int best_score = 0;
  for (const auto& [code, score] : scores_) {
    if (score > best_score) {
      best = code;
      best_score = score;
    }
  }
  return best;
}

std::string DetectCountry(absl::string_view title, absl::string_view body) {
  CountryTally tally;
  tally.Add(Tokenize(title, 0, title.size()), 5);
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == absl::string_view::npos) nl = body.size();
    tally.Add(Tokenize(body, pos, nl));
    pos = nl + 1;
  }
  return tally.Best();
}

}  // namespace civicwatch::normalize

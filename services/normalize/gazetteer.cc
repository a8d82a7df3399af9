#include "services/normalize/gazetteer.h"

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"
#include "absl/strings/match.h"
#include "services/normalize/tsv.h"
#include "services/normalize/utf8.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

struct Entry {
  PlaceKind kind;
  std::string code;
};

struct Gazetteer {
  // Key: the stems of a name's words joined by spaces.
  absl::flat_hash_map<std::string, Entry> names;
  absl::flat_hash_map<std::string, std::string> english_name;
  // The first word (stem) of every name: a token whose stem is not here
  // starts no place name, which settles most tokens with one lookup.
  absl::flat_hash_set<std::string> first_words;
  size_t max_words = 1;
};

void AddName(Gazetteer* g, absl::string_view name, PlaceKind kind, const std::string& code) {
  std::string lower = LowerUtf8(name);
  std::vector<Token> toks = Tokenize(lower, 0, lower.size());
  std::vector<std::string> stems;
  for (const Token& t : toks) {
    if (t.kind == TokenKind::kPunct) continue;
    stems.push_back(RussianStem(t.lower));
  }
  if (stems.empty()) return;
  g->max_words = std::max(g->max_words, stems.size());
  g->names.try_emplace(absl::StrJoin(stems, " "), Entry{kind, code});
  g->first_words.insert(stems.front());
}

const Gazetteer& Get() {
  static const Gazetteer* g = [] {
    auto* g = new Gazetteer;
    for (const auto& row : ReadTable("countries.tsv")) {
      if (row.size() < 2) continue;
      const std::string code(row[0]);
      const auto english = SplitAlternatives(row[1]);
      if (!english.empty()) g->english_name[code] = std::string(english[0]);
      for (auto n : english) AddName(g, n, PlaceKind::kCountry, code);
      if (row.size() > 2) for (auto n : SplitAlternatives(row[2])) AddName(g, n, PlaceKind::kCountry, code);
      if (row.size() > 3) for (auto n : SplitAlternatives(row[3])) AddName(g, n, PlaceKind::kCountryAdjective, code);
    }
    for (const auto& row : ReadTable("places.tsv")) {
      if (row.size() < 2) continue;
      const std::string code(row[0]);
      for (auto n : SplitAlternatives(row[1])) AddName(g, n, PlaceKind::kCity, code);
    }
    return g;
  }();
  return *g;
}

}  // namespace

absl::string_view RussianStemView(absl::string_view w) {
  // Longest endings first; each Cyrillic letter is two bytes in UTF-8. They
  // are listed under their last letter, so that a word is compared with
  // the two or three endings its last letter allows.
  struct Endings {
    // By the last letter's bytes: 0xD0 or 0xD1, then 0x80 to 0xBF.
    std::vector<absl::string_view> by_last[2][64];
  };
  static const Endings* const kEndings = [] {
    auto* e = new Endings;
    for (absl::string_view end : {"ами", "ями", "ией", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ам",
                                  "ям", "ах", "ях", "ии", "ию", "ия", "ую", "ый", "ий", "ая", "яя", "ое", "а",
                                  "я", "е", "у", "ю", "ы", "и", "ь", "о"}) {
      const auto lead = static_cast<unsigned char>(end[end.size() - 2]);
      const auto trail = static_cast<unsigned char>(end[end.size() - 1]);
      e->by_last[lead - 0xD0][trail - 0x80].push_back(end);
    }
    return e;
  }();
  if (w.size() < 8) return w;
  const auto lead = static_cast<unsigned char>(w[w.size() - 2]);
  const auto trail = static_cast<unsigned char>(w[w.size() - 1]);
  if ((lead != 0xD0 && lead != 0xD1) || trail < 0x80 || trail > 0xBF) return w;
  for (absl::string_view end : kEndings->by_last[lead - 0xD0][trail - 0x80]) {
    if (w.size() >= end.size() + 6 && w.substr(w.size() - end.size()) == end) {
      return w.substr(0, w.size() - end.size());
    }
  }
  return w;
}

std::string RussianStem(const std::string& w) { return std::string(RussianStemView(w)); }

namespace {

bool MatchRegionAdjective(const std::vector<Token>& tokens, size_t at, size_t end, PlaceMatch* out);

}  // namespace

bool MatchPlace(const std::vector<Token>& tokens, size_t at, size_t end, PlaceMatch* out) {
  const Gazetteer& g = Get();
  if (at >= end || tokens[at].kind != TokenKind::kWord || !tokens[at].capitalised) return false;
  const absl::string_view first = RussianStemView(tokens[at].lower);
  if (!g.first_words.contains(first)) return MatchRegionAdjective(tokens, at, end, out);
  std::string key(first);
  bool found = false;
  for (size_t k = at; k < end && k < at + g.max_words; ++k) {
    if (tokens[k].kind != TokenKind::kWord) break;
    if (k > at) {
      key.push_back(' ');
      const absl::string_view stem = RussianStemView(tokens[k].lower);
      key.append(stem.data(), stem.size());
    }
    auto it = g.names.find(key);
    if (it != g.names.end()) {
      out->begin = at;
      out->end = k + 1;
      out->kind = it->second.kind;
      out->country_code = it->second.code;
      found = true;
    }
  }
  return found;
}

namespace {

struct RegionWords {
  WordSet compass, region, between;
};

const RegionWords& GetRegionWords() {
  static const RegionWords* w = [] {
    auto* w = new RegionWords;
    for (const auto& row : ReadTable("region_words.tsv")) {
      if (row.size() < 2) continue;
      (row[0] == "compass" ? w->compass : row[0] == "region" ? w->region : w->between).insert(row[1]);
    }
    return w;
  }();
  return *w;
}

}  // namespace

namespace {

// A Russian region named by the adjective of its centre before a region
// word: "в Алматинской области" (Almaty), "Гомельской области" (Gomel),
// "Ошском районе" (Osh). The adjective's stem less "-ск" and a linking
// ending ("алматинск" -> "алматин" -> "алмат") is looked up as a
// one-word place. (A stem that is itself a place, "Минской области",
// is found by MatchPlace directly.)
bool MatchRegionAdjective(const std::vector<Token>& tokens, size_t at, size_t end, PlaceMatch* out) {
  const Token& t = tokens[at];
  if (!t.cyrillic || at + 1 >= end) return false;
  const absl::string_view stem = RussianStemView(t.lower);
  if (!absl::EndsWith(stem, "ск") || !GetRegionWords().region.contains(tokens[at + 1].lower)) return false;
  const absl::string_view base = stem.substr(0, stem.size() - std::string_view("ск").size());
  const Gazetteer& g = Get();
  auto try_key = [&](absl::string_view key) {
    if (key.size() < 4) return false;  // two Cyrillic letters at least
    auto it = g.names.find(key);
    if (it == g.names.end() || it->second.kind == PlaceKind::kCountryAdjective) return false;
    out->begin = at;
    out->end = at + 1;
    out->kind = it->second.kind;
    out->country_code = it->second.code;
    return true;
  };
  if (try_key(base) || try_key(RussianStemView(base))) return true;
  static const char* const kLinks[] = {"ин", "ен", "ов", "ев", "ь", "ий"};
  for (const char* link : kLinks) {
    if (absl::EndsWith(base, link)) {
      const absl::string_view shorter = base.substr(0, base.size() - std::string_view(link).size());
      if (try_key(shorter) || try_key(RussianStemView(shorter))) return true;
    }
  }
  return false;
}

}  // namespace

bool RegionAround(const std::vector<Token>& tokens, const PlaceMatch& place, size_t* begin, size_t* end) {
  const RegionWords& w = GetRegionWords();
  *begin = place.begin;
  *end = place.end;
  bool region = false;
  if (place.begin > 0 && w.compass.contains(tokens[place.begin - 1].lower)) {
    --*begin;
    region = true;
  }
  size_t k = place.end;
  if (k < tokens.size() && w.between.contains(tokens[k].lower)) ++k;
  // (Not "the Bishkek District Court": a name goes on after the word.)
  const bool name_goes_on = k + 1 < tokens.size() && tokens[k + 1].kind == TokenKind::kWord && tokens[k + 1].capitalised;
  if (k < tokens.size() && tokens[k].kind == TokenKind::kWord && w.region.contains(tokens[k].lower) &&
      !name_goes_on) {
    *end = k + 1;
    region = true;
  }
  return region;
}

bool IsKnownCountryCode(const std::string& code) { return Get().english_name.contains(code); }

std::string CountryName(const std::string& code) {
  auto it = Get().english_name.find(code);
  return it == Get().english_name.end() ? "" : it->second;
}

}  // namespace civicwatch::normalize

#include "services/normalize/gazetteer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

// The place starting at token `at` of `text`, as "CODE kind [begin,end)",
// or "none".
std::string PlaceAt(const std::string& text, size_t at) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  PlaceMatch m;
  if (!MatchPlace(tokens, at, tokens.size(), &m)) return "none";
  const char* kind = m.kind == PlaceKind::kCountry           ? "country"
                     : m.kind == PlaceKind::kCountryAdjective ? "adjective"
                                                              : "city";
  return m.country_code + " " + kind + " [" + std::to_string(m.begin) + "," +
         std::to_string(m.end) + ")";
}

TEST(GazetteerTest, FindsCountriesCitiesAndAdjectives) {
  EXPECT_EQ(PlaceAt("in Bishkek today", 1), "KG city [1,2)");
  EXPECT_EQ(PlaceAt("in Kazakhstan", 1), "KZ country [1,2)");
  EXPECT_EQ(PlaceAt("the Kyrgyz authorities", 1), "KG adjective [1,2)");
  EXPECT_EQ(PlaceAt("Alma-Ata", 0), "KZ city [0,1)");
}

TEST(GazetteerTest, TakesTheLongestName) {
  EXPECT_EQ(PlaceAt("the Kyrgyz Republic said", 1), "KG country [1,3)");
}

TEST(GazetteerTest, OnlyACapitalisedWordStartsAPlace) {
  EXPECT_EQ(PlaceAt("in bishkek", 1), "none");
  EXPECT_EQ(PlaceAt("in Bishkek", 0), "none");
  EXPECT_EQ(PlaceAt("in Bishkek", 5), "none");  // past the end
}

TEST(GazetteerTest, RussianCaseFormsMatchByStem) {
  EXPECT_EQ(PlaceAt("в Бишкеке", 1), "KG city [1,2)");
  EXPECT_EQ(PlaceAt("граждане Кыргызстана", 1), "KG country [1,2)");
  EXPECT_EQ(PlaceAt("в Республике Казахстан", 1), "KZ country [1,3)");
}

TEST(GazetteerTest, ARussianRegionAdjectiveNamesItsCentre) {
  EXPECT_EQ(PlaceAt("в Алматинской области", 1), "KZ city [1,2)");
  EXPECT_EQ(PlaceAt("Гомельской области", 0), "BY city [0,1)");
  // Without a region word after it, an adjective is no place.
  EXPECT_EQ(PlaceAt("Гомельской", 0), "none");
}

// The tokens RegionAround widens the place at `at` to, or "" when it is
// not a region.
std::string RegionOf(const std::string& text, size_t at) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  PlaceMatch m;
  if (!MatchPlace(tokens, at, tokens.size(), &m)) return "no place";
  size_t begin = 0, end = 0;
  if (!RegionAround(tokens, m, &begin, &end)) {
    EXPECT_EQ(begin, m.begin);
    EXPECT_EQ(end, m.end);
    return "";
  }
  return text.substr(tokens[begin].start, tokens[end - 1].end - tokens[begin].start);
}

TEST(GazetteerTest, RegionAroundTakesCompassAndRegionWords) {
  EXPECT_EQ(RegionOf("in southern Kyrgyzstan", 2), "southern Kyrgyzstan");
  EXPECT_EQ(RegionOf("in the Almaty region", 2), "Almaty region");
  EXPECT_EQ(RegionOf("на юге Кыргызстана", 2), "юге Кыргызстана");
  EXPECT_EQ(RegionOf("in Bishkek", 1), "");
  // A name going on after the region word: a court, not a region.
  EXPECT_EQ(RegionOf("the Bishkek District Court", 1), "");
}

TEST(GazetteerTest, KnowsEveryCountryCodeAndItsEnglishName) {
  EXPECT_TRUE(IsKnownCountryCode("KG"));
  EXPECT_TRUE(IsKnownCountryCode("FR"));
  EXPECT_FALSE(IsKnownCountryCode("XX"));
  EXPECT_FALSE(IsKnownCountryCode("kg"));
  EXPECT_EQ(CountryName("KG"), "Kyrgyzstan");
  EXPECT_EQ(CountryName("KZ"), "Kazakhstan");
  EXPECT_EQ(CountryName("XX"), "");
}

TEST(GazetteerTest, RussianStemStripsOneCaseEnding) {
  EXPECT_EQ(RussianStem("бишкеке"), "бишкек");
  EXPECT_EQ(RussianStem("кыргызстана"), "кыргызстан");
  EXPECT_EQ(RussianStem("osh"), "osh");  // Latin words are kept
  EXPECT_EQ(RussianStem("ош"), "ош");    // too short to lose an ending
  EXPECT_EQ(RussianStemView("бишкеке"), "бишкек");
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/place_mentions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/normalize/report_country.h"

namespace civicwatch::normalize {
namespace {

struct Read {
  // The mentions' views point into an arena gone with FindPlaces' caller:
  // their country codes are copied to `codes`.
  std::vector<PlaceMention> places;
  std::vector<std::string> codes;
  std::string country;  // the tally's best after the sentence
};

Read PlacesOf(const std::string& text, Span dateline = {},
              const std::vector<EntityMention>& names = {}) {
  const std::vector<Token> tokens = Tokenize(text, 0, text.size());
  SentenceArena arena(text.size());
  CountryTally country;
  Read out;
  for (const PlaceMention& m : FindPlaces(tokens, dateline, names, &country, &arena)) {
    out.places.push_back(m);
    out.codes.emplace_back(m.country_code);
  }
  out.country = country.Best();
  return out;
}

std::string TextOf(const std::string& text, const PlaceMention& m) {
  return text.substr(m.start, m.end - m.start);
}

TEST(PlaceMentionsTest, APlaceAfterInIsWhereSomethingHappened) {
  const std::string text = "Police in Osh detained two activists from Bishkek.";
  const Read read = PlacesOf(text);
  ASSERT_EQ(read.places.size(), 2u);
  EXPECT_EQ(TextOf(text, read.places[0]), "Osh");
  EXPECT_EQ(read.places[0].kind, PlaceKind::kCity);
  EXPECT_EQ(read.codes[0], "KG");
  EXPECT_TRUE(read.places[0].after_in);
  EXPECT_FALSE(read.places[0].region);
  EXPECT_FALSE(read.places[0].in_name);
  EXPECT_EQ(TextOf(text, read.places[1]), "Bishkek");
  EXPECT_FALSE(read.places[1].after_in);
  EXPECT_EQ(read.country, "KG");
}

TEST(PlaceMentionsTest, RussianInIsAfterInToo) {
  const std::string text = "Задержания прошли в Бишкеке и на Иссык-Куле.";
  const Read read = PlacesOf(text);
  ASSERT_GE(read.places.size(), 1u);
  EXPECT_EQ(TextOf(text, read.places[0]), "Бишкеке");
  EXPECT_TRUE(read.places[0].after_in);
}

TEST(PlaceMentionsTest, ARegionIsWidenedToItsWords) {
  const std::string text = "Protests took place in southern Kyrgyzstan.";
  const Read read = PlacesOf(text);
  ASSERT_EQ(read.places.size(), 1u);
  EXPECT_EQ(TextOf(text, read.places[0]), "southern Kyrgyzstan");
  EXPECT_TRUE(read.places[0].region);
  EXPECT_TRUE(read.places[0].after_in);
  EXPECT_EQ(read.places[0].kind, PlaceKind::kCountry);
}

TEST(PlaceMentionsTest, AnAdjectiveCountsForTheCountryOnly) {
  const Read read = PlacesOf("Kazakh police detained him.");
  EXPECT_TRUE(read.places.empty());
  EXPECT_EQ(read.country, "KZ");
}

TEST(PlaceMentionsTest, APlaceInTheDatelineCountsForTheCountryOnly) {
  const std::string text = "ALMATY, 3 May. Police in Osh detained him.";
  const Read read = PlacesOf(text, Span{0, 13});
  ASSERT_EQ(read.places.size(), 1u);
  EXPECT_EQ(TextOf(text, read.places[0]), "Osh");
  // Almaty (KZ) was counted before Osh (KG): a tie goes to the first named.
  EXPECT_EQ(read.country, "KZ");
}

TEST(PlaceMentionsTest, APlaceInsideAnOrganisationsNameIsMarked) {
  const std::string text = "Helsinki Citizens Assembly Vanadzor Office said";
  EntityMention office;
  office.first_token = 0;
  office.end_token = 5;
  office.name.kind = v1::ENTITY_KIND_ORGANISATION;
  const Read read = PlacesOf(text, {}, {office});
  bool found = false;
  for (size_t i = 0; i < read.places.size(); ++i) {
    if (TextOf(text, read.places[i]) != "Vanadzor") continue;
    found = true;
    EXPECT_TRUE(read.places[i].in_name);
    EXPECT_EQ(read.codes[i], "AM");
  }
  EXPECT_TRUE(found);
  // A state body named after its town is not an organisation's name.
  EntityMention court = office;
  court.name.kind = v1::ENTITY_KIND_STATE_BODY;
  for (const PlaceMention& m : PlacesOf(text, {}, {court}).places) EXPECT_FALSE(m.in_name);
}

}  // namespace
}  // namespace civicwatch::normalize

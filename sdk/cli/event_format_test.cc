#include "event_format.h"

#include <sstream>

#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

TEST(EventFormatTest, DetailsListTheFactsInOrderAndSkipEmptyText) {
  v1::Event e;
  e.set_name("events/abc");
  e.mutable_date()->set_year(2018);
  e.mutable_date()->set_month(6);
  e.set_country_code("KG");
  e.set_category(v1::CATEGORY_DETENTION);
  e.set_valence(v1::VALENCE_NEGATIVE);
  e.set_summary("Police detained a journalist.");
  std::ostringstream out;
  PrintEventDetails(out, e);
  EXPECT_EQ(out.str().substr(0, out.str().find("review:")),
            "name:         events/abc\n"
            "date:         2018-06\n"
            "country:      KG\n"
            "category:     detention\n"
            "freedom:      -\n"
            "valence:      negative\n"
            "summary:      Police detained a journalist.\n");
}

TEST(EventFormatTest, FactsAreDateCountryCategoryFreedomValenceLocation) {
  v1::Event e;
  e.set_location("Osh");
  std::vector<std::string> labels;
  for (const auto& [label, value] : EventFacts(e)) labels.push_back(label);
  EXPECT_EQ(labels, (std::vector<std::string>{"date", "country", "category", "freedom", "valence",
                                              "location"}));
  EXPECT_EQ(EventFacts(e).back().second, "Osh");
}

}  // namespace
}  // namespace civicwatch::cli

#include "filter_flags.h"

#include "civicwatch/mocks/mock_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<v1::EventFilter> Filter(std::vector<std::string> args, Client* client = nullptr) {
  ArgParser p;
  AddFilterFlags(p);
  auto parsed = p.Parse(args);
  if (!parsed.ok()) return parsed.status();
  return FilterFromFlags(*parsed, client);
}

TEST(FilterFlagsTest, EveryFlag) {
  auto f = Filter({"--country", "kg,KZ", "--from", "2018-06", "--to", "2019", "--category",
                   "detention", "--category", "CATEGORY_FINE", "--freedom", "expression",
                   "--valence", "negative", "--entity", "entities/abc", "--text", "Askarov"});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->country_codes_size(), 2);
  EXPECT_EQ(f->country_codes(0), "KG");
  EXPECT_EQ(f->start_date().year(), 2018);
  EXPECT_EQ(f->start_date().month(), 6);
  EXPECT_EQ(f->start_date().day(), 0);
  EXPECT_EQ(f->end_date().year(), 2019);
  EXPECT_EQ(f->end_date().month(), 0);
  EXPECT_EQ(f->categories_size(), 2);
  EXPECT_EQ(f->categories(1), v1::CATEGORY_FINE);
  EXPECT_EQ(f->freedoms(0), v1::FREEDOM_EXPRESSION);
  EXPECT_EQ(f->valences(0), v1::VALENCE_NEGATIVE);
  EXPECT_EQ(f->entities(0), "entities/abc");
  EXPECT_EQ(f->text(), "Askarov");
}

TEST(FilterFlagsTest, ErrorsNameTheFlag) {
  EXPECT_THAT(std::string(Filter({"--from", "June"}).status().message()), HasSubstr("--from:"));
  EXPECT_THAT(std::string(Filter({"--to", "2018-02-30"}).status().message()), HasSubstr("--to:"));
  EXPECT_THAT(std::string(Filter({"--country", "KGZ"}).status().message()), HasSubstr("--country"));
  EXPECT_THAT(std::string(Filter({"--category", "arrest"}).status().message()),
              HasSubstr("--category:"));
  EXPECT_THAT(std::string(Filter({"--entity", "Askarov"}).status().message()),
              HasSubstr("entities/"));
}

TEST(FilterFlagsTest, PlainEntityNamesAreLookedUp) {
  auto mock = std::make_shared<MockConnection>();
  v1::ListEntitiesResponse page;
  auto* e = page.add_entities();
  e->set_name("entities/42");
  e->set_display_name("Azimjan Askarov");
  e->add_aliases("Askarov");
  page.add_entities()->set_name("entities/43");
  EXPECT_CALL(*mock, ListEntities(testing::_)).WillOnce(testing::Return(page));
  Client client(mock);
  auto f = Filter({"--entity", "askarov"}, &client);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->entities(0), "entities/42");
}

TEST(FilterFlagsTest, FlagForField) {
  EXPECT_EQ(FlagForField("filter.start_date"), "--from");
  EXPECT_EQ(FlagForField("filter.start_date.month"), "--from");
  EXPECT_EQ(FlagForField("filter.country_codes[1]"), "--country");
  EXPECT_EQ(FlagForField("report.body"), "");
}

}  // namespace
}  // namespace civicwatch::cli

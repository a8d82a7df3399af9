// How to test code that uses civicwatch::Client without a server: build the
// Client on a civicwatch::MockConnection and script the answers.
#include <string>
#include <vector>

#include <civicwatch/client.h>
#include <civicwatch/mocks/mock_connection.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ::testing::_;
using ::testing::Return;

// The code under test: the summaries of a country's detentions.
std::vector<std::string> DetentionSummaries(civicwatch::Client& client, const std::string& cc) {
  civicwatch::v1::EventFilter filter;
  filter.add_country_codes(cc);
  filter.add_categories(civicwatch::v1::CATEGORY_DETENTION);
  std::vector<std::string> out;
  for (const auto& e : client.ListEvents(filter)) {
    if (!e.ok()) break;
    out.push_back(e->summary());
  }
  return out;
}

TEST(PartnerCodeTest, ReadsEveryPage) {
  auto mock = std::make_shared<civicwatch::MockConnection>();
  civicwatch::v1::ListEventsResponse first, second;
  first.add_events()->set_summary("Blogger detained");
  first.set_next_page_token("page-2");
  second.add_events()->set_summary("Activist detained");
  EXPECT_CALL(*mock, ListEvents(_))
      .WillOnce([&](const civicwatch::v1::ListEventsRequest& request) {
        EXPECT_EQ(request.filter().country_codes(0), "KG");
        return first;
      })
      .WillOnce(Return(second));

  civicwatch::Client client(mock);
  EXPECT_THAT(DetentionSummaries(client, "KG"),
              ::testing::ElementsAre("Blogger detained", "Activist detained"));
}

}  // namespace

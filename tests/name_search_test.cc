// End to end: a name ingested in one spelling is found by an entity search
// spelled another way (Latin and Cyrillic, dzh/dz/j, ts/c), because ingest's
// normaliser and the query service fold names with one library
// (services/text/fold.h). The real binaries on loopback, driven through the
// SDK.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;

constexpr char kRussianReport[] =
    "Бишкек, 12 марта 2021 года\n\n"
    "Сотрудники ГКНБ задержали правозащитницу Гульнару Джакупову в Бишкеке 10 марта "
    "2021 года. Её обвиняют в призывах к массовым беспорядкам.\n";

constexpr char kEnglishReport[] =
    "Bishkek, 14 April 2021\n\n"
    "Police detained journalist Nurlan Dzhumabaev in Bishkek on 12 April 2021. On 13 April "
    "2021 a court in Osh sentenced activist Aleksandr Kuznetsov to five years in prison.\n";

class NameSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-name-search");
    auto servers = testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    servers_ = std::move(*servers);
    ClientOptions options;
    options.ingest_address = servers_.ingest->address();
    options.query_address = servers_.query->address();
    options.timeout = absl::Seconds(20);
    auto client = Client::Create(options);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = std::move(*client);
  }

  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "--- ingest log\n" << servers_.ingest->ReadLog() << "--- query log\n"
                << servers_.query->ReadLog();
    }
  }

  // The entity name ingest gave the participant displayed as `display_name`.
  std::string IngestAndFind(const std::string& body, const std::string& display_name) {
    v1::Report report;
    report.set_body(body);
    auto created = client_->CreateReport(report);
    EXPECT_TRUE(created.ok()) << created.status();
    if (!created.ok()) return "";
    for (const v1::Event& event : created->events()) {
      for (const v1::Participant& p : event.participants()) {
        if (p.display_name() == display_name) return p.entity();
      }
    }
    ADD_FAILURE() << "ingest named no participant " << display_name;
    return "";
  }

  // The names of the entities a search for `query` finds.
  std::vector<std::string> Find(const std::string& query) {
    std::vector<std::string> names;
    for (const auto& entity : client_->ListEntities(query)) {
      EXPECT_TRUE(entity.ok()) << entity.status();
      if (!entity.ok()) break;
      names.push_back(entity->name());
    }
    return names;
  }

  // Find(query) once the replica holds `expected` (waiting for the change
  // feed), or after 30 s.
  std::vector<std::string> Search(const std::string& query, const std::string& expected) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    std::vector<std::string> names = Find(query);
    while (std::find(names.begin(), names.end(), expected) == names.end() &&
           absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      names = Find(query);
    }
    return names;
  }

  std::string dir_;
  testing::IngestAndQuery servers_;
  std::unique_ptr<Client> client_;
};

TEST_F(NameSearchTest, ACyrillicNameIsFoundByItsLatinSpellings) {
  const std::string entity = IngestAndFind(kRussianReport, "Гульнару Джакупову");
  ASSERT_FALSE(entity.empty());
  for (const std::string query : {"Djakupova", "Dzhakupova", "Dzakupova", "gulnara jakupova"}) {
    EXPECT_EQ(Search(query, entity), std::vector<std::string>{entity}) << query;
  }
}

TEST_F(NameSearchTest, ALatinNameIsFoundByItsCyrillicAndOtherLatinSpellings) {
  const std::string dzhumabaev = IngestAndFind(kEnglishReport, "Nurlan Dzhumabaev");
  const std::string kuznetsov = IngestAndFind(kEnglishReport, "Aleksandr Kuznetsov");
  ASSERT_FALSE(dzhumabaev.empty());
  ASSERT_FALSE(kuznetsov.empty());
  for (const std::string query : {"Jumabaev", "Dzumabaev", "Джумабаев", "Nurlan Djumabayev"}) {
    EXPECT_EQ(Search(query, dzhumabaev), std::vector<std::string>{dzhumabaev}) << query;
  }
  for (const std::string query : {"Kuznecov", "Кузнецов", "Aleksandr Kuznetsova"}) {
    EXPECT_EQ(Search(query, kuznetsov), std::vector<std::string>{kuznetsov}) << query;
  }
}

TEST_F(NameSearchTest, AnotherNameIsNotFound) {
  const std::string entity = IngestAndFind(kEnglishReport, "Aleksandr Kuznetsov");
  ASSERT_FALSE(entity.empty());
  ASSERT_EQ(Search("Kuznetsov", entity), std::vector<std::string>{entity});
  EXPECT_TRUE(Find("Kuzmin").empty());
  EXPECT_TRUE(Find("Джакупова").empty());
}

}  // namespace
}  // namespace civicwatch

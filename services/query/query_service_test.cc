// The handlers over a real read model, called in-process (no network):
// request checks, page tokens, conversions.
#include "services/query/query_service.h"

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/query/test_changes.h"

namespace civicwatch::query {
namespace {

using testing::AddProvenance;
using testing::Batch;
using testing::Date;
using testing::MakeEntity;
using testing::MakeEvent;
using testing::MakeReport;
using testing::Upsert;

// The field named by a grpc::Status built by ToGrpcStatus: its message
// starts with "<field>: ".
std::string FieldOf(const grpc::Status& status) {
  const std::string& m = status.error_message();
  return m.substr(0, m.find(':'));
}

class QueryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat("query_service_test_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto model = ReadModel::Open((dir_ / "query.db").string(), {});
    ASSERT_TRUE(model.ok()) << model.status();
    model_ = std::move(*model);
    service_ = std::make_unique<QueryServiceImpl>(model_.get());

    std::vector<v1::Change> changes;
    changes.push_back(Upsert(1, MakeReport("r1", "Askarov was detained in Bishkek.")));
    changes.push_back(Upsert(2, MakeEntity("askarov", "Azimjan Askarov")));
    for (int i = 0; i < 12; ++i) {
      v1::Event e = MakeEvent(absl::StrCat("e", i), i % 2 ? "KG" : "KZ",
                              i % 4 == 3 ? Date(2018) : Date(2018, 1 + i, 1 + i));
      AddProvenance(e, "r1", 0, 7);
      changes.push_back(Upsert(3 + i, e));
    }
    ASSERT_TRUE(model_->Apply(Batch(std::move(changes))).ok());
  }
  void TearDown() override {
    service_.reset();
    model_.reset();
    std::filesystem::remove_all(dir_);
  }

  grpc::Status List(const v1::ListEventsRequest& request, v1::ListEventsResponse* response) {
    grpc::ServerContext context;
    response->Clear();
    return service_->ListEvents(&context, &request, response);
  }

  std::filesystem::path dir_;
  std::unique_ptr<ReadModel> model_;
  std::unique_ptr<QueryServiceImpl> service_;
};

TEST_F(QueryServiceTest, PagesThroughEverythingWithTokens) {
  v1::ListEventsRequest request;
  request.set_page_size(5);
  request.set_order_by("date desc");
  v1::ListEventsResponse response;
  std::set<std::string> seen;
  int pages = 0;
  do {
    ASSERT_TRUE(List(request, &response).ok());
    EXPECT_EQ(response.total_size(), 12);
    for (const auto& e : response.events()) {
      EXPECT_TRUE(seen.insert(e.name()).second);
      EXPECT_EQ(e.provenance(0).quote(), "");  // Lists stay small.
    }
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!response.next_page_token().empty());
  EXPECT_EQ(seen.size(), 12u);
  EXPECT_EQ(pages, 3);
}

TEST_F(QueryServiceTest, RejectsBadTokens) {
  v1::ListEventsRequest request;
  request.set_page_size(5);
  v1::ListEventsResponse response;
  ASSERT_TRUE(List(request, &response).ok());
  const std::string token = response.next_page_token();
  ASSERT_FALSE(token.empty());

  // The same token with another page size is fine.
  request.set_page_size(7);
  request.set_page_token(token);
  EXPECT_TRUE(List(request, &response).ok());

  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {tampered, token.substr(0, token.size() / 2),
                                 std::string("not a token"), std::string("AAAA")}) {
    request.set_page_token(bad);
    grpc::Status status = List(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(FieldOf(status), "page_token");
  }

  // A token from another filter or order.
  request.set_page_token(token);
  request.mutable_filter()->add_country_codes("KG");
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(status), "page_token");
  request.clear_filter();
  request.set_order_by("date desc");
  EXPECT_EQ(FieldOf(List(request, &response)), "page_token");
}

TEST_F(QueryServiceTest, RejectsBadRequestsNamingTheField) {
  v1::ListEventsResponse response;
  v1::ListEventsRequest request;
  request.set_page_size(-1);
  EXPECT_EQ(FieldOf(List(request, &response)), "page_size");
  request.Clear();
  request.set_order_by("name");
  EXPECT_EQ(FieldOf(List(request, &response)), "order_by");
  request.Clear();
  request.mutable_filter()->add_country_codes("ZZ");
  EXPECT_EQ(FieldOf(List(request, &response)), "filter.country_codes[0]");
  request.Clear();
  *request.mutable_filter()->mutable_start_date() = Date(2018, 6);
  *request.mutable_filter()->mutable_end_date() = Date(2018, 5);
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(status), "filter.end_date");

  grpc::ServerContext context;
  v1::GetEventRequest get;
  get.set_name("reports/r1");
  v1::Event event;
  status = service_->GetEvent(&context, &get, &event);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(status), "name");

  v1::ComputeStatisticsRequest stats;
  v1::ComputeStatisticsResponse stats_response;
  grpc::ServerContext context2;
  status = service_->ComputeStatistics(&context2, &stats, &stats_response);
  EXPECT_EQ(FieldOf(status), "group_by");
}

TEST_F(QueryServiceTest, GetEventQuotesAndNotFound) {
  grpc::ServerContext context;
  v1::GetEventRequest get;
  get.set_name("events/e3");
  v1::Event event;
  ASSERT_TRUE(service_->GetEvent(&context, &get, &event).ok());
  EXPECT_EQ(event.provenance(0).quote(), "Askarov");
  grpc::ServerContext context2;
  get.set_name("events/missing");
  EXPECT_EQ(service_->GetEvent(&context2, &get, &event).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryServiceTest, StatisticsMatchListTotals) {
  grpc::ServerContext context;
  v1::ComputeStatisticsRequest request;
  request.mutable_filter()->add_country_codes("KG");
  request.add_group_by(v1::STATISTICS_DIMENSION_MONTH);
  v1::ComputeStatisticsResponse response;
  ASSERT_TRUE(service_->ComputeStatistics(&context, &request, &response).ok());
  v1::ListEventsRequest list;
  *list.mutable_filter() = request.filter();
  v1::ListEventsResponse listed;
  ASSERT_TRUE(List(list, &listed).ok());
  EXPECT_EQ(response.total(), listed.total_size());
  int64_t sum = 0;
  for (const auto& row : response.rows()) sum += row.count();
  EXPECT_EQ(sum, listed.total_size());
  EXPECT_EQ(response.unplaced(), 3);  // e3, e7, e11 are known only to 2018.
}

TEST_F(QueryServiceTest, ListEntitiesPagesWithTokens) {
  grpc::ServerContext context;
  v1::ListEntitiesRequest request;
  request.set_query("askar");
  v1::ListEntitiesResponse response;
  ASSERT_TRUE(service_->ListEntities(&context, &request, &response).ok());
  ASSERT_EQ(response.entities_size(), 1);
  EXPECT_EQ(response.entities(0).name(), "entities/askarov");
  request.set_page_token("garbage");
  grpc::ServerContext context2;
  EXPECT_EQ(FieldOf(service_->ListEntities(&context2, &request, &response)), "page_token");
}

}  // namespace
}  // namespace civicwatch::query

#include "civicwatch/client.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "civicwatch/mocks/mock_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace civicwatch {
namespace {

using ::testing::_;
using ::testing::Return;

v1::ListEventsResponse Page(std::vector<std::string> summaries, std::string next) {
  v1::ListEventsResponse page;
  for (auto& s : summaries) page.add_events()->set_summary(s);
  page.set_next_page_token(next);
  return page;
}

std::vector<std::string> Summaries(StreamRange<v1::Event> range, absl::Status* error) {
  std::vector<std::string> out;
  for (const absl::StatusOr<v1::Event>& e : range) {
    if (!e.ok()) {
      *error = e.status();
      break;
    }
    out.push_back(e->summary());
  }
  return out;
}

TEST(ClientCreateTest, RejectsBadOptionsNamingTheField) {
  ClientOptions options;
  options.query_address = "";
  auto c = Client::Create(options);
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()), testing::HasSubstr("query_address"));

  options = ClientOptions();
  options.ingest_address = "";
  EXPECT_THAT(std::string(Client::Create(options).status().message()),
              testing::HasSubstr("ingest_address"));

  options = ClientOptions();
  options.timeout = absl::ZeroDuration();
  EXPECT_THAT(std::string(Client::Create(options).status().message()),
              testing::HasSubstr("timeout"));

  options = ClientOptions();
  options.max_retries = -1;
  EXPECT_FALSE(Client::Create(options).ok());

  options = ClientOptions();
  options.token = "Bearer abc";
  EXPECT_THAT(std::string(Client::Create(options).status().message()),
              testing::HasSubstr("token"));

  // A client certificate goes with its key, and only over TLS.
  options = ClientOptions();
  options.tls_root_certs_pem = "roots";
  options.tls_client_cert_pem = "cert";
  EXPECT_THAT(std::string(Client::Create(options).status().message()),
              testing::HasSubstr("tls_client_key_pem"));
  options.tls_client_cert_pem.clear();
  options.tls_client_key_pem = "key";
  EXPECT_THAT(std::string(Client::Create(options).status().message()),
              testing::HasSubstr("tls_client_cert_pem"));
  options.tls_client_cert_pem = "cert";
  options.tls_root_certs_pem.clear();
  EXPECT_THAT(std::string(Client::Create(options).status().message()),
              testing::HasSubstr("tls_root_certs_pem"));
}

TEST(ClientCreateTest, DefaultsConnectLazily) {
  auto c = Client::Create();
  EXPECT_TRUE(c.ok()) << c.status();
}

TEST(ClientCreateTest, UnreachableServerGivesUnavailable) {
  ClientOptions options;
  options.query_address = "127.0.0.1:1";  // Nothing listens on port 1.
  options.timeout = absl::Seconds(5);
  options.max_retries = 1;
  auto c = Client::Create(options);
  ASSERT_TRUE(c.ok());
  auto e = (*c)->GetEvent("events/x");
  EXPECT_EQ(e.status().code(), absl::StatusCode::kUnavailable) << e.status();
}

TEST(ClientTest, ListEventsWalksEveryPageLazily) {
  auto mock = std::make_shared<MockConnection>();
  v1::EventFilter filter;
  filter.add_country_codes("KG");
  std::vector<v1::ListEventsRequest> requests;
  EXPECT_CALL(*mock, ListEvents(_))
      .WillOnce([&](const v1::ListEventsRequest& r) {
        requests.push_back(r);
        return Page({"a", "b"}, "t1");
      })
      .WillOnce([&](const v1::ListEventsRequest& r) {
        requests.push_back(r);
        return Page({}, "t2");  // An empty page that is not the last.
      })
      .WillOnce([&](const v1::ListEventsRequest& r) {
        requests.push_back(r);
        return Page({"c"}, "");
      });
  Client client(mock);
  ListEventsOptions options;
  options.order_by = "date desc";
  options.page_size = 2;
  StreamRange<v1::Event> range = client.ListEvents(filter, options);
  EXPECT_TRUE(requests.empty());  // Nothing fetched before iteration.
  absl::Status error;
  EXPECT_EQ(Summaries(std::move(range), &error), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(error.ok());
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].page_token(), "");
  EXPECT_EQ(requests[1].page_token(), "t1");
  EXPECT_EQ(requests[2].page_token(), "t2");
  for (const auto& r : requests) {
    EXPECT_EQ(r.filter().country_codes(0), "KG");
    EXPECT_EQ(r.order_by(), "date desc");
    EXPECT_EQ(r.page_size(), 2);
  }
}

TEST(ClientTest, ListEventsErrorEndsTheRange) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, ListEvents(_))
      .WillOnce(Return(Page({"a"}, "t1")))
      .WillOnce(Return(absl::InvalidArgumentError("page_token is tampered with")));
  Client client(mock);
  absl::Status error;
  EXPECT_EQ(Summaries(client.ListEvents(v1::EventFilter()), &error),
            std::vector<std::string>{"a"});
  EXPECT_EQ(error.code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientTest, RangeOutlivesTheClient) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, ListEvents(_)).WillOnce(Return(Page({"a"}, "")));
  StreamRange<v1::Event> range = [&] {
    Client client(mock);
    return client.ListEvents(v1::EventFilter());
  }();
  absl::Status error;
  EXPECT_EQ(Summaries(std::move(range), &error), std::vector<std::string>{"a"});
}

TEST(ClientTest, ExportEventsYieldsTheEventsOfTheStream) {
  auto mock = std::make_shared<MockConnection>();
  v1::ExportEventsResponse r1, r2;
  r1.mutable_event()->set_summary("x");
  r2.mutable_event()->set_summary("y");
  EXPECT_CALL(*mock, ExportEvents(_))
      .WillOnce(Return(testing::ByMove(MakeStreamRange<v1::ExportEventsResponse>(
          {r1, r2, absl::UnimplementedError("later")}))));
  Client client(mock);
  absl::Status error;
  EXPECT_EQ(Summaries(client.ExportEvents(v1::EventFilter()), &error),
            (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(error.code(), absl::StatusCode::kUnimplemented);
}

TEST(ClientTest, CreateReportPassesRequestId) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, CreateReport(_))
      .WillOnce([](const v1::CreateReportRequest& r) {
        EXPECT_EQ(r.request_id(), "abc");
        EXPECT_EQ(r.report().body(), "text");
        v1::CreateReportResponse resp;
        resp.mutable_report()->set_name("reports/1");
        return resp;
      });
  Client client(mock);
  v1::Report report;
  report.set_body("text");
  auto resp = client.CreateReport(report, "abc");
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->report().name(), "reports/1");
}

TEST(ClientTest, ImportIncidentsSendsCallsOfAtMost10000AndAddsThemUp) {
  auto mock = std::make_shared<MockConnection>();
  std::vector<size_t> call_sizes;
  EXPECT_CALL(*mock, ImportIncidents(_))
      .Times(3)
      .WillRepeatedly([&](const std::vector<v1::IncidentRecord>& records) {
        call_sizes.push_back(records.size());
        v1::ImportIncidentsResponse resp;
        resp.set_created(static_cast<int64_t>(records.size()) - 1);
        // The server numbers rejected records within its call.
        v1::RejectedRecord* rejected = resp.add_rejected();
        rejected->set_index(0);
        rejected->set_external_id(records[0].external_id());
        return resp;
      });
  std::vector<v1::IncidentRecord> records(25000);
  for (size_t i = 0; i < records.size(); ++i) {
    records[i].set_external_id(absl::StrCat("r", i));
  }
  Client client(mock);
  auto resp = client.ImportIncidents(records);
  ASSERT_TRUE(resp.ok()) << resp.status();
  EXPECT_EQ(call_sizes, (std::vector<size_t>{10000, 10000, 5000}));
  EXPECT_EQ(resp->created(), 25000 - 3);
  ASSERT_EQ(resp->rejected_size(), 3);
  EXPECT_EQ(resp->rejected(1).index(), 10000);
  EXPECT_EQ(resp->rejected(1).external_id(), "r10000");
  EXPECT_EQ(resp->rejected(2).index(), 20000);
}

TEST(ClientTest, ImportIncidentsStopsAtTheFirstFailedCall) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, ImportIncidents(_))
      .WillOnce(Return(absl::PermissionDeniedError("needs ingest.write")));
  Client client(mock);
  auto resp = client.ImportIncidents(std::vector<v1::IncidentRecord>(20001));
  EXPECT_EQ(resp.status().code(), absl::StatusCode::kPermissionDenied);
}

TEST(ClientTest, ComputeStatisticsBuildsTheRequest) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, ComputeStatistics(_))
      .WillOnce([](const v1::ComputeStatisticsRequest& r) {
        EXPECT_EQ(r.group_by_size(), 2);
        EXPECT_EQ(r.group_by(0), v1::STATISTICS_DIMENSION_CATEGORY);
        EXPECT_EQ(r.filter().country_codes(0), "KG");
        return v1::ComputeStatisticsResponse();
      });
  Client client(mock);
  v1::EventFilter f;
  f.add_country_codes("KG");
  EXPECT_TRUE(client
                  .ComputeStatistics(f, {v1::STATISTICS_DIMENSION_CATEGORY,
                                         v1::STATISTICS_DIMENSION_MONTH})
                  .ok());
}

TEST(ClientTest, UpdateEventSendsTheMaskTheEtagAndTheComment) {
  auto mock = std::make_shared<MockConnection>();
  v1::UpdateEventRequest sent;
  v1::Event stored;
  stored.set_review_state(v1::REVIEW_STATE_CORRECTED);
  EXPECT_CALL(*mock, UpdateEvent(_))
      .WillOnce([&](const v1::UpdateEventRequest& r) {
        sent = r;
        return absl::StatusOr<v1::Event>(stored);
      });
  Client client(mock);
  v1::Event edit;
  edit.set_name("events/1");
  edit.set_etag("e1");
  edit.set_category(v1::CATEGORY_FINE);
  auto result = client.UpdateEvent(edit, {"category", "date"}, "why");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(sent.event().etag(), "e1");
  ASSERT_EQ(sent.update_mask().paths_size(), 2);
  EXPECT_EQ(sent.update_mask().paths(1), "date");
  EXPECT_EQ(sent.comment(), "why");
}

TEST(ClientTest, ConfirmAndRejectNameTheEventAndCarryTheirErrors) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, ConfirmEvent(_)).WillOnce([](const v1::ConfirmEventRequest& r) {
    EXPECT_EQ(r.name(), "events/7");
    EXPECT_EQ(r.etag(), "old");
    return absl::StatusOr<v1::Event>(absl::AbortedError("etag: stale"));
  });
  EXPECT_CALL(*mock, RejectEvent(_)).WillOnce([](const v1::RejectEventRequest& r) {
    EXPECT_EQ(r.comment(), "not an incident");
    v1::Event e;
    e.set_review_state(v1::REVIEW_STATE_REJECTED);
    return absl::StatusOr<v1::Event>(e);
  });
  Client client(mock);
  EXPECT_EQ(client.ConfirmEvent("events/7", "old").status().code(), absl::StatusCode::kAborted);
  auto rejected = client.RejectEvent("events/7", "", "not an incident");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->review_state(), v1::REVIEW_STATE_REJECTED);
}

TEST(ClientTest, ListEventRevisionsWalksEveryPage) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, ListEventRevisions(_))
      .WillOnce([](const v1::ListEventRevisionsRequest& r) {
        EXPECT_EQ(r.name(), "events/9");
        EXPECT_EQ(r.page_token(), "");
        v1::ListEventRevisionsResponse page;
        page.add_revisions()->set_name("events/9/revisions/1");
        page.set_next_page_token("t");
        return absl::StatusOr<v1::ListEventRevisionsResponse>(page);
      })
      .WillOnce([](const v1::ListEventRevisionsRequest& r) {
        EXPECT_EQ(r.page_token(), "t");
        v1::ListEventRevisionsResponse page;
        page.add_revisions()->set_name("events/9/revisions/2");
        return absl::StatusOr<v1::ListEventRevisionsResponse>(page);
      });
  Client client(mock);
  std::vector<std::string> names;
  for (auto& r : client.ListEventRevisions("events/9")) {
    ASSERT_TRUE(r.ok());
    names.push_back(r->name());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"events/9/revisions/1", "events/9/revisions/2"}));
}

TEST(ClientTest, CreateEventSendsTheEvent) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, CreateEvent(_)).WillOnce([](const v1::CreateEventRequest& r) {
    EXPECT_EQ(r.event().provenance(0).report(), "reports/1");
    EXPECT_EQ(r.comment(), "missed");
    return absl::StatusOr<v1::Event>(absl::AlreadyExistsError("exists"));
  });
  Client client(mock);
  v1::Event e;
  e.add_provenance()->set_report("reports/1");
  EXPECT_EQ(client.CreateEvent(e, "missed").status().code(), absl::StatusCode::kAlreadyExists);
}

TEST(ClientTest, ErrorsComeBackUnchanged) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, GetEntity(_)).WillOnce(Return(absl::NotFoundError("entities/x")));
  Client client(mock);
  EXPECT_EQ(client.GetEntity("entities/x").status(), absl::NotFoundError("entities/x"));
}

}  // namespace
}  // namespace civicwatch

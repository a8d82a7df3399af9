// The authorisation matrix, against the secured cluster (secured_cluster.h):
// every method of IngestService, ChangeFeed, QueryService and AdminService
// is called by every kind of principal (no token, a wrong token, a token
// with each single scope, a token with all scopes) and must answer exactly
// UNAUTHENTICATED, PERMISSION_DENIED, or what the method answers to a caller
// it lets in. An authorization header that is not "Bearer <token>" counts
// as no token.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/secured_cluster.h"
#include "tests/security/security_support.h"

namespace civicwatch::security {
namespace {

using testing::AddBearer;

// One method: the scope it needs, what it answers a caller it lets in, and
// how to call it with a prepared context.
struct MethodCase {
  std::string method;  // "Service/Method", also the test's name
  std::string scope;
  grpc::StatusCode allowed;
  std::function<grpc::Status(Cluster&, grpc::ClientContext&)> call;
};

// Ingest's methods, writes and review included.
std::vector<MethodCase> IngestMethodCases() {
  using grpc::StatusCode;
  auto ingest = [](Cluster& c) { return v1::IngestService::NewStub(c.ingest_channel); };
  auto public_event = [](Cluster& c) {
    return c.created.at(v1::CONFIDENTIALITY_PUBLIC).events(0);
  };
  return {
      // An empty request: a caller let in gets the validation error, so the
      // matrix stores nothing new.
      {"IngestService/CreateReport", kIngestWrite, StatusCode::INVALID_ARGUMENT,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::CreateReportResponse r;
         return ingest(c)->CreateReport(&ctx, v1::CreateReportRequest(), &r);
       }},
      {"IngestService/NormalizeReport", kIngestWrite, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::NormalizeReportRequest req;
         req.mutable_report()->set_body(SampleReports()[0].body);
         v1::NormalizeReportResponse r;
         return ingest(c)->NormalizeReport(&ctx, req, &r);
       }},
      {"IngestService/GetReport", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::GetReportRequest req;
         req.set_name(c.created.at(v1::CONFIDENTIALITY_PUBLIC).report().name());
         v1::Report r;
         return ingest(c)->GetReport(&ctx, req, &r);
       }},
      {"IngestService/ListReports", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ListReportsResponse r;
         return ingest(c)->ListReports(&ctx, v1::ListReportsRequest(), &r);
       }},
      // An empty import: a caller let in gets an empty summary, so the
      // matrix stores nothing new.
      {"IngestService/ImportIncidents", kIngestWrite, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ImportIncidentsResponse r;
         auto writer = ingest(c)->ImportIncidents(&ctx, &r);
         writer->WritesDone();
         return writer->Finish();
       }},
      // Review: callers let in get a validation error or NOT_FOUND, so the
      // matrix changes no event.
      {"IngestService/UpdateEvent", kReviewWrite, StatusCode::INVALID_ARGUMENT,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::UpdateEventRequest req;
         req.mutable_event()->set_name(public_event(c).name());
         v1::Event r;
         return ingest(c)->UpdateEvent(&ctx, req, &r);
       }},
      {"IngestService/ConfirmEvent", kReviewWrite, StatusCode::NOT_FOUND,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ConfirmEventRequest req;
         req.set_name("events/00000000000000000000");
         v1::Event r;
         return ingest(c)->ConfirmEvent(&ctx, req, &r);
       }},
      {"IngestService/RejectEvent", kReviewWrite, StatusCode::NOT_FOUND,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::RejectEventRequest req;
         req.set_name("events/00000000000000000000");
         v1::Event r;
         return ingest(c)->RejectEvent(&ctx, req, &r);
       }},
      {"IngestService/CreateEvent", kReviewWrite, StatusCode::INVALID_ARGUMENT,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::Event r;
         return ingest(c)->CreateEvent(&ctx, v1::CreateEventRequest(), &r);
       }},
      {"IngestService/ListEventRevisions", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ListEventRevisionsRequest req;
         req.set_name(public_event(c).name());
         v1::ListEventRevisionsResponse r;
         return ingest(c)->ListEventRevisions(&ctx, req, &r);
       }},
      {"IngestService/ListMergeCandidates", kReviewWrite, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ListMergeCandidatesResponse r;
         return ingest(c)->ListMergeCandidates(&ctx, v1::ListMergeCandidatesRequest(), &r);
       }},
      {"IngestService/MergeEvents", kReviewWrite, StatusCode::NOT_FOUND,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::MergeEventsRequest req;
         req.set_name("events/00000000000000000000");
         req.add_events("events/00000000000000000001");
         v1::Event r;
         return ingest(c)->MergeEvents(&ctx, req, &r);
       }},
      {"IngestService/SplitEvent", kReviewWrite, StatusCode::NOT_FOUND,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::SplitEventRequest req;
         req.set_name("events/00000000000000000000");
         req.add_mentions()->set_report("reports/00000000000000000000");
         v1::SplitEventResponse r;
         return ingest(c)->SplitEvent(&ctx, req, &r);
       }},
  };
}

// The change feed, both servers' admin service, and the query service.
std::vector<MethodCase> FeedAdminAndQueryMethodCases() {
  using grpc::StatusCode;
  auto query = [](Cluster& c) { return v1::QueryService::NewStub(c.query_channel); };
  auto public_event = [](Cluster& c) {
    return c.created.at(v1::CONFIDENTIALITY_PUBLIC).events(0);
  };
  return {
      // The feed never ends by itself: a caller let in gets the backlog's
      // first message, and the call is then cancelled.
      {"ChangeFeed/WatchChanges", kFeedRead, StatusCode::OK,
       [](Cluster& c, grpc::ClientContext& ctx) {
         auto reader = v1::ChangeFeed::NewStub(c.ingest_channel)
                           ->WatchChanges(&ctx, v1::WatchChangesRequest());
         v1::WatchChangesResponse first;
         if (reader->Read(&first)) {
           ctx.TryCancel();
           reader->Finish();
           return first.changes().empty()
                      ? grpc::Status(StatusCode::INTERNAL, "empty first feed message")
                      : grpc::Status::OK;
         }
         return reader->Finish();
       }},
      {"AdminService/GetServerInfo", kAdmin, StatusCode::OK,
       [](Cluster& c, grpc::ClientContext& ctx) {
         v1::ServerInfo r;
         return v1::AdminService::NewStub(c.ingest_channel)
             ->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &r);
       }},
      // No job was started: an allowed caller is told there is none.
      {"AdminService/GetRenormalization", kAdmin, StatusCode::NOT_FOUND,
       [](Cluster& c, grpc::ClientContext& ctx) {
         v1::GetRenormalizationRequest req;
         req.set_name("renormalizations/latest");
         v1::Renormalization r;
         return v1::AdminService::NewStub(c.ingest_channel)->GetRenormalization(&ctx, req, &r);
       }},
      {"AdminService/GetServerInfo_OfTheQueryServer", kAdmin, StatusCode::OK,
       [](Cluster& c, grpc::ClientContext& ctx) {
         v1::ServerInfo r;
         return v1::AdminService::NewStub(c.query_channel)
             ->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &r);
       }},
      {"QueryService/ListEvents", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ListEventsResponse r;
         return query(c)->ListEvents(&ctx, v1::ListEventsRequest(), &r);
       }},
      {"QueryService/ExportEvents", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         auto reader = query(c)->ExportEvents(&ctx, v1::ExportEventsRequest());
         v1::ExportEventsResponse r;
         while (reader->Read(&r)) {
         }
         return reader->Finish();
       }},
      {"QueryService/GetEvent", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::GetEventRequest req;
         req.set_name(public_event(c).name());
         v1::Event r;
         return query(c)->GetEvent(&ctx, req, &r);
       }},
      {"QueryService/ComputeStatistics", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ComputeStatisticsRequest req;
         req.add_group_by(v1::STATISTICS_DIMENSION_COUNTRY);
         v1::ComputeStatisticsResponse r;
         return query(c)->ComputeStatistics(&ctx, req, &r);
       }},
      {"QueryService/GetEntity", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::GetEntityRequest req;
         // A named copy: the loop must not run over a temporary's field.
         const v1::Event event = public_event(c);
         for (const auto& p : event.participants()) {
           if (!p.entity().empty()) req.set_name(p.entity());
         }
         v1::Entity r;
         return query(c)->GetEntity(&ctx, req, &r);
       }},
      {"QueryService/ListEntities", kQueryRead, StatusCode::OK,
       [=](Cluster& c, grpc::ClientContext& ctx) {
         v1::ListEntitiesResponse r;
         return query(c)->ListEntities(&ctx, v1::ListEntitiesRequest(), &r);
       }},
  };
}

std::vector<MethodCase> MethodCases() {
  std::vector<MethodCase> cases = IngestMethodCases();
  for (MethodCase& m : FeedAdminAndQueryMethodCases()) cases.push_back(std::move(m));
  return cases;
}

class AuthorizationMatrixTest : public SecuredClusterTest,
                                public ::testing::WithParamInterface<MethodCase> {};

TEST_P(AuthorizationMatrixTest, EveryPrincipalGetsTheExactStatus) {
  const MethodCase& m = GetParam();
  for (const Principal& p : c().matrix) {
    SCOPED_TRACE(absl::StrCat(m.method, " called by ", p.label));
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    grpc::Status s = m.call(c(), ctx);
    grpc::StatusCode expected = p.token.empty() || p.scopes.empty()
                                    ? grpc::StatusCode::UNAUTHENTICATED
                                : p.Has(m.scope) ? m.allowed
                                                 : grpc::StatusCode::PERMISSION_DENIED;
    EXPECT_EQ(s.error_code(), expected) << s.error_message();
    if (expected == grpc::StatusCode::PERMISSION_DENIED) {
      // The refusal names the missing scope, and only that.
      EXPECT_TRUE(absl::StrContains(s.error_message(), m.scope)) << s.error_message();
    }
    if (expected == grpc::StatusCode::UNAUTHENTICATED) {
      // Nothing about which tokens exist.
      EXPECT_FALSE(absl::StrContains(s.error_message(), "sha256")) << s.error_message();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Methods, AuthorizationMatrixTest, ::testing::ValuesIn(MethodCases()),
    [](const ::testing::TestParamInfo<MethodCase>& info) {
      return absl::StrReplaceAll(info.param.method, {{"/", "_"}});
    });

// A header that is not "Bearer <token>" is no token at all.
TEST_F(SecuredClusterTest, MalformedAuthorizationHeadersAreUnauthenticated) {
  auto stub = v1::QueryService::NewStub(c().query_channel);
  const std::string good = c().readers.back().token;
  for (const std::string& header :
       {"Basic " + good, good, std::string("Bearer "), "Bearer " + good + "x",
        "Bearer sha256:" + testing::Sha256Hex(good)}) {
    SCOPED_TRACE(header);
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    ctx.AddMetadata("authorization", header);
    v1::ListEventsResponse r;
    grpc::Status s = stub->ListEvents(&ctx, v1::ListEventsRequest(), &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << s.error_message();
  }
}

}  // namespace
}  // namespace civicwatch::security

// The confidentiality levels on the secured cluster: one report each PUBLIC,
// RESTRICTED and CONFIDENTIAL, read back by callers with and without
// query.restricted and query.confidential through every read path (list,
// export, get, review, statistics, filters, entities, ingest's reports),
// checking that nothing the caller may not see leaks.
#include <grpcpp/grpcpp.h>

#include <map>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/confidentiality_checks.h"
#include "tests/security/secured_cluster.h"
#include "tests/security/security_support.h"

namespace civicwatch::security {
namespace {

using testing::AddBearer;

TEST_F(SecuredClusterTest, TheSampleCoversEveryLevelWithPersons) {
  for (const SampleReport& sample : SampleReports()) {
    SCOPED_TRACE(v1::Confidentiality_Name(sample.level));
    bool person = false;
    for (const v1::Event& e : c().created.at(sample.level).events()) {
      EXPECT_EQ(e.confidentiality(), sample.level);
      for (const auto& part : e.participants()) {
        person |= part.kind() == v1::ENTITY_KIND_PERSON && !part.entity().empty();
      }
    }
    EXPECT_TRUE(person) << "the normaliser found no person, so the test would prove little";
  }
}

TEST_F(SecuredClusterTest, ListEventsShowsEachCallerOnlyWhatItMaySee) {
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    std::set<std::string> names;
    for (const v1::Event& e : ListAll(p, c())) {
      ExpectSeenAs(p, e, c());
      names.insert(e.name());
    }
    EXPECT_EQ(names, ExpectedEventNames(p, c()));
  }
}

TEST_F(SecuredClusterTest, ExportEventsShowsEachCallerOnlyWhatItMaySee) {
  auto stub = v1::QueryService::NewStub(c().query_channel);
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    auto reader = stub->ExportEvents(&ctx, v1::ExportEventsRequest());
    std::set<std::string> names;
    v1::ExportEventsResponse resp;
    while (reader->Read(&resp)) {
      ExpectSeenAs(p, resp.event(), c());
      names.insert(resp.event().name());
    }
    grpc::Status s = reader->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(names, ExpectedEventNames(p, c()));
  }
}

TEST_F(SecuredClusterTest, GetEventOfAHiddenEventIsNotFound) {
  for (const Principal& p : c().readers) {
    for (const auto& [name, stored] : c().events) {
      SCOPED_TRACE(absl::StrCat(p.label, " gets ", name));
      v1::Event got;
      grpc::Status s = GetEventAs(p, name, &got);
      if (MaySee(p, stored)) {
        ASSERT_TRUE(s.ok()) << s.error_message();
        ExpectSeenAs(p, got, c());
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
        EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(s.error_message()), "confidential"))
            << "the error must read as for an event that does not exist";
      }
    }
  }
}

TEST_F(SecuredClusterTest, ReviewingAHiddenEventIsAnsweredAsForAnEventThatDoesNotExist) {
  auto stub = v1::IngestService::NewStub(c().ingest_channel);
  for (const Principal& p : c().reviewers) {
    for (const auto& [name, stored] : c().events) {
      SCOPED_TRACE(absl::StrCat(p.label, " reviews ", name, " (",
                                v1::Confidentiality_Name(stored.confidentiality()), ")"));
      // The level decides: confidential unseen is NOT_FOUND, restricted
      // without its scope PERMISSION_DENIED; a stale etag is what a caller
      // that may review it gets, and nothing is written.
      grpc::StatusCode expected = grpc::StatusCode::ABORTED;
      if (!MaySee(p, stored)) {
        expected = grpc::StatusCode::NOT_FOUND;
      } else if (stored.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED && !p.Has(kQueryRestricted)) {
        expected = grpc::StatusCode::PERMISSION_DENIED;
      }
      {
        grpc::ClientContext ctx;
        ctx.set_deadline(Deadline());
        AddBearer(ctx, p.token);
        v1::ConfirmEventRequest req;
        req.set_name(name);
        req.set_etag("\"stale\"");
        v1::Event r;
        grpc::Status s = stub->ConfirmEvent(&ctx, req, &r);
        EXPECT_EQ(s.error_code(), expected) << s.error_message();
        if (expected == grpc::StatusCode::NOT_FOUND) {
          EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(s.error_message()), "confidential"));
        }
      }
      {
        grpc::ClientContext ctx;
        ctx.set_deadline(Deadline());
        AddBearer(ctx, p.token);
        v1::UpdateEventRequest req;
        req.mutable_event()->set_name(name);
        req.mutable_event()->set_etag("\"stale\"");
        req.mutable_event()->set_summary("edited");
        req.mutable_update_mask()->add_paths("summary");
        v1::Event r;
        grpc::Status s = stub->UpdateEvent(&ctx, req, &r);
        EXPECT_EQ(s.error_code(), expected) << s.error_message();
      }
      {
        grpc::ClientContext ctx;
        ctx.set_deadline(Deadline());
        AddBearer(ctx, p.token);
        v1::ListEventRevisionsRequest req;
        req.set_name(name);
        v1::ListEventRevisionsResponse r;
        grpc::Status s = stub->ListEventRevisions(&ctx, req, &r);
        EXPECT_EQ(s.error_code(), expected == grpc::StatusCode::ABORTED ? grpc::StatusCode::OK : expected)
            << s.error_message();
      }
    }
  }
}

TEST_F(SecuredClusterTest, StatisticsCountOnlyVisibleEvents) {
  auto stub = v1::QueryService::NewStub(c().query_channel);
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    std::map<std::string, int64_t> expected_by_country;
    for (const auto& [name, e] : c().events) {
      if (MaySee(p, e)) ++expected_by_country[e.country_code()];
    }
    {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      v1::ComputeStatisticsRequest req;
      req.add_group_by(v1::STATISTICS_DIMENSION_COUNTRY);
      v1::ComputeStatisticsResponse resp;
      grpc::Status s = stub->ComputeStatistics(&ctx, req, &resp);
      ASSERT_TRUE(s.ok()) << s.error_message();
      EXPECT_EQ(resp.total(), static_cast<int64_t>(ExpectedEventNames(p, c()).size()));
      std::map<std::string, int64_t> by_country;
      for (const auto& row : resp.rows()) {
        ASSERT_EQ(row.keys_size(), 1);
        by_country[row.keys(0)] += row.count();
      }
      EXPECT_EQ(by_country, expected_by_country);
    }
    {
      // Grouped by entity, no hidden entity shows, not even as a key.
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      v1::ComputeStatisticsRequest req;
      req.add_group_by(v1::STATISTICS_DIMENSION_ENTITY);
      v1::ComputeStatisticsResponse resp;
      grpc::Status s = stub->ComputeStatistics(&ctx, req, &resp);
      ASSERT_TRUE(s.ok()) << s.error_message();
      const std::set<std::string> visible = VisibleEntities(p, c());
      for (const std::string& entity : AllEntities(c())) {
        if (visible.count(entity) > 0) continue;
        for (const auto& row : resp.rows()) {
          for (const std::string& key : row.keys()) {
            EXPECT_FALSE(absl::StrContains(key, entity.substr(entity.find('/') + 1)))
                << "hidden " << entity << " in a statistics key " << key;
          }
        }
      }
    }
  }
}

TEST_F(SecuredClusterTest, FiltersRevealNoHiddenEvent) {
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    // By confidentiality level.
    v1::EventFilter confidential;
    confidential.add_confidentialities(v1::CONFIDENTIALITY_CONFIDENTIAL);
    EXPECT_EQ(ListAll(p, c(), confidential).empty(), !p.Has(kQueryConfidential));
    // By an entity the caller may not know of.
    const std::set<std::string> visible = VisibleEntities(p, c());
    for (const std::string& entity : AllEntities(c())) {
      if (visible.count(entity) > 0) continue;
      SCOPED_TRACE(entity);
      v1::EventFilter by_entity;
      by_entity.add_entities(entity);
      EXPECT_TRUE(ListAll(p, c(), by_entity).empty());
    }
    // By a word that appears only in the confidential report.
    v1::EventFilter text;
    text.set_text("Rakhimova");
    EXPECT_EQ(ListAll(p, c(), text).empty(), !p.Has(kQueryConfidential));
  }
}

TEST_F(SecuredClusterTest, EntitiesSeenOnlyInHiddenEventsAreHidden) {
  auto stub = v1::QueryService::NewStub(c().query_channel);
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    const std::set<std::string> visible = VisibleEntities(p, c());
    for (const std::string& entity : AllEntities(c())) {
      SCOPED_TRACE(entity);
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      v1::GetEntityRequest req;
      req.set_name(entity);
      v1::Entity got;
      grpc::Status s = stub->GetEntity(&ctx, req, &got);
      if (visible.count(entity) > 0) {
        EXPECT_TRUE(s.ok()) << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
      }
    }
    std::set<std::string> listed;
    std::string token;
    do {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      v1::ListEntitiesRequest req;
      req.set_page_token(token);
      v1::ListEntitiesResponse resp;
      grpc::Status s = stub->ListEntities(&ctx, req, &resp);
      ASSERT_TRUE(s.ok()) << s.error_message();
      for (const auto& e : resp.entities()) listed.insert(e.name());
      token = resp.next_page_token();
    } while (!token.empty());
    EXPECT_EQ(listed, visible);
  }
}

TEST_F(SecuredClusterTest, IngestReportsHideWhatTheCallerMayNotRead) {
  auto stub = v1::IngestService::NewStub(c().ingest_channel);
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    std::set<std::string> listed;
    std::string token;
    int64_t total = -1;
    do {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      v1::ListReportsRequest req;
      req.set_page_size(1);
      req.set_page_token(token);
      v1::ListReportsResponse resp;
      grpc::Status s = stub->ListReports(&ctx, req, &resp);
      ASSERT_TRUE(s.ok()) << s.error_message();
      for (const auto& r : resp.reports()) listed.insert(r.name());
      total = resp.total_size();
      token = resp.next_page_token();
    } while (!token.empty());
    std::set<std::string> expected;
    for (const auto& [level, created] : c().created) {
      if (level != v1::CONFIDENTIALITY_CONFIDENTIAL || p.Has(kQueryConfidential)) {
        expected.insert(created.report().name());
      }
    }
    EXPECT_EQ(listed, expected);
    EXPECT_EQ(total, static_cast<int64_t>(expected.size()));

    for (const auto& [level, created] : c().created) {
      SCOPED_TRACE(v1::Confidentiality_Name(level));
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      v1::GetReportRequest req;
      req.set_name(created.report().name());
      req.set_view(v1::REPORT_VIEW_FULL);
      v1::Report got;
      grpc::Status s = stub->GetReport(&ctx, req, &got);
      if (level == v1::CONFIDENTIALITY_CONFIDENTIAL && !p.Has(kQueryConfidential)) {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
        continue;
      }
      ASSERT_TRUE(s.ok()) << s.error_message();
      // The body names the people of a restricted report verbatim.
      // (CreateReport answers without the body, so compare with the sample.)
      std::string sent;
      for (const SampleReport& sample : SampleReports()) {
        if (sample.level == level) sent = sample.body;
      }
      ASSERT_FALSE(sent.empty());
      // So does the original.
      if (level == v1::CONFIDENTIALITY_RESTRICTED && !p.Has(kQueryRestricted)) {
        EXPECT_EQ(got.body(), "");
        EXPECT_EQ(got.original().content(), "");
        EXPECT_EQ(got.original().sha256(), "");
      } else {
        EXPECT_EQ(got.body(), sent);
        EXPECT_EQ(got.original().content(), sent);
      }
    }
  }
}

}  // namespace
}  // namespace civicwatch::security

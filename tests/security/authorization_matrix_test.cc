// The authorisation matrix, against the real binaries: civicwatch-ingest and
// civicwatch-query started with --auth_tokens (a tokens file of throw-away
// tokens in the test's temporary folder), the query service following
// ingest with a feed.read token of its own.
//
// Every method of IngestService, ChangeFeed, QueryService and AdminService
// is called by every kind of principal (no token, a wrong token, a token
// with each single scope, a token with all scopes) and must answer exactly
// UNAUTHENTICATED, PERMISSION_DENIED, or what the method answers to a caller
// it lets in.
//
// Then the confidentiality levels: one report each PUBLIC, RESTRICTED and
// CONFIDENTIAL, read back by callers with and without query.restricted and
// query.confidential, through every read path (list, export, get,
// statistics, filters, text search, entities, ingest's reports), checking
// that nothing the caller may not see leaks, and that the audit log
// (--audit_log) records the reads of protected events.
#include <grpcpp/grpcpp.h>

#include <signal.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/security_support.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::AddBearer;
using testing::MakePrincipal;
using testing::MakeTempDir;
using testing::Principal;
using testing::ServerProcess;

constexpr char kIngestWrite[] = "ingest.write";
constexpr char kQueryRead[] = "query.read";
constexpr char kQueryRestricted[] = "query.restricted";
constexpr char kQueryConfidential[] = "query.confidential";
constexpr char kFeedRead[] = "feed.read";
constexpr char kAdmin[] = "admin";
constexpr char kReviewWrite[] = "review.write";
constexpr char kWithheld[] = "[withheld]";

std::chrono::system_clock::time_point Deadline(int seconds = 10) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

// One report per confidentiality level; each names a person of its own so
// that an entity seen only in a hidden event can be recognised.
struct SampleReport {
  v1::Confidentiality level;
  std::string country;
  std::string body;
};

const std::vector<SampleReport>& SampleReports() {
  static const auto* reports = new std::vector<SampleReport>{
      {v1::CONFIDENTIALITY_PUBLIC, "KZ",
       "Kazakhstan: civic space update\n\n"
       "On 3rd May 2021 activist Aigul Nurlanova was detained by police in Almaty after a "
       "peaceful protest.\n"},
      {v1::CONFIDENTIALITY_RESTRICTED, "KG",
       "Kyrgyzstan: civic space update\n\n"
       "On 12th June 2021 human rights defender Bakyt Omurbekov was summoned for questioning "
       "by the State Committee of National Security in Bishkek.\n"},
      {v1::CONFIDENTIALITY_CONFIDENTIAL, "TJ",
       "Tajikistan: civic space update\n\n"
       "On 20th July 2021 journalist Dilnoza Rakhimova was attacked by unknown men in "
       "Dushanbe.\n"},
  };
  return *reports;
}

// The two servers with authentication on, the principals of the matrix,
// and the reports and events ingest stored. Started once per test binary
// run (each ctest entry runs one test, so once per test).
struct Cluster {
  std::string dir;
  std::unique_ptr<ServerProcess> ingest;
  std::unique_ptr<ServerProcess> query;
  std::shared_ptr<grpc::Channel> ingest_channel;
  std::shared_ptr<grpc::Channel> query_channel;

  // The matrix: no token, a wrong token, each single scope, all scopes.
  std::vector<Principal> matrix;
  // Readers with query.read plus none, either or both of the two
  // confidentiality scopes.
  std::vector<Principal> readers;
  // Reviewers with review.write and query.read, without and with the two
  // confidentiality scopes.
  std::vector<Principal> reviewers;
  Principal admin_all;

  // What ingest stored, by level and by event name.
  std::map<v1::Confidentiality, v1::CreateReportResponse> created;
  std::map<std::string, v1::Event> events;

  // The query service's --audit_log file.
  std::string audit_log;

  std::string Logs() const {
    return absl::StrCat("--- ingest log\n", ingest ? ingest->ReadLog() : "", "--- query log\n",
                        query ? query->ReadLog() : "");
  }
};

Cluster* cluster = nullptr;
std::string cluster_error;

std::string StartCluster(Cluster& c) {
  c.dir = MakeTempDir("cw-authz");
  c.audit_log = c.dir + "/audit.jsonl";
  c.matrix.push_back(Principal{"no-token", "", {}});
  // A token that looks right but is in no tokens file.
  c.matrix.push_back(Principal{"wrong-token", testing::RandomToken(), {}});
  for (const std::string& scope : testing::AllScopes()) {
    c.matrix.push_back(MakePrincipal("only-" + scope, {scope}));
  }
  std::set<std::string> all(testing::AllScopes().begin(), testing::AllScopes().end());
  c.admin_all = MakePrincipal("all-scopes", all);
  c.matrix.push_back(c.admin_all);
  c.readers = {MakePrincipal("reader", {kQueryRead}),
               MakePrincipal("reader-restricted", {kQueryRead, kQueryRestricted}),
               MakePrincipal("reader-confidential", {kQueryRead, kQueryConfidential}),
               MakePrincipal("reader-both", {kQueryRead, kQueryRestricted, kQueryConfidential})};
  c.reviewers = {MakePrincipal("reviewer", {kReviewWrite, kQueryRead}),
                 MakePrincipal("reviewer-both",
                               {kReviewWrite, kQueryRead, kQueryRestricted, kQueryConfidential})};
  Principal replica = MakePrincipal("query-replica", {kFeedRead});

  std::vector<Principal> in_file = c.matrix;
  in_file.insert(in_file.end(), c.readers.begin(), c.readers.end());
  in_file.insert(in_file.end(), c.reviewers.begin(), c.reviewers.end());
  in_file.push_back(replica);
  const std::string tokens = c.dir + "/tokens";
  testing::WriteFile(tokens, testing::TokensFileText(in_file));
  testing::WriteFile(c.dir + "/replica-token", replica.token + "\n");

  c.ingest = std::make_unique<ServerProcess>(
      CIVICWATCH_INGEST_BIN,
      std::vector<std::string>{"--data_dir=" + c.dir + "/ingest", "--auth_tokens=" + tokens},
      c.dir + "/ingest.log");
  if (absl::Status s = c.ingest->Start(); !s.ok()) return std::string(s.message());
  c.query = std::make_unique<ServerProcess>(
      CIVICWATCH_QUERY_BIN,
      std::vector<std::string>{"--data_dir=" + c.dir + "/query", "--auth_tokens=" + tokens,
                               "--ingest_address=" + c.ingest->address(),
                               "--ingest_token_file=" + c.dir + "/replica-token",
                               "--audit_log=" + c.dir + "/audit.jsonl"},
      c.dir + "/query.log");
  if (absl::Status s = c.query->Start(); !s.ok()) return std::string(s.message());
  c.ingest_channel = grpc::CreateChannel(c.ingest->address(), grpc::InsecureChannelCredentials());
  c.query_channel = grpc::CreateChannel(c.query->address(), grpc::InsecureChannelCredentials());

  auto ingest_stub = v1::IngestService::NewStub(c.ingest_channel);
  for (const SampleReport& sample : SampleReports()) {
    v1::CreateReportRequest request;
    // Sent as a document, so that its original is kept and withheld like
    // its body.
    request.mutable_report()->mutable_original()->set_media_type("text/plain");
    request.mutable_report()->mutable_original()->set_content(sample.body);
    request.mutable_report()->set_country_code(sample.country);
    request.mutable_report()->set_confidentiality(sample.level);
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    AddBearer(ctx, c.admin_all.token);
    v1::CreateReportResponse response;
    grpc::Status s = ingest_stub->CreateReport(&ctx, request, &response);
    if (!s.ok()) return absl::StrCat("CreateReport failed: ", s.error_message());
    if (response.events().empty()) {
      return absl::StrCat("no event normalised from the ",
                          v1::Confidentiality_Name(sample.level), " report");
    }
    for (const v1::Event& e : response.events()) c.events[e.name()] = e;
    c.created[sample.level] = response;
  }

  // Wait until the replica has applied every event.
  auto query_stub = v1::QueryService::NewStub(c.query_channel);
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (true) {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, c.readers.back().token);
    v1::ListEventsRequest request;
    request.set_page_size(1000);
    v1::ListEventsResponse response;
    grpc::Status s = query_stub->ListEvents(&ctx, request, &response);
    if (s.ok() && static_cast<size_t>(response.events_size()) == c.events.size()) break;
    if (absl::Now() > give_up) {
      return absl::StrCat("the replica did not catch up: ", s.error_message(), " ",
                          response.events_size(), " of ", c.events.size(), " events");
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  return "";
}

// The cluster is shared by every test of the process (both suites below)
// and stopped when the process's tests are done: its servers must not
// outlive the test binary.
class StopClusterAtExit : public ::testing::Environment {
 public:
  void TearDown() override {
    delete cluster;  // ~ServerProcess kills and reaps each server
    cluster = nullptr;
  }
};
::testing::Environment* const stop_cluster_at_exit =
    ::testing::AddGlobalTestEnvironment(new StopClusterAtExit);

class SecuredClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (cluster != nullptr) return;
    cluster = new Cluster;
    cluster_error = StartCluster(*cluster);
  }

  void SetUp() override { ASSERT_EQ(cluster_error, "") << cluster->Logs(); }

  void TearDown() override {
    if (HasFailure()) std::cerr << cluster->Logs();
  }

  Cluster& c() { return *cluster; }

  // GetEvent of `name` as `caller`, under the tests' deadline.
  grpc::Status GetEventAs(const Principal& caller, const std::string& name, v1::Event* got) {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, caller.token);
    v1::GetEventRequest req;
    req.set_name(name);
    return v1::QueryService::NewStub(c().query_channel)->GetEvent(&ctx, req, got);
  }

  // The first stored event of the report at `level`.
  const v1::Event& FirstEventOf(v1::Confidentiality level) {
    return c().created.at(level).events(0);
  }
};

// --- The matrix ------------------------------------------------------------

// One method: the scope it needs, what it answers a caller it lets in, and
// how to call it with a prepared context.
struct MethodCase {
  std::string method;  // "Service/Method", also the test's name
  std::string scope;
  grpc::StatusCode allowed;
  std::function<grpc::Status(Cluster&, grpc::ClientContext&)> call;
};

std::vector<MethodCase> MethodCases() {
  using grpc::StatusCode;
  auto ingest = [](Cluster& c) { return v1::IngestService::NewStub(c.ingest_channel); };
  auto query = [](Cluster& c) { return v1::QueryService::NewStub(c.query_channel); };
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

// Probes and operators need health and reflection without a token.
TEST_F(SecuredClusterTest, HealthAnswersWithoutAToken) {
  for (const auto& [name, channel, service] :
       {std::make_tuple("ingest", c().ingest_channel, std::string("civicwatch.v1.IngestService")),
        std::make_tuple("query", c().query_channel, std::string("civicwatch.v1.QueryService"))}) {
    for (const std::string& s : {std::string(), service}) {
      SCOPED_TRACE(absl::StrCat(name, " health of '", s, "'"));
      auto stub = grpc::health::v1::Health::NewStub(channel);
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(s);
      grpc::health::v1::HealthCheckResponse resp;
      grpc::Status status = stub->Check(&ctx, req, &resp);
      ASSERT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
    }
  }
}

TEST_F(SecuredClusterTest, ReflectionAndHealthThroughReflectionWithoutAToken) {
  const std::string tool = std::string(CIVICWATCH_TOOLS_DIR) + "/grpcurl.py";
  ASSERT_FALSE(testing::ReadFile(tool).empty()) << "no grpcurl.py at " << tool;
  for (const auto& [server, service] :
       {std::make_pair(c().ingest.get(), "civicwatch.v1.IngestService"),
        std::make_pair(c().query.get(), "civicwatch.v1.QueryService")}) {
    std::string list;
    int code = testing::RunCommand(
        absl::StrCat("/usr/bin/python3 ", tool, " -plaintext ", server->address(), " list"), &list);
    EXPECT_EQ(code, 0) << list;
    EXPECT_TRUE(absl::StrContains(list, service)) << list;
    EXPECT_TRUE(absl::StrContains(list, "grpc.health.v1.Health")) << list;
    std::string health;
    code = testing::RunCommand(absl::StrCat("/usr/bin/python3 ", tool, " -plaintext ",
                                            server->address(), " grpc.health.v1.Health/Check"),
                               &health);
    EXPECT_EQ(code, 0) << health;
    EXPECT_TRUE(absl::StrContains(health, "\"SERVING\"")) << health;
  }
}

// --- Confidentiality ---------------------------------------------------------

bool MaySee(const Principal& p, const v1::Event& e) {
  return p.Has(kQueryConfidential) || e.confidentiality() != v1::CONFIDENTIALITY_CONFIDENTIAL;
}

bool IsWithheldFor(const Principal& p, const v1::Event& e, const v1::Participant& part) {
  return !p.Has(kQueryRestricted) && e.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED &&
         part.kind() == v1::ENTITY_KIND_PERSON;
}

// Entities `p` may know of: those with a participation `p` sees in full.
std::set<std::string> VisibleEntities(const Principal& p, const Cluster& c) {
  std::set<std::string> out;
  for (const auto& [name, e] : c.events) {
    if (!MaySee(p, e)) continue;
    for (const auto& part : e.participants()) {
      if (!part.entity().empty() && !IsWithheldFor(p, e, part)) out.insert(part.entity());
    }
  }
  return out;
}

std::set<std::string> AllEntities(const Cluster& c) {
  std::set<std::string> out;
  for (const auto& [name, e] : c.events) {
    for (const auto& part : e.participants()) {
      if (!part.entity().empty()) out.insert(part.entity());
    }
  }
  return out;
}

// Checks one event as `p` received it against what ingest stored.
void ExpectSeenAs(const Principal& p, const v1::Event& got, const Cluster& c) {
  SCOPED_TRACE(got.name());
  auto stored = c.events.find(got.name());
  ASSERT_NE(stored, c.events.end()) << "an event ingest never stored";
  EXPECT_TRUE(MaySee(p, stored->second)) << "a confidential event reached " << p.label;
  EXPECT_EQ(got.confidentiality(), stored->second.confidentiality());
  ASSERT_EQ(got.participants_size(), stored->second.participants_size());
  for (int i = 0; i < got.participants_size(); ++i) {
    const v1::Participant& g = got.participants(i);
    const v1::Participant& s = stored->second.participants(i);
    if (IsWithheldFor(p, stored->second, s)) {
      EXPECT_EQ(g.display_name(), kWithheld);
      EXPECT_EQ(g.entity(), "");
      EXPECT_EQ(g.title(), "");
    } else {
      EXPECT_EQ(g.display_name(), s.display_name());
      EXPECT_EQ(g.entity(), s.entity());
    }
  }
}

std::set<std::string> ExpectedEventNames(const Principal& p, const Cluster& c) {
  std::set<std::string> out;
  for (const auto& [name, e] : c.events) {
    if (MaySee(p, e)) out.insert(name);
  }
  return out;
}

// Every event of ListEvents for `p` with `filter`, page by page.
std::vector<v1::Event> ListAll(const Principal& p, const Cluster& c,
                               const v1::EventFilter& filter = {}) {
  std::vector<v1::Event> out;
  auto stub = v1::QueryService::NewStub(c.query_channel);
  std::string token;
  do {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ListEventsRequest req;
    *req.mutable_filter() = filter;
    req.set_page_size(1);  // one per page, so paging cannot leak either
    req.set_page_token(token);
    v1::ListEventsResponse resp;
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) break;
    EXPECT_LE(resp.total_size(), static_cast<int64_t>(ExpectedEventNames(p, c).size()));
    for (const auto& e : resp.events()) out.push_back(e);
    token = resp.next_page_token();
  } while (!token.empty());
  return out;
}

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

// Every form of the restricted report's persons' names: as written in the
// event, the entity's display name and aliases (GetEntity by a caller who
// sees them), and each word of three letters or more of those.
std::vector<std::string> WithheldNameForms(Cluster& c) {
  const v1::Event& restricted = c.created.at(v1::CONFIDENTIALITY_RESTRICTED).events(0);
  std::vector<std::string> names;
  auto stub = v1::QueryService::NewStub(c.query_channel);
  for (const auto& part : restricted.participants()) {
    if (part.kind() != v1::ENTITY_KIND_PERSON) continue;
    names.push_back(part.display_name());
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, c.admin_all.token);
    v1::GetEntityRequest req;
    req.set_name(part.entity());
    v1::Entity entity;
    grpc::Status s = stub->GetEntity(&ctx, req, &entity);
    EXPECT_TRUE(s.ok()) << s.error_message();
    names.push_back(entity.display_name());
    for (const std::string& alias : entity.aliases()) names.push_back(alias);
  }
  std::vector<std::string> forms;
  for (const std::string& name : names) {
    forms.push_back(name);
    for (absl::string_view word : absl::StrSplit(name, ' ', absl::SkipEmpty())) {
      if (word.size() >= 3) forms.emplace_back(word);
    }
  }
  return forms;
}

void ExpectNoNameIn(const v1::Event& e, const std::vector<std::string>& forms) {
  const std::string text = e.DebugString();
  for (const std::string& form : forms) {
    EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(text), absl::AsciiStrToLower(form)))
        << form << " readable in\n" << text;
  }
}

// A withheld person must not be readable anywhere else in the event either:
// not in the summary, the location or the provenance quotes, whichever way
// the event is read.
TEST_F(SecuredClusterTest, WithheldNamesAppearNowhereInTheEvent) {
  const std::vector<std::string> forms = WithheldNameForms(c());
  ASSERT_FALSE(forms.empty());
  const v1::Event& restricted = FirstEventOf(v1::CONFIDENTIALITY_RESTRICTED);
  // The test proves something only if the stored text names the person.
  bool named = false;
  for (const std::string& form : forms) {
    named |= absl::StrContains(restricted.summary(), form);
  }
  EXPECT_TRUE(named) << "the summary names no withheld person:\n" << restricted.DebugString();

  auto stub = v1::QueryService::NewStub(c().query_channel);
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    if (p.Has(kQueryRestricted)) {
      // Callers with query.restricted read the names.
      v1::Event got;
      ASSERT_TRUE(GetEventAs(p, restricted.name(), &got).ok());
      EXPECT_EQ(got.summary(), restricted.summary());
      continue;
    }
    int seen = 0;
    for (const v1::Event& e : ListAll(p, c())) {
      if (e.confidentiality() != v1::CONFIDENTIALITY_RESTRICTED) continue;
      ++seen;
      ExpectNoNameIn(e, forms);
      EXPECT_TRUE(absl::StrContains(e.summary(), kWithheld)) << e.summary();
    }
    EXPECT_GT(seen, 0);
    {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      auto reader = stub->ExportEvents(&ctx, v1::ExportEventsRequest());
      v1::ExportEventsResponse resp;
      while (reader->Read(&resp)) {
        if (resp.event().confidentiality() == v1::CONFIDENTIALITY_RESTRICTED) {
          ExpectNoNameIn(resp.event(), forms);
        }
      }
      ASSERT_TRUE(reader->Finish().ok());
    }
    for (const v1::Event& e : c().created.at(v1::CONFIDENTIALITY_RESTRICTED).events()) {
      v1::Event got;
      grpc::Status s = GetEventAs(p, e.name(), &got);
      ASSERT_TRUE(s.ok()) << s.error_message();
      ASSERT_GT(got.provenance_size(), 0);
      // GetEvent fills the quotes, which are the report's own words.
      EXPECT_FALSE(got.provenance(0).quote().empty());
      EXPECT_TRUE(absl::StrContains(got.provenance(0).quote(), kWithheld))
          << got.provenance(0).quote();
      ExpectNoNameIn(got, forms);
    }
  }
}

// Each ListEvents page and total for `p` and `filter` (one event a page).
struct Search {
  std::set<std::string> names;
  int64_t total = 0;
  int64_t exported = 0;
  int64_t counted = 0;
};

Search SearchAs(const Principal& p, Cluster& c, const v1::EventFilter& filter) {
  Search out;
  auto stub = v1::QueryService::NewStub(c.query_channel);
  std::string token;
  do {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ListEventsRequest req;
    *req.mutable_filter() = filter;
    req.set_page_size(1);
    req.set_page_token(token);
    v1::ListEventsResponse resp;
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) break;
    for (const auto& e : resp.events()) out.names.insert(e.name());
    out.total = resp.total_size();
    token = resp.next_page_token();
  } while (!token.empty());
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ExportEventsRequest req;
    *req.mutable_filter() = filter;
    auto reader = stub->ExportEvents(&ctx, req);
    v1::ExportEventsResponse resp;
    while (reader->Read(&resp)) ++out.exported;
    EXPECT_TRUE(reader->Finish().ok());
  }
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ComputeStatisticsRequest req;
    *req.mutable_filter() = filter;
    req.add_group_by(v1::STATISTICS_DIMENSION_COUNTRY);
    v1::ComputeStatisticsResponse resp;
    grpc::Status s = stub->ComputeStatistics(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    out.counted = resp.total();
  }
  return out;
}

// Searching the text for a withheld person's name finds nothing for a
// caller who may not read the name (otherwise the search would tell who
// the restricted event is about), in lists, totals, exports and counts
// alike; other words of the event still find it.
TEST_F(SecuredClusterTest, TextSearchForAWithheldNameFindsNothing) {
  const v1::Event& restricted = FirstEventOf(v1::CONFIDENTIALITY_RESTRICTED);
  std::string surname;
  for (const auto& part : restricted.participants()) {
    if (part.kind() != v1::ENTITY_KIND_PERSON) continue;
    std::vector<std::string> words = absl::StrSplit(part.display_name(), ' ');
    surname = words.back();
  }
  ASSERT_FALSE(surname.empty());
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    for (const std::string& text :
         {surname, absl::AsciiStrToLower(surname), absl::AsciiStrToUpper(surname)}) {
      SCOPED_TRACE(text);
      v1::EventFilter filter;
      filter.set_text(text);
      Search found = SearchAs(p, c(), filter);
      if (p.Has(kQueryRestricted)) {
        EXPECT_EQ(found.names.count(restricted.name()), 1u);
        EXPECT_GE(found.total, 1);
      } else {
        EXPECT_TRUE(found.names.empty());
        EXPECT_EQ(found.total, 0);
        EXPECT_EQ(found.exported, 0);
        EXPECT_EQ(found.counted, 0);
      }
      EXPECT_EQ(found.total, static_cast<int64_t>(found.names.size()));
      EXPECT_EQ(found.exported, found.total);
      EXPECT_EQ(found.counted, found.total);
    }
    // A word of the restricted report that names no one.
    v1::EventFilter filter;
    filter.set_text("questioning");
    Search found = SearchAs(p, c(), filter);
    EXPECT_EQ(found.names, std::set<std::string>{restricted.name()});
    EXPECT_EQ(found.total, 1);
    EXPECT_EQ(found.counted, 1);
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

// The --audit_log file as JSON objects, one a line; fails the test on a line
// that is not one.
std::vector<google::protobuf::Struct> AuditRecords(const Cluster& c) {
  std::vector<google::protobuf::Struct> records;
  for (absl::string_view line :
       absl::StrSplit(testing::ReadFile(c.audit_log), '\n', absl::SkipEmpty())) {
    google::protobuf::Struct record;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &record).ok())
        << "not a JSON object: " << line;
    records.push_back(std::move(record));
  }
  return records;
}

std::string Field(const google::protobuf::Struct& record, const std::string& key) {
  auto it = record.fields().find(key);
  return it == record.fields().end() ? "" : it->second.string_value();
}

std::set<std::string> EventsOf(const google::protobuf::Struct& record) {
  std::set<std::string> out;
  auto it = record.fields().find("events");
  if (it == record.fields().end()) return out;
  for (const auto& v : it->second.list_value().values()) out.insert(v.string_value());
  return out;
}

TEST_F(SecuredClusterTest, ReadsOfProtectedEventsLeaveAnAuditRecord) {
  const Principal& reader = c().readers.back();
  const v1::Event& confidential = FirstEventOf(v1::CONFIDENTIALITY_CONFIDENTIAL);
  const v1::Event& restricted = FirstEventOf(v1::CONFIDENTIALITY_RESTRICTED);
  auto stub = v1::QueryService::NewStub(c().query_channel);
  {
    v1::Event got;
    ASSERT_TRUE(GetEventAs(reader, confidential.name(), &got).ok());
  }
  const Principal& plain = c().readers.front();  // query.read only
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, plain.token);
    v1::ListEventsResponse resp;
    ASSERT_TRUE(stub->ListEvents(&ctx, v1::ListEventsRequest(), &resp).ok());
  }
  // The record is written as the call ends; give it a moment.
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  bool found_get = false;
  bool found_list = false;
  while (!(found_get && found_list) && absl::Now() < give_up) {
    for (const auto& record : AuditRecords(c())) {
      const std::set<std::string> events = EventsOf(record);
      EXPECT_FALSE(Field(record, "time").empty());
      if (Field(record, "principal") == reader.label && Field(record, "method") == "GetEvent" &&
          events.count(confidential.name()) > 0) {
        found_get = true;
        EXPECT_EQ(record.fields().at("confidential").number_value(), 1);
      }
      if (Field(record, "principal") == plain.label && Field(record, "method") == "ListEvents" &&
          events.count(restricted.name()) > 0) {
        found_list = true;
        // The caller never saw the confidential event, so it is not listed.
        EXPECT_EQ(events.count(confidential.name()), 0u);
      }
    }
    if (!(found_get && found_list)) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(found_get) << "no audit record of " << reader.label << " reading "
                         << confidential.name() << ":\n" << testing::ReadFile(c().audit_log);
  EXPECT_TRUE(found_list) << "no audit record of " << plain.label << " listing "
                          << restricted.name() << ":\n" << testing::ReadFile(c().audit_log);
  // Public events are never recorded, and with --audit_log nothing goes to
  // stderr.
  const v1::Event& open = FirstEventOf(v1::CONFIDENTIALITY_PUBLIC);
  for (const auto& record : AuditRecords(c())) {
    EXPECT_EQ(EventsOf(record).count(open.name()), 0u);
  }
  EXPECT_FALSE(absl::StrContains(c().query->ReadLog(), "audit: principal="));
}

// Log rotation: after the file is moved away and the service gets SIGHUP,
// new records go to a fresh file at the same path.
TEST_F(SecuredClusterTest, AuditLogIsReopenedOnSighup) {
  const Principal& reader = c().readers.back();
  const v1::Event& confidential = FirstEventOf(v1::CONFIDENTIALITY_CONFIDENTIAL);
  const std::string rotated = c().audit_log + ".1";
  ASSERT_EQ(std::rename(c().audit_log.c_str(), rotated.c_str()), 0);
  const size_t log_before = c().query->ReadLog().size();
  ASSERT_EQ(kill(c().query->pid(), SIGHUP), 0);
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!absl::StrContains(c().query->ReadLog().substr(log_before), "reopened") &&
         absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  const std::string after = c().query->ReadLog().substr(log_before);
  ASSERT_TRUE(absl::StrContains(after, "sighup")) << after;
  EXPECT_TRUE(absl::StrContains(after, "reopened=audit_log")) << after;

  v1::Event got;
  ASSERT_TRUE(GetEventAs(reader, confidential.name(), &got).ok());

  const size_t rotated_size = testing::ReadFile(rotated).size();
  bool found = false;
  const absl::Time wait_record = absl::Now() + absl::Seconds(5);
  while (!found && absl::Now() < wait_record) {
    for (const auto& record : AuditRecords(c())) {
      found = found || (Field(record, "method") == "GetEvent" &&
                        EventsOf(record).count(confidential.name()) > 0);
    }
    if (!found) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(found) << "no record in the reopened " << c().audit_log;
  EXPECT_EQ(testing::ReadFile(rotated).size(), rotated_size) << "the rotated file grew";
}

// The query service reports on its replica through AdminService.
TEST_F(SecuredClusterTest, QueryServerInfoDescribesTheReplica) {
  auto stub = v1::AdminService::NewStub(c().query_channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline());
  AddBearer(ctx, c().admin_all.token);
  v1::ServerInfo info;
  grpc::Status s = stub->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(info.program(), "civicwatch-query");
  EXPECT_FALSE(info.version().empty());
  EXPECT_EQ(info.report_count(), static_cast<int64_t>(SampleReports().size()));
  EXPECT_EQ(info.event_count(), static_cast<int64_t>(c().events.size()));
  EXPECT_GT(info.entity_count(), 0);
  EXPECT_GT(info.database_bytes(), 0);
  EXPECT_GT(info.applied_sequence(), 0);
  EXPECT_EQ(info.head_sequence(), info.applied_sequence());
  EXPECT_EQ(info.replica_lag(), 0);
  EXPECT_TRUE(info.caught_up());

  // Health knows the admin service by name too.
  auto health = grpc::health::v1::Health::NewStub(c().query_channel);
  grpc::ClientContext hctx;
  hctx.set_deadline(Deadline());
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("civicwatch.v1.AdminService");
  grpc::health::v1::HealthCheckResponse resp;
  ASSERT_TRUE(health->Check(&hctx, req, &resp).ok());
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace civicwatch

// The secured cluster of the security suites: see secured_cluster.h.
#include "tests/security/secured_cluster.h"

#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/query.grpc.pb.h"

namespace civicwatch::security {

using testing::AddBearer;
using testing::MakePrincipal;
using testing::MakeTempDir;
using testing::ServerProcess;

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

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

std::string Cluster::Logs() const {
  return absl::StrCat("--- ingest log\n", ingest ? ingest->ReadLog() : "", "--- query log\n",
                      query ? query->ReadLog() : "");
}

namespace {

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

// Stops the cluster when the process's tests are done.
class StopClusterAtExit : public ::testing::Environment {
 public:
  void TearDown() override {
    delete cluster;  // ~ServerProcess kills and reaps each server
    cluster = nullptr;
  }
};
::testing::Environment* const stop_cluster_at_exit =
    ::testing::AddGlobalTestEnvironment(new StopClusterAtExit);

}  // namespace

void SecuredClusterTest::SetUpTestSuite() {
  if (cluster != nullptr) return;
  cluster = new Cluster;
  cluster_error = StartCluster(*cluster);
}

void SecuredClusterTest::SetUp() { ASSERT_EQ(cluster_error, "") << cluster->Logs(); }

void SecuredClusterTest::TearDown() {
  if (HasFailure()) std::cerr << cluster->Logs();
}

Cluster& SecuredClusterTest::c() { return *cluster; }

grpc::Status SecuredClusterTest::GetEventAs(const Principal& caller, const std::string& name,
                                            v1::Event* got) {
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline());
  AddBearer(ctx, caller.token);
  v1::GetEventRequest req;
  req.set_name(name);
  return v1::QueryService::NewStub(c().query_channel)->GetEvent(&ctx, req, got);
}

const v1::Event& SecuredClusterTest::FirstEventOf(v1::Confidentiality level) {
  return c().created.at(level).events(0);
}

}  // namespace civicwatch::security

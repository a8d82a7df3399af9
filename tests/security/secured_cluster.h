// The two servers of the security suites with authentication on, started
// once per test process: civicwatch-ingest and civicwatch-query with
// --auth_tokens (a tokens file of throw-away tokens in the test's temporary
// folder), the query service following ingest with a feed.read token of
// its own and writing --audit_log. Ingest holds one report per
// confidentiality level, and the replica has applied every event before a
// test starts.
#ifndef CIVICWATCH_TESTS_SECURITY_SECURED_CLUSTER_H_
#define CIVICWATCH_TESTS_SECURITY_SECURED_CLUSTER_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "civicwatch/v1/ingest.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/security_support.h"
#include "tests/support/server_process.h"

namespace civicwatch::security {

using testing::Principal;

inline constexpr char kIngestWrite[] = "ingest.write";
inline constexpr char kQueryRead[] = "query.read";
inline constexpr char kQueryRestricted[] = "query.restricted";
inline constexpr char kQueryConfidential[] = "query.confidential";
inline constexpr char kFeedRead[] = "feed.read";
inline constexpr char kAdmin[] = "admin";
inline constexpr char kReviewWrite[] = "review.write";
// What a reader without query.restricted sees instead of a person's name.
inline constexpr char kWithheld[] = "[withheld]";

// `seconds` from now: the deadline of the tests' calls.
std::chrono::system_clock::time_point Deadline(int seconds = 10);

// One report per confidentiality level; each names a person of its own so
// that an entity seen only in a hidden event can be recognised.
struct SampleReport {
  v1::Confidentiality level;
  std::string country;
  std::string body;
};

// The PUBLIC, RESTRICTED and CONFIDENTIAL reports, in that order.
const std::vector<SampleReport>& SampleReports();

// The two servers with authentication on, the principals of the matrix,
// and the reports and events ingest stored.
struct Cluster {
  std::string dir;
  std::unique_ptr<testing::ServerProcess> ingest;
  std::unique_ptr<testing::ServerProcess> query;
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

  // Both servers' logs, for a failing test's output.
  std::string Logs() const;
};

// The fixture of every test that talks to the cluster. The cluster is
// started by the first such test suite of the process, shared by every
// test of the process, and stopped when the process's tests are done: its
// servers never outlive the test binary.
class SecuredClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();

  void SetUp() override;
  void TearDown() override;

  Cluster& c();

  // GetEvent of `name` as `caller`, under the tests' deadline.
  grpc::Status GetEventAs(const Principal& caller, const std::string& name, v1::Event* got);

  // The first stored event of the report at `level`.
  const v1::Event& FirstEventOf(v1::Confidentiality level);
};

}  // namespace civicwatch::security

#endif  // CIVICWATCH_TESTS_SECURITY_SECURED_CLUSTER_H_

// The pair most integration tests start before their first call: an
// ingest service and a query service following its change feed, the real
// binaries on loopback ports.
#ifndef CIVICWATCH_TESTS_SUPPORT_INGEST_AND_QUERY_H_
#define CIVICWATCH_TESTS_SUPPORT_INGEST_AND_QUERY_H_

#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "civicwatch/client.h"
#include "gtest/gtest.h"
#include "tests/support/server_process.h"

namespace civicwatch::testing {

struct IngestAndQuery {
  std::unique_ptr<ServerProcess> ingest;
  std::unique_ptr<ServerProcess> query;
};

// Starts ingest with its data in `dir`/ingest, then the query service with
// its replica in `dir`/query following it; logs go to `dir`/ingest.log and
// `dir`/query.log. The error names the server that did not come up and
// carries its log; a server already started is stopped with it.
absl::StatusOr<IngestAndQuery> StartIngestAndQuery(const std::string& dir);

// An SDK client of the pair, with a 20 s deadline per call: a loaded test
// machine can be slow, and a test's own waits say what it expects.
absl::StatusOr<std::unique_ptr<Client>> ConnectTo(const ServerProcess& ingest, const ServerProcess& query);

// Both servers' logs under a heading each, for a failed test's output.
std::string BothLogs(const ServerProcess& ingest, const ServerProcess& query);

// A test fixture with the pair running: SetUp makes `dir_`, a new
// temporary folder whose name starts with the prefix given, starts the
// pair in it and connects `client_`; a failed test prints both logs. A
// fixture that must write into `dir_` before the servers start overrides
// SetUp, sets `dir_` itself and then calls StartPair.
class IngestAndQueryTest : public ::testing::Test {
 protected:
  explicit IngestAndQueryTest(std::string dir_prefix) : dir_prefix_(std::move(dir_prefix)) {}

  void SetUp() override { StartPair(); }

  void TearDown() override {
    if (HasFailure() && ingest_ && query_) std::cerr << BothLogs(*ingest_, *query_);
  }

  // Makes `dir_` unless it is set, starts the pair in it and connects
  // `client_`; a failure is fatal to the test.
  void StartPair() {
    if (dir_.empty()) dir_ = MakeTempDir(dir_prefix_);
    auto servers = StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = std::move(servers->ingest);
    query_ = std::move(servers->query);
    auto client = ConnectTo(*ingest_, *query_);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = std::move(*client);
  }

  const std::string dir_prefix_;
  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
  std::unique_ptr<Client> client_;
};

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SUPPORT_INGEST_AND_QUERY_H_

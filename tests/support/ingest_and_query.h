// The pair most integration tests start before their first call: an
// ingest service and a query service following its change feed, the real
// binaries on loopback ports.
#ifndef CIVICWATCH_TESTS_SUPPORT_INGEST_AND_QUERY_H_
#define CIVICWATCH_TESTS_SUPPORT_INGEST_AND_QUERY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "civicwatch/client.h"
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

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SUPPORT_INGEST_AND_QUERY_H_

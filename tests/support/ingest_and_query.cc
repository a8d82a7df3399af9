#include "tests/support/ingest_and_query.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace civicwatch::testing {

absl::StatusOr<IngestAndQuery> StartIngestAndQuery(const std::string& dir) {
  IngestAndQuery servers;
  servers.ingest = std::make_unique<ServerProcess>(
      CIVICWATCH_INGEST_BIN, std::vector<std::string>{"--data_dir=" + dir + "/ingest"},
      dir + "/ingest.log");
  if (absl::Status s = servers.ingest->Start(); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("ingest did not start: ", s.message(), "\n",
                                               servers.ingest->ReadLog()));
  }
  servers.query = std::make_unique<ServerProcess>(
      CIVICWATCH_QUERY_BIN,
      std::vector<std::string>{"--data_dir=" + dir + "/query",
                               "--ingest_address=" + servers.ingest->address()},
      dir + "/query.log");
  if (absl::Status s = servers.query->Start(); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("query did not start: ", s.message(), "\n",
                                               servers.query->ReadLog()));
  }
  return servers;
}

absl::StatusOr<std::unique_ptr<Client>> ConnectTo(const ServerProcess& ingest, const ServerProcess& query) {
  ClientOptions options;
  options.ingest_address = ingest.address();
  options.query_address = query.address();
  options.timeout = absl::Seconds(20);
  return Client::Create(options);
}

std::string BothLogs(const ServerProcess& ingest, const ServerProcess& query) {
  return absl::StrCat("--- ingest log\n", ingest.ReadLog(), "--- query log\n", query.ReadLog());
}

}  // namespace civicwatch::testing

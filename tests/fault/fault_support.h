// Helpers shared by the fault, hostile-input and load tests: fresh
// channels, report bodies that normalise into events, and snapshots of
// what the ingest store and a query replica hold, so that tests can check
// "the replica equals the store" after crashes and outages.
#ifndef CIVICWATCH_TESTS_FAULT_FAULT_SUPPORT_H_
#define CIVICWATCH_TESTS_FAULT_FAULT_SUPPORT_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"

namespace civicwatch::fault {

// A channel of its own (no shared subchannel pool), so a client reaches a
// restarted server at once instead of waiting out reconnect backoff.
std::shared_ptr<grpc::Channel> FreshChannel(const std::string& address);

// A deadline `timeout` from now, for ClientContext::set_deadline.
std::chrono::system_clock::time_point DeadlineIn(absl::Duration timeout);

// A report body about Kazakhstan that the normaliser turns into two dated
// events with named people; distinct for each (writer, seq).
std::string ReportBody(int writer, int seq);

// Submits one report on a fresh channel.
grpc::Status SubmitReport(const std::string& ingest_address, const std::string& body,
                          const std::string& request_id, v1::CreateReportResponse* response,
                          absl::Duration timeout = absl::Seconds(10));

// Everything the ingest store holds, rebuilt from its change feed.
struct IngestSnapshot {
  std::map<std::string, v1::Report> reports;
  std::map<std::string, v1::Event> events;
  std::map<std::string, v1::Entity> entities;
  int64_t head_sequence = 0;
};

// Reads ChangeFeed.WatchChanges from sequence 0 up to the head.
// Errors: the feed's status when it cannot be read to the head.
absl::StatusOr<IngestSnapshot> ReadIngest(const std::string& ingest_address);

// The change feed's head sequence, or -1 when the feed does not answer.
int64_t HeadSequence(const std::string& ingest_address);

// What a query replica holds of the resources in `truth`: every event
// (ExportEvents), each of truth's entities (GetEntity), and for each of
// truth's reports how many events the replica lists for it (ListEvents
// filtered by report).
struct ReplicaSnapshot {
  std::map<std::string, v1::Event> events;
  std::map<std::string, v1::Entity> entities;
  std::map<std::string, int64_t> events_per_report;
};
absl::StatusOr<ReplicaSnapshot> ReadReplica(const std::string& query_address,
                                            const IngestSnapshot& truth);

// Digests (hex SHA-256) of the parts both sides serve, in name order, with
// fields only one side fills (the query side's quotes and entity counts)
// left out.
struct Digest {
  std::string events;
  std::string entities;
  std::string reports;  // name and event count of each report
  bool operator==(const Digest& o) const {
    return events == o.events && entities == o.entities && reports == o.reports;
  }
};
Digest DigestOf(const IngestSnapshot& snapshot);
Digest DigestOf(const ReplicaSnapshot& snapshot);

// The first difference between the store and the replica, or "" when they
// hold the same: for a failure message.
std::string FirstDifference(const IngestSnapshot& truth, const ReplicaSnapshot& replica);

// Polls until the replica at `query_address` equals the store at
// `ingest_address` or `timeout` passes. Returns "" on success, otherwise
// the last difference seen.
std::string WaitForReplicaToMatch(const std::string& ingest_address,
                                  const std::string& query_address,
                                  absl::Duration timeout = absl::Seconds(60));

// grpc.health.v1 status of `service` ("" for the server): "SERVING",
// "NOT_SERVING", or the error's code name.
std::string HealthOf(const std::string& address, const std::string& service = "");

// Polls `done` every 20 ms until it holds or `timeout` passes.
bool WaitFor(const std::function<bool()>& done, absl::Duration timeout);

// PRAGMA integrity_check on the SQLite file at `path`: "ok" or what it
// found.
std::string IntegrityCheck(const std::string& path);

// The value of environment variable `name` as a positive integer, or
// `fallback`.
int EnvInt(const char* name, int fallback);

}  // namespace civicwatch::fault

#endif  // CIVICWATCH_TESTS_FAULT_FAULT_SUPPORT_H_

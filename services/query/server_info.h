// What civicwatch.v1.AdminService/GetServerInfo reports for the query
// service: the replica's size and counts, read on a connection of its own,
// and how far the feed follower has come.
#ifndef CIVICWATCH_SERVICES_QUERY_SERVER_INFO_H_
#define CIVICWATCH_SERVICES_QUERY_SERVER_INFO_H_

#include <string>

#include "absl/status/status.h"
#include "civicwatch/v1/admin.pb.h"
#include "services/query/feed_follower.h"

namespace civicwatch::query {

// Fills database_bytes, report_count, event_count and entity_count from the
// replica at `db_path` (opened read-only for the call), and
// applied_sequence, head_sequence, replica_lag and caught_up from
// `progress`. UNAVAILABLE when the replica cannot be read.
absl::Status FillReplicaInfo(const std::string& db_path, const FeedFollower::Progress& progress,
                             v1::ServerInfo& info);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_SERVER_INFO_H_

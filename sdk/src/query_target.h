// The gRPC target for ClientOptions.query_address, which may name several
// query replicas. Internal.
//
//   "host:port"              one replica (or any gRPC target, as before)
//   "dns:///name:port"       every address the name resolves to, kept up
//                            to date by gRPC's DNS resolver; balanced
//   "h1:p1,h2:p2,..."        those replicas, each host resolved once here;
//                            balanced
//
// Balanced targets use gRPC's round_robin policy with client-side health
// checking of "civicwatch.v1.QueryService": calls are spread over the
// replicas that answer SERVING, so one that is down, still catching up or
// too far behind the feed (civicwatch-query --not_serving_lag_changes) is
// skipped until it serves again.
#ifndef CIVICWATCH_SDK_SRC_QUERY_TARGET_H_
#define CIVICWATCH_SDK_SRC_QUERY_TARGET_H_

#include <string>

#include "absl/status/statusor.h"

namespace civicwatch::internal {

struct QueryTarget {
  // What to give grpc::CreateCustomChannel: the address as given, or for a
  // list "ipv4:A:P,B:P,..." ("ipv6:[A]:P,..." when some host has only IPv6
  // addresses).
  std::string target;
  // Spread calls with round_robin and skip replicas that are not SERVING.
  bool balanced = false;
  // For a list: its first entry as written ("host:port"), the authority
  // the channel presents (and a TLS certificate is checked against);
  // empty otherwise.
  std::string authority;
};

// INVALID_ARGUMENT naming ClientOptions.query_address when the list is
// empty, an entry is not HOST:PORT or a host does not resolve.
absl::StatusOr<QueryTarget> ResolveQueryTarget(const std::string& query_address);

// The service config of a balanced channel (JSON).
const char* BalancedServiceConfig();

}  // namespace civicwatch::internal

#endif  // CIVICWATCH_SDK_SRC_QUERY_TARGET_H_

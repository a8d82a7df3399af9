// Starts a gRPC server the way every civicwatch service needs it: server
// reflection, the grpc.health.v1 service, one log line per call, message
// size limits, a clean drain on SIGINT/SIGTERM, and the security flags
// every service shares:
//
//   --auth_tokens=FILE   bearer tokens (see auth.h); reloaded on SIGHUP.
//                        Without it the server runs open, and only on a
//                        loopback address.
//   --tls_cert=PEM --tls_key=PEM   serve TLS instead of plaintext.
//   --tls_client_ca=PEM  also require client certificates signed by it.
//   --metrics_listen=HOST:PORT  serve GET /metrics (Prometheus text format,
//                        plain HTTP, no token) there: gRPC server metrics,
//                        process_* and whatever `collect_metrics` adds.
//                        Loopback only, unless --metrics_allow_remote.
#ifndef CIVICWATCH_SERVICES_COMMON_SERVER_RUNNER_H_
#define CIVICWATCH_SERVICES_COMMON_SERVER_RUNNER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/health_service.h"
#include "services/common/metrics/exposition.h"

namespace civicwatch {

struct ServerConfig {
  // Name for log lines ("civicwatch-ingest").
  std::string program;
  // host:port to listen on.
  std::string listen_address;
  // The services to serve; not owned, must outlive RunServer().
  std::vector<grpc::Service*> services;
  // Health status holder; registered under every service's full name and
  // "". Not owned.
  HealthService* health = nullptr;
  // Largest request message gRPC accepts, in bytes, for every method of
  // every service served. A service that raises it for one method bounds
  // its other methods itself (request_size.h, raw_unary.h).
  int max_receive_message_bytes = 8 * 1024 * 1024;
  // Largest response message sent, in bytes.
  int max_send_message_bytes = 8 * 1024 * 1024;
  // How long in-flight calls may run after a shutdown signal.
  absl::Duration drain_timeout = absl::Seconds(10);
  // Called once the server is listening (with the bound port).
  std::function<void(int port)> on_started;
  // Called when a shutdown signal arrives, before the drain (stop
  // background work, wake long-lived streams).
  std::function<void()> on_shutdown;
  // Called on SIGHUP after the tokens file is reloaded (reopen log files
  // that were rotated); returns what it did, for the log line.
  std::function<std::string()> on_reload;
  // Writes the service's own metric families on each scrape of /metrics
  // (from the metrics server's thread, concurrently with calls).
  std::function<void(metrics::Exposition&)> collect_metrics;
};

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (and threads it
// starts later). Call first thing in main(), before any thread exists.
void BlockShutdownSignals();

// Serves until SIGINT or SIGTERM, then marks health NOT_SERVING, calls
// on_shutdown, drains in-flight calls and returns. SIGHUP reloads the
// tokens file and calls on_reload. Errors: UNAVAILABLE when the address cannot be bound;
// INVALID_ARGUMENT for unusable security flags (a tokens file or
// certificate that cannot be read, no tokens on a non-loopback address,
// or a non-loopback --metrics_listen without --metrics_allow_remote).
absl::Status RunServer(const ServerConfig& config);

// Checks the security flags against `listen_address` and loads the tokens
// file, without starting anything (RunServer does it too); lets a main()
// fail before it opens its database.
absl::Status CheckSecurityFlags(const std::string& listen_address);

// True when `address` ("host:port") names a loopback host.
bool IsLoopbackAddress(const std::string& address);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_SERVER_RUNNER_H_

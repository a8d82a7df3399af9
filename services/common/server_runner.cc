#include "services/common/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/resource_quota.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "services/common/admin_service.h"
#include "services/common/auth.h"
#include "services/common/call_log.h"
#include "services/common/errors.h"
#include "services/common/log.h"
#include "services/common/metrics/grpc_metrics.h"
#include "services/common/metrics/metrics_server.h"
#include "services/common/metrics/process_metrics.h"
#include "services/common/metrics/registry.h"

ABSL_FLAG(std::string, auth_tokens, "",
          "file of bearer tokens ('sha256:HEX PRINCIPAL SCOPE[,SCOPE...]' per line); "
          "reloaded on SIGHUP. Without it the service is open and listens on loopback only.");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain to serve TLS with");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle; when set, clients must present a certificate it signed (mutual TLS)");
ABSL_FLAG(std::string, health_listen, "",
          "host:port of a second, plaintext port serving only grpc.health.v1.Health, for "
          "probes that cannot speak TLS (Kubernetes' grpc probe); off when empty");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port serving GET /metrics in the Prometheus text format over plain HTTP, "
          "without a token (keep it on loopback or a monitoring-only network); off when empty");
ABSL_FLAG(bool, metrics_allow_remote, false,
          "let --metrics_listen use an address that is not loopback (0.0.0.0, a pod or host "
          "address): /metrics has no authentication, so only on a network that only the "
          "monitoring system reaches");
ABSL_FLAG(int, max_concurrent_calls, 256,
          "calls served at once; further calls get RESOURCE_EXHAUSTED (and each connection "
          "may open at most this many streams)");
ABSL_FLAG(int, keepalive_min_ping_interval_seconds, 10,
          "a client pinging more often than this (without data) gets strikes; two strikes "
          "close its connection");
ABSL_FLAG(int, max_connection_idle_seconds, 1800,
          "close a connection with no call for this long (0: never)");

namespace civicwatch {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view flag) {
  std::ifstream in(path);
  if (!in) return InvalidInputError(absl::StrCat("--", flag, ": cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromFlags() {
  const std::string cert = absl::GetFlag(FLAGS_tls_cert);
  const std::string key = absl::GetFlag(FLAGS_tls_key);
  const std::string ca = absl::GetFlag(FLAGS_tls_client_ca);
  if (cert.empty() != key.empty()) {
    return InvalidInputError("--tls_cert and --tls_key go together");
  }
  if (cert.empty()) {
    if (!ca.empty()) return InvalidInputError("--tls_client_ca needs --tls_cert");
    return grpc::InsecureServerCredentials();
  }
  auto cert_pem = ReadPem(cert, "tls_cert");
  if (!cert_pem.ok()) return cert_pem.status();
  auto key_pem = ReadPem(key, "tls_key");
  if (!key_pem.ok()) return key_pem.status();
  grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_key_cert_pairs.push_back({*key_pem, *cert_pem});
  if (!ca.empty()) {
    auto ca_pem = ReadPem(ca, "tls_client_ca");
    if (!ca_pem.ok()) return ca_pem.status();
    options.pem_root_certs = *ca_pem;
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

// Server reflection answers from protobuf's generated descriptor pool,
// which loads a .proto file only when its types are first used. Loading
// the served services up front lets reflection find their packages too
// ("civicwatch.v1"), which some clients ask for before any type.
void PreloadDescriptors(HealthService* health) {
  std::vector<std::string> names = {"grpc.health.v1.Health"};
  if (health != nullptr) {
    for (std::string& n : health->ServiceNames()) names.push_back(std::move(n));
  }
  for (const std::string& name : names) {
    google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
  }
}

// Answers grpc.health.v1.Health on the plaintext --health_listen port from
// the main server's HealthService, so both ports always agree. A service
// object can be registered with one server only, hence the forwarder.
class HealthForwarder final : public grpc::health::v1::Health::Service {
 public:
  explicit HealthForwarder(HealthService* target) : target_(target) {}
  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override {
    return target_->Check(context, request, response);
  }
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override {
    return target_->Watch(context, request, writer);
  }

 private:
  HealthService* target_;
};

// Bounds on what clients can make the server hold: calls in flight,
// streams per connection, ping floods and idle connections.
void ApplyLimits(grpc::ServerBuilder& builder) {
  const int max_calls = absl::GetFlag(FLAGS_max_concurrent_calls);
  // Each synchronous call holds one thread from the quota while it runs;
  // when none is left, gRPC answers the next call RESOURCE_EXHAUSTED at
  // once instead of queueing it. The pollers need threads of their own,
  // hence the few extra.
  constexpr int kPollerThreads = 2;
  grpc::ResourceQuota quota("civicwatch-calls");
  quota.SetMaxThreads(max_calls + kPollerThreads);
  builder.SetResourceQuota(quota);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              kPollerThreads);
  // One connection may not hold more streams than the whole server serves.
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, max_calls);

  // Keepalive enforcement: a client may ping at most every N seconds when
  // no data flows; past GRPC_ARG_HTTP2_MAX_PING_STRIKES such pings the
  // server sends GOAWAY (ENHANCE_YOUR_CALM) and closes the connection.
  const int min_ping_ms = absl::GetFlag(FLAGS_keepalive_min_ping_interval_seconds) * 1000;
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, min_ping_ms);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  // Clients may keep idle connections alive with (slow) pings; the change
  // feed's long streams rely on it.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  // The server pings its clients too, so dead peers (a replica whose host
  // vanished) free their streams within a minute and a half.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  if (const int idle = absl::GetFlag(FLAGS_max_connection_idle_seconds); idle > 0) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, idle * 1000);
  }
}

// civicwatch_auth_failures_total{reason}: every reason from zero, so that
// rates exist before the first refusal.
void CollectAuthFailures(metrics::Exposition& out) {
  constexpr char kName[] = "civicwatch_auth_failures_total";
  out.Family(kName, "counter",
             "Calls refused by authentication (UNAUTHENTICATED) or authorization "
             "(PERMISSION_DENIED), by reason.");
  for (int i = 0; i < auth::kFailureReasonCount; ++i) {
    const auto reason = static_cast<auth::FailureReason>(i);
    out.Sample(kName, {{"reason", auth::FailureReasonName(reason)}},
               static_cast<double>(auth::FailureCount(reason)));
  }
}

}  // namespace

void BlockShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool IsLoopbackAddress(const std::string& address) {
  return absl::StartsWith(address, "127.") || absl::StartsWith(address, "localhost:") ||
         absl::StartsWith(address, "[::1]:") || absl::StartsWith(address, "ipv4:127.") ||
         absl::StartsWith(address, "unix:");
}

absl::Status CheckSecurityFlags(const std::string& listen_address) {
  if (absl::GetFlag(FLAGS_max_concurrent_calls) < 1) {
    return InvalidInputError("--max_concurrent_calls must be at least 1");
  }
  if (absl::GetFlag(FLAGS_keepalive_min_ping_interval_seconds) < 0 ||
      absl::GetFlag(FLAGS_max_connection_idle_seconds) < 0) {
    return InvalidInputError(
        "--keepalive_min_ping_interval_seconds and --max_connection_idle_seconds must not be "
        "negative");
  }
  const std::string tokens = absl::GetFlag(FLAGS_auth_tokens);
  if (!tokens.empty()) {
    if (absl::Status s = auth::LoadTokenFile(tokens); !s.ok()) {
      return InvalidInputError(absl::StrCat("--auth_tokens: ", s.message()));
    }
  } else if (!IsLoopbackAddress(listen_address)) {
    return InvalidInputError(absl::StrCat(
        "refusing to listen on ", listen_address,
        " without --auth_tokens: an open service may only listen on a loopback address"));
  }
  if (const std::string metrics = absl::GetFlag(FLAGS_metrics_listen);
      !metrics.empty() && !IsLoopbackAddress(metrics) && !absl::GetFlag(FLAGS_metrics_allow_remote)) {
    return InvalidInputError(absl::StrCat(
        "refusing to serve /metrics on --metrics_listen ", metrics,
        ": it has no authentication and may only use a loopback address (127.0.0.1, [::1], "
        "localhost) unless --metrics_allow_remote is given"));
  }
  auto creds = ServerCredentialsFromFlags();
  return creds.status();
}

absl::Status RunServer(const ServerConfig& config) {
  if (absl::Status s = CheckSecurityFlags(config.listen_address); !s.ok()) return s;
  auto credentials = ServerCredentialsFromFlags();
  if (!credentials.ok()) return credentials.status();
  LogLine("starting", {{"program", config.program},
                       {"version", CivicwatchVersion()},
                       {"authentication", auth::Enabled() ? "tokens" : "off (loopback only)"},
                       {"tls", absl::GetFlag(FLAGS_tls_cert).empty() ? "off" : "on"}});

  PreloadDescriptors(config.health);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::EnableDefaultHealthCheckService(false);

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen_address, *credentials, &port);
  builder.SetMaxReceiveMessageSize(config.max_receive_message_bytes);
  builder.SetMaxSendMessageSize(config.max_send_message_bytes);
  ApplyLimits(builder);
  for (grpc::Service* service : config.services) builder.RegisterService(service);
  if (config.health != nullptr) builder.RegisterService(config.health);
  std::vector<std::string> served = {"grpc.health.v1.Health",
                                     "grpc.reflection.v1alpha.ServerReflection"};
  if (config.health != nullptr) {
    for (std::string& n : config.health->ServiceNames()) served.push_back(std::move(n));
  }
  metrics::GrpcServerMetrics grpc_metrics(served);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
  factories.push_back(grpc_metrics.MakeInterceptorFactory());
  factories.push_back(MakeCallLogFactory());
  builder.experimental().SetInterceptorCreators(std::move(factories));

  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return UnavailableError(
        absl::StrCat("cannot listen on ", config.listen_address, " (in use or not local?)"));
  }
  // The health-only port: plaintext, no token, nothing but serving status.
  std::unique_ptr<HealthForwarder> health_forwarder;
  std::unique_ptr<grpc::Server> health_server;
  if (const std::string health_listen = absl::GetFlag(FLAGS_health_listen);
      !health_listen.empty() && config.health != nullptr) {
    health_forwarder = std::make_unique<HealthForwarder>(config.health);
    grpc::ServerBuilder health_builder;
    int health_port = 0;
    health_builder.AddListeningPort(health_listen, grpc::InsecureServerCredentials(),
                                    &health_port);
    health_builder.RegisterService(health_forwarder.get());
    health_builder.SetMaxReceiveMessageSize(4096);
    health_builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, 16);
    health_server = health_builder.BuildAndStart();
    if (health_server == nullptr || health_port == 0) {
      server->Shutdown();
      return UnavailableError(absl::StrCat("cannot listen on --health_listen ",
                                                 health_listen, " (in use or not local?)"));
    }
    LogLine("health_endpoint", {{"program", config.program},
                                {"address", health_listen},
                                {"health_port", absl::StrCat(health_port)}});
  }
  // Declared after the gRPC servers' locals are built and destroyed before
  // grpc_metrics, which its collectors read.
  metrics::Registry registry;
  std::unique_ptr<metrics::MetricsServer> metrics_server;
  if (const std::string metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
      !metrics_listen.empty()) {
    registry.Add([&grpc_metrics](metrics::Exposition& out) { grpc_metrics.Collect(out); });
    registry.Add(metrics::CollectProcessMetrics);
    registry.Add(CollectAuthFailures);
    if (config.collect_metrics) registry.Add(config.collect_metrics);
    auto started = metrics::MetricsServer::Start(metrics_listen, &registry);
    if (!started.ok()) {
      server->Shutdown();
      if (health_server != nullptr) health_server->Shutdown();
      return started.status();
    }
    metrics_server = std::move(*started);
    LogLine("metrics_endpoint", {{"program", config.program},
                                 {"address", metrics_listen},
                                 {"metrics_port", absl::StrCat(metrics_server->port())}});
  }
  LogLine("listening", {{"program", config.program},
                        {"address", config.listen_address},
                        {"port", absl::StrCat(port)}});
  if (config.on_started) config.on_started(port);

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  int signal_number = 0;
  while (true) {
    sigwait(&set, &signal_number);
    if (signal_number != SIGHUP) break;
    absl::Status reloaded = auth::Reload();
    LogFields fields = {
        {"program", config.program},
        {"tokens", reloaded.ok() ? "reloaded" : std::string(reloaded.message())}};
    if (config.on_reload) fields.emplace_back("reopened", config.on_reload());
    LogLine("sighup", fields);
  }
  LogLine("draining", {{"program", config.program}, {"signal", absl::StrCat(signal_number)}});

  if (config.health != nullptr) config.health->Shutdown();
  if (config.on_shutdown) config.on_shutdown();
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoMilliseconds(config.drain_timeout));
  server->Wait();
  if (health_server != nullptr) {
    health_server->Shutdown(std::chrono::system_clock::now());
    health_server->Wait();
  }
  metrics_server.reset();
  LogLine("stopped", {{"program", config.program}});
  return absl::OkStatus();
}

}  // namespace civicwatch

#include "services/common/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
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
#include "services/common/log.h"

ABSL_FLAG(std::string, auth_tokens, "",
          "file of bearer tokens ('sha256:HEX PRINCIPAL SCOPE[,SCOPE...]' per line); "
          "reloaded on SIGHUP. Without it the service is open and listens on loopback only.");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain to serve TLS with");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle; when set, clients must present a certificate it signed (mutual TLS)");

namespace civicwatch {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view flag) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromFlags() {
  const std::string cert = absl::GetFlag(FLAGS_tls_cert);
  const std::string key = absl::GetFlag(FLAGS_tls_key);
  const std::string ca = absl::GetFlag(FLAGS_tls_client_ca);
  if (cert.empty() != key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  if (cert.empty()) {
    if (!ca.empty()) return absl::InvalidArgumentError("--tls_client_ca needs --tls_cert");
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
  const std::string tokens = absl::GetFlag(FLAGS_auth_tokens);
  if (!tokens.empty()) {
    if (absl::Status s = auth::LoadTokenFile(tokens); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--auth_tokens: ", s.message()));
    }
  } else if (!IsLoopbackAddress(listen_address)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "refusing to listen on ", listen_address,
        " without --auth_tokens: an open service may only listen on a loopback address"));
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
  builder.SetMaxReceiveMessageSize(config.max_message_bytes);
  builder.SetMaxSendMessageSize(config.max_message_bytes);
  for (grpc::Service* service : config.services) builder.RegisterService(service);
  if (config.health != nullptr) builder.RegisterService(config.health);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
  factories.push_back(MakeCallLogFactory());
  builder.experimental().SetInterceptorCreators(std::move(factories));

  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen_address, " (in use or not local?)"));
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
    LogLine("sighup", {{"program", config.program},
                       {"tokens", reloaded.ok() ? "reloaded" : std::string(reloaded.message())}});
  }
  LogLine("draining", {{"program", config.program}, {"signal", absl::StrCat(signal_number)}});

  if (config.health != nullptr) config.health->Shutdown();
  if (config.on_shutdown) config.on_shutdown();
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoMilliseconds(config.drain_timeout));
  server->Wait();
  LogLine("stopped", {{"program", config.program}});
  return absl::OkStatus();
}

}  // namespace civicwatch

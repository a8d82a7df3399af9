#include "global_flags.h"

#include <cstdlib>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "report_files.h"

namespace civicwatch::cli {

void AddGlobalFlags(ArgParser& parser) {
  parser.Add({"ingest_address", "HOST:PORT",
              "ingest service (env CIVICWATCH_INGEST_ADDRESS; default 127.0.0.1:50051)"});
  parser.Add({"query_address", "HOST:PORT",
              "query service (env CIVICWATCH_QUERY_ADDRESS; default 127.0.0.1:50052); "
              "several replicas repeated or comma-separated, or dns:///NAME:PORT, spread "
              "with round_robin over those SERVING",
              /*repeated=*/true});
  parser.Add({"timeout", "DURATION", "deadline of each call: 30s, 2m, 500ms (default 30s)"});
  parser.Add({"tls_ca", "FILE",
              "PEM root certificates to verify the servers with; turns TLS on "
              "(env CIVICWATCH_TLS_CA)"});
  parser.Add({"tls_cert", "FILE",
              "PEM client certificate, for servers that require one "
              "(env CIVICWATCH_TLS_CERT; with --tls_key)"});
  parser.Add({"tls_key", "FILE",
              "PEM private key of --tls_cert (env CIVICWATCH_TLS_KEY)"});
}

namespace {

// The contents of the file a TLS flag names, into `pem`; INVALID_ARGUMENT
// naming the flag when it cannot be read or is empty (an empty root file
// would otherwise turn TLS off without a word).
absl::Status ReadPemFile(const char* flag, const std::string& path, std::string* pem) {
  absl::StatusOr<std::string> contents = ReadReportFile(path);
  if (!contents.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": cannot read the PEM file: ", contents.status().message()));
  }
  *pem = *std::move(contents);
  return absl::OkStatus();
}

}  // namespace

std::string RealGetEnv(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

absl::StatusOr<ClientOptions> ClientOptionsFrom(const ParsedArgs& args,
                                                const GetEnv& getenv) {
  ClientOptions options;
  auto pick = [&](const char* flag, const char* env, std::string* field) {
    if (args.Has(flag)) {
      *field = args.Get(flag);
    } else if (std::string value = getenv(env); !value.empty()) {
      *field = value;
    }
  };
  pick("ingest_address", "CIVICWATCH_INGEST_ADDRESS", &options.ingest_address);
  pick("query_address", "CIVICWATCH_QUERY_ADDRESS", &options.query_address);
  if (args.Has("query_address")) {
    // Repeated flags and comma lists alike: one comma-separated list.
    options.query_address = absl::StrJoin(args.GetAll("query_address"), ",");
  }
  options.token = getenv("CIVICWATCH_TOKEN");
  std::string tls_ca, tls_cert, tls_key;
  pick("tls_ca", "CIVICWATCH_TLS_CA", &tls_ca);
  pick("tls_cert", "CIVICWATCH_TLS_CERT", &tls_cert);
  pick("tls_key", "CIVICWATCH_TLS_KEY", &tls_key);
  if (tls_cert.empty() != tls_key.empty()) {
    return absl::InvalidArgumentError(tls_cert.empty() ? "--tls_key needs --tls_cert"
                                                       : "--tls_cert needs --tls_key");
  }
  if (!tls_cert.empty() && tls_ca.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert needs --tls_ca: a client certificate is only sent over TLS");
  }
  for (auto [flag, path, pem] :
       {std::make_tuple("tls_ca", &tls_ca, &options.tls_root_certs_pem),
        std::make_tuple("tls_cert", &tls_cert, &options.tls_client_cert_pem),
        std::make_tuple("tls_key", &tls_key, &options.tls_client_key_pem)}) {
    if (path->empty()) continue;
    if (absl::Status s = ReadPemFile(flag, *path, pem); !s.ok()) return s;
  }
  if (args.Has("timeout")) {
    std::string text = args.Get("timeout");
    absl::Duration timeout;
    double seconds = 0;
    if (absl::SimpleAtod(text, &seconds)) {
      timeout = absl::Seconds(seconds);
    } else if (!absl::ParseDuration(text, &timeout)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--timeout: \"", text, "\" is not a duration; write 30s, 2m or 500ms"));
    }
    if (timeout <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError("--timeout must be more than zero");
    }
    options.timeout = timeout;
  }
  if (options.ingest_address.empty()) {
    return absl::InvalidArgumentError("--ingest_address is empty");
  }
  if (options.query_address.empty()) {
    return absl::InvalidArgumentError("--query_address is empty");
  }
  return options;
}

}  // namespace civicwatch::cli

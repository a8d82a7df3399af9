// ClientOptions: where a civicwatch Client connects and how it calls.
#ifndef CIVICWATCH_SDK_OPTIONS_H_
#define CIVICWATCH_SDK_OPTIONS_H_

#include <string>

#include "absl/time/time.h"

namespace civicwatch {

// Settings of a Client (and of the Connection it uses). Plain values; copy
// and change them freely before calling Client::Create().
struct ClientOptions {
  // host:port of the ingest service (CreateReport, NormalizeReport,
  // GetReport, ListReports). Any gRPC target works ("dns:///host:443").
  std::string ingest_address = "127.0.0.1:50051";

  // The query service (events, statistics, entities): host:port of one
  // replica; or several, comma-separated ("10.0.0.5:50052,10.0.0.6:50052",
  // each host resolved once when the client is made); or
  // "dns:///name:port", a name whose addresses are all replicas. With
  // several, calls are spread over them with gRPC's round_robin policy,
  // skipping a replica whose health (civicwatch.v1.QueryService) is not
  // SERVING: down, catching up, or too far behind the feed. Reads are
  // retried on UNAVAILABLE (max_retries), so a replica that stops between
  // two calls of a paging loop costs no error; page tokens are valid on
  // every replica.
  std::string query_address = "127.0.0.1:50052";

  // Bearer token sent as "authorization: Bearer <token>" on every call;
  // empty sends none (servers allow that only on loopback).
  std::string token;

  // PEM root certificates to verify the servers with; when set, both
  // channels use TLS, when empty they are plaintext.
  std::string tls_root_certs_pem;

  // The client's own PEM certificate chain and private key, presented to
  // servers that require client certificates (mutual TLS: a server started
  // with --tls_client_ca). Both or neither, and only with
  // tls_root_certs_pem; Client::Create refuses anything else.
  std::string tls_client_cert_pem;
  std::string tls_client_key_pem;

  // The deadline of each call, retries included. For ExportEvents, the
  // deadline of each stretch of the stream: a stream that times out after
  // making progress is resumed where it stopped.
  absl::Duration timeout = absl::Seconds(30);

  // How many times a call that failed with UNAVAILABLE is tried again (with
  // exponential backoff and jitter) before the error is returned. Only
  // calls that are safe to repeat are retried; 0 disables retries.
  int max_retries = 3;
};

}  // namespace civicwatch

#endif  // CIVICWATCH_SDK_OPTIONS_H_

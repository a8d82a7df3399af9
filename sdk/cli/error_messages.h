// Errors as sentences a user can act on:
//   civicwatch: the server rejected --from (filter.start_date): month must be 1 to 12
//   civicwatch: could not reach the query service at 127.0.0.1:50052. Is it
//   running? Point --query_address or CIVICWATCH_QUERY_ADDRESS at it.
// never a raw status dump.
#ifndef CIVICWATCH_SDK_CLI_ERROR_MESSAGES_H_
#define CIVICWATCH_SDK_CLI_ERROR_MESSAGES_H_

#include <string>

#include "absl/status/status.h"
#include "civicwatch/options.h"
#include "command.h"

namespace civicwatch::cli {

// The service a failed call went to, for the message.
struct Service {
  std::string name;          // "query service"
  std::string address;       // "127.0.0.1:50052"
  std::string address_flag;  // "query_address"
  absl::Duration timeout = absl::Seconds(30);
  bool tls = false;                 // --tls_ca given
  bool client_certificate = false;  // --tls_cert given
};
Service QueryServiceOf(const ClientOptions& options);
Service IngestServiceOf(const ClientOptions& options);

// A sentence (no "civicwatch: " prefix, no final newline) saying what went
// wrong with a call to `service` and, where there is one, what to do.
// INVALID_ARGUMENT lists the server's field violations, each with the
// command-line flag it comes from when there is one.
std::string DescribeError(const absl::Status& status, const Service& service);

// Writes "civicwatch: <sentence>" to ctx.err and returns kExitFailure.
int ReportError(Context& ctx, const absl::Status& status, const Service& service);

// Writes "civicwatch: <message>" and a pointer to --help to ctx.err and
// returns kExitUsage.
int ReportUsage(Context& ctx, const std::string& command, absl::string_view message);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_ERROR_MESSAGES_H_

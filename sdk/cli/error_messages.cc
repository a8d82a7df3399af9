#include "error_messages.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/ascii.h"
#include "civicwatch/errors.h"
#include "filter_flags.h"

namespace civicwatch::cli {
namespace {

// The server's message, with a full stop trimmed so it can be embedded.
std::string Message(const absl::Status& status) {
  std::string m(absl::StripAsciiWhitespace(status.message()));
  if (!m.empty() && m.back() == '.') m.pop_back();
  return m;
}

// gRPC's connection failures read "failed to connect to all addresses;
// last error: UNKNOWN: ipv4:127.0.0.1:50052: Failed to connect to remote
// host: Connection refused"; the user needs only the last part.
std::string ConnectionProblem(const std::string& message) {
  if (!absl::StartsWith(message, "failed to connect")) return message;
  size_t colon = message.rfind(": ");
  if (colon == std::string::npos) return "connection failed";
  std::string reason = message.substr(colon + 2);
  if (!reason.empty()) reason[0] = absl::ascii_tolower(reason[0]);
  return reason;
}

// What to try when a connection was made but did not become a channel
// (closed or reset in the TLS handshake): the TLS flags. Empty when nothing
// listens at the address, where TLS is beside the point.
std::string TlsHint(const Service& service, const std::string& problem) {
  if (absl::StrContains(absl::AsciiStrToLower(problem), "connection refused")) return "";
  if (!service.tls) return "; if it serves TLS, give --tls_ca (or CIVICWATCH_TLS_CA)";
  if (!service.client_certificate) {
    return "; if it requires client certificates, give --tls_cert and --tls_key";
  }
  return "; check that --tls_ca is the authority of its certificate and that it trusts "
         "the one of --tls_cert";
}

Service ServiceOf(const ClientOptions& options, std::string name, std::string address,
                  std::string address_flag) {
  Service service{std::move(name), std::move(address), std::move(address_flag),
                  options.timeout};
  service.tls = !options.tls_root_certs_pem.empty();
  service.client_certificate = !options.tls_client_cert_pem.empty();
  return service;
}

}  // namespace

Service QueryServiceOf(const ClientOptions& options) {
  return ServiceOf(options, "query service", options.query_address, "query_address");
}

Service IngestServiceOf(const ClientOptions& options) {
  return ServiceOf(options, "ingest service", options.ingest_address, "ingest_address");
}

std::string DescribeError(const absl::Status& status, const Service& service) {
  const std::string message = Message(status);
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: {
      auto violations = FieldViolations(status);
      if (violations.empty()) {
        return absl::StrCat("the server rejected the request: ", message);
      }
      std::vector<std::string> parts;
      for (const auto& [field, description] : violations) {
        std::string flag = FlagForField(field);
        parts.push_back(absl::StrCat(
            flag.empty() ? field : absl::StrCat(flag, " (", field, ")"), ": ",
            description));
      }
      return absl::StrCat("the server rejected ", absl::StrJoin(parts, "; "));
    }
    case absl::StatusCode::kUnavailable: {
      const std::string problem = ConnectionProblem(message);
      return absl::StrCat("could not reach the ", service.name, " at ",
                          service.address, " (", problem,
                          "). Is it running? Point --", service.address_flag,
                          " or CIVICWATCH_", absl::AsciiStrToUpper(service.address_flag),
                          " at it", TlsHint(service, problem));
    }
    case absl::StatusCode::kDeadlineExceeded:
      return absl::StrCat("the ", service.name, " at ", service.address,
                          " did not answer within ", absl::FormatDuration(service.timeout),
                          "; try again with a longer --timeout");
    case absl::StatusCode::kUnauthenticated:
      return absl::StrCat("the ", service.name, " did not accept the credentials (",
                          message, "); set CIVICWATCH_TOKEN to a valid token");
    case absl::StatusCode::kPermissionDenied:
      return absl::StrCat("the token may not do this (", message,
                          "); ask for a token with the needed scope");
    case absl::StatusCode::kNotFound:
      return absl::StrCat("not found: ", message);
    case absl::StatusCode::kUnimplemented:
      return absl::StrCat("the ", service.name, " at ", service.address,
                          " does not offer this yet (", message, ")");
    case absl::StatusCode::kResourceExhausted:
      return absl::StrCat("the request is too large or too frequent: ", message);
    case absl::StatusCode::kFailedPrecondition:
      return absl::StrCat("the ", service.name, " cannot do this now: ", message);
    default:
      return absl::StrCat("the ", service.name, " failed: ",
                          message.empty() ? "no reason given" : message);
  }
}

int ReportError(Context& ctx, const absl::Status& status, const Service& service) {
  ctx.err << "civicwatch: " << DescribeError(status, service) << "\n";
  return kExitFailure;
}

int ReportUsage(Context& ctx, const std::string& command, absl::string_view message) {
  ctx.err << "civicwatch: " << message << "\n"
          << "Run 'civicwatch " << (command.empty() ? "" : command + " ")
          << "--help' for usage.\n";
  return kExitUsage;
}

}  // namespace civicwatch::cli

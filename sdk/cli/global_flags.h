// The flags every command accepts (where the servers are, the timeout) and
// the environment variables behind them.
#ifndef CIVICWATCH_SDK_CLI_GLOBAL_FLAGS_H_
#define CIVICWATCH_SDK_CLI_GLOBAL_FLAGS_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "args.h"
#include "civicwatch/options.h"

namespace civicwatch::cli {

// Adds --ingest_address, --query_address, --timeout and the TLS flags
// (--tls_ca, --tls_cert, --tls_key).
void AddGlobalFlags(ArgParser& parser);

// Reads an environment variable; empty when unset. A seam for tests.
using GetEnv = std::function<std::string(const char*)>;
std::string RealGetEnv(const char* name);

// ClientOptions from the flags first, then CIVICWATCH_INGEST_ADDRESS,
// CIVICWATCH_QUERY_ADDRESS, CIVICWATCH_TOKEN and CIVICWATCH_TLS_CA,
// _CERT and _KEY, then the defaults. --timeout takes a duration ("30s",
// "1m30s", "500ms") or plain seconds. The TLS flags name PEM files, read
// here. Returns INVALID_ARGUMENT naming the flag for a bad timeout, a TLS
// file that cannot be read, or a certificate without its key (or the
// other way round, or without --tls_ca).
absl::StatusOr<ClientOptions> ClientOptionsFrom(const ParsedArgs& args,
                                                const GetEnv& getenv);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_GLOBAL_FLAGS_H_

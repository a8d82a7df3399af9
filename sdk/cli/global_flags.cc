#include "global_flags.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace civicwatch::cli {

void AddGlobalFlags(ArgParser& parser) {
  parser.Add({"ingest_address", "HOST:PORT",
              "ingest service (env CIVICWATCH_INGEST_ADDRESS; default 127.0.0.1:50051)"});
  parser.Add({"query_address", "HOST:PORT",
              "query service (env CIVICWATCH_QUERY_ADDRESS; default 127.0.0.1:50052)"});
  parser.Add({"timeout", "DURATION", "deadline of each call: 30s, 2m, 500ms (default 30s)"});
}

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
  options.token = getenv("CIVICWATCH_TOKEN");
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

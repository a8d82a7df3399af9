// The --format flag: table (aligned, for people), json (one object per
// line, proto3 JSON mapping), csv (RFC 4180 with a header).
#ifndef CIVICWATCH_SDK_CLI_OUTPUT_FORMAT_H_
#define CIVICWATCH_SDK_CLI_OUTPUT_FORMAT_H_

#include <string>

#include "absl/status/statusor.h"
#include "args.h"

namespace civicwatch::cli {

enum class Format { kTable, kJson, kCsv };

// Adds --format with the given choices ("table|json|csv").
void AddFormatFlag(ArgParser& parser, const std::string& choices = "table|json|csv");

// The --format given, or `fallback`. INVALID_ARGUMENT, naming the choices,
// for any other value or one not in `choices`.
absl::StatusOr<Format> FormatFrom(const ParsedArgs& args, Format fallback,
                                  const std::string& choices = "table|json|csv");

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_OUTPUT_FORMAT_H_

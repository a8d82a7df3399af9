// Steps most commands take the same way: getting their Client, and telling
// a bad filter flag from a failed look-up.
#ifndef CIVICWATCH_SDK_CLI_COMMAND_STEPS_H_
#define CIVICWATCH_SDK_CLI_COMMAND_STEPS_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "civicwatch/client.h"
#include "command.h"

namespace civicwatch::cli {

// The Client `command` talks through (ctx.make_client). When it cannot be
// made (a bad address or token flag), says why as a usage error (see
// ReportUsage) and returns nullptr: the command then exits with kExitUsage.
std::unique_ptr<Client> ClientOrUsage(Context& ctx, const std::string& command);

// Reports an error of FilterFromFlags and returns the exit code: a bad flag
// (INVALID_ARGUMENT) as a usage error, a failed look-up (the query service
// resolving --entity) as that service's error.
int ReportFilterError(Context& ctx, const std::string& command, const absl::Status& status);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_COMMAND_STEPS_H_

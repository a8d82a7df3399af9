// The civicwatch tool's entry point, apart from main() so tests can run it.
#ifndef CIVICWATCH_SDK_CLI_CLI_H_
#define CIVICWATCH_SDK_CLI_CLI_H_

#include <string>
#include <vector>

#include "command.h"
#include "global_flags.h"

namespace civicwatch::cli {

// Runs the command line `args` (without the program name): global flags,
// a subcommand, its flags and arguments. Returns the exit code.
int RunCli(const std::vector<std::string>& args, Context& ctx,
           const GetEnv& getenv = RealGetEnv);

// The tool's --help text.
std::string ToolHelp();

// A subcommand's --help text.
std::string CommandHelp(const Command& command);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_CLI_H_

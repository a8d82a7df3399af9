// What every subcommand of the civicwatch tool is made of, and what it is
// given to run: the parsed flags, where to write, and how to get a Client.
#ifndef CIVICWATCH_SDK_CLI_COMMAND_H_
#define CIVICWATCH_SDK_CLI_COMMAND_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "args.h"
#include "civicwatch/client.h"

namespace civicwatch::cli {

// The tool's exit codes, as documented in its --help.
enum ExitCode : int {
  kExitOk = 0,       // Everything asked was done.
  kExitFailure = 1,  // The server or a file failed; the message says which.
  kExitUsage = 2,    // The command line was wrong.
};

// The environment of one run. main() fills it with the real streams and a
// real Client factory; tests fill it with string streams and a mock.
struct Context {
  std::ostream& out;
  std::ostream& err;
  // Whether `out` is a terminal: progress bars, truncation to its width.
  bool out_is_terminal = false;
  // Columns of the terminal; 0 when not writing to one (no truncation).
  int terminal_width = 0;
  // Connection settings from the global flags and the environment.
  ClientOptions client_options;
  // Makes the Client a command uses.
  std::function<absl::StatusOr<std::unique_ptr<Client>>(const ClientOptions&)>
      make_client = [](const ClientOptions& o) { return Client::Create(o); };
};

// One subcommand: its help and its work.
struct Command {
  std::string name;      // "timeline"
  std::string synopsis;  // "timeline [flags]"
  std::string summary;   // One line for the tool's --help.
  std::string details;   // Paragraphs after the synopsis in its own --help.
  std::string example;   // One or more example command lines.
  // Declares the command's own flags (global flags are added for it).
  std::function<void(ArgParser&)> define_flags;
  // Does the work; returns an ExitCode. Usage mistakes found late (a bad
  // date) are reported by the command itself with kExitUsage.
  std::function<int(const ParsedArgs&, Context&)> run;
};

// Every subcommand, in the order of the tool's --help. Each lives in its
// own cmd_*.cc file.
const std::vector<Command>& AllCommands();

Command IngestCommand();
Command ImportCommand();
Command TimelineCommand();
Command StatsCommand();
Command NormalizeCommand();
Command EventCommand();
Command ReviewCommand();
Command ReportsCommand();
Command ReportCommand();
Command EntityCommand();
Command EntitiesCommand();
Command ExportCommand();
Command BackupCommand();
Command RenormalizeCommand();

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_COMMAND_H_

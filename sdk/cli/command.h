// What every subcommand of the civicwatch tool is made of (its help text,
// its flags, its work), and what it is given to run: the parsed flags,
// where to write, and how to get a Client.
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
#include "help_text.h"

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
  std::string name;  // "timeline"
  // Its help, from sdk/cli/help/NAME.txt (see help_text.h).
  HelpText help;
  // Declares the command's own flags (global flags are added for it); null
  // for a command without any.
  void (*define_flags)(ArgParser&) = nullptr;
  // Does the work; returns an ExitCode. Usage mistakes found late (a bad
  // date) are reported by the command itself with kExitUsage.
  int (*run)(const ParsedArgs&, Context&) = nullptr;
};

// Every subcommand, in the order of the tool's --help (command_table.cc).
const std::vector<Command>& AllCommands();

// The flags and the work of each command, each pair in its own cmd_*.cc
// file.
void DefineIngestFlags(ArgParser& p);
int RunIngest(const ParsedArgs& args, Context& ctx);
void DefineImportFlags(ArgParser& p);
int RunImport(const ParsedArgs& args, Context& ctx);
void DefineNormalizeFlags(ArgParser& p);
int RunNormalize(const ParsedArgs& args, Context& ctx);
void DefineTimelineFlags(ArgParser& p);
int RunTimeline(const ParsedArgs& args, Context& ctx);
void DefineEventFlags(ArgParser& p);
int RunEvent(const ParsedArgs& args, Context& ctx);
// `event merge` and `event split` (cmd_event_incidents.cc), run by
// RunEvent with its flags.
int RunEventMerge(const ParsedArgs& args, Context& ctx);
int RunEventSplit(const ParsedArgs& args, Context& ctx);
void DefineCandidatesFlags(ArgParser& p);
int RunCandidates(const ParsedArgs& args, Context& ctx);
void DefineReviewFlags(ArgParser& p);
int RunReview(const ParsedArgs& args, Context& ctx);
void DefineStatsFlags(ArgParser& p);
int RunStats(const ParsedArgs& args, Context& ctx);
void DefineExportFlags(ArgParser& p);
int RunExport(const ParsedArgs& args, Context& ctx);
void DefineReportsFlags(ArgParser& p);
int RunReports(const ParsedArgs& args, Context& ctx);
void DefineReportFlags(ArgParser& p);
int RunReport(const ParsedArgs& args, Context& ctx);
void DefineEntitiesFlags(ArgParser& p);
int RunEntities(const ParsedArgs& args, Context& ctx);
void DefineEntityFlags(ArgParser& p);
int RunEntity(const ParsedArgs& args, Context& ctx);
int RunBackup(const ParsedArgs& args, Context& ctx);
void DefineRenormalizeFlags(ArgParser& p);
int RunRenormalize(const ParsedArgs& args, Context& ctx);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_COMMAND_H_

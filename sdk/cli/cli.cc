#include "cli.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "error_messages.h"

namespace civicwatch::cli {
namespace {

const Command* FindCommand(const std::string& name) {
  for (const Command& c : AllCommands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

ArgParser GlobalParser() {
  ArgParser parser;
  AddGlobalFlags(parser);
  return parser;
}

// Indents every line of `text` by two spaces.
std::string Indent(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    absl::StrAppend(&out, line.empty() ? "" : "  ", line, "\n");
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string ToolHelp() {
  std::string out =
      "civicwatch: submit human-rights monitoring reports and read the "
      "incidents in them.\n\n"
      "Usage: civicwatch [global flags] COMMAND [flags] [arguments]\n\n"
      "Commands:\n";
  size_t width = 0;
  for (const Command& c : AllCommands()) width = std::max(width, c.name.size());
  for (const Command& c : AllCommands()) {
    absl::StrAppend(&out, "  ", c.name, std::string(width + 3 - c.name.size(), ' '),
                    c.help.summary, "\n");
  }
  ArgParser global = GlobalParser();
  global.Add({"help", "", "show this help; 'civicwatch COMMAND --help' for a command's"});
  absl::StrAppend(&out, "\nGlobal flags (also accepted after the command):\n",
                  global.Help(),
                  "\nEnvironment:\n"
                  "  CIVICWATCH_INGEST_ADDRESS, CIVICWATCH_QUERY_ADDRESS   used when the flag is not given\n"
                  "  CIVICWATCH_TOKEN                                      bearer token sent with every call\n"
                  "  CIVICWATCH_TLS_CA, CIVICWATCH_TLS_CERT, CIVICWATCH_TLS_KEY  used when the TLS flag is not given\n"
                  "\nExit codes:\n"
                  "  0  success\n"
                  "  1  a call or a file failed (the message says which)\n"
                  "  2  the command line was wrong\n"
                  "\nExamples:\n"
                  "  civicwatch ingest corpus/dev/\n"
                  "  civicwatch timeline --country KG --from 2018-06 --to 2018\n"
                  "  civicwatch stats --by category --country KG\n");
  return out;
}

std::string CommandHelp(const Command& command) {
  ArgParser parser;
  if (command.define_flags) command.define_flags(parser);
  const HelpText& help = command.help;
  std::string out = absl::StrCat("Usage: civicwatch ", help.synopsis, "\n\n", help.summary, "\n");
  if (!help.details.empty()) absl::StrAppend(&out, "\n", help.details, "\n");
  if (!parser.specs().empty()) absl::StrAppend(&out, "\nFlags:\n", parser.Help());
  absl::StrAppend(&out, "\nGlobal flags:\n", GlobalParser().Help());
  if (!help.example.empty()) {
    absl::StrAppend(&out, "\nExample:\n", Indent(help.example));
  }
  return out;
}

int RunCli(const std::vector<std::string>& args, Context& ctx, const GetEnv& getenv) {
  // Global flags may come before the command name.
  ArgParser global = GlobalParser();
  std::vector<std::string> leading;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h" || arg == "help") {
      if (arg == "help" && i + 1 < args.size()) {
        if (const Command* c = FindCommand(args[i + 1])) {
          ctx.out << CommandHelp(*c);
          return kExitOk;
        }
      }
      ctx.out << ToolHelp();
      return kExitOk;
    }
    if (!absl::StartsWith(arg, "-")) break;
    leading.push_back(arg);
    if (arg.find('=') == std::string::npos && i + 1 < args.size()) {
      leading.push_back(args[++i]);
    }
  }
  if (i == args.size()) {
    if (!leading.empty()) return ReportUsage(ctx, "", "no command given");
    ctx.err << ToolHelp();
    return kExitUsage;
  }
  const Command* command = FindCommand(args[i]);
  if (command == nullptr) {
    return ReportUsage(ctx, "", absl::StrCat("unknown command \"", args[i], "\""));
  }

  ArgParser parser;
  if (command->define_flags) command->define_flags(parser);
  parser.AddAll(global);
  std::vector<std::string> rest = leading;
  rest.insert(rest.end(), args.begin() + i + 1, args.end());
  absl::StatusOr<ParsedArgs> parsed = parser.Parse(rest);
  if (!parsed.ok()) return ReportUsage(ctx, command->name, parsed.status().message());
  if (parsed->Has("help")) {
    ctx.out << CommandHelp(*command);
    return kExitOk;
  }
  absl::StatusOr<ClientOptions> options = ClientOptionsFrom(*parsed, getenv);
  if (!options.ok()) return ReportUsage(ctx, command->name, options.status().message());
  ctx.client_options = *options;
  return command->run(*parsed, ctx);
}

}  // namespace civicwatch::cli

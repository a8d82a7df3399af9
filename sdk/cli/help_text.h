// The help of each subcommand, kept as text in sdk/cli/help/NAME.txt and
// built into the binary (embed_help.cmake), so the code of a command holds
// only its flags and its work.
//
// A help file is a list of sections, each a line `[KEY]` followed by its
// text up to the next such line; trailing blank lines of a section are not
// part of it. The keys:
//   [synopsis]  the command line after "civicwatch " ("timeline [flags]")
//   [summary]   one line, for the tool's --help and under the synopsis
//   [details]   paragraphs after the summary in the command's --help
//   [example]   one or more example command lines
// synopsis and summary are required; details and example may be left out.
#ifndef CIVICWATCH_SDK_CLI_HELP_TEXT_H_
#define CIVICWATCH_SDK_CLI_HELP_TEXT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch::cli {

struct HelpText {
  std::string synopsis;
  std::string summary;
  std::string details;
  std::string example;
};

// One help file as built into the binary.
struct HelpFile {
  const char* command;  // The file's name without .txt: the command's name.
  const char* text;     // The whole file.
};

// Every file of sdk/cli/help, in the order CMakeLists.txt names them
// (defined in the file embed_help.cmake makes).
const std::vector<HelpFile>& HelpFiles();

// Reads a help file's text. INVALID_ARGUMENT naming the line for text
// before the first section, an unknown or repeated key, or a missing
// synopsis or summary.
absl::StatusOr<HelpText> ParseHelpText(absl::string_view text);

// The parsed help file of `command`. Every command has one (a unit test
// checks it), so a missing or malformed file is a build mistake: the
// process stops saying which.
HelpText HelpOf(absl::string_view command);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_HELP_TEXT_H_

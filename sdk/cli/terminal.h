// What the tool knows about the terminal it writes to.
#ifndef CIVICWATCH_SDK_CLI_TERMINAL_H_
#define CIVICWATCH_SDK_CLI_TERMINAL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace civicwatch::cli {

// Whether stdout is a terminal (not a pipe or a file).
bool StdoutIsTerminal();

// The terminal's width in columns: $COLUMNS when set, else what the tty
// reports, else 80.
int TerminalWidth();

// How many columns `text` (UTF-8) takes: one per code point, two for East
// Asian wide characters, none for combining marks. Good enough for the
// names and summaries civicwatch prints.
int DisplayWidth(absl::string_view text);

// `text` cut to at most `width` columns, ending in "…" when cut. Never
// splits a UTF-8 sequence.
std::string TruncateToWidth(absl::string_view text, int width);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_TERMINAL_H_

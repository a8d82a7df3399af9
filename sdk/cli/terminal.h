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

// `text` with line breaks added at spaces so no line is wider than
// `width` columns (a word wider than that gets a line of its own); its
// own line breaks are kept, and ANSI escape sequences ("\x1b[1m") take no
// columns. `width` <= 0 leaves the text as it is.
std::string WordWrap(absl::string_view text, int width);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_TERMINAL_H_

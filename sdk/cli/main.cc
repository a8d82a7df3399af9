// The civicwatch command-line tool. See `civicwatch --help`.
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"
#include "terminal.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  civicwatch::cli::Context ctx{std::cout, std::cerr};
  ctx.out_is_terminal = civicwatch::cli::StdoutIsTerminal();
  ctx.terminal_width = ctx.out_is_terminal ? civicwatch::cli::TerminalWidth() : 0;
  std::vector<std::string> args(argv + 1, argv + argc);
  int code = civicwatch::cli::RunCli(args, ctx);
  std::cout.flush();
  return code;
}

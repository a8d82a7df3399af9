// Keys and lines typed by the person at the terminal, for `civicwatch
// review`. On a terminal, input is read one key at a time (termios raw
// mode: no echo, no line buffering; Ctrl-C still interrupts) and lines are
// echoed and edited here (Backspace, Ctrl-U; Esc cancels). Otherwise
// (a pipe, a file) every key is the first character of a line and every
// line is a line, so the same session can be scripted.
#ifndef CIVICWATCH_SDK_CLI_KEY_INPUT_H_
#define CIVICWATCH_SDK_CLI_KEY_INPUT_H_

#include <termios.h>

#include <optional>
#include <ostream>
#include <string>

namespace civicwatch::cli {

class KeyInput {
 public:
  // Reads from `fd`; echoes typed lines to `echo` on a terminal. Puts a
  // terminal into raw mode until destroyed (and restores it if the process
  // is interrupted by SIGINT, SIGTERM or SIGHUP meanwhile).
  KeyInput(int fd, std::ostream& echo);
  ~KeyInput();
  KeyInput(const KeyInput&) = delete;
  KeyInput& operator=(const KeyInput&) = delete;

  // Whether keys come one at a time from a terminal.
  bool raw() const { return raw_; }

  // The next key (a terminal's escape sequences, such as arrows, come as
  // one '\x1b'); nullopt at the end of input.
  std::optional<char> ReadKey();

  // One line of text, without its newline; nullopt at the end of input or
  // when the person pressed Esc (or Ctrl-D on an empty line).
  std::optional<std::string> ReadLine();

 private:
  // One byte; nullopt at the end of input or on a read error.
  std::optional<unsigned char> ReadByte();
  // Drops bytes that are already waiting (the rest of an escape sequence).
  void DrainPending();

  int fd_;
  std::ostream& echo_;
  bool raw_ = false;
  termios saved_{};
};

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_KEY_INPUT_H_

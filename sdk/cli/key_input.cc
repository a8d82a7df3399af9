#include "key_input.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace civicwatch::cli {
namespace {

// The terminal to restore when a signal ends the process in raw mode.
int g_raw_fd = -1;
termios g_saved_mode{};

void RestoreAndReraise(int signal_number) {
  if (g_raw_fd >= 0) tcsetattr(g_raw_fd, TCSAFLUSH, &g_saved_mode);
  std::signal(signal_number, SIG_DFL);
  raise(signal_number);
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

KeyInput::KeyInput(int fd, std::ostream& echo) : fd_(fd), echo_(echo) {
  if (isatty(fd_) != 1 || tcgetattr(fd_, &saved_) != 0) return;
  termios mode = saved_;
  mode.c_lflag &= ~(ICANON | ECHO);
  mode.c_cc[VMIN] = 1;
  mode.c_cc[VTIME] = 0;
  if (tcsetattr(fd_, TCSAFLUSH, &mode) != 0) return;
  raw_ = true;
  g_raw_fd = fd_;
  g_saved_mode = saved_;
  for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, RestoreAndReraise);
}

KeyInput::~KeyInput() {
  if (!raw_) return;
  tcsetattr(fd_, TCSAFLUSH, &saved_);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, SIG_DFL);
  g_raw_fd = -1;
}

std::optional<unsigned char> KeyInput::ReadByte() {
  unsigned char c;
  while (true) {
    const ssize_t n = read(fd_, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return std::nullopt;
  }
}

void KeyInput::DrainPending() {
  pollfd p{fd_, POLLIN, 0};
  // An escape sequence arrives in one burst; 30 ms covers a slow link.
  while (poll(&p, 1, 30) == 1 && (p.revents & POLLIN)) {
    if (!ReadByte()) return;
  }
}

std::optional<char> KeyInput::ReadKey() {
  if (raw_) {
    auto c = ReadByte();
    if (!c) return std::nullopt;
    if (*c == 0x1b) DrainPending();
    if (*c == 0x04) return std::nullopt;  // Ctrl-D
    return static_cast<char>(*c);
  }
  while (true) {
    auto line = ReadLine();
    if (!line) return std::nullopt;
    for (char c : *line) {
      if (c != ' ' && c != '\t' && c != '\r') return c;
    }
  }
}

std::optional<std::string> KeyInput::ReadLine() {
  std::string line;
  if (!raw_) {
    while (true) {
      auto c = ReadByte();
      if (!c) {
        if (line.empty()) return std::nullopt;
        return line;
      }
      if (*c == '\n') return line;
      line.push_back(static_cast<char>(*c));
    }
  }
  while (true) {
    auto c = ReadByte();
    if (!c) return std::nullopt;
    if (*c == '\r' || *c == '\n') {
      echo_ << "\n" << std::flush;
      return line;
    }
    if (*c == 0x1b) {
      DrainPending();
      echo_ << "\n" << std::flush;
      return std::nullopt;
    }
    if (*c == 0x04 && line.empty()) return std::nullopt;
    if (*c == 0x7f || *c == 0x08) {
      if (line.empty()) continue;
      while (!line.empty() && IsContinuationByte(line.back())) line.pop_back();
      if (!line.empty()) line.pop_back();
      echo_ << "\b \b" << std::flush;
      continue;
    }
    if (*c == 0x15) {  // Ctrl-U: start the line again.
      for (size_t i = 0; i < line.size(); ++i) {
        if (!IsContinuationByte(line[i])) echo_ << "\b \b";
      }
      echo_ << std::flush;
      line.clear();
      continue;
    }
    if (*c < 0x20) continue;  // Other control keys do nothing.
    line.push_back(static_cast<char>(*c));
    echo_ << static_cast<char>(*c) << std::flush;
  }
}

}  // namespace civicwatch::cli

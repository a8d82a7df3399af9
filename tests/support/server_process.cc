#include "tests/support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "re2/re2.h"

namespace civicwatch::testing {
namespace {

// Starts `binary` with `args`, its stdout and stderr appended to `log_path`.
// Everything the child needs is prepared before fork(): tests fork while
// their own threads run, and a child that allocates could block forever on
// an allocator lock some other thread held at the moment of the fork (seen
// under ASan). Between fork and exec only async-signal-safe calls are made.
pid_t Spawn(const std::string& binary, const std::vector<std::string>& args,
            const std::string& log_path) {
  int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  sigset_t none;
  sigemptyset(&none);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    // The test runner may block signals; the server must see its own.
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fd);
  return pid;
}

// Waits for `pid`; returns its exit code, 128+signal, or -1 on timeout.
int WaitFor(pid_t pid, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return -1;
}

}  // namespace

std::string MakeTempDir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = absl::StrCat(base ? base : "/tmp", "/", prefix, "-XXXXXX");
  return mkdtemp(tmpl.data());
}

ServerProcess::ServerProcess(std::string binary, std::vector<std::string> args,
                             std::string log_path)
    : binary_(std::move(binary)), args_(std::move(args)), log_path_(std::move(log_path)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    WaitFor(pid_, absl::Seconds(10));
  }
}

absl::Status ServerProcess::Start(absl::Duration timeout) {
  Launch();
  return AwaitListening(timeout);
}

void ServerProcess::Launch() {
  if (!started_) std::ofstream(log_path_, std::ios::trunc).close();
  started_ = true;
  log_start_ = ReadLog().size();
  std::vector<std::string> args = args_;
  args.push_back(absl::StrCat("--listen=", host_, ":", port_));
  pid_ = Spawn(binary_, args, log_path_);
}

absl::Status ServerProcess::AwaitListening(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  static const RE2 kPort(R"(listening.*port\W+(\d+))");
  while (absl::Now() < deadline) {
    int port = 0;
    std::string log = ReadLog();
    if (log.size() > log_start_ &&
        RE2::PartialMatch(log.substr(log_start_), kPort, &port)) {
      port_ = port;
      return absl::OkStatus();
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat(binary_, " exited early:\n", ReadLog()));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError(absl::StrCat(binary_, " did not start:\n", ReadLog()));
}

int ServerProcess::Stop(int signal, absl::Duration timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int code = WaitFor(pid_, timeout);
  if (code == -1) {
    kill(pid_, SIGKILL);
    WaitFor(pid_, absl::Seconds(10));
  }
  pid_ = -1;
  return code;
}

int ServerProcess::RunToExit(const std::string& binary, const std::vector<std::string>& args,
                             const std::string& log_path, absl::Duration timeout) {
  pid_t pid = Spawn(binary, args, log_path);
  int code = WaitFor(pid, timeout);
  if (code == -1) {
    kill(pid, SIGKILL);
    WaitFor(pid, absl::Seconds(10));
  }
  return code;
}

bool ServerProcess::WaitForLog(const std::string& text, absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (ReadLog().find(text) == std::string::npos) {
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

std::string ServerProcess::address() const { return absl::StrCat(host_, ":", port_); }

std::string ServerProcess::ReadLog() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace civicwatch::testing

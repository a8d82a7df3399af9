// Starts a real civicwatch server binary for a test and stops it again.
//
// The binary listens on 127.0.0.1:0 (an ephemeral port), and the port it
// bound is read from its log, so parallel tests never collide. Output goes
// to a log file in the test's temporary folder, printed when a test fails.
#ifndef CIVICWATCH_TESTS_SUPPORT_SERVER_PROCESS_H_
#define CIVICWATCH_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace civicwatch::testing {

class ServerProcess {
 public:
  // `binary` is the executable; `args` its flags (without --listen, which
  // is added). `log_path` receives stdout and stderr.
  ServerProcess(std::string binary, std::vector<std::string> args, std::string log_path);
  ~ServerProcess();  // SIGKILLs the process if it still runs

  // Starts the process and waits until it reports its port. Errors when it
  // exits first or says nothing within `timeout` (generous: a replica may
  // rebuild indexes before it listens, slower still under sanitizers).
  // The first start takes an
  // ephemeral port; a restart after Stop() reuses the same port, so
  // clients can reconnect to the same address.
  absl::Status Start(absl::Duration timeout = absl::Seconds(60));

  // Start() in two halves, for a test that acts on the process before it
  // listens (a replica bootstrapping from a peer listens only afterwards):
  // Launch() starts it and returns at once; AwaitListening() then waits as
  // Start() does.
  void Launch();
  absl::Status AwaitListening(absl::Duration timeout = absl::Seconds(60));

  // Sends `signal` and waits for the exit; returns the exit code (or 128 +
  // signal number when killed by a signal).
  int Stop(int signal, absl::Duration timeout = absl::Seconds(20));

  // Listens on `host`:`port` from the next Start() on: another loopback
  // address (127.0.0.2) and, for servers that share a DNS name, the port
  // another one listens on at another address (0: an ephemeral one).
  void ListenOn(std::string host, int port) {
    host_ = std::move(host);
    port_ = port;
  }

  // Replaces the flags for the next Start(); a restart keeps the port, so a
  // test can bring the same address back with other flags (a restored
  // data dir).
  void SetArgs(std::vector<std::string> args) { args_ = std::move(args); }

  // Runs the binary to completion with the given extra args (no --listen
  // added) and returns its exit code; output goes to the log.
  static int RunToExit(const std::string& binary, const std::vector<std::string>& args,
                       const std::string& log_path, absl::Duration timeout = absl::Seconds(20));

  // "HOST:PORT" (127.0.0.1 unless ListenOn said otherwise).
  std::string address() const;
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  std::string ReadLog() const;

  // Waits until the log holds `text` (lines a background thread writes
  // after the server listens, such as the feed follower's). True when it
  // appeared within `timeout`.
  bool WaitForLog(const std::string& text, absl::Duration timeout = absl::Seconds(30)) const;

 private:
  std::string binary_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  bool started_ = false;  // the log was emptied at the first start
  size_t log_start_ = 0;  // where the log of the current start begins
};

// A fresh temporary folder under $TMPDIR (or /tmp).
std::string MakeTempDir(const std::string& prefix);

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SUPPORT_SERVER_PROCESS_H_

// Background threads for a test that stop and join when the test ends,
// however it ends.
#pragma once

#include <atomic>
#include <thread>
#include <utility>
#include <vector>

namespace civicwatch::testing {

// Threads that run until `stop` is set. A failed ASSERT returns from the
// test body while they run; a plain std::thread would then be destroyed
// joinable and std::terminate the whole test binary, hiding the failure.
// This destructor sets `stop` and joins instead. Declare it after every
// variable the threads use, so it is destroyed before them.
class JoiningThreads {
 public:
  explicit JoiningThreads(std::atomic<bool>& stop) : stop_(stop) {}
  JoiningThreads(const JoiningThreads&) = delete;
  JoiningThreads& operator=(const JoiningThreads&) = delete;
  ~JoiningThreads() { StopAndJoin(); }

  // Starts a thread running `fn`; `fn` should return soon after `stop` is set.
  template <typename Fn>
  void Start(Fn&& fn) {
    threads_.emplace_back(std::forward<Fn>(fn));
  }

  // Sets `stop` and waits for every thread. Safe to call more than once.
  void StopAndJoin() {
    stop_ = true;
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  std::atomic<bool>& stop_;
  std::vector<std::thread> threads_;
};

}  // namespace civicwatch::testing

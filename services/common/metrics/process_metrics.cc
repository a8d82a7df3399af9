#include "services/common/metrics/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace civicwatch::metrics {
namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Seconds since the epoch at which the machine booted (/proc/stat btime).
bool BootTime(double* out) {
  std::istringstream in(ReadFile("/proc/stat"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("btime ", 0) == 0) {
      uint64_t v;
      if (!absl::SimpleAtoi(line.substr(6), &v)) return false;
      *out = static_cast<double>(v);
      return true;
    }
  }
  return false;
}

int CountOpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int n = 0;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') ++n;
  }
  closedir(dir);
  return n - 1;  // the directory stream's own descriptor
}

}  // namespace

void CollectProcessMetrics(Exposition& out) {
  // /proc/self/stat: the command name (field 2) may hold spaces, so split
  // after its closing parenthesis; field 3 is then index 0.
  const std::string stat = ReadFile("/proc/self/stat");
  const size_t paren = stat.rfind(')');
  if (paren != std::string::npos && paren + 2 < stat.size()) {
    std::vector<std::string> f = absl::StrSplit(stat.substr(paren + 2), ' ');
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
    uint64_t utime, stime, start, vsize, rss;
    if (f.size() > 21 && absl::SimpleAtoi(f[11], &utime) && absl::SimpleAtoi(f[12], &stime) &&
        absl::SimpleAtoi(f[19], &start) && absl::SimpleAtoi(f[20], &vsize) &&
        absl::SimpleAtoi(f[21], &rss)) {
      out.Family("process_cpu_seconds_total", "counter",
                 "Total user and system CPU time spent in seconds.");
      out.Sample("process_cpu_seconds_total", {}, (utime + stime) / ticks);
      out.Family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
      out.Sample("process_virtual_memory_bytes", {}, static_cast<double>(vsize));
      out.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
      out.Sample("process_resident_memory_bytes", {}, rss * page);
      double boot;
      if (BootTime(&boot)) {
        out.Family("process_start_time_seconds", "gauge",
                   "Start time of the process since unix epoch in seconds.");
        out.Sample("process_start_time_seconds", {}, boot + start / ticks);
      }
    }
  }
  if (int fds = CountOpenFds(); fds >= 0) {
    out.Family("process_open_fds", "gauge", "Number of open file descriptors.");
    out.Sample("process_open_fds", {}, fds);
  }
  rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    out.Family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
    out.Sample("process_max_fds", {}, static_cast<double>(limit.rlim_cur));
  }
}

void CollectSqliteFileSizes(const std::string& db_path, Exposition& out) {
  auto size = [](const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 ? static_cast<double>(st.st_size) : 0.0;
  };
  out.Family("civicwatch_sqlite_file_bytes", "gauge",
             "Size of the SQLite database file and of its write-ahead log.");
  out.Sample("civicwatch_sqlite_file_bytes", {{"file", "database"}}, size(db_path));
  out.Sample("civicwatch_sqlite_file_bytes", {{"file", "wal"}}, size(db_path + "-wal"));
}

}  // namespace civicwatch::metrics

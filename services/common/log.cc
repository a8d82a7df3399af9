#include "services/common/log.h"

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/json_string.h"

ABSL_FLAG(std::string, log_format, "text", "log lines as 'text' (key=value) or 'json'");

namespace civicwatch {
namespace {

// A text value stays one token: quoted when it has spaces or quotes.
std::string TextValue(absl::string_view s) {
  if (s.find_first_of(" \"=\n") == absl::string_view::npos && !s.empty()) return std::string(s);
  return JsonString(s);
}

}  // namespace

bool JsonLogs() { return absl::GetFlag(FLAGS_log_format) == "json"; }

void LogLine(absl::string_view event, const LogFields& fields) {
  const std::string time =
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  std::string line;
  if (JsonLogs()) {
    line = absl::StrCat("{\"time\":", JsonString(time), ",\"event\":", JsonString(event));
    for (const auto& [k, v] : fields) absl::StrAppend(&line, ",", JsonString(k), ":", JsonString(v));
    line += "}\n";
  } else {
    line = absl::StrCat(time, " ", event);
    for (const auto& [k, v] : fields) absl::StrAppend(&line, " ", k, "=", TextValue(v));
    line += "\n";
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace civicwatch

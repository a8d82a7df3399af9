// The events a person skipped in `civicwatch review`, kept in a small
// local file so that the next session starts with the ones not yet seen.
// (Confirmed, corrected and rejected events need no file: they are no
// longer SUGGESTED, so the next session does not list them.)
//
// The file holds one event name a line. It is rewritten whole under a
// temporary name and renamed, so an interrupted session leaves the old
// file or the new one, never half of one.
#ifndef CIVICWATCH_SDK_CLI_SKIPPED_EVENTS_H_
#define CIVICWATCH_SDK_CLI_SKIPPED_EVENTS_H_

#include <set>
#include <string>

#include "absl/status/statusor.h"

namespace civicwatch::cli {

class SkippedEvents {
 public:
  // The file's events; none when it does not exist yet. Errors: the file
  // exists and cannot be read.
  static absl::StatusOr<SkippedEvents> Load(const std::string& path);

  // Where the file is by default: $XDG_STATE_HOME/civicwatch/review-skipped,
  // else $HOME/.local/state/civicwatch/review-skipped; empty when neither
  // variable is set.
  static std::string DefaultPath();

  bool Contains(const std::string& event_name) const { return names_.count(event_name) > 0; }
  size_t size() const { return names_.size(); }

  // Adds `event_name` and writes the file (creating its folder). Errors:
  // the file cannot be written; the name is still held in memory.
  absl::Status Add(const std::string& event_name);

 private:
  std::string path_;
  std::set<std::string> names_;
};

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_SKIPPED_EVENTS_H_

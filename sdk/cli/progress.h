// A one-line progress bar for long runs on a terminal:
//   [████████▌           ] 12/28  kg-2018-iphr-surveillance.txt
// Redrawn in place with a carriage return; Message() prints a line above
// it. Only for terminals: callers print plain lines otherwise.
#ifndef CIVICWATCH_SDK_CLI_PROGRESS_H_
#define CIVICWATCH_SDK_CLI_PROGRESS_H_

#include <ostream>
#include <string>

namespace civicwatch::cli {

class ProgressBar {
 public:
  // `total` steps; the line is kept within `width` columns.
  ProgressBar(std::ostream& out, int total, int width);

  // Shows `done` steps finished, the current step named `label`.
  void Update(int done, const std::string& label);

  // Prints `line` on its own line, then redraws the bar under it.
  void Message(const std::string& line);

  // Erases the bar, leaving the cursor at the start of an empty line.
  void Finish();

 private:
  void Clear();
  void Draw();

  std::ostream& out_;
  int total_;
  int width_;
  int done_ = 0;
  std::string label_;
  bool drawn_ = false;
};

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_PROGRESS_H_

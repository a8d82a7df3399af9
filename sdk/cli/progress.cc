#include "progress.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "bar_chart.h"
#include "terminal.h"

namespace civicwatch::cli {
namespace {
constexpr int kBarCells = 20;
}  // namespace

ProgressBar::ProgressBar(std::ostream& out, int total, int width)
    : out_(out), total_(std::max(total, 1)), width_(width) {}

void ProgressBar::Update(int done, const std::string& label) {
  done_ = done;
  label_ = label;
  Draw();
}

void ProgressBar::Message(const std::string& line) {
  Clear();
  out_ << line << "\n";
  Draw();
}

void ProgressBar::Finish() {
  Clear();
  out_.flush();
}

void ProgressBar::Clear() {
  // "\r" then "erase to end of line" (ANSI EL).
  if (drawn_) out_ << "\r\033[K";
  drawn_ = false;
}

void ProgressBar::Draw() {
  std::string bar = Bar(done_, total_, kBarCells);
  std::string line = absl::StrCat(
      "[", bar, std::string(kBarCells - DisplayWidth(bar), ' '), "] ", done_,
      "/", total_, "  ");
  line += TruncateToWidth(label_, std::max(width_ - 1 - DisplayWidth(line), 0));
  out_ << "\r\033[K" << line;
  out_.flush();
  drawn_ = true;
}

}  // namespace civicwatch::cli

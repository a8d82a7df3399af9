#include "output_format.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace civicwatch::cli {

void AddFormatFlag(ArgParser& parser, const std::string& choices) {
  parser.Add({"format", "FORMAT", absl::StrCat("output format: ", choices)});
}

absl::StatusOr<Format> FormatFrom(const ParsedArgs& args, Format fallback,
                                  const std::string& choices) {
  if (!args.Has("format")) return fallback;
  std::string text = absl::AsciiStrToLower(args.Get("format"));
  std::vector<std::string> allowed = absl::StrSplit(choices, '|');
  bool ok = false;
  for (const std::string& a : allowed) ok = ok || a == text;
  if (ok && text == "table") return Format::kTable;
  if (ok && text == "json") return Format::kJson;
  if (ok && text == "csv") return Format::kCsv;
  return absl::InvalidArgumentError(absl::StrCat(
      "--format: \"", args.Get("format"), "\" is not one of ", choices));
}

}  // namespace civicwatch::cli

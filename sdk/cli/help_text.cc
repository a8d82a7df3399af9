#include "help_text.h"

#include <cstdlib>
#include <iostream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace civicwatch::cli {

absl::StatusOr<HelpText> ParseHelpText(absl::string_view text) {
  HelpText help;
  const std::map<absl::string_view, std::string*> fields = {
      {"synopsis", &help.synopsis},
      {"summary", &help.summary},
      {"details", &help.details},
      {"example", &help.example},
  };
  std::map<std::string*, std::vector<absl::string_view>> lines_of;
  std::string* current = nullptr;
  if (absl::EndsWith(text, "\n")) text.remove_suffix(1);
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    if (absl::StartsWith(line, "[") && absl::EndsWith(line, "]")) {
      absl::string_view key = line.substr(1, line.size() - 2);
      auto field = fields.find(key);
      if (field == fields.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", number, ": unknown section [", key, "]"));
      }
      if (lines_of.count(field->second) > 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", number, ": section [", key, "] given twice"));
      }
      current = field->second;
      lines_of[current];
      continue;
    }
    if (current == nullptr) {
      if (line.empty()) continue;
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": text before the first [section]"));
    }
    lines_of[current].push_back(line);
  }
  for (auto& [field, lines] : lines_of) {
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    *field = absl::StrJoin(lines, "\n");
  }
  if (help.synopsis.empty()) return absl::InvalidArgumentError("no [synopsis]");
  if (help.summary.empty()) return absl::InvalidArgumentError("no [summary]");
  return help;
}

HelpText HelpOf(absl::string_view command) {
  for (const HelpFile& file : HelpFiles()) {
    if (file.command != command) continue;
    absl::StatusOr<HelpText> help = ParseHelpText(file.text);
    if (help.ok()) return *std::move(help);
    std::cerr << "civicwatch: sdk/cli/help/" << command << ".txt: " << help.status().message()
              << "\n";
    std::abort();
  }
  std::cerr << "civicwatch: no sdk/cli/help/" << command << ".txt was built in\n";
  std::abort();
}

}  // namespace civicwatch::cli

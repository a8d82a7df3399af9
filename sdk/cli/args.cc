#include "args.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace civicwatch::cli {

std::string ParsedArgs::Get(const std::string& name,
                            const std::string& fallback) const {
  auto it = flags.find(name);
  if (it == flags.end() || it->second.empty()) return fallback;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto it = flags.find(name);
  if (it == flags.end()) return out;
  for (const std::string& value : it->second) {
    for (absl::string_view part : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      out.emplace_back(absl::StripAsciiWhitespace(part));
    }
  }
  return out;
}

void ArgParser::Add(FlagSpec spec) {
  if (Find(spec.name) == nullptr) specs_.push_back(std::move(spec));
}

void ArgParser::AddAll(const ArgParser& other) {
  for (const FlagSpec& spec : other.specs_) Add(spec);
}

const FlagSpec* ArgParser::Find(const std::string& name) const {
  for (const FlagSpec& spec : specs_) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

absl::StatusOr<ParsedArgs> ArgParser::Parse(
    const std::vector<std::string>& args) const {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      parsed.positionals.insert(parsed.positionals.end(), args.begin() + i + 1,
                                args.end());
      break;
    }
    if (arg == "-h") {
      parsed.flags["help"].push_back("true");
      continue;
    }
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      // A lone "-" is a positional too (conventionally stdin).
      if (arg.size() > 1 && arg[0] == '-') {
        return absl::InvalidArgumentError(
            absl::StrCat("unknown option ", arg, "; flags are written --name"));
      }
      parsed.positionals.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    std::replace(name.begin(), name.end(), '-', '_');  // --query-address too.
    if (name == "help") {
      parsed.flags["help"].push_back("true");
      continue;
    }
    const FlagSpec* spec = Find(name);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", name, "; see --help for the flags"));
    }
    if (spec->value_name.empty()) {
      if (value.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value"));
      }
      value = "true";
    } else if (!value.has_value()) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--", name, " needs a value (", spec->value_name, ")"));
      }
      value = args[++i];
    }
    std::vector<std::string>& values = parsed.flags[name];
    if (!values.empty() && !spec->repeated && !spec->value_name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " was given more than once"));
    }
    values.push_back(*value);
  }
  return parsed;
}

std::string ArgParser::Help() const {
  std::vector<std::string> left;
  size_t width = 0;
  for (const FlagSpec& spec : specs_) {
    std::string l = absl::StrCat("  --", spec.name);
    if (!spec.value_name.empty()) absl::StrAppend(&l, " ", spec.value_name);
    width = std::max(width, l.size());
    left.push_back(std::move(l));
  }
  std::string out;
  for (size_t i = 0; i < specs_.size(); ++i) {
    absl::StrAppend(&out, left[i], std::string(width + 3 - left[i].size(), ' '),
                    specs_[i].help, specs_[i].repeated ? " (repeatable)" : "",
                    "\n");
  }
  return out;
}

}  // namespace civicwatch::cli

// Command-line flag parsing for the civicwatch tool: GNU-style long flags
// ("--country KG" or "--country=KG"), boolean flags, repeatable flags,
// positional arguments, "--" to end flags, and generated help.
#ifndef CIVICWATCH_SDK_CLI_ARGS_H_
#define CIVICWATCH_SDK_CLI_ARGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace civicwatch::cli {

// One flag a command accepts.
struct FlagSpec {
  std::string name;        // Without the dashes: "country".
  std::string value_name;  // "CC"; empty for a boolean flag ("--help").
  std::string help;        // One line for the help text.
  bool repeated = false;   // May be given several times; comma lists too.
};

// What a command line said.
struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> flags;
  std::vector<std::string> positionals;

  bool Has(const std::string& name) const { return flags.count(name) > 0; }
  // The flag's (last) value, or `fallback` when it was not given.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  // Every value of a repeated flag, comma-separated lists split.
  std::vector<std::string> GetAll(const std::string& name) const;
};

class ArgParser {
 public:
  void Add(FlagSpec spec);
  // Adds every flag of `other` (used to share global and filter flags).
  void AddAll(const ArgParser& other);

  // Parses `args` (the words after the command name). Returns
  // INVALID_ARGUMENT with a sentence for the user on an unknown flag, a
  // missing value, a value given to a boolean flag, or a single-valued
  // flag given twice.
  absl::StatusOr<ParsedArgs> Parse(const std::vector<std::string>& args) const;

  // Lines "  --country CC   Only events in ..." aligned, one per flag.
  std::string Help() const;

  const std::vector<FlagSpec>& specs() const { return specs_; }

 private:
  const FlagSpec* Find(const std::string& name) const;
  std::vector<FlagSpec> specs_;
};

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_ARGS_H_

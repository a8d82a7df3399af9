#include "services/normalize/embedded_data.h"

#include <map>
#include <utility>

namespace civicwatch::normalize {
namespace {

// Replacements by table name. Never destroyed: tables keep views into it
// for the program's lifetime.
std::map<std::string, std::string, std::less<>>& Replacements() {
  static auto* replacements = new std::map<std::string, std::string, std::less<>>();
  return *replacements;
}

absl::string_view Builtin(absl::string_view file_name) {
  for (int i = 0; i < internal::kEmbeddedFileCount; ++i) {
    if (internal::kEmbeddedFiles[i].name == file_name) {
      return internal::kEmbeddedFiles[i].contents;
    }
  }
  return {};
}

}  // namespace

absl::string_view EmbeddedData(absl::string_view file_name) {
  const auto& replacements = Replacements();
  if (auto it = replacements.find(file_name); it != replacements.end()) return it->second;
  return Builtin(file_name);
}

bool ReplaceEmbeddedData(absl::string_view file_name, std::string contents) {
  if (Builtin(file_name).empty()) return false;
  Replacements()[std::string(file_name)] = std::move(contents);
  return true;
}

}  // namespace civicwatch::normalize

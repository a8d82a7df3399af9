#include "document_flags.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace civicwatch::cli {
namespace {

absl::Status PositiveFlag(const ParsedArgs& args, const std::string& name, int64_t max,
                          int64_t* value) {
  if (!args.Has(name)) return absl::OkStatus();
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(args.Get(name), &parsed) || parsed <= 0 || parsed > max) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, " must be a whole number from 1 to ",
                                                   max, ", not \"", args.Get(name), "\""));
  }
  *value = parsed;
  return absl::OkStatus();
}

}  // namespace

void AddDocumentFlags(ArgParser& parser) {
  const document::Limits defaults;
  parser.Add({"encoding", "NAME",
              "read text and HTML in this encoding (windows-1251, KOI8-R, UTF-16LE, ...) "
              "instead of detecting it"});
  parser.Add({"max_pages", "N", absl::StrCat("refuse a PDF of more pages (", defaults.max_pages, ")")});
  parser.Add({"max_expanded_mib", "N",
              absl::StrCat("refuse a DOCX that expands past N MiB (", defaults.max_expanded_bytes >> 20,
                           ")")});
  parser.Add({"max_nesting_depth", "N",
              absl::StrCat("refuse HTML or XML nested deeper (", defaults.max_nesting_depth, ")")});
}

absl::StatusOr<document::ExtractOptions> DocumentOptionsFrom(const ParsedArgs& args) {
  document::ExtractOptions options;
  options.encoding = args.Get("encoding");
  int64_t pages = options.limits.max_pages;
  int64_t expanded_mib = static_cast<int64_t>(options.limits.max_expanded_bytes >> 20);
  int64_t depth = options.limits.max_nesting_depth;
  if (auto s = PositiveFlag(args, "max_pages", 1000000, &pages); !s.ok()) return s;
  if (auto s = PositiveFlag(args, "max_expanded_mib", 65536, &expanded_mib); !s.ok()) return s;
  if (auto s = PositiveFlag(args, "max_nesting_depth", 4096, &depth); !s.ok()) return s;
  options.limits.max_pages = static_cast<int>(pages);
  options.limits.max_expanded_bytes = static_cast<size_t>(expanded_mib) << 20;
  options.limits.max_nesting_depth = static_cast<int>(depth);
  return options;
}

}  // namespace civicwatch::cli

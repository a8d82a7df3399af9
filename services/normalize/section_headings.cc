#include "services/normalize/section_headings.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/tsv.h"
#include "services/normalize/utf8.h"

namespace civicwatch::normalize {
namespace {

// The words of `text`, lower case, without punctuation, one space apart.
std::string WordsOf(absl::string_view text) {
  const std::string lower = LowerUtf8(text);
  // One token buffer per thread: headings are many and short.
  thread_local std::vector<Token> tokens;
  TokenizeInto(lower, 0, lower.size(), &tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPunct) continue;
    if (!out.empty()) out.push_back(' ');
    out += t.lower;
  }
  return out;
}

}  // namespace

bool SectionHeadingFreedom(absl::string_view heading, v1::Freedom* freedom) {
  static const auto* sections = [] {
    auto* m = new absl::flat_hash_map<std::string, v1::Freedom>;
    for (const auto& row : ReadTable("sections.tsv")) {
      if (row.size() < 2) continue;
      v1::Freedom f = v1::FREEDOM_UNSPECIFIED;
      if (row[0] == "association") f = v1::FREEDOM_ASSOCIATION;
      if (row[0] == "peaceful_assembly") f = v1::FREEDOM_PEACEFUL_ASSEMBLY;
      if (row[0] == "expression") f = v1::FREEDOM_EXPRESSION;
      (*m)[WordsOf(row[1])] = f;
    }
    return m;
  }();
  auto it = sections->find(WordsOf(heading));
  if (it == sections->end()) return false;
  *freedom = it->second;
  return true;
}

}  // namespace civicwatch::normalize

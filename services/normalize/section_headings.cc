#include "services/normalize/section_headings.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/normalize/text_segmentation.h"
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
  struct Sections {
    absl::flat_hash_map<std::string, v1::Freedom> by_words;
    // Words of the longest heading listed: with room for dashes and other
    // marks that stand as words of their own, a longer line is no heading
    // of the table and is not tokenised.
    size_t max_words = 0;
  };
  static const auto* sections = [] {
    auto* m = new Sections;
    for (const auto& row : ReadTable("sections.tsv")) {
      if (row.size() < 2) continue;
      v1::Freedom f = v1::FREEDOM_UNSPECIFIED;
      if (row[0] == "association") f = v1::FREEDOM_ASSOCIATION;
      if (row[0] == "peaceful_assembly") f = v1::FREEDOM_PEACEFUL_ASSEMBLY;
      if (row[0] == "expression") f = v1::FREEDOM_EXPRESSION;
      std::string words = WordsOf(row[1]);
      m->max_words = std::max(m->max_words, WordCount(words));
      m->by_words[std::move(words)] = f;
    }
    return m;
  }();
  if (WordCount(heading) > 2 * sections->max_words + 2) return false;
  auto it = sections->by_words.find(WordsOf(heading));
  if (it == sections->by_words.end()) return false;
  *freedom = it->second;
  return true;
}

}  // namespace civicwatch::normalize

#include "services/normalize/section_headings.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/tsv.h"

namespace civicwatch::normalize {
namespace {

// The words of a tokenised text, lower case, without punctuation, one
// space apart; empty when there are more than `max_words`.
std::string WordsOf(const std::vector<Token>& tokens, size_t max_words) {
  std::string out;
  size_t words = 0;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPunct) continue;
    if (++words > max_words) return {};
    if (!out.empty()) out.push_back(' ');
    out += t.lower;
  }
  return out;
}

struct Sections {
  absl::flat_hash_map<std::string, v1::Freedom> by_words;
  // Words of the longest heading listed: a heading with more is none of
  // the table's.
  size_t max_words = 0;
};

const Sections& Table() {
  static const Sections* sections = [] {
    auto* m = new Sections;
    for (const auto& row : ReadTable("sections.tsv")) {
      if (row.size() < 2) continue;
      v1::Freedom f = v1::FREEDOM_UNSPECIFIED;
      if (row[0] == "association") f = v1::FREEDOM_ASSOCIATION;
      if (row[0] == "peaceful_assembly") f = v1::FREEDOM_PEACEFUL_ASSEMBLY;
      if (row[0] == "expression") f = v1::FREEDOM_EXPRESSION;
      std::string words = WordsOf(Tokenize(row[1], 0, row[1].size()), row[1].size());
      m->max_words = std::max(m->max_words, WordCount(words));
      m->by_words[std::move(words)] = f;
    }
    return m;
  }();
  return *sections;
}

}  // namespace

bool SectionHeadingFreedom(const std::vector<Token>& heading_tokens, v1::Freedom* freedom) {
  const Sections& sections = Table();
  const std::string words = WordsOf(heading_tokens, sections.max_words);
  if (words.empty()) return false;
  auto it = sections.by_words.find(words);
  if (it == sections.by_words.end()) return false;
  *freedom = it->second;
  return true;
}

bool SectionHeadingFreedom(absl::string_view heading, v1::Freedom* freedom) {
  return SectionHeadingFreedom(Tokenize(heading, 0, heading.size()), freedom);
}

}  // namespace civicwatch::normalize

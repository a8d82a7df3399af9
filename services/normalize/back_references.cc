#include "services/normalize/back_references.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "services/normalize/tsv.h"
#include "services/normalize/utf8.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

struct Form {
  int cls = 0;
  bool person = false;  // a person's class (found by title), not a body's
  bool actor = false;   // a person acting in incidents (judge), not their target
};

struct Tables {
  absl::flat_hash_map<std::string, Form> forms;
  WordSet all;  // every form: most words are settled before `forms` is asked
};

const Tables& Get() {
  static const Tables* t = [] {
    auto* t = new Tables;
    int cls = 0;
    for (const auto& row : ReadTable("back_references.tsv")) {
      if (row.size() < 3) continue;
      const bool person = row[1] != "body";
      const bool actor = row[1] == "person";
      for (absl::string_view form : SplitAlternatives(row[2])) {
        t->forms[std::string(form)] = {cls, person, actor};
        t->all.insert(form);
      }
      ++cls;
    }
    return t;
  }();
  return *t;
}

const Form* FormOf(absl::string_view lower) {
  const Tables& t = Get();
  if (!t.all.MayContain(lower)) return nullptr;
  auto it = t.forms.find(lower);
  return it == t.forms.end() ? nullptr : &it->second;
}

// Words before a back-reference: "the (same) court", "тот же суд". Class
// words of bodies in Russian may stand alone ("суд приговорил"), there
// being no article.
bool IsDeterminer(const Token& t) {
  static const WordSet kWords = {"the", "that", "this", "тот", "того", "тому", "тем", "том", "та",
                                 "той", "ту", "этот", "этого", "этому", "этим", "этом", "эта",
                                 "этой", "эту"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

bool IsSameWord(const Token& t) {
  static const WordSet kWords = {"same", "said", "presiding", "же"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

}  // namespace

void BackReferences::Note(const std::vector<Token>& tokens, const std::vector<EntityMention>& mentions,
                          const std::vector<int>& ids, const EntityResolver& resolver, size_t paragraph) {
  for (size_t k = 0; k < mentions.size(); ++k) {
    const int id = ids[k];
    if (id < 0) continue;
    const bool person = resolver.entities()[id].kind == v1::ENTITY_KIND_PERSON;
    if (person) {
      // A person's classes are in the titles given anywhere in the report
      // ("human rights lawyer Farrukh Nazarzoda" ... "Nazarzoda's arrest").
      const std::vector<std::string>& titles = resolver.entities()[id].titles;
      Classes& c = person_classes_[id];
      for (; c.titles < titles.size(); ++c.titles) {
        for (absl::string_view w : absl::StrSplit(titles[c.titles], ' ', absl::SkipEmpty())) {
          const Form* f = FormOf(LowerUtf8(w));
          if (f != nullptr && f->person) c.classes.push_back(f->cls);
        }
      }
      for (int cls : c.classes) latest_[cls] = {id, paragraph};
      continue;
    }
    // A body's class is a word of its name ("District Court").
    for (size_t i = mentions[k].first_token; i < mentions[k].end_token && i < tokens.size(); ++i) {
      const Form* f = FormOf(tokens[i].lower);
      if (f != nullptr && !f->person) latest_[f->cls] = {id, paragraph};
    }
  }
}

void BackReferences::Find(const std::vector<Token>& tokens, size_t paragraph,
                          std::vector<BackReference>* out) const {
  out->clear();
  if (latest_.empty()) return;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::kWord || t.capitalised) continue;
    const Form* f = FormOf(t.lower);
    if (f == nullptr) continue;
    size_t first = i;
    const bool same = first > 0 && IsSameWord(tokens[first - 1]);
    if (same) --first;
    const bool determined = first > 0 && IsDeterminer(tokens[first - 1]);
    if (determined) --first;
    if (!determined && (!t.cyrillic || f->person)) continue;
    auto it = latest_.find(f->cls);
    if (it == latest_.end()) continue;
    if (!same && it->second.paragraph != paragraph) continue;
    // "the court of appeal" is another court.
    if (i + 1 < tokens.size() && LowerIs(tokens[i + 1], "of")) continue;
    // "обратился в суд" (went to court) is no court in particular.
    if (!determined && i > 0 && (LowerIs(tokens[i - 1], "в") || LowerIs(tokens[i - 1], "во"))) continue;
    out->push_back({first, i + 1, it->second.entity, f->actor});
  }
}

}  // namespace civicwatch::normalize

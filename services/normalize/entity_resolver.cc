#include "services/normalize/entity_resolver.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "services/normalize/entity_key.h"

namespace civicwatch::normalize {
namespace {

bool EndsWithWords(const std::vector<std::string>& longer, const std::vector<std::string>& tail) {
  if (tail.empty() || tail.size() > longer.size()) return false;
  return std::equal(tail.rbegin(), tail.rend(), longer.rbegin());
}

bool IsPersonKind(v1::EntityKind k) { return k == v1::ENTITY_KIND_PERSON; }

// The folded initials of a body's folded words ("human rights watch" ->
// FoldWord("hrv")), comparable with FoldingKey() of its acronym.
std::string Initials(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) {
    if (!w.empty()) s += w[0];
  }
  return FoldWord(s);
}

// Bounds that keep resolution linear in the report's length whatever the
// text: how many entities sharing a last word are compared with a mention
// (the most recent ones), and how many aliases and titles an entity keeps.
constexpr size_t kMaxSameLastWord = 64;
constexpr size_t kMaxForms = 32;

}  // namespace

int EntityResolver::Find(const NameMention& m, const FoldedText& folded) const {
  const std::vector<std::string>& words = folded.words;
  if (words.empty()) return -1;
  const std::string& key = folded.key;
  if (auto it = by_acronym_.find(key); it != by_acronym_.end()) return it->second;
  if (m.acronym_only && words.size() == 1) {
    if (auto it = by_initials_.find(key); it != by_initials_.end()) return it->second;
  }
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    // Same key and compatible kind (a person and a body may share a word).
    if (IsPersonKind(entities_[it->second].kind) == IsPersonKind(m.kind) ||
        m.kind == v1::ENTITY_KIND_UNSPECIFIED) {
      return it->second;
    }
  }
  auto it = by_last_word_.find(words.back());
  if (it == by_last_word_.end()) return FindBySurnameStem(m, words);
  const bool person = IsPersonKind(m.kind);
  if (m.head_only) {
    // The latest body whose name ends with this head word.
    size_t seen = 0;
    for (auto r = it->second.rbegin(); r != it->second.rend() && seen < kMaxSameLastWord; ++r, ++seen) {
      if (!IsPersonKind(entities_[*r].kind)) return *r;
    }
    return -1;
  }
  int found = -1;
  const std::vector<int>& same = it->second;
  for (size_t k = same.size() > kMaxSameLastWord ? same.size() - kMaxSameLastWord : 0; k < same.size(); ++k) {
    const int id = same[k];
    const ResolvedEntity& e = entities_[id];
    if (m.kind != v1::ENTITY_KIND_UNSPECIFIED && IsPersonKind(e.kind) != person) continue;
    if (e.words.size() <= words.size()) continue;
    if (!EndsWithWords(e.words, words)) continue;
    if (!IsPersonKind(e.kind) && (e.has_connector || words.size() < 2)) continue;
    if (found >= 0 && found != id) return -1;  // ambiguous: two people share the surname
    found = id;
  }
  return found;
}

int EntityResolver::FindBySurnameStem(const NameMention& m, const std::vector<std::string>& words) const {
  if (words.size() != 1 || (m.kind != v1::ENTITY_KIND_PERSON && m.kind != v1::ENTITY_KIND_UNSPECIFIED)) return -1;
  auto it = person_by_surname_stem_.find(StripCaseEnding(words.back()));
  if (it == person_by_surname_stem_.end()) return -1;
  int found = -1;
  for (int id : it->second) {
    if (found >= 0 && found != id) return -1;  // two people share the stem
    found = id;
  }
  return found;
}

int EntityResolver::Lookup(const std::string& text) const {
  // (Find reads only the kind and flags of the mention, not its text.)
  static const NameMention kPlain;
  return Find(kPlain, Folded(text));
}

const EntityResolver::FoldedText& EntityResolver::Folded(const std::string& text) const {
  auto it = folded_.find(text);
  if (it == folded_.end()) {
    FoldedText f;
    f.words = FoldedWords(text);
    f.key = absl::StrJoin(f.words, " ");
    it = folded_.emplace(text, std::move(f)).first;
  }
  return it->second;
}

void EntityResolver::Note(int id, const NameMention& m, const FoldedText& folded) {
  const std::vector<std::string>& words = folded.words;
  ResolvedEntity& e = entities_[id];
  if (m.text != e.display_name && e.aliases.size() < kMaxForms &&
      std::find(e.aliases.begin(), e.aliases.end(), m.text) == e.aliases.end()) {
    // The fullest form is the display name; the others are aliases.
    if (!m.acronym_only && !m.head_only && words.size() > e.words.size()) {
      e.aliases.push_back(e.display_name);
      e.display_name = m.text;
    } else {
      e.aliases.push_back(m.text);
    }
  }
  if (!m.title.empty() && e.titles.size() < kMaxForms && std::find(e.titles.begin(), e.titles.end(), m.title) == e.titles.end()) {
    e.titles.push_back(m.title);
  }
  if (!m.acronym.empty()) {
    by_acronym_[Folded(m.acronym).key] = id;  // FoldingKey(m.acronym), cached
    if (e.aliases.size() < kMaxForms &&
        std::find(e.aliases.begin(), e.aliases.end(), m.acronym) == e.aliases.end()) {
      e.aliases.push_back(m.acronym);
    }
  }
  if (!folded.key.empty()) by_key_.try_emplace(folded.key, id);
}

int EntityResolver::Resolve(const NameMention& m) {
  const FoldedText& folded = Folded(m.key_text.empty() ? m.text : m.key_text);
  const std::vector<std::string>& words = folded.words;
  int id = Find(m, folded);
  if (id < 0 && m.head_only) return -1;
  if (id < 0 && !m.acronym.empty()) {
    if (auto it = by_acronym_.find(Folded(m.acronym).key); it != by_acronym_.end()) id = it->second;
  }
  if (id < 0) {
    if (words.empty()) return -1;
    ResolvedEntity e;
    e.words = words;
    e.key = folded.key;
    e.kind = m.kind == v1::ENTITY_KIND_UNSPECIFIED ? v1::ENTITY_KIND_ORGANISATION : m.kind;
    e.display_name = m.text;
    const std::string& t = m.key_text.empty() ? m.text : m.key_text;
    e.has_connector = t.find(" of ") != std::string::npos || t.find(" for ") != std::string::npos ||
                      t.find(" on ") != std::string::npos;
    id = static_cast<int>(entities_.size());
    entities_.push_back(std::move(e));
    by_last_word_[words.back()].push_back(id);
    if (IsPersonKind(entities_[id].kind) && words.size() >= 2) {
      std::vector<int>& same = person_by_surname_stem_[StripCaseEnding(words.back())];
      if (same.size() < kMaxSameLastWord) same.push_back(id);
    }
    if (!IsPersonKind(entities_[id].kind) && words.size() >= 2 && !m.acronym_only) {
      by_initials_.try_emplace(Initials(words), id);
    }
    if (m.acronym_only) by_acronym_[entities_[id].key] = id;
  }
  Note(id, m, folded);
  return id;
}

}  // namespace civicwatch::normalize

// Resolves the names met in one report to entities, in text order.
//
// Every way one person or body is written resolves to one entity:
// - the same folding key (entity_key.h): "Djakupova" and "Dzhakupova";
// - a surname alone, or the last words of a name, resolve to the full
//   name met earlier ("Askarov", "Tazhibek Kyzy");
// - an acronym defined in parentheses resolves to the name before it
//   ("State Committee of National Security (GKNB)"), in any script, and
//   an acronym made of a body's initials resolves to it wherever it
//   stands ("BAJ" -> "Belarusian Association of Journalists");
// - a name without a leading qualifier resolves to the qualified one met
//   earlier ("Human Rights Committee" -> "UN Human Rights Committee"), and a
//   bare head word to the latest body with that head ("the Committee").
// Entity ids are EntityIdForKey() of the folding key of the first full
// form met, so the same name gives the same id in every report.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_ENTITY_RESOLVER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_ENTITY_RESOLVER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::normalize {

struct ResolvedEntity {
  std::string key;           // folding key; the id is EntityIdForKey(key)
  v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED;
  std::string display_name;  // the fullest form met
  std::vector<std::string> aliases;  // every other form met
  std::vector<std::string> titles;
  std::vector<std::string> words;    // folded words of the key
  bool has_connector = false;        // "Ministry of ...": no suffix matching
};

// A name found in the text, as the extractor saw it.
struct NameMention {
  std::string text;      // as written, without title
  std::string key_text;  // the part that identifies it ("X Court" of "X Court of Bishkek")
  v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED;
  std::string title;
  std::string acronym;   // defined right after it, "(GKNB)"
  bool acronym_only = false;  // the mention is an acronym alone
  bool head_only = false;     // a bare head word ("the Committee")
  bool actor_title = false;   // the title is one of someone acting (judge, lawyer)
};

class EntityResolver {
 public:
  // The entity `m` refers to, registering a new one when needed; -1 when
  // the mention cannot be resolved (a bare head word with no earlier body).
  int Resolve(const NameMention& m);

  // The entity a single word or short name would resolve to, without
  // registering anything; -1 when unknown. Used to recognise surnames and
  // known bodies written alone.
  int Lookup(const std::string& text) const;

  const std::vector<ResolvedEntity>& entities() const { return entities_; }

 private:
  // A text's folded words, and the same joined by spaces (its key).
  struct FoldedText {
    std::vector<std::string> words;
    std::string key;
  };

  int Find(const NameMention& m, const FoldedText& folded) const;
  // A one-word person mention whose folded word has no entity: the one
  // person (named in full before) whose surname has the same stem.
  int FindBySurnameStem(const NameMention& m, const std::vector<std::string>& words) const;
  void Note(int id, const NameMention& m, const FoldedText& folded);

  // Folded words of every text seen; folding transliterates, so it is
  // worth doing once per distinct spelling. The entries never move (a
  // node map), so a reference stays valid while others are added.
  const FoldedText& Folded(const std::string& text) const;

  mutable absl::node_hash_map<std::string, FoldedText> folded_;
  std::vector<ResolvedEntity> entities_;
  absl::flat_hash_map<std::string, int> by_key_;
  absl::flat_hash_map<std::string, int> by_acronym_;
  // Bodies of two or more words by the folded initials of their words, so
  // that an acronym written anywhere, not only in parentheses after the
  // name, finds its body ("HRW" -> "Human Rights Watch").
  absl::flat_hash_map<std::string, int> by_initials_;
  absl::flat_hash_map<std::string, std::vector<int>> by_last_word_;
  // People by their last word less one more case ending: a surname that
  // ends like a case ending ("Мухаммедкарим") folds apart from its
  // inflected forms ("Мухаммедкарима").
  absl::flat_hash_map<std::string, std::vector<int>> person_by_surname_stem_;
};

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_ENTITY_RESOLVER_H_

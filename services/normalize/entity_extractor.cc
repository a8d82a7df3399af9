#include "services/normalize/entity_extractor.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/date_words.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/phrase_matcher.h"
#include "services/normalize/tsv.h"
#include "services/normalize/utf8.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// A capitalised Cyrillic word with a surname's ending, in any case
// ("Колесникову", "Иванова", "Бабарико" aside: the common endings only).
bool LooksLikeRussianSurname(const Token& t) {
  if (t.kind != TokenKind::kWord || !t.cyrillic || !t.capitalised) return false;
  static const std::vector<absl::string_view> kEndings = {
      "ов", "ова", "ову", "овой", "овым", "ев", "ева", "еву", "евой", "евым", "ёв", "ёва",
      "ин", "ина", "ину", "иной", "иным", "ский", "ская", "скую", "ского", "ской", "енко"};
  for (absl::string_view ending : kEndings) {
    if (absl::EndsWith(t.lower, ending) && t.lower.size() > ending.size() + 2) return true;
  }
  return false;
}

// A run of capitalised words longer than this is not one name (an upper-case
// heading, a list of names); cutting it keeps the work per run bounded.
constexpr size_t kMaxRunTokens = 12;

struct ExtractorTables {
  absl::flat_hash_map<std::string, v1::EntityKind> heads;         // lower-case head word
  std::vector<std::pair<std::string, v1::EntityKind>> ru_stems;   // Russian head stems
  // Ends of Russian compound abbreviations that name a body in one word
  // ("Мосгорсуд", "Генпрокуратура", "Мингорисполком").
  std::vector<std::pair<std::string, v1::EntityKind>> ru_compound_ends;
  WordSet international;                 // lower-case markers
  PhraseMatcher intro;                                             // payload: EntityKind
  PhraseMatcher titles;
  WordSet title_words;  // one-word titles
  WordSet actor_titles;  // titles.tsv role "actor"
  WordSet stop;
  WordSet document;
  WordSet standalone;   // heads that name a body alone
};

v1::EntityKind KindOf(absl::string_view k) {
  if (absl::StartsWith(k, "state_")) return v1::ENTITY_KIND_STATE_BODY;  // state_body, state_stem
  if (absl::StartsWith(k, "international_body")) return v1::ENTITY_KIND_INTERNATIONAL_BODY;
  if (absl::StartsWith(k, "media_outlet")) return v1::ENTITY_KIND_MEDIA_OUTLET;
  return v1::ENTITY_KIND_ORGANISATION;
}

const ExtractorTables& Tables() {
  static const ExtractorTables* t = [] {
    auto* t = new ExtractorTables;
    for (const auto& row : ReadTable("org_words.tsv")) {
      if (row.size() < 2) continue;
      const absl::string_view kind = row[0];
      const std::string word(row[1]);
      if (absl::StartsWith(kind, "intro_")) {
        t->intro.Add(LowerUtf8(word), KindOf(kind.substr(6)));
      } else if (absl::EndsWith(kind, "_compound")) {
        t->ru_compound_ends.emplace_back(word, KindOf(kind));
      } else if (absl::EndsWith(kind, "_stem")) {
        t->ru_stems.emplace_back(word, KindOf(kind));
      } else if (kind == "international_body") {
        for (absl::string_view w : {absl::string_view(word)}) t->international.insert(LowerUtf8(w));
        if (word.find(' ') == std::string::npos) t->heads[LowerUtf8(word)] = v1::ENTITY_KIND_INTERNATIONAL_BODY;
      } else {
        t->heads[LowerUtf8(word)] = KindOf(kind);
      }
    }
    t->international.insert("nations");
    for (const auto& row : ReadTable("titles.tsv")) {
      t->titles.Add(row[0], 0);
      if (row.size() > 1 && row[1] == "actor") t->actor_titles.insert(std::string(row[0]));
      if (row[0].find(' ') == absl::string_view::npos) t->title_words.insert(std::string(row[0]));
    }
    for (const auto& row : ReadTable("name_stopwords.tsv")) {
      if (row.size() < 2) continue;
      (row[0] == "document" ? t->document : t->stop).insert(std::string(row[1]));
    }
    t->standalone = {"parliament", "government", "police", "senate", "majlis", "militia",
                     "procuracy", "mazhilis"};
    return t;
  }();
  return *t;
}

bool IsQuote(const Token& t) {
  return t.kind == TokenKind::kPunct &&
         (LowerIs(t, "\"") || LowerIs(t, "\xE2\x80\x9C") || LowerIs(t, "\xE2\x80\x9D") ||
          LowerIs(t, "\xC2\xAB") || LowerIs(t, "\xC2\xBB") || LowerIs(t, "\xE2\x80\x9E"));
}

// The word without a possessive "'s".
absl::string_view Core(const Token& t) {
  absl::string_view w = t.lower;
  if (absl::EndsWith(w, "'s")) w.remove_suffix(2);
  return w;
}

size_t CoreEnd(absl::string_view text, const Token& t) {
  absl::string_view w = text.substr(t.start, t.end - t.start);
  if (absl::EndsWith(w, "'s")) return t.end - 2;
  if (absl::EndsWith(w, "\xE2\x80\x99s")) return t.end - 4;
  return t.end;
}

// Words that continue a Russian body name are in the genitive
// ("комитета национальной безопасности"), not verbs ("ликвидировал",
// "задержала", "провели": a past tense ends like a genitive, in -а or -и,
// after an л).
bool LooksGenitive(absl::string_view w) {
  const size_t letters = w.size() / 2;  // Cyrillic letters are two bytes
  if (letters >= 6) {
    for (absl::string_view e : {"ла", "ли", "ло"}) {
      if (absl::EndsWith(w, e)) return false;
    }
  }
  for (absl::string_view e : {"ого", "его", "ой", "ей", "ых", "их", "ов", "ев", "а", "я", "и", "ы"}) {
    if (absl::EndsWith(w, e)) return true;
  }
  return false;
}

// The words before a Russian body's head noun are adjectives ("Верховный
// суд", "Государственного комитета"): a capitalised adverb opening a
// sentence ("Вчера полиция ...") starts no name.
bool LooksAdjective(absl::string_view w) {
  for (absl::string_view e : {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому",
                              "ему", "ым", "им", "ых", "их", "ую", "юю", "ом", "ем"}) {
    if (absl::EndsWith(w, e)) return true;
  }
  return false;
}

class Extractor {
 public:
  Extractor(absl::string_view text, const std::vector<Token>& tokens, const EntityResolver& known)
      : text_(text), t_(tokens), n_(tokens.size()), known_(known), T_(Tables()) {
    quoted_.assign(n_, false);
    bool open = false;
    for (size_t i = 0; i < n_; ++i) {
      if (IsQuote(t_[i])) {
        const std::string& q = t_[i].lower;
        if (q == "\xC2\xAB") open = true;
        else if (q == "\xC2\xBB") open = false;
        else open = !open;
        continue;
      }
      quoted_[i] = open;
    }
    // An unbalanced quote mark says nothing: ignore it.
    if (open) quoted_.assign(n_, false);
  }

  std::vector<EntityMention> Run() {
    size_t i = 0;
    while (i < n_) {
      if (!IsCap(i)) {
        ++i;
        continue;
      }
      if (t_[i].cyrillic && !t_[i].all_caps) {
        if (CompoundBody(i)) {
          ++i;
          continue;
        }
        size_t end = RussianBody(i);
        if (end > i) {
          i = end;
          continue;
        }
      }
      size_t j = i;
      bool after_connector = false;  // "Ministry of Culture and Information"
      while (j < n_ && j - i < kMaxRunTokens) {
        // A name ends with its line: lines of names ("Alena Shumskaya\nIhar
        // Zhaunou") and fields ("Judge: A. Shumskaya\nProsecution: ...")
        // are names one a line.
        if (j > i && LineBreakBefore(j)) break;
        if (IsInitial(j)) {
          j += 2;  // "A. Ivanov", "Ivanov A.A.", "Р. Есергепов"
        } else if (IsCap(j) || (j > i && IsParticle(j))) {
          ++j;
        } else if (j > i && IsPluralApostrophe(j) && IsCap(j + 1)) {
          ++j;  // "Helsinki Citizens' Assembly"
        } else if (after_connector && LowerIs(t_[j], "and") && IsCap(j + 1)) {
          ++j;
        } else if (j > i && IsConnector(j) && j + 1 < n_ &&
                   (IsCap(j + 1) || (LowerIs(t_[j + 1], "the") && j + 2 < n_ && IsCap(j + 2)))) {
          j += LowerIs(t_[j + 1], "the") ? 2 : 1;
          after_connector = true;
        } else {
          break;
        }
      }
      i = Run(i, j);
    }
    return std::move(out_);
  }

 private:
  // True when a line break stands between token i - 1 and token i.
  bool LineBreakBefore(size_t i) const {
    return i > 0 && i < n_ && text_.substr(t_[i - 1].end, t_[i].start - t_[i - 1].end).find('\n') != absl::string_view::npos;
  }
  // An initial: one capital letter with its full stop right after it.
  bool IsInitial(size_t i) const {
    if (!IsCap(i) || i + 1 >= n_ || !LowerIs(t_[i + 1], ".") || t_[i + 1].start != t_[i].end) return false;
    const absl::string_view letter = text_.substr(t_[i].start, t_[i].end - t_[i].start);
    return letter.size() == 1 || (letter.size() == 2 && (static_cast<unsigned char>(letter[0]) & 0xE0) == 0xC0);
  }
  bool IsCap(size_t i) const {
    return i < n_ && t_[i].kind == TokenKind::kWord && t_[i].capitalised && !quoted_[i];
  }
  bool IsParticle(size_t i) const {
    static const WordSet kParticles = {"uulu", "kyzy", "ogly", "oglu", "kizi",
                                                                "уулу", "кызы", "оглы"};
    return t_[i].kind == TokenKind::kWord && kParticles.contains(t_[i].lower);
  }
  // An apostrophe right after a plural word ("Citizens'", "Lawyers'").
  bool IsPluralApostrophe(size_t i) const {
    return i > 0 && i < n_ && t_[i].kind == TokenKind::kPunct &&
           (LowerIs(t_[i], "'") || LowerIs(t_[i], "\xE2\x80\x99")) && Adjacent(t_[i - 1], t_[i]) &&
           !t_[i - 1].lower.empty() && t_[i - 1].lower.back() == 's';
  }
  bool IsConnector(size_t i) const {
    return t_[i].kind == TokenKind::kWord &&
           (LowerIs(t_[i], "of") || LowerIs(t_[i], "for") || LowerIs(t_[i], "on"));
  }
  // A stop word, unless it is an initial ("A. Petrov" is no article).
  bool IsStop(size_t i) const { return T_.stop.contains(Core(t_[i])) && !IsInitial(i); }
  bool IsHead(size_t i) const {
    if (t_[i].kind != TokenKind::kWord) return false;
    if (T_.heads.contains(Core(t_[i]))) return true;
    return IsAcronym(i);
  }
  bool IsAcronym(size_t i) const {
    const Token& t = t_[i];
    const size_t letters = t.cyrillic ? (t.end - t.start) / 2 : t.end - t.start;
    return t.all_caps && letters >= 2 && letters <= 8 && !IsStop(i) &&
           t.lower.find('-') == std::string::npos;
  }
  bool IsTitleWord(size_t i) const {
    absl::string_view w = Core(t_[i]);
    for (absl::string_view p : {"then-", "ex-", "former-"}) {
      if (absl::StartsWith(w, p)) w.remove_prefix(p.size());
    }
    return T_.title_words.contains(w) || LowerIs(t_[i], "former");
  }

  // True when `title` (or its last word: "Justice Minister") is a title
  // of someone acting in an incident rather than suffering it.
  bool IsActorTitle(const std::string& title) const {
    if (title.empty()) return false;
    const std::string lower = LowerUtf8(title);
    if (T_.actor_titles.contains(lower)) return true;
    const size_t space = lower.rfind(' ');
    return space != std::string::npos && T_.actor_titles.contains(lower.substr(space + 1));
  }

  std::string Text(size_t first, size_t end) const {
    return std::string(text_.substr(t_[first].start, CoreEnd(text_, t_[end - 1]) - t_[first].start));
  }

  void Emit(size_t first, size_t end, NameMention name) {
    EntityMention m;
    m.first_token = first;
    m.end_token = end;
    m.start = t_[first].start;
    m.end = CoreEnd(text_, t_[end - 1]);
    if (name.text.empty()) name.text = Text(first, end);
    // "(GKNB)" or "(GKNB, Russian acronym)" right after the name.
    if (name.kind != v1::ENTITY_KIND_PERSON && end + 2 < n_ && LowerIs(t_[end], "(") &&
        IsAcronym(end + 1) && (LowerIs(t_[end + 2], ")") || LowerIs(t_[end + 2], ","))) {
      name.acronym = std::string(text_.substr(t_[end + 1].start, t_[end + 1].end - t_[end + 1].start));
      skip_until_ = end + 2;
    }
    out_.push_back(std::move(m));
    out_.back().name = std::move(name);
  }

  // The noun a plural genitive adjective of the name qualifies, whatever
  // its ending: "Министерство внутренних дел", "чрезвычайных ситуаций".
  bool QualifiedNoun(size_t k, size_t head) const {
    if (k < head + 2 || t_[k].capitalised) return false;
    const absl::string_view before = t_[k - 1].lower;
    // (Five letters at least: not the pronoun "их", "задержали их".)
    return before.size() >= 10 && (absl::EndsWith(before, "ых") || absl::EndsWith(before, "их"));
  }

  // "Мосгорсуд", "Генпрокуратуры": one capitalised word made of a short
  // prefix and a body's head, with at most a case ending after it, names
  // that body. Emits it and returns true when token `i` is one.
  bool CompoundBody(size_t i) {
    const Token& t = t_[i];
    if (t.kind != TokenKind::kWord || IsStop(i) || IsTitleWord(i)) return false;
    // The endings are Russian: a word without a Cyrillic letter has none.
    if (!t.cyrillic && !HasCyrillic(t.lower)) return false;
    for (const auto& [end, kind] : T_.ru_compound_ends) {
      const size_t at = t.lower.rfind(end);
      // Two letters of prefix at least (Cyrillic letters are two bytes in
      // UTF-8); two letters of ending at most.
      if (at == std::string::npos || at < 4 || t.lower.size() - at - end.size() > 4) continue;
      NameMention name;
      name.kind = kind;
      Emit(i, i + 1, std::move(name));
      return true;
    }
    return false;
  }

  // "Государственного комитета национальной безопасности": a capitalised
  // word and lower-case words, one of them a head. Returns the end token,
  // or `i` when there is no such body.
  size_t RussianBody(size_t i) {
    if (IsStop(i) || IsTitleWord(i)) return i;
    size_t head = n_;  // none yet
    v1::EntityKind kind = v1::ENTITY_KIND_ORGANISATION;
    for (size_t k = i; k < n_ && k <= i + 3; ++k) {
      if (t_[k].kind != TokenKind::kWord || !t_[k].cyrillic) break;
      if (k > i && t_[k].capitalised) break;
      const std::string& word = t_[k].lower;
      for (const auto& [stem, kd] : T_.ru_stems) {
        // (The first letter, two bytes, settles most stems before a compare.)
        if (word.size() >= stem.size() && word[1] == stem[1] && absl::StartsWith(word, stem)) {
          head = k;
          kind = kd;
          break;
        }
      }
      if (head < n_) break;
    }
    if (head == n_) return i;
    for (size_t k = i; k < head; ++k) {
      if (!LooksAdjective(t_[k].lower)) return i;
    }
    // A name that opens with its head goes on over capitalised genitives
    // too: "Суд Центрального района Гомеля".
    const bool head_first = head == i;
    size_t end = head + 1;
    while (end < n_ && end <= head + 3 && t_[end].kind == TokenKind::kWord && t_[end].cyrillic &&
           (!t_[end].capitalised || head_first) && !IsStop(end) &&
           (LooksGenitive(t_[end].lower) || QualifiedNoun(end, head))) {
      ++end;
    }
    NameMention name;
    name.kind = kind;
    Emit(i, end, std::move(name));
    return end;
  }

  // Handles the capitalised run tokens[s, e); returns where to go on.
  size_t Run(size_t s, size_t e) {
    if (skip_until_ > s) return std::max(e, skip_until_ + 1);
    const size_t first = s;
    while (s < e && (IsStop(s) || IsConnector(s) || LowerIs(t_[s], "the"))) ++s;
    if (s >= e) return e;
    // Words that are no name alone still belong to a body's name when only
    // its head word would be left ("Human Rights Watch", not "Watch").
    if (s > first && e - s == 1 && IsHead(s) && !IsAcronym(s)) {
      size_t k = first;
      while (k < s && (IsConnector(k) || LowerIs(t_[k], "the"))) ++k;
      s = k;
    }
    for (size_t k = s; k < e; ++k) {
      if (T_.document.contains(Core(t_[k]))) return e;
    }
    // "X Association of Journalists and Human Rights Watch": two bodies,
    // when each side of the "and" has a head word of its own.
    for (size_t k = s + 1; k + 1 < e; ++k) {
      if (!LowerIs(t_[k], "and")) continue;
      bool left = false, right = false;
      for (size_t a = s; a < k; ++a) left |= IsHead(a);
      for (size_t b = k + 1; b < e; ++b) right |= IsHead(b);
      if (left && right) {
        Run(s, k);
        return Run(k + 1, e);
      }
      break;
    }
    size_t last_head = e;
    for (size_t k = s; k < e; ++k) {
      if (IsHead(k)) last_head = k;
    }
    // "Judge Aida Ivanova of the Pervomaisky District Court": a titled
    // person of a body, two names.
    if (last_head < e && IsTitleWord(s)) {
      for (size_t k = s + 1; k < last_head; ++k) {
        if (IsHead(k)) break;
        if (!IsConnector(k)) continue;
        EmitName(s, k);
        size_t body = k + 1;
        if (body < e && LowerIs(t_[body], "the")) ++body;
        return Run(body, e);
      }
    }
    if (last_head < e) {
      size_t org_end = last_head + 1;
      if (org_end < e && IsConnector(org_end)) org_end = e;
      // Titles before a body name are not part of it ("Director IPHR" is rare;
      // "IPHR Director" leaves "Director" after the body).
      EmitBody(s, org_end);
      if (org_end < e) return Run(org_end, e);
      return e;
    }
    // Places and months split a run; they are not names. (A one-word place
    // before a Russian surname is a first name: "Марию Колесникову" is no
    // one from Mary.)
    for (size_t k = s; k < e; ++k) {
      PlaceMatch pm;
      if (MatchPlace(t_, k, e, &pm) && !(pm.end == k + 1 && k + 1 < e && LooksLikeRussianSurname(t_[k + 1]))) {
        EmitName(s, k);
        return Run(pm.end, e);
      }
      if (MonthNumber(t_[k]) > 0) {
        EmitName(s, k);
        return Run(k + 1, e);
      }
    }
    EmitName(s, e);
    return e;
  }

  void EmitBody(size_t s, size_t e) {
    NameMention name;
    bool international = false;
    v1::EntityKind last_kind = v1::ENTITY_KIND_ORGANISATION;
    bool any_head = false;
    // Words naming a part of a body: after a head, the part is of the
    // body's kind ("Helsinki Citizens' Assembly Vanadzor Office" is an
    // NGO's office, not a state office).
    static const WordSet kParts = {"office", "branch", "bureau"};
    for (size_t k = s; k < e; ++k) {
      if (T_.international.contains(Core(t_[k]))) international = true;
      auto it = T_.heads.find(Core(t_[k]));
      if (it == T_.heads.end()) continue;
      if (!(any_head && kParts.contains(t_[k].lower))) last_kind = it->second;
      any_head = true;
    }
    name.kind = international ? v1::ENTITY_KIND_INTERNATIONAL_BODY : last_kind;
    name.text = Text(s, e);
    // "X Court of Bishkek" is the same court as "X Court".
    for (size_t k = s + 1; k + 1 < e; ++k) {
      PlaceMatch pm;
      if ((LowerIs(t_[k], "of") || LowerIs(t_[k], "in")) && MatchPlace(t_, k + 1, e, &pm) && pm.end == e) {
        name.key_text = Text(s, k);
        break;
      }
    }
    if (e - s == 1) {
      if (IsAcronym(s)) {
        name.acronym_only = true;
      } else if (!T_.standalone.contains(Core(t_[s]))) {
        name.head_only = true;
      }
    }
    Emit(s, e, std::move(name));
  }

  v1::EntityKind IntroKind(size_t s, size_t e) const {
    PhraseMatcher::Match m;
    if (s > 0 && T_.intro.LongestEndingAt(t_, s >= 4 ? s - 4 : 0, s - 1, &m)) {
      return static_cast<v1::EntityKind>(m.payload);
    }
    if (e < n_ && T_.intro.LongestAt(t_, e, n_, &m)) return static_cast<v1::EntityKind>(m.payload);
    if (e + 2 < n_ && LowerIs(t_[e], ",") &&
        (LowerIs(t_[e + 1], "a") || LowerIs(t_[e + 1], "an") || LowerIs(t_[e + 1], "the")) &&
        T_.intro.LongestAt(t_, e + 2, n_, &m)) {
      return static_cast<v1::EntityKind>(m.payload);
    }
    return v1::ENTITY_KIND_UNSPECIFIED;
  }

  void EmitName(size_t s, size_t e) {
    std::string title;
    while (s < e && (IsTitleWord(s) || IsStop(s))) {
      if (IsTitleWord(s)) {
        if (!title.empty()) title += ' ';
        title += std::string(text_.substr(t_[s].start, t_[s].end - t_[s].start));
      }
      ++s;
    }
    if (s >= e) return;
    // Words, not the full stops of initials.
    size_t len = 0;
    for (size_t k = s; k < e; ++k) len += t_[k].kind == TokenKind::kWord;
    if (len > 4) return;
    NameMention name;
    name.text = Text(s, e);
    // "A. Ivanov", "Иванов И.И.": the surname identifies the person, so that
    // the initials resolve to the full name met before or after.
    std::string surname;
    for (size_t k = s; k < e; ++k) {
      if (IsInitial(k)) {
        ++k;  // and its full stop
        continue;
      }
      if (t_[k].kind != TokenKind::kWord) continue;
      if (!surname.empty()) surname += ' ';
      surname += std::string(text_.substr(t_[k].start, t_[k].end - t_[k].start));
    }
    if (surname.empty()) return;
    if (surname.size() < name.text.size()) name.key_text = surname;
    const v1::EntityKind intro = IntroKind(s, e);
    if (intro != v1::ENTITY_KIND_UNSPECIFIED) {
      name.kind = intro;
      Emit(s, e, std::move(name));
      return;
    }
    const int known = known_.Lookup(name.text);
    if (known >= 0 && known_.entities()[known].kind != v1::ENTITY_KIND_PERSON) {
      name.kind = known_.entities()[known].kind;
      Emit(s, e, std::move(name));
      return;
    }
    // A lower-case title just before the name ("human rights defender X").
    PhraseMatcher::Match tm;
    if (s > 0 && T_.titles.LongestEndingAt(t_, s >= 5 ? s - 5 : 0, s - 1, &tm)) {
      title = std::string(text_.substr(t_[tm.begin].start, t_[s - 1].end - t_[tm.begin].start));
    }
    if (len == 1 && known < 0 && title.empty()) return;
    if (len == 1 && t_[s].all_caps) return;
    name.kind = v1::ENTITY_KIND_PERSON;
    name.title = title;
    name.actor_title = IsActorTitle(title);
    Emit(s, e, std::move(name));
  }

  absl::string_view text_;
  const std::vector<Token>& t_;
  const size_t n_;
  const EntityResolver& known_;
  const ExtractorTables& T_;
  // Tokens inside quotation marks; one buffer a thread, as every sentence
  // makes an extractor.
  std::vector<bool>& quoted_ = QuotedBuffer();
  static std::vector<bool>& QuotedBuffer() {
    thread_local std::vector<bool> buffer;
    return buffer;
  }
  std::vector<EntityMention> out_;
  size_t skip_until_ = 0;
};

}  // namespace

std::vector<EntityMention> FindEntityMentions(absl::string_view text, const std::vector<Token>& tokens,
                                              const EntityResolver& known) {
  return Extractor(text, tokens, known).Run();
}

}  // namespace civicwatch::normalize

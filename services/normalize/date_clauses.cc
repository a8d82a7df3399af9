#include "services/normalize/date_clauses.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "services/normalize/date_words.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// The clause tests over one sentence's tokens.
class SentenceClauses {
 public:
  explicit SentenceClauses(const std::vector<Token>& t) : t_(t), n_(t.size()) {}

  // "движение, признанное экстремистским решением суда в марте 2018
  // года", "партию, запрещённую в 2020 году": a date inside a participle
  // phrase (set off by a comma) tells when the thing it qualifies was done.
  // A full participle (-нный, -вший ... in any case) between the comma
  // before the date and the date marks it.
  size_t RussianParticiplePhrase(size_t i) const {
    static const std::vector<absl::string_view> kEndings = {
        "нный", "нная", "нное", "нные", "нную", "нной", "нного", "нным", "нных",
        "вший", "вшая", "вшее", "вшие", "вшую", "вшей", "вшего", "вшим", "вших"};
    for (size_t k = i; k > 0 && i - k < 10;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) return n_;
      if (t.kind != TokenKind::kWord || !t.cyrillic) continue;
      for (absl::string_view e : kEndings) {
        if (absl::EndsWith(t.lower, e) && k > 0 && LowerIs(t_[k - 1], ",")) return k - 1;
      }
    }
    return n_;
  }

  // "ДВК, которое суд признал экстремистской и запретил 13 марта 2018
  // года": a Russian relative clause (always set off by a comma) tells
  // about the noun before it, as the English pluperfect clause does.
  size_t RussianRelativeClause(size_t i) const {
    static const WordSet kWhich = {"который", "которая", "которое", "которые", "которого", "которой",
                                   "которому", "которым", "которых", "которую", "котором"};
    for (size_t k = i; k > 0 && i - k < 12;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) return n_;
      if (kWhich.contains(t.lower)) return k > 0 && LowerIs(t_[k - 1], ",") ? k - 1 : n_;
    }
    return n_;
  }

  // "Achilova, who in November 2019 had been prevented from boarding",
  // "the law, which had been adopted in 2015": a relative clause in the
  // past perfect, set off by a comma, tells what had happened before the
  // story, as the Russian participle phrase does.
  size_t PluperfectClause(size_t i) const {
    size_t pronoun = n_;
    for (size_t k = i; k > 0 && i - k < 8;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) break;
      if ((LowerIs(t, "who") || LowerIs(t, "which")) && k > 0 && LowerIs(t_[k - 1], ",")) {
        pronoun = k;
        break;
      }
    }
    if (pronoun == n_) return n_;
    for (size_t k = pronoun + 1; k < n_ && k < pronoun + 12; ++k) {
      if (t_[k].kind == TokenKind::kPunct) return n_;
      if (LowerIs(t_[k], "had")) return pronoun - 1;
    }
    return n_;
  }

  // "identical to a bill withdrawn in March 2023", "the party banned by
  // the Supreme Court in 2019": a past participle after a noun phrase that
  // is not a clause's subject (a preposition or a verb stands before it),
  // or set off by a comma after its noun ("That law, adopted in June 2014,
  // forces ..."), tells when the thing it qualifies was done. Only
  // "in"/"on"/"since", maybe after a "by ..." agent, stands between the
  // participle and the date; "His trial opened on 17 January" opens its
  // clause and is the act.
  size_t EnglishParticiplePhrase(size_t i) const {
    if (i < 4 || t_[i].cyrillic) return n_;
    size_t k = i - 1;
    if (!(LowerIs(t_[k], "in") || LowerIs(t_[k], "on") || LowerIs(t_[k], "since"))) return n_;
    // An agent: "by the Supreme Court".
    for (size_t a = k; a > 0 && k - a <= 5; --a) {
      if (LowerIs(t_[a - 1], "by")) {
        k = a - 1;
        break;
      }
      if (t_[a - 1].kind != TokenKind::kWord) break;
    }
    if (k < 3) return n_;
    const Token& participle = t_[k - 1];
    if (!IsPastParticiple(participle)) return n_;
    // Set off by a comma after its noun ("That law, adopted in June 2014,
    // forces ..."), as a Russian participle phrase is.
    if (LowerIs(t_[k - 2], ",")) return k - 2;
    // The noun phrase before it: a determiner, at most two words, then the
    // participle; a preposition or another word (not a clause opener)
    // before the determiner.
    static const WordSet kClauseOpeners = {"and", "but", "while", "as", "when", "after", "before", "because",
                                           "then", "since", "although", "where"};
    for (size_t d = k - 1; d > 0 && k - 1 - d <= 3;) {
      --d;
      const Token& t = t_[d];
      if (t.kind != TokenKind::kWord) return n_;
      if (IsDeterminer(t) || LowerIs(t, "this") || LowerIs(t, "that")) {
        if (d == 0) return n_;
        const Token& before = t_[d - 1];
        return before.kind == TokenKind::kWord && !kClauseOpeners.contains(before.lower) ? k - 1 : n_;
      }
    }
    return n_;
  }

  // A regular past participle ("withdrawn" aside): "-ed", or a common
  // irregular one.
  static bool IsPastParticiple(const Token& t) {
    static const WordSet kIrregular = {"withdrawn", "taken", "given", "written", "held", "brought", "sent",
                                       "shown", "made", "built", "found", "put", "set", "shut", "begun",
                                       "chosen", "frozen", "broken", "spoken", "done", "drawn", "beaten",
                                       "seized", "thrown", "passed", "won", "lost", "issued", "signed"};
    if (t.kind != TokenKind::kWord || t.cyrillic || t.capitalised) return false;
    return kIrregular.contains(t.lower) || (t.lower.size() > 4 && absl::EndsWith(t.lower, "ed"));
  }

  // "almost identical to the text that Parliament withdrew in March
  // 2023": a restrictive relative clause qualifying a noun (a determiner
  // and the noun before "that"/"which") tells when the thing it qualifies
  // was done. "The ministry said that ..." is reported speech, and a
  // clause set off by a comma is the story's unless its verb is pluperfect
  // (InPluperfectClause).
  size_t RelativeClause(size_t i) const {
    for (size_t k = i; k > 0 && i - k < 10;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) return n_;
      const bool that = LowerIs(t, "that") || LowerIs(t, "which");
      if (!that) continue;
      return k >= 2 && t_[k - 1].kind == TokenKind::kWord &&
                     (IsDeterminer(t_[k - 2]) || LowerIs(t_[k - 2], "this"))
                 ? k
                 : n_;
    }
    return n_;
  }

  // "приговорил ... за участие в акции протеста в августе 2020 года",
  // "jailed for taking part in a protest in August 2020": a date inside
  // the ground of a charge or a sentence tells when the deed punished was
  // done, not when it was punished. The ground opens with "за"/"for" and
  // a word of a deed (one possessive or adjective may come between).
  size_t GroundOfPunishment(size_t i) const {
    static const std::vector<absl::string_view> kRussianDeeds = {
        "участи", "организаци", "публикаци", "пост",   "репост", "коммент", "высказыв", "выступлени",
        "пересылк", "распространени", "призыв", "критик", "оскорблени", "подписк", "донат"};
    static const WordSet kEnglishDeeds = {
        "taking",   "participating", "participation", "attending", "organising", "organizing",
        "posting",  "posts",         "publishing",    "sharing",   "reposting",  "criticising",
        "criticizing", "insulting",  "involvement",   "joining",   "staging",    "comments"};
    auto deed = [&](const Token& t) {
      if (t.kind != TokenKind::kWord) return false;
      if (!t.cyrillic) return kEnglishDeeds.contains(t.lower);
      for (absl::string_view d : kRussianDeeds) {
        if (absl::StartsWith(t.lower, d)) return true;
      }
      return false;
    };
    for (size_t k = i; k > 0 && i - k < 12;) {
      --k;
      const Token& t = t_[k];
      // Quotation marks may stand inside the ground ("за участие в
      // «незаконной» акции"); any other mark ends it.
      if (t.kind == TokenKind::kPunct && t.lower != "\xC2\xAB" && t.lower != "\xC2\xBB" && t.lower != "\"") {
        return n_;
      }
      if (!LowerIs(t, "за") && !LowerIs(t, "for")) continue;
      for (size_t d = k + 1; d < i && d <= k + 2; ++d) {
        if (deed(t_[d])) return k;
      }
      return n_;
    }
    return n_;
  }

  // Where the background clause around the date at token i starts, of
  // whichever kind; n_ when there is none.
  size_t BackgroundClauseStart(size_t i) const {
    for (size_t start : {RussianParticiplePhrase(i), RussianRelativeClause(i), EnglishParticiplePhrase(i),
                         RelativeClause(i), PluperfectClause(i), GroundOfPunishment(i)}) {
      if (start < n_) return start;
    }
    return n_;
  }

  // "протестов августа 2020 года": a genitive month (all end in -а/-я;
  // no nominative does) right after a word that is no time word ("в",
  // "начале", "с": those make it a date of the act).
  bool IsAttributiveMonth(size_t i) const {
    const Token& t = t_[i];
    if (!t.cyrillic || i == 0) return false;
    const Token& p = t_[i - 1];
    static const WordSet kTimeWords = {"течение", "начала", "середины", "конца", "от", "со", "после",
                                       "перед", "около", "позднее", "ранее", "числа"};
    if (p.kind != TokenKind::kWord || !p.cyrillic || IntroducesBareMonth(p) || kTimeWords.contains(p.lower)) {
      return false;
    }
    return absl::EndsWith(t.lower, "\xD0\xB0") || absl::EndsWith(t.lower, "\xD1\x8F");  // а, я
  }

  static bool IsClosingQuote(const Token& t) {
    return t.kind == TokenKind::kPunct && (t.lower == "\xC2\xBB" || t.lower == "\"" || t.lower == "\xE2\x80\x9D");
  }

  // "переворота 1980 года", "выборов 2020 года": a year in the genitive
  // ("года"; a year that dates an act is "в 2020 году") right after a
  // noun names what the noun qualifies. After a time word ("начала",
  // "весны", "с") it is a date or a bound.
  bool IsAttributiveYear(size_t i) const {
    if (i == 0 || i + 1 >= n_ || t_[i + 1].lower != "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0") return false;  // года
    // The noun may be quoted: "за «донаты» 2020 года".
    size_t before = i - 1;
    if (before > 0 && IsClosingQuote(t_[before])) --before;
    const Token& p = t_[before];
    static const WordSet kTimeWords = {"течение", "начала", "середины", "конца", "от", "со", "после",
                                       "перед", "около", "позднее", "ранее", "половины", "квартала",
                                       "полугодия", "весны", "лета", "осени", "зимы", "итогам", "концу",
                                       "началу", "середине", "протяжении"};
    if (p.kind != TokenKind::kWord || !p.cyrillic || IntroducesBareMonth(p) || kTimeWords.contains(p.lower) ||
        IsSeason(p)) {
      return false;
    }
    return true;
  }
 private:
  const std::vector<Token>& t_;
  const size_t n_;
};

}  // namespace

size_t BackgroundClauseStart(const std::vector<Token>& tokens, size_t i) {
  return SentenceClauses(tokens).BackgroundClauseStart(i);
}

bool InBackgroundClause(const std::vector<Token>& tokens, size_t i) {
  return BackgroundClauseStart(tokens, i) < tokens.size();
}

bool IsAttributiveMonth(const std::vector<Token>& tokens, size_t i) {
  return SentenceClauses(tokens).IsAttributiveMonth(i);
}

bool IsAttributiveYear(const std::vector<Token>& tokens, size_t i) {
  return SentenceClauses(tokens).IsAttributiveYear(i);
}

}  // namespace civicwatch::normalize

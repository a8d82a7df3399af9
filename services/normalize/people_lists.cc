#include "services/normalize/people_lists.h"

#include "absl/strings/match.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

bool IsListMark(const Token& t) { return t.lower == "—" || t.lower == "–" || t.lower == "-" || t.lower == ":"; }

bool IsCopula(const Token& t) {
  static const WordSet kWords = {"were", "are", "include", "included", "is", "was", "это", "—", "–", ":"};
  return kWords.contains(t.lower);
}

// A Russian plural participle or adjective used as a noun: "осуждённые",
// "задержанные", "пострадавшие".
bool IsRussianPluralNoun(const Token& t) {
  return t.cyrillic && (absl::EndsWith(t.lower, "ые") || absl::EndsWith(t.lower, "ие"));
}

}  // namespace

bool OpensListOfPeopleBefore(const std::vector<Token>& tokens) {
  if (tokens.size() < 3) return false;
  const Token& a = tokens[0];
  const Token& b = tokens[1];
  // "Those convicted were", "Those detained include".
  if (a.lower == "those" && b.kind == TokenKind::kWord && IsCopula(tokens[2])) return true;
  // "Among them were", "Among those detained were"; "Среди них", "Среди задержанных".
  if ((a.lower == "among" || a.lower == "среди") && b.kind == TokenKind::kWord) return true;
  // "Their names are", "They are".
  if (a.lower == "their" && b.lower == "names") return true;
  // "Осуждённые — ...", "Задержанные: ...".
  if (IsRussianPluralNoun(a) && IsListMark(b)) return true;
  return false;
}

}  // namespace civicwatch::normalize

#include "services/normalize/later_sittings.h"

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

bool IsNextWord(absl::string_view w) {
  return w == "next" || w == "following" || absl::StartsWith(w, "следующ") || absl::StartsWith(w, "очередн");
}

bool IsPuttingOff(absl::string_view w) {
  for (absl::string_view stem : {"adjourn", "postpon", "defer", "reschedul", "отлож", "перене"}) {
    if (absl::StartsWith(w, stem)) return true;
  }
  return false;
}

bool IsSetting(absl::string_view w) {
  static const WordSet kWords = {"set", "scheduled", "fixed", "назначено", "назначена", "назначил",
                                 "назначила", "назначили", "назначен"};
  return kWords.contains(w);
}

// A word for the next sitting in the few words before tokens[verb].
bool NextSittingBefore(const std::vector<Token>& tokens, size_t verb) {
  constexpr size_t kLookBack = 4;
  for (size_t k = verb; k-- > (verb > kLookBack ? verb - kLookBack : 0);) {
    if (IsNextWord(tokens[k].lower)) return true;
  }
  return false;
}

}  // namespace

bool PutsOffTo(const std::vector<Token>& tokens, size_t first) {
  if (first < 2 || first > tokens.size()) return false;
  const Token& link = tokens[first - 1];
  const bool to = LowerIs(link, "to") || LowerIs(link, "until") || LowerIs(link, "till");
  const bool for_word = LowerIs(link, "for");
  const bool na = LowerIs(link, "на");
  if (!to && !for_word && !na) return false;
  constexpr size_t kWordsBetween = 4;
  const size_t from = first - 1 > kWordsBetween + 1 ? first - 1 - kWordsBetween - 1 : 0;
  bool next_sitting = false;
  for (size_t k = first - 1; k-- > from;) {
    const Token& t = tokens[k];
    if (t.kind != TokenKind::kWord) break;
    const absl::string_view w = t.lower;
    next_sitting |= IsNextWord(w);
    if ((to || na) && IsPuttingOff(w)) return true;
    if ((for_word || na) && IsSetting(w)) return next_sitting || NextSittingBefore(tokens, k);
  }
  return false;
}

}  // namespace civicwatch::normalize

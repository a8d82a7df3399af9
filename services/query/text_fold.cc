#include "services/query/text_fold.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace civicwatch::query {
namespace {

std::string CollapseSpaces(absl::string_view text) {
  std::vector<absl::string_view> words =
      absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipWhitespace());
  return absl::StrJoin(words, " ");
}

// ICU transliterators are not safe to share between threads, so each
// thread builds its own on first use.
icu::Transliterator* ToLatinAscii() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  return transliterator.get();
}

}  // namespace

std::string FoldCase(absl::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return CollapseSpaces(out);
}

std::string SpellingSkeleton(absl::string_view text) {
  std::string latin;
  if (std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isascii(c); })) {
    latin = std::string(text);  // Already Latin: skip the (slow) transliterator.
  } else {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (icu::Transliterator* t = ToLatinAscii()) {
      t->transliterate(u);
    } else {
      u.foldCase();
    }
    u.toUTF8String(latin);
  }
  latin = absl::AsciiStrToLower(latin);
  // Keep letters, digits and single spaces.
  std::string cleaned;
  for (char c : latin) {
    cleaned.push_back(absl::ascii_isalnum(static_cast<unsigned char>(c)) ? c : ' ');
  }
  cleaned = CollapseSpaces(cleaned);
  // Longest variants first: "dzh" before "dz" and "zh".
  return absl::StrReplaceAll(cleaned, {{"dzh", "j"},
                                       {"dj", "j"},
                                       {"dz", "j"},
                                       {"zh", "j"},
                                       {"kh", "h"},
                                       {"ts", "c"},
                                       {"tch", "ch"},
                                       {"shch", "sh"},
                                       {"yu", "iu"},
                                       {"ya", "ia"},
                                       {"y", "i"},
                                       {"w", "v"},
                                       {"ou", "u"}});
}

}  // namespace civicwatch::query

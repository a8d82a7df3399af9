#include "services/text/fold.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace civicwatch::text {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool IsLinkingWord(absl::string_view w) {
  return w == "of" || w == "for" || w == "the" || w == "and" || w == "on" || w == "in" ||
         w == "at" || w == "de" || w == "po" || w == "pri";
}

icu::Transliterator* MakeTransliterator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
      "Russian-Latin/BGN; Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) return nullptr;
  }
  return t.release();
}

// The consonant clusters of the common romanisations, one letter each.
std::string MergeClusters(absl::string_view in) {
  std::string s;
  s.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    auto at = [&](size_t k) { return i + k < in.size() ? in[i + k] : '\0'; };
    if (at(0) == 'd' && at(1) == 'z' && at(2) == 'h') { s += 'j'; i += 2; continue; }
    if (at(0) == 'd' && at(1) == 'j') { s += 'j'; i += 1; continue; }
    if (at(0) == 'z' && at(1) == 'h') { s += 'j'; i += 1; continue; }
    if (at(0) == 'k' && at(1) == 'h') { s += 'h'; i += 1; continue; }
    if (at(0) == 'p' && at(1) == 'h') { s += 'f'; i += 1; continue; }
    if (at(0) == 'c' && at(1) == 'k') { s += 'k'; i += 1; continue; }
    char c = in[i];
    if (c == 'w') c = 'v';
    if (c == 'q') c = 'k';
    s += c;
  }
  return s;
}

// y: dropped between vowels ("Atambayev"), otherwise i ("Pervomaisky").
std::string FoldY(const std::string& s) {
  std::string t;
  t.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'y') {
      const bool between = i > 0 && i + 1 < s.size() && IsVowel(s[i - 1]) && IsVowel(s[i + 1]);
      if (!between) t += 'i';
      continue;
    }
    t += s[i];
  }
  return t;
}

// Doubled letters count once ("Jeenbekov", "Pervomaiskii").
std::string SingleLetters(const std::string& t) {
  std::string u;
  u.reserve(t.size());
  for (char c : t) {
    if (!u.empty() && u.back() == c) continue;
    u += c;
  }
  return u;
}

}  // namespace

std::string ToAsciiLatin(absl::string_view text) {
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(text);
  // A transliterator is not safe to share between threads unlocked.
  static std::mutex mu;
  static icu::Transliterator* translit = MakeTransliterator();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (translit != nullptr) {
    std::lock_guard<std::mutex> lock(mu);
    translit->transliterate(u);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string FoldWord(absl::string_view in) {
  // One Russian case ending ("Nazarova", "Nazarovim", "Djakupovoi").
  return StripCaseEnding(SingleLetters(FoldY(MergeClusters(in))));
}

std::string StripCaseEnding(std::string word) {
  if (word.size() >= 5) {
    static const char* const kEndings[] = {"oi", "ei", "im", "om", "a", "u", "e", "i"};
    for (const char* e : kEndings) {
      const absl::string_view end(e);
      if (word.size() >= end.size() + 4 && absl::EndsWith(word, end)) {
        word.resize(word.size() - end.size());
        break;
      }
    }
  }
  return word;
}

std::vector<std::string> FoldedWords(absl::string_view name) {
  const std::string latin = ToAsciiLatin(name);
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty() && !IsLinkingWord(cur)) words.push_back(FoldWord(cur));
    cur.clear();
  };
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      cur += c;
    } else if (c == '\'' || c == '`') {
      // "Prosecutor's": the apostrophe joins.
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string FoldingKey(absl::string_view name) { return absl::StrJoin(FoldedWords(name), " "); }

std::string FoldCase(absl::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  std::vector<absl::string_view> words =
      absl::StrSplit(out, absl::ByAnyChar(" \t\r\n"), absl::SkipWhitespace());
  return absl::StrJoin(words, " ");
}

std::string SpellingSkeleton(absl::string_view text) {
  std::vector<std::string> words = FoldedWords(text);
  for (std::string& word : words) {
    // Longest first: "shch" before "ts" and "tch" before "ts".
    word = absl::StrReplaceAll(
        word, {{"shch", "sh"}, {"tch", "ch"}, {"dz", "j"}, {"ts", "c"}, {"ou", "u"}});
  }
  return absl::StrJoin(words, " ");
}

}  // namespace civicwatch::text

#include "services/normalize/phrase_matcher.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "absl/container/node_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "services/normalize/stemmer.h"

namespace civicwatch::normalize {

int NumberWordValue(absl::string_view w) {
  // Asked of every word a text has: a switch on the length compares a
  // word with the few number words of that length (at most six), and
  // the compiler turns each comparison into a load or two.
  switch (w.size()) {
    case 1:
      if (w == "a") return 1;
      return 0;
    case 2:
      if (w == "an") return 1;
      return 0;
    case 3:
      if (w == "one") return 1;
      if (w == "two") return 2;
      if (w == "six") return 6;
      if (w == "ten") return 10;
      return 0;
    case 4:
      if (w == "four") return 4;
      if (w == "five") return 5;
      if (w == "nine") return 9;
      return 0;
    case 5:
      if (w == "three") return 3;
      if (w == "seven") return 7;
      if (w == "eight") return 8;
      return 0;
    case 6:
      if (w == "eleven") return 11;
      if (w == "twelve") return 12;
      if (w == "два") return 2;
      if (w == "три") return 3;
      if (w == "две") return 2;
      return 0;
    case 8:
      if (w == "один") return 1;
      if (w == "пять") return 5;
      if (w == "семь") return 7;
      if (w == "двое") return 2;
      if (w == "трое") return 3;
      return 0;
    case 10:
      if (w == "шесть") return 6;
      return 0;
    case 12:
      if (w == "четыре") return 4;
      if (w == "восемь") return 8;
      if (w == "девять") return 9;
      if (w == "десять") return 10;
      if (w == "пятеро") return 5;
      if (w == "семеро") return 7;
      return 0;
    case 14:
      if (w == "четверо") return 4;
      if (w == "шестеро") return 6;
      return 0;
    case 20:
      if (w == "двенадцать") return 12;
      return 0;
    case 22:
      if (w == "одиннадцать") return 11;
      return 0;
    default:
      return 0;
  }
}

namespace {

// The bytes of the first `count` code points of UTF-8 `word`.
std::string FirstCodePoints(absl::string_view word, size_t count) {
  size_t bytes = 0;
  for (size_t seen = 0; bytes < word.size() && seen < count; ++seen) {
    ++bytes;
    while (bytes < word.size() && (static_cast<unsigned char>(word[bytes]) & 0xC0) == 0x80) ++bytes;
  }
  return std::string(word.substr(0, bytes));
}

size_t CodePoints(absl::string_view word) {
  size_t n = 0;
  for (unsigned char c : word) n += (c & 0xC0) != 0x80;
  return n;
}

// What a token matching listed word `word` by stem must begin with: all of
// the stem but its last letter (an English stem may end in an "e" its
// inflections drop: "place", "placing"; a short stem, one letter more than
// it), and all of the word but its
// inflectional ending (two letters in English, three in Russian, whose
// infinitives are longer: "приговорить", "приговорён"), whichever is
// longer. A derivational suffix is longer than that, so "criminalise"
// does not take "criminal".
std::string RequiredStart(absl::string_view word, absl::string_view stem) {
  const bool cyrillic = !word.empty() && (static_cast<unsigned char>(word[0]) == 0xD0 ||
                                          static_cast<unsigned char>(word[0]) == 0xD1);
  const size_t ending = cyrillic ? 3 : 2;
  const size_t word_length = CodePoints(word);
  const size_t stem_length = CodePoints(stem);
  // A short stem is shared by many words ("следить" and "следующий" both
  // stem to "след"): one letter past it must agree too.
  constexpr size_t kShortStem = 4;
  const size_t from_stem = stem_length > kShortStem ? stem_length - 1 : stem_length + 1;
  const size_t from_word = word_length > ending ? word_length - ending : 0;
  return FirstCodePoints(word, std::min(word_length, std::max(from_stem, from_word)));
}

// A quotation mark: «на «беседы»», "a so-called “preventive” talk". Scare
// quotes stand inside a phrase without breaking it, so they are stepped
// over between its words.
bool IsQuoteMark(const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  const std::string& m = t.lower;
  switch (m.size()) {
    case 1:
      return m[0] == '"';
    case 2:  // « »
      return m[0] == '\xC2' && (m[1] == '\xAB' || m[1] == '\xBB');
    case 3:  // “ ” „
      return m[0] == '\xE2' && m[1] == '\x80' && (m[2] == '\x9C' || m[2] == '\x9D' || m[2] == '\x9E');
    default:
      return false;
  }
}

// An apostrophe: within a gap it is part of a possessive ("rejected her
// lawyers' appeal", "the court's"), not a break in the clause.
bool IsApostrophe(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.lower == "'" || t.lower == "\xE2\x80\x99");
}

// `pos` moved past the quotation marks at it, not past `end`.
size_t SkipQuoteMarks(const std::vector<Token>& tokens, size_t pos, size_t end) {
  while (pos < end && IsQuoteMark(tokens[pos])) ++pos;
  return pos;
}

}  // namespace

void PhraseMatcher::Add(absl::string_view phrase, int payload) { AddPhrase(phrase, payload, false); }

void PhraseMatcher::AddStemmed(absl::string_view phrase, int payload) {
  AddPhrase(phrase, payload, true);
}

void PhraseMatcher::AddPhrase(absl::string_view phrase, int payload, bool stemmed) {
  static std::atomic<uint64_t> generations{0};
  generation_ = ++generations;
  Phrase p;
  p.payload = payload;
  for (absl::string_view w : absl::StrSplit(phrase, ' ', absl::SkipEmpty())) {
    Word word;
    if (w == "N") {
      word.number = true;
    } else if (w == "_") {
      word.gap = true;
    } else if (w.size() > 1 && w.back() == '*') {
      word.prefix = true;
      word.text = std::string(w.substr(0, w.size() - 1));
    } else if (stemmed) {
      word.stemmed = true;
      word.text = StemCopy(w);
      word.start = RequiredStart(w, word.text);
    } else {
      word.text = std::string(w);
    }
    p.words.push_back(std::move(word));
  }
  if (p.words.empty() || p.words.front().gap || p.words.back().gap) return;
  for (const Word& word : p.words) p.min_tokens += word.gap ? 0 : 1;
  // The first bytes any token matching the second word opens with, when
  // they are known: a cheap test that settles most candidates. A listed
  // word shorter than four bytes is compared with the zero after it, so
  // that "to" does not take "today".
  Candidate candidate{static_cast<int>(phrases_.size()), 0, 0};
  if (p.words.size() > 1) {
    const Word& second = p.words[1];
    const std::string& known = second.stemmed ? second.start : second.text;
    if (!second.number && !second.gap && !known.empty()) {
      const bool whole = !second.stemmed && !second.prefix;
      const size_t bytes = std::min<size_t>(4, known.size() + (whole ? 1 : 0));
      candidate.second_mask = bytes == 4 ? 0xFFFFFFFFu : (1u << (8 * bytes)) - 1;
      candidate.second = FirstBytes(known) & candidate.second_mask;
    }
  }
  const Word& first = p.words.front();
  if (first.number) {
    number_first_.push_back(candidate);
  } else if (first.prefix) {
    by_first_prefix_[Lead(first.text, first.text.size())].push_back(candidate);
    leads_.set(Lead(first.text, first.text.size()));
    if (first.text.size() < 2) {
      has_one_byte_prefix_ = true;
      if (!first.text.empty()) one_byte_leads_.set(static_cast<unsigned char>(first.text[0]));
    }
  } else {
    (first.stemmed ? by_first_stem_ : by_first_word_)[first.text].push_back(candidate);
    leads_.set(Lead(first.text, 2));
  }
  for (const Word& word : p.words) p.has_gap |= word.gap;
  phrases_.push_back(std::move(p));
}

inline bool PhraseMatcher::WordMatches(const Word& w, const Token& t, int* number) {
  if (w.number) {
    if (t.kind == TokenKind::kNumber) {
      *number = t.value;
    } else if (t.kind == TokenKind::kWord && t.number_word > 0) {
      *number = t.number_word;
    } else {
      return false;
    }
    return true;
  }
  if (t.kind == TokenKind::kPunct) return false;
  if (w.stemmed) {
    return t.kind == TokenKind::kWord && absl::StartsWith(t.lower, w.start) &&
           StemOf(t.lower) == w.text;
  }
  if (w.prefix) {
    return t.lower.size() >= w.text.size() &&
           std::memcmp(t.lower.data(), w.text.data(), w.text.size()) == 0;
  }
  return t.lower == w.text;
}

bool PhraseMatcher::MatchesFrom(const Phrase& p, size_t k, const std::vector<Token>& tokens,
                                size_t pos, size_t end, int* number, size_t* match_end) {
  for (; k < p.words.size(); ++k) {
    const Word& w = p.words[k];
    if (w.gap) {
      // The shortest stretch of words after which the rest of the phrase
      // matches: "sentenced _ to" takes "sentenced the two activists to".
      for (size_t skip = 0; skip <= kMaxGapWords && pos + skip < end; ++skip) {
        if (skip > 0 && tokens[pos + skip - 1].kind == TokenKind::kPunct && !IsQuoteMark(tokens[pos + skip - 1]) &&
            !IsApostrophe(tokens[pos + skip - 1])) {
          return false;
        }
        if (MatchesFrom(p, k + 1, tokens, pos + skip, end, number, match_end)) return true;
      }
      return false;
    }
    if (k > 0) pos = SkipQuoteMarks(tokens, pos, end);
    if (pos >= end || !WordMatches(w, tokens[pos], number)) return false;
    ++pos;
  }
  *match_end = pos;
  return true;
}

bool PhraseMatcher::MatchesAt(const Phrase& p, const std::vector<Token>& tokens, size_t at,
                              size_t end, Match* m) const {
  // The first word matches: CandidatesOf keeps only the phrases whose
  // first word the token is. ForCandidates has checked the second word's
  // first bytes.
  if (at + p.min_tokens > end) return false;
  const Token& first = tokens[at];
  int number = 0;
  if (p.words.front().number) number = first.kind == TokenKind::kNumber ? first.value : first.number_word;
  size_t match_end = at + 1;
  if (p.has_gap) {
    if (!MatchesFrom(p, 1, tokens, at + 1, end, &number, &match_end)) return false;
  } else {
    for (size_t k = 1; k < p.words.size(); ++k) {
      match_end = SkipQuoteMarks(tokens, match_end, end);
      if (match_end >= end || !WordMatches(p.words[k], tokens[match_end], &number)) return false;
      ++match_end;
    }
  }
  m->begin = at;
  m->end = match_end;
  m->payload = p.payload;
  m->number = number;
  return true;
}

void PhraseMatcher::GatherCandidates(const Token& first, std::vector<Candidate>* out) const {
  auto add = [out](const std::vector<Candidate>& listed) { out->insert(out->end(), listed.begin(), listed.end()); };
  const bool lead = LeadIsListed(first.lower);
  if (lead) {
    if (auto it = by_first_word_.find(first.lower); it != by_first_word_.end()) add(it->second);
  }
  // A stem keeps its word's first two bytes, so only a word passing the
  // lead test is stemmed.
  if (lead && !by_first_stem_.empty() && first.kind == TokenKind::kWord && !first.lower.empty()) {
    if (auto it = by_first_stem_.find(StemOf(first.lower)); it != by_first_stem_.end()) add(it->second);
  }
  // Candidates share the token's first two bytes; MatchesAt checks the rest.
  if (lead && !by_first_prefix_.empty() && !first.lower.empty()) {
    if (auto it = by_first_prefix_.find(Lead(first.lower, 2)); it != by_first_prefix_.end()) add(it->second);
    if (has_one_byte_prefix_ && first.lower.size() >= 2) {
      if (auto it = by_first_prefix_.find(Lead(first.lower, 1)); it != by_first_prefix_.end()) add(it->second);
    }
  }
  if (first.kind == TokenKind::kNumber || (first.kind == TokenKind::kWord && first.number_word > 0)) {
    add(number_first_);
  }
  // Whether the token is a phrase's first word depends on its text alone:
  // settled here, once a word, rather than at every token.
  int unused = 0;
  out->erase(std::remove_if(out->begin(), out->end(),
                            [&](const Candidate& c) {
                              return !WordMatches(phrases_[c.id].words.front(), first, &unused);
                            }),
             out->end());
}

absl::Span<const PhraseMatcher::Candidate> PhraseMatcher::CandidatesOf(const Token& first) const {
  // A word's kind follows from its text (a number's starts with a digit,
  // a word's with a letter), so the text alone keys the memory.
  using WordMemory = absl::flat_hash_map<std::string, std::vector<Candidate>>;
  // Bounds: matchers a thread uses (a report meets a dozen) and words per
  // matcher (a report's vocabulary is far smaller).
  constexpr size_t kMaxMatchers = 64;
  constexpr size_t kMaxWords = 1 << 15;
  // Node-based, so that `last` (the memory of the matcher asked last, as
  // the next call most often is) stays good while other matchers are added.
  thread_local absl::node_hash_map<uint64_t, WordMemory> memory;
  thread_local uint64_t last_generation = 0;
  thread_local WordMemory* last = nullptr;
  if (last == nullptr || last_generation != generation_) {
    auto matcher = memory.find(generation_);
    if (matcher == memory.end()) {
      if (memory.size() >= kMaxMatchers) memory.clear();
      matcher = memory.try_emplace(generation_).first;
    }
    last = &matcher->second;
    last_generation = generation_;
  }
  WordMemory& words = *last;
  if (auto known = words.find(first.lower); known != words.end()) return known->second;
  if (words.size() >= kMaxWords) words.clear();
  std::vector<Candidate> gathered;
  GatherCandidates(first, &gathered);
  return words.emplace(first.lower, std::move(gathered)).first->second;
}

template <typename Fn>
void PhraseMatcher::ForCandidates(const std::vector<Token>& tokens, size_t at, size_t end, Fn fn) const {
  const Token& first = tokens[at];
  if (first.kind == TokenKind::kPunct) return;
  // Most tokens open no phrase of a small matcher: their first bytes say
  // so without the lookup CandidatesOf makes.
  const bool number = first.kind == TokenKind::kNumber || first.number_word > 0;
  if (!(number && !number_first_.empty()) && !LeadIsListed(first.lower)) return;
  // What the next token offers a phrase's second word: its first bytes,
  // anything (a quotation mark is stepped over), or nothing past `end`
  // (only a phrase of one word can match then).
  const absl::Span<const Candidate> candidates = CandidatesOf(first);
  if (at + 1 >= end) {
    for (const Candidate& c : candidates) {
      if (c.second_mask == 0) fn(phrases_[c.id]);
    }
  } else if (IsQuoteMark(tokens[at + 1])) {
    for (const Candidate& c : candidates) fn(phrases_[c.id]);
  } else {
    const uint32_t next = FirstBytes(tokens[at + 1].lower);
    for (const Candidate& c : candidates) {
      if ((next & c.second_mask) == c.second) fn(phrases_[c.id]);
    }
  }
}

void PhraseMatcher::FindAll(const std::vector<Token>& tokens, size_t begin, size_t end,
                            std::vector<Match>* out) const {
  for (size_t i = begin; i < end; ++i) {
    ForCandidates(tokens, i, end, [&](const Phrase& p) {
      Match m;
      if (MatchesAt(p, tokens, i, end, &m)) out->push_back(m);
    });
  }
}

bool PhraseMatcher::LongestAt(const std::vector<Token>& tokens, size_t at, size_t end,
                              Match* out) const {
  bool found = false;
  if (at >= end) return false;
  ForCandidates(tokens, at, end, [&](const Phrase& p) {
    Match m;
    if (MatchesAt(p, tokens, at, end, &m) && (!found || m.end > out->end)) {
      *out = m;
      found = true;
    }
  });
  return found;
}

bool PhraseMatcher::LongestEndingAt(const std::vector<Token>& tokens, size_t first_allowed,
                                    size_t last, Match* out) const {
  bool found = false;
  constexpr size_t kMaxWords = 6;
  for (size_t back = 0; back < kMaxWords && back <= last - first_allowed && back <= last; ++back) {
    const size_t at = last - back;
    ForCandidates(tokens, at, last + 1, [&](const Phrase& p) {
      Match m;
      if (MatchesAt(p, tokens, at, last + 1, &m) && m.end == last + 1 &&
          (!found || m.begin < out->begin)) {
        *out = m;
        found = true;
      }
    });
  }
  return found;
}

}  // namespace civicwatch::normalize

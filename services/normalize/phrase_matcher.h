// Finds listed phrases in a token sequence in one left-to-right pass.
//
// A phrase is lower-case words separated by spaces. A word ending in '*'
// matches any word that starts with it ("detain*" matches "detained"); the
// word "N" matches a number, in digits or spelled out ("two"); the word
// "_" (neither first nor last) matches up to four words, or none, without
// punctuation ("sentence _ to N year*" takes "sentenced the blogger to
// five years"), the shortest that lets the rest match. A phrase
// added with AddStemmed matches its plain words by stem (stemmer.h), so
// "place under house arrest" also matches "placed under house arrest" and
// "placing under house arrests"; a token must also begin with most of the
// listed word, so that a stem cut short by a derivational suffix
// ("criminalise" and "criminal" share the stem "crimin") does not match
// another word. Words other than gaps match consecutive
// tokens, and punctuation between words blocks a match, save quotation
// marks ("вызвали на «беседу»" matches "вызвали на беседу").
#ifndef CIVICWATCH_SERVICES_NORMALIZE_PHRASE_MATCHER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_PHRASE_MATCHER_H_

#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

class PhraseMatcher {
 public:
  struct Match {
    size_t begin = 0;  // first token
    size_t end = 0;    // one past the last token
    int payload = 0;   // as given to Add
    int number = 0;    // the value an "N" word matched, else 0
  };

  // Adds a phrase; `payload` is returned with every match.
  void Add(absl::string_view phrase, int payload);

  // Adds a phrase whose plain words (not "N", not "word*") match any word
  // with the same stem.
  void AddStemmed(absl::string_view phrase, int payload);

  // Every match starting at tokens[begin, end), ending at or before `end`.
  void FindAll(const std::vector<Token>& tokens, size_t begin, size_t end,
               std::vector<Match>* out) const;

  // The longest match starting exactly at token `at`; false when none.
  bool LongestAt(const std::vector<Token>& tokens, size_t at, size_t end, Match* out) const;

  // The longest phrase ending exactly at token `last` (inclusive), searching
  // back at most `max_words`; false when none.
  bool LongestEndingAt(const std::vector<Token>& tokens, size_t first_allowed, size_t last,
                       Match* out) const;

  bool empty() const { return phrases_.empty(); }

 private:
  struct Word {
    std::string text;  // the stem, for a stemmed word
    // A stemmed word: the start of the listed word that a token must also
    // begin with (see RequiredStart in the .cc).
    std::string start;
    bool prefix = false;
    bool number = false;
    bool stemmed = false;
    bool gap = false;  // "_"
  };
  struct Phrase {
    std::vector<Word> words;
    int payload = 0;
    size_t min_tokens = 0;  // words that are not gaps
    bool has_gap = false;
  };

  static constexpr size_t kMaxGapWords = 4;

  // A phrase listed under its first word, with the first bytes (up to
  // four) that the next token must open with to be its second word: kept
  // beside the id so that a candidate the next token rules out costs no
  // visit to the phrase. A token's first four bytes, read as a number
  // (FirstBytes), must equal `second` where `second_mask` is set; a mask
  // of 0 takes any token (the second word is a number or a gap, or there
  // is none).
  struct Candidate {
    int id = 0;
    uint32_t second = 0;
    uint32_t second_mask = 0;
  };
  // The first four bytes of `word` as a number, zeros past its end.
  static uint32_t FirstBytes(absl::string_view word) {
    uint32_t bytes = 0;
    std::memcpy(&bytes, word.data(), word.size() < 4 ? word.size() : 4);
    return bytes;
  }

  void AddPhrase(absl::string_view phrase, int payload, bool stemmed);
  static bool WordMatches(const Word& w, const Token& t, int* number);
  // Matches words[k...] of `p` from tokens[pos]; sets *match_end.
  static bool MatchesFrom(const Phrase& p, size_t k, const std::vector<Token>& tokens, size_t pos,
                          size_t end, int* number, size_t* match_end);
  // Matches `p` at tokens[at], whose first word the token is (checked by
  // CandidatesOf).
  bool MatchesAt(const Phrase& p, const std::vector<Token>& tokens, size_t at, size_t end,
                 Match* m) const;
  // Calls fn(phrase) for every phrase that may match at tokens[at] (and
  // end by `end`): those whose first word the token is and whose second
  // word the next token may be.
  template <typename Fn>
  void ForCandidates(const std::vector<Token>& tokens, size_t at, size_t end, Fn fn) const;
  // The phrases whose first word the token is, whatever follows it: found
  // under the word, under its stem, under its first bytes as a prefix, and
  // among those opening with a number when it is one, then kept when their
  // first word matches it. They depend on the word alone, so each thread
  // keeps them for the words it has met (one lookup a token instead of a
  // stem, three lookups and a test of each phrase), until the matcher
  // changes. The span holds until this matcher is next asked on the thread.
  absl::Span<const Candidate> CandidatesOf(const Token& first) const;
  void GatherCandidates(const Token& first, std::vector<Candidate>* out) const;

  // The first two bytes of a word (one byte and a zero for a one-byte
  // prefix): phrases whose first word is a prefix are bucketed by it, so a
  // token costs one or two lookups however many prefixes there are.
  static uint16_t Lead(absl::string_view w, size_t len) {
    const uint16_t a = w.empty() ? 0 : static_cast<unsigned char>(w[0]);
    const uint16_t b = len < 2 || w.size() < 2 ? 0 : static_cast<unsigned char>(w[1]);
    return static_cast<uint16_t>(a << 8 | b);
  }

  // Whether the first bytes of `lower` are those of some phrase's first
  // word (leads_, one_byte_leads_); an empty word passes.
  bool LeadIsListed(absl::string_view lower) const {
    return lower.empty() || leads_.test(Lead(lower, 2)) || one_byte_leads_.test(static_cast<unsigned char>(lower[0]));
  }

  // Lead() of every phrase's first word, exact or prefix, and the first
  // bytes of one-byte prefixes: a token matching neither starts no phrase
  // but a number's, and is settled without a hash lookup.
  std::bitset<65536> leads_;
  std::bitset<256> one_byte_leads_;
  std::vector<Phrase> phrases_;
  absl::flat_hash_map<std::string, std::vector<Candidate>> by_first_word_;
  absl::flat_hash_map<std::string, std::vector<Candidate>> by_first_stem_;
  absl::flat_hash_map<uint16_t, std::vector<Candidate>> by_first_prefix_;  // key: Lead()
  bool has_one_byte_prefix_ = false;
  std::vector<Candidate> number_first_;
  // Which phrases the matcher holds, as the threads' memory of each word's
  // candidates knows it: drawn anew from a process-wide count whenever a
  // phrase is added, so that memory never outlives what it was made from.
  uint64_t generation_ = 0;
};

// The value of a number word ("one" to "twelve", Russian too), or 0.
int NumberWordValue(absl::string_view lower_word);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_PHRASE_MATCHER_H_

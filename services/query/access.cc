#include "services/query/access.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace civicwatch::query {
namespace {

// Words of a name shorter than this are not redacted on their own ("Li"
// would blank too much; the whole name still is).
constexpr size_t kMinWordLength = 3;

// A byte that belongs to a word: an ASCII letter or digit, or any byte of a
// multi-byte UTF-8 character (Cyrillic letters and the like).
bool IsWordByte(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool EqualsIgnoringAsciiCase(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() && absl::EqualsIgnoreCase(a, b);
}

// Replaces each occurrence of `needle` in `*text` that starts and ends at a
// word boundary.
void ReplaceWholeWords(std::string* text, absl::string_view needle) {
  if (needle.empty()) return;
  std::string out;
  size_t i = 0;
  while (i < text->size()) {
    const bool at_start = i == 0 || !IsWordByte((*text)[i - 1]);
    const size_t end = i + needle.size();
    if (at_start && end <= text->size() &&
        EqualsIgnoringAsciiCase(absl::string_view(*text).substr(i, needle.size()), needle) &&
        (end == text->size() || !IsWordByte((*text)[end]))) {
      out.append(kWithheldName.data(), kWithheldName.size());
      i = end;
      continue;
    }
    out.push_back((*text)[i]);
    ++i;
  }
  *text = std::move(out);
}

}  // namespace

bool MaySee(const Access& access, const v1::Event& event) {
  return access.confidential || event.confidentiality() != v1::CONFIDENTIALITY_CONFIDENTIAL;
}

bool IsWithheldParticipant(v1::Confidentiality event_confidentiality,
                           const v1::Participant& participant) {
  return event_confidentiality == v1::CONFIDENTIALITY_RESTRICTED &&
         participant.kind() == v1::ENTITY_KIND_PERSON;
}

std::vector<const v1::Participant*> WithheldParticipants(const Access& access,
                                                         const v1::Event& event) {
  std::vector<const v1::Participant*> out;
  if (access.restricted) return out;
  for (const v1::Participant& p : event.participants()) {
    if (IsWithheldParticipant(event.confidentiality(), p)) out.push_back(&p);
  }
  return out;
}

std::string RedactNames(absl::string_view text, const std::vector<std::string>& names) {
  // Whole names first, longest first, so that "Bakyt Omurbekov" becomes one
  // "[withheld]" rather than two.
  std::vector<std::string> forms;
  for (const std::string& name : names) {
    std::string trimmed(absl::StripAsciiWhitespace(name));
    if (trimmed.empty() || trimmed == kWithheldName) continue;
    forms.push_back(trimmed);
  }
  std::vector<std::string> words;
  for (const std::string& form : forms) {
    for (absl::string_view word :
         absl::StrSplit(form, absl::ByAnyChar(" \t\n.,;:()\"'-"), absl::SkipEmpty())) {
      if (word.size() >= kMinWordLength) words.emplace_back(word);
    }
  }
  auto longest_first = [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  };
  std::sort(forms.begin(), forms.end(), longest_first);
  std::sort(words.begin(), words.end(), longest_first);

  std::string out(text);
  for (const std::string& form : forms) ReplaceWholeWords(&out, form);
  for (const std::string& word : words) ReplaceWholeWords(&out, word);
  return out;
}

void Withhold(const Access& access, v1::Event* event, const std::vector<std::string>& other_names) {
  std::vector<const v1::Participant*> withheld = WithheldParticipants(access, *event);
  if (withheld.empty()) return;
  std::vector<std::string> names = other_names;
  for (const v1::Participant* p : withheld) names.push_back(p->display_name());

  event->set_summary(RedactNames(event->summary(), names));
  event->set_location(RedactNames(event->location(), names));
  for (v1::Provenance& provenance : *event->mutable_provenance()) {
    provenance.set_quote(RedactNames(provenance.quote(), names));
  }
  for (v1::Participant& p : *event->mutable_participants()) {
    if (!IsWithheldParticipant(event->confidentiality(), p)) continue;
    p.clear_entity();
    p.clear_title();
    p.set_display_name(std::string(kWithheldName));
  }
}

}  // namespace civicwatch::query

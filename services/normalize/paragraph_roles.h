// What a paragraph is, from how its line opens: a caption, a list item, a
// footnote. The sentence reader uses these to keep text that tells no
// incident (credits, notes, lists of demands) out of the events.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_PARAGRAPH_ROLES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_PARAGRAPH_ROLES_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

// True for credit lines and captions ("© ...", "Photo by ...", "Фото: ...").
bool IsCaption(absl::string_view paragraph_text);

// True when `marker` is a list bullet or an item number: "-", "•", "1.",
// "a)".
bool IsListMarker(absl::string_view marker);

// Where the line holding body[offset] starts.
size_t LineStart(absl::string_view body, size_t offset);

// True when the paragraph starting at body[begin] is a list item: its line
// opens with a list marker, before the paragraph's text or as its first
// word.
bool IsListItem(absl::string_view body, size_t begin);

// True when the paragraph or sentence starting at body[begin] is a
// footnote: its line opens with a note marker ("[1] Interview with ...",
// "¹ Source: ...", "*The experts: ..."; "* " with a space is a bullet). A
// note cites where something comes from; it tells no incident.
bool IsFootnote(absl::string_view body, size_t begin);

// True when the paragraph is a letter's closing formula ("Please accept,
// Excellency, the assurances of our highest consideration.", "Yours
// sincerely,", "С уважением,"): the paragraphs under it sign the letter
// with names and mandates; they tell no incident.
bool IsClosingFormula(absl::string_view paragraph_text);

// True when the paragraph is a fact box, not prose: every line a field
// ("Год рождения: 1982", "Charges: Article 341", at most four words before
// the colon and no sentence after it), or a label line ("Signed:",
// "Подписали:") over a list of names with no sentence in it. Case pages
// and joint statements carry them; they restate, they tell no incident.
bool IsFactBox(absl::string_view paragraph_text);

// True when `sentence` opens with a label written in capitals (its first
// line up to any colon: at least three words, nine letters in ten upper
// case): an urgent action's instructions ("PLEASE SEND APPEALS BEFORE 29
// AUGUST 2017 TO:", "ПРЕДПОЧТИТЕЛЬНЫЙ ЯЗЫК ОБРАЩЕНИЙ: русский") or a
// banner. Publishers do not tell incidents so; an acronym among lower-case
// words does not make a sentence shouted.
bool IsShouted(absl::string_view sentence);

// True when the paragraph marks the end of a press release's text
// ("ENDS", "-ENDS-", "###"): what follows is about the publisher and its
// contacts.
bool IsEndMark(absl::string_view paragraph_text);

// True when the paragraph opens with a notes heading on a line of its own
// ("Footnotes", "Notes", "Sources", "Примечания", "Сноски"): it and the
// paragraphs under it, until the next heading, cite sources.
bool OpensNotes(absl::string_view paragraph_text);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_PARAGRAPH_ROLES_H_

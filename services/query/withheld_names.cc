#include "services/query/withheld_names.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/text/fold.h"

namespace civicwatch::query {
namespace {

// Splits where the full-text tokenizer does: at every byte that is neither
// an ASCII letter or digit nor part of a multi-byte UTF-8 character.
std::vector<std::string> WordsOf(absl::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
        static_cast<unsigned char>(c) >= 0x80) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> WithheldEntityNames(sqlite::Database& db,
                                                             const Access& access,
                                                             const v1::Event& event) {
  std::vector<std::string> names;
  std::vector<const v1::Participant*> withheld = WithheldParticipants(access, event);
  if (withheld.empty()) return names;
  auto statement = db.Prepare("SELECT proto FROM entities WHERE name = ?");
  if (!statement.ok()) return statement.status();
  for (const v1::Participant* p : withheld) {
    if (p->entity().empty()) continue;
    statement->Reset();
    statement->Bind(1, absl::string_view(p->entity()));
    auto row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;  // Not in the replica (yet): the name as written still goes.
    v1::Entity entity;
    if (!entity.ParseFromString(statement->ColumnText(0))) {
      return InternalError("unreadable entity row in the replica");
    }
    names.push_back(entity.display_name());
    for (const std::string& alias : entity.aliases()) names.push_back(alias);
  }
  return names;
}

absl::Status WithholdFromReplica(sqlite::Database& db, const Access& access, v1::Event* event) {
  auto names = WithheldEntityNames(db, access, *event);
  if (!names.ok()) return names.status();
  Withhold(access, event, *names);
  return absl::OkStatus();
}

std::vector<std::string> SearchedNameForms(absl::string_view text) {
  std::vector<std::string> forms;
  for (const std::string& word : WordsOf(text)) {
    for (std::string form : {text::FoldCase(word), text::SpellingSkeleton(word)}) {
      if (!form.empty() && std::find(forms.begin(), forms.end(), form) == forms.end()) {
        forms.push_back(std::move(form));
      }
    }
  }
  return forms;
}

SqlCondition VisibleEventCondition(const v1::EventFilter& filter, const Access& access,
                                   TextMatch text_match) {
  SqlCondition c;
  if (text_match == TextMatch::kLeftOut) {
    v1::EventFilter without_text = filter;
    without_text.clear_text();
    c = EventFilterCondition(without_text, access);
  } else {
    c = EventFilterCondition(filter, access);
  }
  if (access.restricted || FtsQueryForText(filter.text()).empty()) return c;
  const std::vector<std::string> forms = SearchedNameForms(filter.text());
  if (forms.empty()) return c;
  // entity_names holds each name and alias of an entity from each of its
  // words onwards, folded ("bakyt omurbekov", "omurbekov"): a searched word
  // is a word of a name when a row equals it or starts with it and a space.
  std::string names_match;
  std::vector<SqlValue> values = {static_cast<int64_t>(v1::CONFIDENTIALITY_RESTRICTED)};
  for (const std::string& form : forms) {
    absl::StrAppend(&names_match, names_match.empty() ? "" : " OR ",
                    "n.folded = ? OR (n.folded > ? AND n.folded < ?)");
    values.emplace_back(form);
    values.emplace_back(form + " ");
    values.emplace_back(form + " \xff");
  }
  c.And(absl::StrCat("NOT (e.confidentiality = ? AND EXISTS (SELECT 1 FROM participants p "
                     "JOIN entities en ON en.name = p.entity "
                     "JOIN entity_names n ON n.entity_id = en.id "
                     "WHERE p.event_id = e.id AND p.withheld = 1 AND (",
                     names_match, ")))"),
        std::move(values));
  return c;
}

SqlCondition VisibleEntityCondition(const Access& access) {
  if (access.restricted && access.confidential) return SqlCondition{"1", {}};
  SqlCondition events = EventFilterCondition(v1::EventFilter(), access);
  SqlCondition c{"1", {}};
  c.And(absl::StrCat("EXISTS (SELECT 1 FROM participants p JOIN events e ON e.id = p.event_id "
                     "WHERE p.entity = en.name AND ",
                     VisibleParticipantSql(access), " AND ", events.sql, ")"),
        std::move(events.values));
  return c;
}

}  // namespace civicwatch::query

// The replica's side of withholding persons from callers without
// query.restricted (access.h): every known form of a withheld person's
// name, the text-search condition that keeps a restricted event from being
// found by a withheld person's name, and the condition that hides entities
// seen only in events (or participations) a caller may not see.
//
// Thread-safety: the functions keep no state; each uses the connection it
// is given, which must not be shared by another thread meanwhile.
#ifndef CIVICWATCH_SERVICES_QUERY_WITHHELD_NAMES_H_
#define CIVICWATCH_SERVICES_QUERY_WITHHELD_NAMES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/query.pb.h"
#include "services/common/sqlite.h"
#include "services/query/access.h"
#include "services/query/filter_sql.h"

namespace civicwatch::query {

// The display name and aliases of the entity of each participant of
// `event` withheld from `access`, read from the replica's entities table.
// Empty when nothing is withheld.
absl::StatusOr<std::vector<std::string>> WithheldEntityNames(sqlite::Database& db,
                                                             const Access& access,
                                                             const v1::Event& event);

// Withhold() with every form of the withheld names the replica knows.
absl::Status WithholdFromReplica(sqlite::Database& db, const Access& access, v1::Event* event);

// EventFilterCondition(filter, access), and for a caller without
// query.restricted searching text: not a restricted event in which a
// withheld person has a name or alias with a word the search looks for
// (compared case-folded and by spelling skeleton, services/text/fold.h). The event
// is then left out of pages, exports, totals and statistics alike, as if
// its text never held the name (which, for this caller, it does not).
//
// With TextMatch::kLeftOut the full-text match itself (filter.text's
// words) is left out, for a caller that tests it some other way (a text
// search walking the timeline, read_model_queries.cc); the narrowing above
// stays.
enum class TextMatch { kIncluded, kLeftOut };
SqlCondition VisibleEventCondition(const v1::EventFilter& filter, const Access& access,
                                   TextMatch text_match = TextMatch::kIncluded);

// The condition an entities row "en" must meet to exist for `access`: the
// entity takes part, not withheld, in at least one event `access` may see.
// "1" for a caller with query.restricted and query.confidential, who sees
// every entity.
SqlCondition VisibleEntityCondition(const Access& access);

// The folded forms ("omurbekov") a withheld name word must have for a
// search of `text` to look for it: each word of the text, case-folded and
// as a spelling skeleton, without repeats.
std::vector<std::string> SearchedNameForms(absl::string_view text);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_WITHHELD_NAMES_H_

// Whether two tellings of an incident are one incident, and what the
// incident is when several reports tell it (docs/design.md, "Incidents").
//
// A mention is an event as one report tells it (its own date at its own
// precision, category, participants resolved to entities, place); an
// incident is the event every mention of it was merged into. The matcher
// compares a new mention with an incident's current reading and gives a
// decision, a score and the evidence that agreed.
//
// Plain functions over protos: no storage, no gRPC.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_MATCHING_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_MATCHING_H_

#include <string>
#include <vector>

#include "civicwatch/v1/types.pb.h"

namespace civicwatch::ingest {

// What the matcher concluded.
enum class MatchDecision {
  kDistinct,   // two incidents
  kCandidate,  // perhaps one incident: a person should decide
  kMerge,      // one incident
};

// How the dates of the two tellings relate.
enum class DateAgreement {
  kConflict,        // periods that do not overlap: two incidents
  kSame,            // the same value at the same precision
  kWithinMonth,     // a day inside the other's month
  kWithinYear,      // a day or month inside the other's year
  kAdjacentDay,     // days one apart: an act at night dated to either side
                    // of midnight (ToldAcrossMidnight), else a conflict
  kBothUndated,     // neither gives a date
  kOneUndated,      // one is dated, the other is not
};

// How the categories of the two tellings relate.
enum class CategoryAgreement {
  kConflict,  // categories that never tell one act
  kSame,
  kRelated,   // another category the same act is told under (see
              // RelatedCategoryWeight)
};

// What agreed between the two tellings.
struct MatchEvidence {
  bool same_country = false;
  DateAgreement date = DateAgreement::kConflict;
  CategoryAgreement category = CategoryAgreement::kConflict;
  // Entity names ("entities/...") of people both name.
  std::vector<std::string> shared_people;
  // Entity names of organisations, media and state bodies both name.
  std::vector<std::string> shared_bodies;
  // Both name people, and no person is common to them.
  bool different_people = false;
  // Both give the same non-empty place.
  bool same_location = false;
};

// The matcher's answer.
struct MatchResult {
  MatchDecision decision = MatchDecision::kDistinct;
  // 0..~1.1: the mean of the date, category and participant scores (see
  // incident_matching.cc); 0 for a hard conflict.
  double score = 0;
  MatchEvidence evidence;
};

// A score at or above this merges (when nothing conflicts).
inline constexpr double kMergeThreshold = 0.72;
// A score at or above this (and below kMergeThreshold) is a candidate.
inline constexpr double kCandidateThreshold = 0.5;

// Compares `mention` (a new telling) with `incident` (a stored incident's
// reading). Symmetric in its two arguments. Hard conflicts give kDistinct
// with score 0: another country; dates whose periods do not overlap;
// categories that never tell one act; both naming people and none in
// common; nobody and no place in common at all. Otherwise the score is the
// mean of three parts: date (same 1, a day in the other's month or, for
// acts ToldAcrossMidnight, the day before or after 0.6, in
// its year 0.15, both undated 0.3, one undated 0), category (same 1,
// related RelatedCategoryWeight) and who (a person in common 1, +0.2 for
// two or the same place; without people in common: an organisation or
// outlet in common 0.8, or 1 in the same place; a state body in common, or
// only the same place when neither names anyone, 0.5; halved, and below
// 0.5, when one side names people). Merge takes kMergeThreshold and who >= 0.5, and
// never joins an undated telling of an appeal, statement, international
// decision, complaint, monitoring or study (they recur about the same
// people). Places agree however they are written (text::FoldingKey).
MatchResult MatchIncident(const v1::Event& mention, const v1::Event& incident);

// Acts done at night that sources date to either side of midnight
// ("shortly after midnight on 21 June" / "the night of 20 to 21 June"):
// attacks, killings and searches. For these a day's telling meets the
// day before and after when both name a person in common (mass acts recur
// night after night); a detention does not (the court's arrest the next
// day is another act).
bool ToldAcrossMidnight(v1::Category c);

// The weight in (0, 1] of two different categories that can tell the same
// act (a court ruling told as COURT_RULING by one source and IMPRISONMENT
// by another; a detention and the fine imposed at once); 0 for categories
// that never do. Symmetric.
double RelatedCategoryWeight(v1::Category a, v1::Category b);

// The categories that can tell the same act as `c`, `c` included.
std::vector<v1::Category> CompatibleCategories(v1::Category c);

// The incident's fields as its mentions best support them, for `mentions`
// (each an event as one report told it, at least one). The result does not
// depend on the order of `mentions`. Sets: date and end_date (the most
// precise date compatible with the most mentions; ties: the earliest, then
// the most precise), category (the one most mentions give; ties: the more
// specific, see CategorySpecificity), freedom, valence, summary and
// location (from the representative mention: the chosen category, the
// most precise date, then the lowest report and offset), participants (the
// union by entity, in the representative's order first). Leaves every
// other field of the representative as it is (name, provenance, ... are
// the caller's).
v1::Event BestReading(const std::vector<v1::Event>& mentions);

// `stored` with the fields an incident is read by taken from `reading`:
// date and end date, category, freedom, valence, participants, location
// and summary. Every other field is left as it is.
v1::Event WithReading(v1::Event stored, const v1::Event& reading);

// Higher for categories that say more about the act (IMPRISONMENT over
// COURT_RULING); breaks ties between equally supported categories.
int CategorySpecificity(v1::Category c);

// "merge", "candidate" or "distinct".
const char* DecisionName(MatchDecision d);

// The evidence as one line, for logs and the candidates table:
// "date=same category=related people=2 bodies=1 location=same".
std::string DescribeEvidence(const MatchEvidence& e);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_MATCHING_H_

#include "services/ingest/incident_matching.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/partial_date.h"
#include "services/text/fold.h"

namespace civicwatch::ingest {
namespace {

bool Undated(const v1::Event& e) { return PrecisionOf(e.date()) == DatePrecision::kUndated; }

bool HasEnd(const v1::Event& e) { return PrecisionOf(e.end_date()) != DatePrecision::kUndated; }

int64_t First(const v1::Event& e) { return FirstDayOf(e.date()); }

int64_t Last(const v1::Event& e) { return LastDayOf(HasEnd(e) ? e.end_date() : e.date()); }

bool SameDates(const v1::Event& a, const v1::Event& b) {
  return FormatPartialDate(a.date()) == FormatPartialDate(b.date()) &&
         FormatPartialDate(a.end_date()) == FormatPartialDate(b.end_date());
}

// How `outer`'s period, which holds `inner`'s, is known: a month or
// shorter counts as a month, anything longer as a year.
DateAgreement Containment(const v1::Event& outer) {
  if (!HasEnd(outer)) {
    return PrecisionOf(outer.date()) == DatePrecision::kMonth ? DateAgreement::kWithinMonth
                                                               : DateAgreement::kWithinYear;
  }
  return Last(outer) - First(outer) <= 31 ? DateAgreement::kWithinMonth
                                          : DateAgreement::kWithinYear;
}

DateAgreement CompareDates(const v1::Event& a, const v1::Event& b) {
  const bool ua = Undated(a), ub = Undated(b);
  if (ua && ub) return DateAgreement::kBothUndated;
  if (ua || ub) return DateAgreement::kOneUndated;
  if (SameDates(a, b)) return DateAgreement::kSame;
  // One period inside the other: the coarser telling of the finer date.
  // Periods that only overlap are different tellings of different things.
  if (First(a) <= First(b) && Last(b) <= Last(a)) return Containment(a);
  if (First(b) <= First(a) && Last(a) <= Last(b)) return Containment(b);
  const bool days = PrecisionOf(a.date()) == DatePrecision::kDay && PrecisionOf(b.date()) == DatePrecision::kDay &&
                    !HasEnd(a) && !HasEnd(b);
  if (days && (First(a) - First(b) == 1 || First(b) - First(a) == 1)) return DateAgreement::kAdjacentDay;
  return DateAgreement::kConflict;
}

double DateScore(DateAgreement d) {
  switch (d) {
    case DateAgreement::kSame: return 1.0;
    case DateAgreement::kWithinMonth: return 0.6;
    case DateAgreement::kAdjacentDay: return 0.6;
    // A year holds too many acts of one kind against one person for a
    // year-precision telling to merge on its own.
    case DateAgreement::kWithinYear: return 0.15;
    case DateAgreement::kBothUndated: return 0.3;
    // An undated telling joins only on strong other evidence: its score
    // adds nothing.
    case DateAgreement::kOneUndated: return 0.0;
    case DateAgreement::kConflict: return 0.0;
  }
  return 0.0;
}

// The same place however it is written: "Нукус" and "Nukus" agree.
bool SamePlace(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const std::string ka = text::FoldingKey(a);
  return !ka.empty() && ka == text::FoldingKey(b);
}

// Categories of things said or done about people rather than to them:
// appeals, statements, decisions of international bodies, complaints,
// monitoring and studies recur about the same people, so the people in
// common do not make an undated telling one of them.
bool RecursAboutSamePeople(v1::Category c) {
  switch (c) {
    case v1::CATEGORY_ADVOCACY:
    case v1::CATEGORY_OFFICIAL_STATEMENT:
    case v1::CATEGORY_INTERNATIONAL_DECISION:
    case v1::CATEGORY_COMPLAINT:
    case v1::CATEGORY_MONITORING:
    case v1::CATEGORY_RESEARCH:
      return true;
    default:
      return false;
  }
}

bool IsPerson(const v1::Participant& p) { return p.kind() == v1::ENTITY_KIND_PERSON; }

struct Named {
  std::set<std::string> people;
  std::set<std::string> bodies;        // every body
  std::set<std::string> civil_bodies;  // bodies that are not the state's
};

Named NamedIn(const v1::Event& e) {
  Named out;
  for (const auto& p : e.participants()) {
    if (p.entity().empty()) continue;
    if (IsPerson(p)) {
      out.people.insert(p.entity());
    } else {
      out.bodies.insert(p.entity());
      if (p.kind() != v1::ENTITY_KIND_STATE_BODY) out.civil_bodies.insert(p.entity());
    }
  }
  return out;
}

std::vector<std::string> Common(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// The pairs of different categories one act is told under, with how
// sure a match on them is. Kept small on purpose: a pair belongs here only
// when monitors do tell one act both ways (annotation guide, categories).
struct Related {
  v1::Category a, b;
  double weight;
};
constexpr Related kRelatedCategories[] = {
    // One ruling: "the court ruled" / "sentenced to prison" / "fined" /
    // "convicted".
    {v1::CATEGORY_COURT_RULING, v1::CATEGORY_IMPRISONMENT, 0.6},
    {v1::CATEGORY_COURT_RULING, v1::CATEGORY_FINE, 0.6},
    {v1::CATEGORY_COURT_RULING, v1::CATEGORY_JUDICIAL_HARASSMENT, 0.6},
    {v1::CATEGORY_IMPRISONMENT, v1::CATEGORY_JUDICIAL_HARASSMENT, 0.4},
    {v1::CATEGORY_FINE, v1::CATEGORY_JUDICIAL_HARASSMENT, 0.4},
    // Detained at a protest and fined at once, told as either.
    {v1::CATEGORY_DETENTION, v1::CATEGORY_FINE, 0.6},
    // "Detained and charged" on one day, told by one source as the
    // detention and by another as the charge.
    {v1::CATEGORY_DETENTION, v1::CATEGORY_JUDICIAL_HARASSMENT, 0.4},
    // Administrative arrest ("15 days of arrest") told as a prison term.
    {v1::CATEGORY_DETENTION, v1::CATEGORY_IMPRISONMENT, 0.4},
    // A blocked site or outlet told as a ban.
    {v1::CATEGORY_CENSORSHIP, v1::CATEGORY_BAN, 0.6},
    // Violence told as an attack by one source and by its deaths by another.
    {v1::CATEGORY_ATTACK, v1::CATEGORY_KILLING, 0.6},
};

}  // namespace

bool ToldAcrossMidnight(v1::Category c) {
  return c == v1::CATEGORY_ATTACK || c == v1::CATEGORY_KILLING || c == v1::CATEGORY_RAID;
}

double RelatedCategoryWeight(v1::Category a, v1::Category b) {
  for (const Related& r : kRelatedCategories) {
    if ((r.a == a && r.b == b) || (r.a == b && r.b == a)) return r.weight;
  }
  return 0.0;
}

std::vector<v1::Category> CompatibleCategories(v1::Category c) {
  std::vector<v1::Category> out = {c};
  for (const Related& r : kRelatedCategories) {
    if (r.a == c) out.push_back(r.b);
    if (r.b == c) out.push_back(r.a);
  }
  return out;
}

int CategorySpecificity(v1::Category c) {
  switch (c) {
    case v1::CATEGORY_OTHER: return 0;
    case v1::CATEGORY_COURT_RULING: return 1;
    case v1::CATEGORY_JUDICIAL_HARASSMENT: return 2;
    case v1::CATEGORY_IMPRISONMENT:
    case v1::CATEGORY_FINE:
    case v1::CATEGORY_DETENTION:
    case v1::CATEGORY_KILLING:
    case v1::CATEGORY_RAID:
    case v1::CATEGORY_BAN:
    case v1::CATEGORY_CENSORSHIP:
      return 4;
    default: return 3;
  }
}

MatchResult MatchIncident(const v1::Event& mention, const v1::Event& incident) {
  MatchResult r;
  MatchEvidence& ev = r.evidence;
  ev.same_country = mention.country_code() == incident.country_code();
  ev.date = CompareDates(mention, incident);
  if (mention.category() == incident.category()) {
    ev.category = CategoryAgreement::kSame;
  } else if (RelatedCategoryWeight(mention.category(), incident.category()) > 0) {
    ev.category = CategoryAgreement::kRelated;
  }
  const Named a = NamedIn(mention), b = NamedIn(incident);
  ev.shared_people = Common(a.people, b.people);
  ev.shared_bodies = Common(a.bodies, b.bodies);
  ev.different_people = !a.people.empty() && !b.people.empty() && ev.shared_people.empty();
  ev.same_location = SamePlace(mention.location(), incident.location());

  // The day before or after is the same night's act only when it was done
  // to someone both name: mass acts recur night after night.
  if (ev.date == DateAgreement::kAdjacentDay &&
      !(ToldAcrossMidnight(mention.category()) && ToldAcrossMidnight(incident.category()) &&
        !ev.shared_people.empty())) {
    ev.date = DateAgreement::kConflict;
  }
  if (!ev.same_country || ev.date == DateAgreement::kConflict ||
      ev.category == CategoryAgreement::kConflict || ev.different_people) {
    return r;
  }

  // Who: people in common decide; without them, the bodies named (a
  // victim organisation or outlet counts more than the state body that
  // acted) and the place.
  double who = 0;
  if (!ev.shared_people.empty()) {
    who = 1.0;
    if (ev.shared_people.size() >= 2 || ev.same_location) who += 0.2;
  } else {
    const bool civil = !Common(a.civil_bodies, b.civil_bodies).empty();
    if (civil) {
      who = ev.same_location ? 1.0 : 0.8;
    } else if (!ev.shared_bodies.empty()) {
      // The state body that acted (the parliament that passed a law, the
      // court that ruled): enough on the same day, not within a month.
      who = 0.5;
    } else if (ev.same_location) {
      // Nobody named on either side: a mass act (a protest dispersed, a
      // region cut off) in the same place.
      who = 0.5;
    }
    // One names people and the other does not: the bodies and the place
    // alone cannot tell whether it is their act (a court fines many people
    // on one day), so never enough to merge.
    if (!a.people.empty() || !b.people.empty()) who = std::min(who * 0.5, 0.45);
  }
  if (who == 0) return r;

  const double what = ev.category == CategoryAgreement::kSame
                          ? 1.0
                          : RelatedCategoryWeight(mention.category(), incident.category());
  r.score = (DateScore(ev.date) + what + who) / 3.0;
  const bool undated = ev.date == DateAgreement::kOneUndated ||
                       ev.date == DateAgreement::kBothUndated;
  const bool recurring = RecursAboutSamePeople(mention.category()) ||
                         RecursAboutSamePeople(incident.category());
  if (r.score >= kMergeThreshold && who >= 0.5 && !(undated && recurring)) {
    r.decision = MatchDecision::kMerge;
  } else if (r.score >= kCandidateThreshold) {
    r.decision = MatchDecision::kCandidate;
  }
  return r;
}

namespace {

// Mentions in an order that does not depend on the order they came in.
std::tuple<std::string, int64_t, std::string> MentionKey(const v1::Event& e) {
  if (e.provenance_size() == 0) return {"", 0, e.name()};
  return {e.provenance(0).report(), e.provenance(0).start_offset(), e.name()};
}

}  // namespace

v1::Event WithReading(v1::Event stored, const v1::Event& reading) {
  *stored.mutable_date() = reading.date();
  if (reading.has_end_date()) {
    *stored.mutable_end_date() = reading.end_date();
  } else {
    stored.clear_end_date();
  }
  stored.set_category(reading.category());
  stored.set_freedom(reading.freedom());
  stored.set_valence(reading.valence());
  *stored.mutable_participants() = reading.participants();
  stored.set_location(reading.location());
  stored.set_summary(reading.summary());
  return stored;
}

v1::Event BestReading(const std::vector<v1::Event>& input) {
  std::vector<const v1::Event*> mentions;
  for (const auto& m : input) mentions.push_back(&m);
  std::sort(mentions.begin(), mentions.end(),
            [](const v1::Event* x, const v1::Event* y) { return MentionKey(*x) < MentionKey(*y); });

  // The date: supported by the most mentions, then the most precise, then
  // the earliest.
  const v1::Event* dated = nullptr;
  std::tuple<int, int, int64_t> best_date{-1, -1, 0};
  for (const v1::Event* m : mentions) {
    if (Undated(*m)) continue;
    int support = 0;
    for (const v1::Event* o : mentions) {
      if (!Undated(*o) && CompareDates(*m, *o) != DateAgreement::kConflict) ++support;
    }
    std::tuple<int, int, int64_t> key{support, static_cast<int>(PrecisionOf(m->date())),
                                      -First(*m)};
    if (key > best_date) {
      best_date = key;
      dated = m;
    }
  }

  // The category: the most mentions, then the most specific.
  std::map<v1::Category, int> votes;
  for (const v1::Event* m : mentions) ++votes[m->category()];
  v1::Category category = mentions.front()->category();
  std::tuple<int, int, int> best_category{-1, -1, 0};
  for (const auto& [c, n] : votes) {
    std::tuple<int, int, int> key{n, CategorySpecificity(c), -static_cast<int>(c)};
    if (key > best_category) {
      best_category = key;
      category = c;
    }
  }

  // The representative: the chosen category, the chosen date if it has
  // it, else its most precise date.
  const v1::Event* rep = nullptr;
  for (const v1::Event* m : mentions) {
    if (m->category() != category) continue;
    if (rep == nullptr) {
      rep = m;
      continue;
    }
    const bool m_has = dated && SameDates(*m, *dated), rep_has = dated && SameDates(*rep, *dated);
    if (m_has != rep_has) {
      if (m_has) rep = m;
      continue;
    }
    if (PrecisionOf(m->date()) > PrecisionOf(rep->date())) rep = m;
  }

  v1::Event out = *rep;
  if (dated != nullptr) {
    *out.mutable_date() = dated->date();
    if (HasEnd(*dated)) {
      *out.mutable_end_date() = dated->end_date();
    } else {
      out.clear_end_date();
    }
  }
  if (out.location().empty()) {
    for (const v1::Event* m : mentions) {
      if (!m->location().empty()) {
        out.set_location(m->location());
        break;
      }
    }
  }
  std::set<std::string> entities, unresolved;
  for (const auto& p : out.participants()) {
    if (p.entity().empty()) {
      unresolved.insert(p.display_name());
    } else {
      entities.insert(p.entity());
    }
  }
  for (const v1::Event* m : mentions) {
    if (m == rep) continue;
    for (const auto& p : m->participants()) {
      const bool fresh = p.entity().empty() ? unresolved.insert(p.display_name()).second
                                            : entities.insert(p.entity()).second;
      if (fresh) *out.add_participants() = p;
    }
  }
  return out;
}

const char* DecisionName(MatchDecision d) {
  switch (d) {
    case MatchDecision::kMerge: return "merge";
    case MatchDecision::kCandidate: return "candidate";
    case MatchDecision::kDistinct: return "distinct";
  }
  return "distinct";
}

std::string DescribeEvidence(const MatchEvidence& e) {
  auto date = [&]() -> const char* {
    switch (e.date) {
      case DateAgreement::kConflict: return "conflict";
      case DateAgreement::kSame: return "same";
      case DateAgreement::kAdjacentDay: return "adjacent_day";
      case DateAgreement::kWithinMonth: return "within_month";
      case DateAgreement::kWithinYear: return "within_year";
      case DateAgreement::kBothUndated: return "both_undated";
      case DateAgreement::kOneUndated: return "one_undated";
    }
    return "conflict";
  };
  const char* category = e.category == CategoryAgreement::kSame      ? "same"
                         : e.category == CategoryAgreement::kRelated ? "related"
                                                                     : "conflict";
  return absl::StrCat("country=", e.same_country ? "same" : "conflict", " date=", date(),
                      " category=", category, " people=", e.shared_people.size(),
                      e.different_people ? "(different)" : "", " bodies=", e.shared_bodies.size(),
                      " location=", e.same_location ? "same" : "-");
}

}  // namespace civicwatch::ingest

#include "services/normalize/incident_segmenter.h"

#include "absl/time/civil_time.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "services/normalize/participants_and_freedom.h"
#include "services/normalize/people_lists.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// Groups whose acts are done to someone (not responses to them).
bool IsActGroup(const std::string& g) { return g != "response" && g != "other"; }

class Segmenter {
 public:
  Segmenter(const std::vector<Sentence>& s, const std::vector<ResolvedEntity>& e, const SimpleDate& news_day)
      : s_(s), entities_(e), news_day_(news_day) {}

  std::vector<Incident> Run() {
    // At most one incident per sentence is usual; reserving avoids moving
    // the incidents as the vector grows (pages never written cost nothing).
    out_.reserve(s_.size() + 1);
    size_t paragraph = static_cast<size_t>(-1);
    for (size_t i = 0; i < s_.size(); ++i) {
      const Sentence& s = s_[i];
      if (s.paragraph != paragraph) {
        paragraph = s.paragraph;
        current_ = -1;
        paragraph_first_ = out_.size();
        by_date_category_.clear();
        paragraph_entities_.clear();
        scene_date_ = {};
      }
      if (s.skip) continue;
      std::vector<const DateMention*> anchors;
      for (const DateMention& d : s.dates) {
        if (d.kind != DateKind::kBound && d.kind != DateKind::kAttributive && d.resolved) anchors.push_back(&d);
      }
      if (anchors.empty()) {
        Undated(i);
      } else {
        Dated(i, anchors);
      }
    }
    AssignParticipantsAndFreedom(s_, entities_, &out_);
    return std::move(out_);
  }

 private:
  CueScores Score(size_t si, size_t b, size_t e) const {
    const Sentence& s = s_[si];
    CueScores sc;
    // Which tokens lie inside names: made once per sentence, however many
    // clauses it is scored in.
    if (names_sentence_ != si) {
      names_sentence_ = si;
      names_.assign(s.token_count, false);
      for (const SentenceMention& m : s.mentions) {
        for (size_t k = m.first_token; k < m.end_token; ++k) names_[k] = true;
      }
      // Nor does the act a date counts from: "a week after her detention
      // she was charged" tells a charge.
      for (const DateMention& d : s.dates) {
        if (d.after_act_token != 0 && d.after_act_token < s.token_count) names_[d.after_act_token] = true;
      }
    }
    ScoreMatches(s.cues, b, e, &sc, &names_);
    // An international body acting in the clause makes its decision or
    // call an international one, whatever acts the decision is about
    // ("ruled that his arrest and detention had no basis").
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      const SentenceMention& m = s.mentions[k];
      if (m.first_token < b || m.first_token >= e) continue;
      if (s.entity_ids[k] < 0) continue;
      const v1::EntityKind kind = entities_[s.entity_ids[k]].kind;
      if (kind == v1::ENTITY_KIND_INTERNATIONAL_BODY) {
        sc.AddCategory(v1::CATEGORY_INTERNATIONAL_DECISION, 8);
      } else if (sc.category[v1::CATEGORY_INTERNATIONAL_DECISION] > 0 && CallerIsNoInternationalBody(si, b, e)) {
        // A group or a person who calls ("CPJ urged", "сестра призвала")
        // does advocacy; only an international body's call is its decision.
        sc.AddCategory(v1::CATEGORY_ADVOCACY, sc.category[v1::CATEGORY_INTERNATIONAL_DECISION] + 1);
      } else if (kind == v1::ENTITY_KIND_ORGANISATION &&
                 sc.category[v1::CATEGORY_OFFICIAL_STATEMENT] > 0) {
        // What a rights group says is advocacy, not an official statement.
        sc.AddCategory(v1::CATEGORY_ADVOCACY, sc.category[v1::CATEGORY_OFFICIAL_STATEMENT] + 1);
      }
      break;
    }
    return sc;
  }

  // True when the entity named last before the call in tokens [b, e) of
  // sentence `si` (who calls) is a group, an outlet or a person.
  bool CallerIsNoInternationalBody(size_t si, size_t b, size_t e) const {
    const Sentence& s = s_[si];
    const size_t call = FirstCallToken(s.cues, b, e);
    if (call == e) return false;
    v1::EntityKind caller = v1::ENTITY_KIND_UNSPECIFIED;
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      const SentenceMention& m = s.mentions[k];
      if (m.first_token < b || m.end_token > call || s.entity_ids[k] < 0) continue;
      caller = entities_[s.entity_ids[k]].kind;
    }
    return caller == v1::ENTITY_KIND_ORGANISATION || caller == v1::ENTITY_KIND_MEDIA_OUTLET ||
           caller == v1::ENTITY_KIND_PERSON;
  }

  // True when an entity is named in tokens [b, e) of sentence `si`.
  bool HasEntity(size_t si, size_t b, size_t e) const {
    const Sentence& s = s_[si];
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      if (s.entity_ids[k] >= 0 && s.mentions[k].first_token >= b && s.mentions[k].first_token < e) return true;
    }
    return false;
  }

  static v1::Category Best(const CueScores& sc) {
    const v1::Category c = MainCategory(sc);
    return c == v1::CATEGORY_UNSPECIFIED ? v1::CATEGORY_OTHER : c;
  }

  // The persons named in sentence `si`; without those whose title shows
  // they act in incidents (judges, lawyers, ministers) when `victims_only`.
  std::vector<int> Persons(size_t si, bool victims_only = false) const {
    std::vector<int> out;
    const Sentence& s = s_[si];
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      const int id = s.entity_ids[k];
      if (victims_only && s.mentions[k].actor_title) continue;
      if (id >= 0 && entities_[id].kind == v1::ENTITY_KIND_PERSON) out.push_back(id);
    }
    return out;
  }

  // Key of an incident's date and category, for merging within a paragraph.
  static uint64_t DateCategoryKey(const SimpleDate& d, v1::Category c) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(d.year)) << 32) |
           (static_cast<uint64_t>(d.month & 0xff) << 24) | (static_cast<uint64_t>(d.day & 0xff) << 16) |
           static_cast<uint64_t>(c & 0xffff);
  }

  // Keeps the entity sets the segmenter asks about up to date when
  // sentence `si` joins incident `incident`: the paragraph's (incidents
  // created in it) and the latest incident's.
  void NoteEntities(size_t incident, size_t si) {
    if (incident >= paragraph_first_) {
      paragraph_entities_.insert(s_[si].entity_ids.begin(), s_[si].entity_ids.end());
    }
    if (incident + 1 == out_.size()) {
      last_entities_.insert(s_[si].entity_ids.begin(), s_[si].entity_ids.end());
    }
  }

  int Create(size_t si, size_t b, size_t e, const SimpleDate& date, const SimpleDate& end_date,
             const CueScores& sc) {
    Incident inc;
    inc.sentence = si;
    inc.first_token = b;
    inc.end_token = e;
    inc.date = date;
    inc.end_date = end_date;
    inc.positive = sc.positive;
    inc.negative = sc.negative;
    inc.category = Best(sc);
    by_date_category_[DateCategoryKey(date, inc.category)] = static_cast<int>(out_.size());
    out_.push_back(std::move(inc));
    last_entities_.clear();
    NoteEntities(out_.size() - 1, si);
    return static_cast<int>(out_.size() - 1);
  }

  void FollowUp(int incident, size_t si, const CueScores& sc) {
    Incident& inc = out_[incident];
    // Sentences come in text order, so a repeat can only be the last one.
    if (inc.sentence != si && (inc.follow_ups.empty() || inc.follow_ups.back() != si)) {
      inc.follow_ups.push_back(si);
    }
    inc.context_positive = SaturatingAdd(inc.context_positive, sc.positive);
    inc.context_negative = SaturatingAdd(inc.context_negative, sc.negative);
    for (size_t f = 0; f < inc.context_freedom.size(); ++f) {
      inc.context_freedom[f] = SaturatingAdd(inc.context_freedom[f], sc.freedom[f]);
    }
    NoteEntities(static_cast<size_t>(incident), si);
  }

  // Where the clause of each date in sentence `si` starts: the last clause
  // boundary before the date, not before the date before it. Sets
  // `*lead_boundary` when the first date's clause starts at a boundary,
  // after a leading clause.
  std::vector<size_t> ClauseStarts(size_t si, const std::vector<const DateMention*>& anchors,
                                   bool* lead_boundary) const {
    const Sentence& s = s_[si];
    std::vector<size_t> starts(anchors.size());
    for (size_t k = 0; k < anchors.size(); ++k) {
      const size_t lo = k == 0 ? 0 : anchors[k - 1]->end_token;
      size_t start = k == 0 ? 0 : anchors[k]->first_token;
      // The last clause boundary before the date, if it is not before `lo`.
      auto it = std::lower_bound(s.clause_boundaries.begin(), s.clause_boundaries.end(),
                                 static_cast<uint32_t>(anchors[k]->first_token));
      // A date opening the sentence after its preposition and set off by a
      // comma ("On 16 April, the court sentenced her ... in 2020") dates
      // the clause after the comma: that comma is no boundary for the next
      // date. (A date that is the sentence's first word is a label:
      // `label_date` below.)
      const bool opening_date_comma = k > 0 && anchors[k - 1]->first_token == 1 &&
                                      it != s.clause_boundaries.begin() && *(it - 1) == lo;
      // A bare year after a day in one sentence ("On 20 June 2023 the court
      // sentenced her, behind closed doors, to seven years for posts of
      // 2018") is a detail of the day's act, not a clause of its own.
      // (After a label date, `label_date` below reads the act whole.)
      const bool year_after_day =
          k > 0 && anchors[k]->date.month == 0 && anchors[0]->date.day != 0 && anchors[0]->first_token > 0;
      if (it != s.clause_boundaries.begin() && *(it - 1) >= lo && !opening_date_comma && !year_after_day) {
        start = *(it - 1);
        if (k == 0) *lead_boundary = true;
      }
      starts[k] = std::max(start, lo);
      // A background clause ("a permit granted in February", ", которое
      // суд запретил в 2018 году") is the date's clause: what stands
      // before it is the act of the date before.
      // That holds after a day too: "On 30 May the court overturned the
      // conviction of X, who had been sentenced in 2021" tells two acts.
      const DateMention& d = *anchors[k];
      if (k > 0 && d.background && d.background_start >= lo && d.background_start < d.first_token &&
          (d.background_start > starts[k] || year_after_day)) {
        starts[k] = d.background_start;
      }
    }
    return starts;
  }

  void Dated(size_t si, const std::vector<const DateMention*>& anchors) {
    scene_date_ = {};
    const Sentence& s = s_[si];
    const size_t n = s.token_count;
    bool lead_boundary = false;
    std::vector<size_t> starts = ClauseStarts(si, anchors, &lead_boundary);
    // A date opening the sentence, set off by punctuation ("2019-06-20: The
    // Supreme Court overturned the 2017 conviction ..."), dates what
    // follows it up to the next date, not only itself.
    // Its act is read in the whole sentence: a later date may stand inside
    // the phrase that tells it ("overturned the 2017 conviction").
    const bool label_date =
        anchors.size() > 1 && anchors[0]->first_token == 0 && starts[1] == anchors[0]->end_token;
    if (label_date) starts[1] = anchors[1]->first_token;
    // A leading clause without a date, with its own act ("The Committee
    // accepted a complaint ..., in relation to the 2017 decision").
    if (lead_boundary && starts[0] > 0) {
      const size_t end0 = anchors.size() > 1 ? starts[1] : n;
      const CueScores lead = Score(si, 0, starts[0]);
      const CueScores first = Score(si, starts[0], end0);
      const v1::Category lc = Best(lead), fc = Best(first);
      // Only a background date splits the sentence: a year or a month (the
      // 2017 decision), not the day of the sentence's own act ("appealed,
      // but on 28 February the court upheld ...").
      const bool background_date = anchors[0]->date.day == 0;
      if (lead.Strong(lc) && first.Strong(fc) && lc != fc && !lead.trend && background_date) {
        current_ = Create(si, 0, starts[0], {}, {}, lead);
      } else {
        starts[0] = 0;
      }
    } else {
      starts[0] = 0;
    }
    int previous = -1;
    for (size_t k = 0; k < anchors.size(); ++k) {
      const size_t b = starts[k], e = k + 1 < anchors.size() ? starts[k + 1] : n;
      const CueScores sc = Score(si, b, label_date && k == 0 ? n : e);
      const v1::Category cat = Best(sc);
      // A dated clause with no cue of any act and nobody named in it is a
      // scene-setting remark ("The first months of 2022 were marked by ..."),
      // not an incident; nor is one that tells background ("X had reported
      // on the operation in 2022"), whoever it names.
      // Nor is one whose only acts are to come or asked for ("is due to
      // be released on 17 October").
      int weight = 0;
      sc.BestCategory(&weight);
      if (weight == 0 && (!HasEntity(si, b, e) || sc.trend || sc.acts_not_done)) {
        // "The march took place in central Bishkek on 8 March": the day the
        // paragraph goes on to tell of, until another date is given.
        if (!sc.trend && anchors.size() == 1 && anchors[0]->date.day != 0 && !anchors[0]->background) {
          scene_date_ = anchors[0]->date;
        }
        continue;
      }
      // "The decision was taken on 26 October 2022": a clause with no act
      // of its own after an undated incident of the paragraph dates it.
      if (k == 0 && current_ >= 0 && !out_[current_].date.known() && !sc.Strong(cat) &&
          !sc.new_victims && anchors.size() == 1) {
        out_[current_].date = anchors[0]->date;
        out_[current_].end_date = anchors[0]->end_date;
        FollowUp(current_, si, sc);
        previous = current_;
        continue;
      }
      if (k > 0 && !sc.Strong(cat) && !sc.new_victims && previous >= 0) {
        Incident& prev = out_[previous];
        prev.positive = SaturatingAdd(prev.positive, sc.positive);
        prev.negative = SaturatingAdd(prev.negative, sc.negative);
        continue;
      }
      const SimpleDate& date = anchors[k]->date;
      int same = -1;
      if (!sc.new_victims) {
        auto found = by_date_category_.find(DateCategoryKey(date, cat));
        // A release on the day of a detention told in the paragraph ends
        // that detention ("released without charge the same evening"): a
        // brief detention is one incident.
        if (found == by_date_category_.end() && cat == v1::CATEGORY_RELEASE && date.day != 0) {
          found = by_date_category_.find(DateCategoryKey(date, v1::CATEGORY_DETENTION));
        }
        if (found != by_date_category_.end() && !(date.day && OthersThan(found->second, si, b, e))) same = found->second;
      }
      if (same >= 0) {
        FollowUp(same, si, sc);
        previous = current_ = same;
        continue;
      }
      const size_t split = SplitActs(si, std::max(b, anchors[k]->end_token), e, sc);
      if (split > 0) {
        Create(si, b, split, date, anchors[k]->end_date, Score(si, b, split));
        previous = current_ = Create(si, split, e, date, anchors[k]->end_date, Score(si, split, e));
        continue;
      }
      previous = current_ = Create(si, b, e, date, anchors[k]->end_date, sc);
    }
  }

  // Two acts of different categories done to different people in one
  // dated clause ("fined seven protesters and sentenced four others to
  // administrative arrest") are two incidents. Returns the clause boundary
  // in (from, e) where the second act starts, 0 when there is none. Steps
  // of one procedure done to the same people ("was detained and charged")
  // stay one incident: the second act must tell of other victims or name
  // other people than the first, unless one of the acts is a search or
  // violence and the other of another kind ("searched his flat and
  // detained him"), which are counted each.
  size_t SplitActs(size_t si, size_t from, size_t e, const CueScores& whole) const {
    // Cheap test first: two strong act categories in the clause.
    int acts = 0;
    for (size_t c = 0; c < whole.strongest.size(); ++c) {
      if (whole.strongest[c] >= kStrongCue && IsActGroup(CategoryGroup(static_cast<v1::Category>(c)))) ++acts;
    }
    if (acts < 2) return 0;
    const Sentence& s = s_[si];
    auto it = std::upper_bound(s.clause_boundaries.begin(), s.clause_boundaries.end(),
                               static_cast<uint32_t>(from));
    for (; it != s.clause_boundaries.end() && *it < e; ++it) {
      const size_t t = *it;
      // "... Asypbek and Maksat Tazhibek uulu from pre-trial detention":
      // a list of names goes on, no second act starts.
      if (StartsName(si, t + 1)) continue;
      const CueScores left = Score(si, from, t), right = Score(si, t, e);
      const v1::Category lc = Best(left), rc = Best(right);
      if (lc == rc || !left.Strong(lc) || !right.Strong(rc) || left.trend || right.trend) continue;
      if (!IsActGroup(CategoryGroup(lc)) || !IsActGroup(CategoryGroup(rc))) continue;
      if (right.new_victims || OtherPeople(si, from, t, e)) return t;
      const bool physical = lc == v1::CATEGORY_RAID || rc == v1::CATEGORY_RAID || lc == v1::CATEGORY_ATTACK ||
                            rc == v1::CATEGORY_ATTACK;
      if (physical && CategoryGroup(lc) != CategoryGroup(rc)) return t;
    }
    return 0;
  }

  // True when a name of sentence `si` starts at token `t`.
  bool StartsName(size_t si, size_t t) const {
    for (const SentenceMention& m : s_[si].mentions) {
      if (m.first_token == t) return true;
    }
    return false;
  }

  // True when tokens [b, m) and [m, e) of sentence `si` each name a
  // person and none is named in both.
  bool OtherPeople(size_t si, size_t b, size_t m, size_t e) const {
    const Sentence& s = s_[si];
    std::vector<int> left, right;
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      const int id = s.entity_ids[k];
      const size_t at = s.mentions[k].first_token;
      if (id < 0 || entities_[id].kind != v1::ENTITY_KIND_PERSON || s.mentions[k].actor_title) continue;
      if (at >= b && at < m) left.push_back(id);
      if (at >= m && at < e) right.push_back(id);
    }
    if (left.empty() || right.empty()) return false;
    for (int id : right) {
      if (std::find(left.begin(), left.end(), id) != left.end()) return false;
    }
    return true;
  }

  void Undated(size_t si) {
    const Sentence& s = s_[si];
    const CueScores sc = Score(si, 0, s.token_count);
    const v1::Category cat = Best(sc);
    const bool strong = sc.Strong(cat) && !sc.trend;
    if (current_ >= 0) {
      const Incident& cur = out_[current_];
      if (s.lists_people_before && !Persons(si).empty()) {
        FollowUp(current_, si, sc);
        return;
      }
      if (!strong) {
        FollowUp(current_, si, sc);
        return;
      }
      // People already met in this paragraph's incidents are not new.
      bool new_people = false;
      for (int id : Persons(si, /*victims_only=*/true)) new_people |= !paragraph_entities_.contains(id);
      const bool act = IsActGroup(CategoryGroup(cat));
      // What someone says about the same story ("his lawyer said the
      // charges were fabricated") is more about it, not a new incident.
      // Nor is what a lawyer or relative says of the custody ("his lawyer
      // said he was denied medical care"): a custody act, as said, is the
      // detention's condition.
      const bool said = sc.category[v1::CATEGORY_OFFICIAL_STATEMENT] > 0;
      const bool reported = said && !sc.new_victims &&
                            (CategoryGroup(cat) == CategoryGroup(cur.category) || cat == v1::CATEGORY_OTHER);
      if (reported) {
        FollowUp(current_, si, sc);
        return;
      }
      // The paragraph has moved on to another day since the incident ("Two
      // weeks later, on 19 January, officers came to his flat. They
      // searched it ..."): another kind of act told after that is of the
      // new day.
      if (act && cat != cur.category && scene_date_.known() && cur.date.known() && scene_date_ != cur.date &&
          !s.shifts_time && !said && !sc.acts_not_done) {
        current_ = Create(si, 0, s.token_count, scene_date_, {}, sc);
        return;
      }
      // Other victims, or what was done to people at a protest: same occasion.
      if (act && cat != cur.category &&
          (sc.new_victims || new_people || IsSetting(cur.category))) {
        // Other victims, same occasion: dated like the incident before,
        // unless told as later.
        current_ = Create(si, 0, s.token_count, s.shifts_time ? SimpleDate{} : cur.date, {}, sc);
        return;
      }
      // Another act told in the same paragraph ("Duishenbiev was detained
      // during the search") happened on the incident's day; what someone
      // says was done to them ("he told the court he had been beaten") is
      // not dated by it. A search needs no name: "They searched the flat
      // and took his laptop" after an arrest is the search of that day.
      const bool search = cat == v1::CATEGORY_RAID;
      if (act && CategoryGroup(cat) != CategoryGroup(cur.category) && (NamesSomeone(si) || s.shifts_time || search)) {
        const bool told = sc.category[v1::CATEGORY_OFFICIAL_STATEMENT] > 0;
        current_ = Create(si, 0, s.token_count, told || s.shifts_time ? SimpleDate{} : cur.date, {}, sc);
        return;
      }
      FollowUp(current_, si, sc);
      return;
    }
    if (!strong) return;
    // More about the incident of the paragraph before?
    if (!out_.empty()) {
      const Incident& last = out_.back();
      const std::vector<int> persons = Persons(si);
      bool all_known = !persons.empty();
      for (int id : persons) all_known &= last_entities_.contains(id);
      if (all_known && CategoryGroup(cat) == CategoryGroup(last.category)) {
        current_ = static_cast<int>(out_.size() - 1);
        FollowUp(current_, si, sc);
        return;
      }
    }
    // An act told after the paragraph's scene ("Masked men attacked the
    // marchers") happened on its day, unless told as later or as what
    // someone says.
    if (scene_date_.known() && !s.shifts_time && sc.category[v1::CATEGORY_OFFICIAL_STATEMENT] == 0) {
      current_ = Create(si, 0, s.token_count, scene_date_, {}, sc);
      return;
    }
    // A news item's paragraphs go on with the day its lede told, the day
    // of the dateline or the one before ("Police detained three activists
    // on Monday evening. ... About 40 activists gathered at 18:00"), until
    // a date or a word moves the story to another time.
    // What others said or asked about it is not dated by the story.
    const SimpleDate story = StoryDayOfNews();
    if (story.known() && !s.shifts_time && sc.category[v1::CATEGORY_OFFICIAL_STATEMENT] == 0 &&
        IsActGroup(CategoryGroup(cat))) {
      current_ = Create(si, 0, s.token_count, story, {}, sc);
      out_[current_].date_from_lede = true;
      return;
    }
    if (!NamesSomeone(si)) return;
    // "Among those detained was X", opening a paragraph: people of the
    // incident told just before, on its day.
    if (s.lists_people_before && !out_.empty()) {
      const size_t before = s_[out_.back().sentence].paragraph;
      for (size_t k = out_.size(); k-- > 0 && s_[out_[k].sentence].paragraph == before;) {
        if (out_[k].date.known() && CategoryGroup(out_[k].category) == CategoryGroup(cat)) {
          current_ = Create(si, 0, s.token_count, out_[k].date, {}, sc);
          return;
        }
      }
    }
    current_ = Create(si, 0, s.token_count, {}, {}, sc);
  }

  // True when tokens [b, e) of sentence `si` name victims and none of them
  // is among the victims named in incident `incident`, which names some:
  // "On 27 December student Olga L. was fined ... On 27 December pensioner
  // Yuri B. was fined ..." are an act done to each. Only on a day: a
  // review's "was also detained in 2022" lists a period's cases in passing.
  bool OthersThan(int incident, size_t si, size_t b, size_t e) const {
    std::vector<int> here;
    const Sentence& s = s_[si];
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      const int id = s.entity_ids[k];
      if (id < 0 || s.mentions[k].actor_title || entities_[id].kind != v1::ENTITY_KIND_PERSON) continue;
      if (s.mentions[k].first_token >= b && s.mentions[k].first_token < e) here.push_back(id);
    }
    if (here.empty()) return false;
    const Incident& inc = out_[incident];
    std::vector<int> before = Persons(inc.sentence, /*victims_only=*/true);
    for (size_t f : inc.follow_ups) {
      const std::vector<int> more = Persons(f, /*victims_only=*/true);
      before.insert(before.end(), more.begin(), more.end());
    }
    if (before.empty()) return false;
    for (int id : here) {
      if (std::find(before.begin(), before.end(), id) != before.end()) return false;
    }
    return true;
  }

  // In a news item (`news_day_` known), the day of the latest dated
  // incident when it is the dateline's day or the day before; else none.
  SimpleDate StoryDayOfNews() const {
    if (!news_day_.day) return {};
    for (size_t k = out_.size(); k-- > 0;) {
      const SimpleDate& d = out_[k].date;
      if (!d.known()) continue;
      if (!d.day) return {};
      const absl::CivilDay day(d.year, d.month, d.day), news(news_day_.year, news_day_.month, news_day_.day);
      return day == news || day + 1 == news ? d : SimpleDate{};
    }
    return {};
  }

  // True when sentence `si` names a person or a body (or refers back to
  // one). An incident the text neither dates nor tells of anyone named is
  // a trend ("protesters were detained"), not one the reader could check.
  bool NamesSomeone(size_t si) const {
    for (int id : s_[si].entity_ids) {
      if (id >= 0) return true;
    }
    return false;
  }

  const std::vector<Sentence>& s_;
  const std::vector<ResolvedEntity>& entities_;
  mutable std::vector<bool> names_;  // Score's buffer: tokens whose category cues do not count
  mutable size_t names_sentence_ = static_cast<size_t>(-1);  // the sentence names_ is for
  std::vector<Incident> out_;
  int current_ = -1;
  size_t paragraph_first_ = 0;
  // Incidents of the current paragraph by date and category (the latest).
  absl::flat_hash_map<uint64_t, int> by_date_category_;
  // Entity ids of the sentences of the current paragraph's incidents.
  absl::flat_hash_set<int> paragraph_entities_;
  // Entity ids of the sentences of the latest incident.
  absl::flat_hash_set<int> last_entities_;
  // The day a dated sentence of the current paragraph set its scene on
  // without telling an act; cleared by the next dated sentence.
  SimpleDate scene_date_;
  // A news item's date of writing from its dateline; empty for other texts.
  const SimpleDate news_day_;
};

}  // namespace

std::vector<Incident> SegmentIncidents(const std::vector<Sentence>& sentences,
                                       const std::vector<ResolvedEntity>& entities, const SimpleDate& news_day) {
  return Segmenter(sentences, entities, news_day).Run();
}

}  // namespace civicwatch::normalize

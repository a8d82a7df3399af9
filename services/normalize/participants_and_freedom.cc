#include "services/normalize/participants_and_freedom.h"

#include <array>
#include <string>

#include "absl/container/flat_hash_set.h"

namespace civicwatch::normalize {
namespace {

// At most this many participants per incident.
constexpr size_t kMaxParticipants = 64;

class ParticipantsAndFreedom {
 public:
  ParticipantsAndFreedom(const std::vector<Sentence>& s, const std::vector<ResolvedEntity>& e,
                         std::vector<Incident>& out)
      : s_(s), entities_(e), out_(out) {}

  // The freedom cues of a person's titles ("journalist": expression),
  // made once per entity.
  const std::array<int16_t, 4>& TitleFreedom(int id) {
    if (title_freedom_.size() < entities_.size()) title_freedom_.resize(entities_.size());
    auto& [done, scores] = title_freedom_[id];
    if (!done) {
      done = true;
      CueScores sc;
      for (const std::string& title : entities_[id].titles) {
        const std::vector<Token> tokens = Tokenize(title, 0, title.size());
        ScoreCues(tokens, 0, tokens.size(), &sc);
      }
      scores = sc.freedom;
    }
    return scores;
  }

  // What the freedom of an incident falls back on, carried from one
  // incident to the next (see AssignFreedom).
  struct FreedomContext {
    bool any_section = false;   // the report has sections
    v1::Freedom theme = v1::FREEDOM_UNSPECIFIED;    // its lede's freedom
    v1::Freedom carried = v1::FREEDOM_UNSPECIFIED;  // the latest incident's in this section
    size_t whole_sentence = static_cast<size_t>(-1);  // the sentence `whole` scores
    CueScores whole;
  };

  // Gives every incident its participants and its freedom, in text order.
  void Run() {
    // Does the report have sections? If not, the freedom cues of its lede
    // (the first paragraph of text) give its theme.
    FreedomContext context;
    CueScores lede;
    const size_t lede_paragraph = FirstParagraph();
    for (const Sentence& x : s_) {
      context.any_section |= x.section != v1::FREEDOM_UNSPECIFIED;
      if (!x.skip && x.paragraph == lede_paragraph) ScoreMatches(x.cues, 0, x.token_count, &lede);
    }
    context.theme = lede.BestFreedom();
    int last_with_person = -1;
    size_t next = 0;
    for (size_t idx = 0; idx < out_.size(); ++idx) {
      Incident& inc = out_[idx];
      // Section boundaries passed since the previous incident reset the carry.
      for (; next <= inc.sentence && next < s_.size(); ++next) {
        if (s_[next].section_start) context.carried = v1::FREEDOM_UNSPECIFIED;
      }
      AddParticipants(idx, &last_with_person);
      AssignFreedom(idx, &context);
      if (inc.freedom != v1::FREEDOM_UNSPECIFIED) context.carried = inc.freedom;
    }
  }

  // The incident's participants: the people and bodies of its anchor
  // sentence, then of its follow-ups, and those a pronoun points back to.
  // `last_with_person` is the latest incident with a person taking part.
  void AddParticipants(size_t idx, int* last_with_person) {
    Incident& inc = out_[idx];
    const Sentence& s = s_[inc.sentence];
    // Entities: the whole anchor sentence, then the follow-ups.
    absl::flat_hash_set<int> seen;
    auto add = [&](int id) {
      if (id >= 0 && inc.entities.size() < kMaxParticipants && seen.insert(id).second) {
        inc.entities.push_back(id);
      }
    };
    // (Bounded: many incidents in one very long sentence must not make
    // the work grow with the square of its length.)
    for (size_t k = 0; k < s.entity_ids.size() && inc.entities.size() < kMaxParticipants; ++k) {
      add(s.entity_ids[k]);
    }
    for (size_t f : inc.follow_ups) {
      if (inc.entities.size() >= kMaxParticipants) break;
      for (int id : s_[f].entity_ids) add(id);
    }
    // A pronoun in an anchor sentence naming nobody it could stand for
    // (only a judge, a lawyer: people acting) points to the people of
    // the incident before ("the judge placed him under house arrest"),
    // whoever the follow-up sentences name (his lawyer).
    // So does a sentence of the same paragraph naming only people acting
    // ("The same judge extended the measure on 29th June").
    bool has_person = false, has_actor = false;
    for (size_t k = 0; k < s.entity_ids.size(); ++k) {
      const int id = s.entity_ids[k];
      if (id < 0 || entities_[id].kind != v1::ENTITY_KIND_PERSON) continue;
      (s.mentions[k].actor_title ? has_actor : has_person) = true;
    }
    if (!has_person && *last_with_person >= 0) {
      const bool same_paragraph = s_[out_[*last_with_person].sentence].paragraph == s.paragraph;
      if (s.has_pronoun || (has_actor && same_paragraph)) {
        for (int id : out_[*last_with_person].entities) {
          if (entities_[id].kind == v1::ENTITY_KIND_PERSON) add(id);
        }
      }
    }
    for (int id : inc.entities) {
      if (entities_[id].kind == v1::ENTITY_KIND_PERSON) *last_with_person = static_cast<int>(idx);
    }
  }

  // The incident's freedom: its section's, else the cues of its sentences
  // and the titles of those it targets, else what `context` carries.
  void AssignFreedom(size_t idx, FreedomContext* context) {
    Incident& inc = out_[idx];
    const Sentence& s = s_[inc.sentence];
    // People mentioned in the incident with a title of someone acting.
    absl::flat_hash_set<int> actors;
    auto note_actors = [&](const Sentence& x) {
      for (size_t k = 0; k < x.mentions.size(); ++k) {
        if (x.mentions[k].actor_title && x.entity_ids[k] >= 0) actors.insert(x.entity_ids[k]);
      }
    };
    // Freedom: the section's, else the cues of the sentence, else the
    // freedom of the incident before in the same section.
    if (s.section != v1::FREEDOM_UNSPECIFIED) {
      inc.freedom = s.section;
    } else {
      note_actors(s);
      for (size_t f : inc.follow_ups) note_actors(s_[f]);
      CueScores all;
      // The whole sentence's cues, scored once for all its incidents.
      if (context->whole_sentence != inc.sentence) {
        context->whole_sentence = inc.sentence;
        context->whole = CueScores();
        ScoreMatches(s.cues, 0, s.token_count, &context->whole);
      }
      all = context->whole;
      for (size_t f = 0; f < all.freedom.size(); ++f) {
        all.freedom[f] = SaturatingAdd(all.freedom[f], inc.context_freedom[f]);
      }
      // A media outlet taking part points to the press.
      for (int id : inc.entities) {
        if (entities_[id].kind == v1::ENTITY_KIND_MEDIA_OUTLET) all.freedom[v1::FREEDOM_EXPRESSION] = SaturatingAdd(all.freedom[v1::FREEDOM_EXPRESSION], 2);
      }
      inc.freedom = all.BestFreedom();
      // When the text of the incident says nothing of it, who was
      // targeted does (ANNOTATION.md): people's titles given elsewhere
      // in the report ("journalist Bolot Nazarov" ... "Nazarov was
      // detained"); not those of people acting in it (a judge).
      if (inc.freedom == v1::FREEDOM_UNSPECIFIED) {
        for (int id : inc.entities) {
          const v1::EntityKind kind = entities_[id].kind;
          if (kind == v1::ENTITY_KIND_PERSON && !actors.contains(id)) {
            const std::array<int16_t, 4>& t = TitleFreedom(id);
            for (size_t f = 0; f < all.freedom.size(); ++f) all.freedom[f] = SaturatingAdd(all.freedom[f], t[f]);
          }
        }
        inc.freedom = all.BestFreedom();
      }
      // Else the incident before in the same paragraph (one story), the
      // report's theme when it has no sections (its lede: "... charged
      // over a demonstration"), the incident before.
      if (inc.freedom == v1::FREEDOM_UNSPECIFIED && idx > 0 &&
          s_[out_[idx - 1].sentence].paragraph == s.paragraph) {
        inc.freedom = out_[idx - 1].freedom;
      }
      if (inc.freedom == v1::FREEDOM_UNSPECIFIED && !context->any_section) inc.freedom = context->theme;
      if (inc.freedom == v1::FREEDOM_UNSPECIFIED) inc.freedom = context->carried;
    }
  }

  // The paragraph of the first sentence of text.
  size_t FirstParagraph() const {
    for (const Sentence& x : s_) {
      if (!x.skip) return x.paragraph;
    }
    return 0;
  }

 private:
  const std::vector<Sentence>& s_;
  const std::vector<ResolvedEntity>& entities_;
  std::vector<Incident>& out_;
  std::vector<std::pair<bool, std::array<int16_t, 4>>> title_freedom_;  // TitleFreedom's
};

}  // namespace

void AssignParticipantsAndFreedom(const std::vector<Sentence>& sentences,
                                  const std::vector<ResolvedEntity>& entities,
                                  std::vector<Incident>* incidents) {
  ParticipantsAndFreedom(sentences, entities, *incidents).Run();
}

}  // namespace civicwatch::normalize

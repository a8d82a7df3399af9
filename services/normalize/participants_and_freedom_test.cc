#include "services/normalize/participants_and_freedom.h"

#include <gtest/gtest.h>

#include <vector>

namespace civicwatch::normalize {
namespace {

// Entities 0 and 1 are people, 2 a state body.
std::vector<ResolvedEntity> Entities() {
  std::vector<ResolvedEntity> entities(3);
  entities[0].kind = v1::ENTITY_KIND_PERSON;
  entities[1].kind = v1::ENTITY_KIND_PERSON;
  entities[2].kind = v1::ENTITY_KIND_STATE_BODY;
  return entities;
}

Incident At(size_t sentence) {
  Incident x;
  x.sentence = sentence;
  return x;
}

class ParticipantsAndFreedomTest : public ::testing::Test {
 protected:
  // Sentence `k` names `ids` (none with an actor's title).
  void Names(size_t k, std::vector<int> ids) {
    ids_[k] = std::move(ids);
    mentions_[k].assign(ids_[k].size(), SentenceMention());
    sentences_[k].entity_ids = ids_[k];
    sentences_[k].mentions = mentions_[k];
  }

  std::vector<Sentence> sentences_ = std::vector<Sentence>(3);
  std::vector<std::vector<int>> ids_ = std::vector<std::vector<int>>(3);
  std::vector<std::vector<SentenceMention>> mentions_ = std::vector<std::vector<SentenceMention>>(3);
};

TEST_F(ParticipantsAndFreedomTest, AnchorThenFollowUpsThenThePeopleAPronounPointsTo) {
  Names(0, {0, 2});
  Names(1, {2});  // "The police detained him": no one named a pronoun could be
  sentences_[1].has_pronoun = true;
  Names(2, {1});
  std::vector<Incident> incidents = {At(0), At(1)};
  incidents[0].follow_ups = {2};
  AssignParticipantsAndFreedom(sentences_, Entities(), &incidents);
  EXPECT_EQ(incidents[0].entities, (std::vector<int>{0, 2, 1}));
  // The people of the incident before (0 and 1), after the body it names.
  EXPECT_EQ(incidents[1].entities, (std::vector<int>{2, 0, 1}));
}

TEST_F(ParticipantsAndFreedomTest, WithoutAPronounNoOneIsCarried) {
  Names(0, {0});
  Names(1, {2});
  std::vector<Incident> incidents = {At(0), At(1)};
  AssignParticipantsAndFreedom(sentences_, Entities(), &incidents);
  EXPECT_EQ(incidents[1].entities, (std::vector<int>{2}));
}

TEST_F(ParticipantsAndFreedomTest, TheSectionsFreedomCarriedInItsParagraphNotPastASectionBoundary) {
  sentences_[0].section = v1::FREEDOM_EXPRESSION;
  sentences_[1].paragraph = 0;
  sentences_[2].paragraph = 1;
  sentences_[2].section_start = true;
  std::vector<Incident> incidents = {At(0), At(1), At(2)};
  AssignParticipantsAndFreedom(sentences_, Entities(), &incidents);
  EXPECT_EQ(incidents[0].freedom, v1::FREEDOM_EXPRESSION);
  EXPECT_EQ(incidents[1].freedom, v1::FREEDOM_EXPRESSION);
  EXPECT_EQ(incidents[2].freedom, v1::FREEDOM_UNSPECIFIED);
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/duplicate_incidents.h"

#include <gtest/gtest.h>

#include <vector>

#include "services/normalize/entity_resolver.h"

namespace civicwatch::normalize {
namespace {

// Sentences 0..n-1, sentence k in paragraph `paragraphs[k]`.
std::vector<Sentence> SentencesIn(const std::vector<size_t>& paragraphs) {
  std::vector<Sentence> sentences(paragraphs.size());
  for (size_t k = 0; k < paragraphs.size(); ++k) sentences[k].paragraph = paragraphs[k];
  return sentences;
}

Incident At(size_t sentence, v1::Category category, SimpleDate date, std::vector<int> entities) {
  Incident x;
  x.sentence = sentence;
  x.category = category;
  x.date = date;
  x.entities = std::move(entities);
  return x;
}

std::vector<size_t> SentencesOf(const std::vector<Incident>& incidents) {
  std::vector<size_t> out;
  for (const Incident& x : incidents) out.push_back(x.sentence);
  return out;
}

class DuplicateIncidentsTest : public ::testing::Test {
 protected:
  DuplicateIncidentsTest() {
    entities_.resize(3);
    entities_[0].kind = v1::ENTITY_KIND_PERSON;        // the journalist
    entities_[1].kind = v1::ENTITY_KIND_PERSON;        // someone else
    entities_[2].kind = v1::ENTITY_KIND_STATE_BODY;    // the police
  }
  std::vector<ResolvedEntity> entities_;
};

TEST_F(DuplicateIncidentsTest, AnUndatedRepeatOfTheSamePeopleAndCategoryGoes) {
  const std::vector<Sentence> sentences = SentencesIn({0, 1, 2});
  std::vector<Incident> incidents = {
      At(0, v1::CATEGORY_DETENTION, {2022, 5, 18}, {0, 2}),
      At(1, v1::CATEGORY_DETENTION, {}, {0}),          // the same, undated
      At(2, v1::CATEGORY_FINE, {}, {0}),               // another act
  };
  DropDuplicateIncidents(sentences, entities_, -1, &incidents);
  EXPECT_EQ(SentencesOf(incidents), (std::vector<size_t>{0, 2}));
}

TEST_F(DuplicateIncidentsTest, AnotherPersonOrNobodyNamedIsNoRepeat) {
  const std::vector<Sentence> sentences = SentencesIn({0, 1, 2});
  std::vector<Incident> incidents = {
      At(0, v1::CATEGORY_DETENTION, {2022, 5, 18}, {0}),
      At(1, v1::CATEGORY_DETENTION, {}, {1}),
      At(2, v1::CATEGORY_DETENTION, {}, {}),
  };
  DropDuplicateIncidents(sentences, entities_, -1, &incidents);
  EXPECT_EQ(SentencesOf(incidents), (std::vector<size_t>{0, 1, 2}));
}

TEST_F(DuplicateIncidentsTest, ALedeHoldingTheDateOfTheBodysIncidentGoes) {
  // Paragraph 0 is the lede: "in the spring of 2022" holds 18 May 2022.
  const std::vector<Sentence> sentences = SentencesIn({0, 1});
  std::vector<Incident> incidents = {
      At(0, v1::CATEGORY_DETENTION, {2022, 0, 0}, {0}),
      At(1, v1::CATEGORY_DETENTION, {2022, 5, 18}, {0}),
  };
  DropDuplicateIncidents(sentences, entities_, 0, &incidents);
  EXPECT_EQ(SentencesOf(incidents), (std::vector<size_t>{1}));
  // Outside a lede, two dated incidents both stay.
  incidents = {
      At(0, v1::CATEGORY_DETENTION, {2022, 0, 0}, {0}),
      At(1, v1::CATEGORY_DETENTION, {2022, 5, 18}, {0}),
  };
  DropDuplicateIncidents(sentences, entities_, -1, &incidents);
  EXPECT_EQ(SentencesOf(incidents), (std::vector<size_t>{0, 1}));
}

}  // namespace
}  // namespace civicwatch::normalize

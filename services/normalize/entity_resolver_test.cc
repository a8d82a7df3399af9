#include "services/normalize/entity_resolver.h"

#include <gtest/gtest.h>

namespace civicwatch::normalize {
namespace {

NameMention Person(const std::string& text) {
  NameMention m;
  m.text = text;
  m.kind = v1::ENTITY_KIND_PERSON;
  return m;
}

TEST(EntityResolverTest, EveryFormOfANameIsOneEntity) {
  EntityResolver resolver;
  const int full = resolver.Resolve(Person("Makhabat Tazhibek kyzy"));
  EXPECT_EQ(resolver.Resolve(Person("Tazhibek kyzy")), full);
  const int nazarova = resolver.Resolve(Person("Айгуль Назарова"));
  EXPECT_EQ(resolver.Resolve(Person("Назаровой")), nazarova);
  EXPECT_EQ(resolver.Resolve(Person("Nazarova")), nazarova) << "across scripts";
  EXPECT_NE(nazarova, full);
}

TEST(EntityResolverTest, ASurnameEndingLikeACaseEndingIsFoundInEveryCase) {
  EntityResolver resolver;
  const int id = resolver.Resolve(Person("Думана Мухаммедкарима"));
  EXPECT_EQ(resolver.Resolve(Person("Мухаммедкарим")), id);
  EXPECT_EQ(resolver.Resolve(Person("Мухаммедкарима")), id);
  EXPECT_EQ(resolver.entities().size(), 1u);
}

TEST(EntityResolverTest, TwoPeopleSharingASurnameStemAreNotGuessedBetween) {
  EntityResolver resolver;
  const int a = resolver.Resolve(Person("Думана Мухаммедкарима"));
  const int b = resolver.Resolve(Person("Айдоса Мухаммедкарима"));
  EXPECT_NE(a, b);
  const int alone = resolver.Resolve(Person("Мухаммедкарим"));
  EXPECT_NE(alone, a);
  EXPECT_NE(alone, b);
}

}  // namespace
}  // namespace civicwatch::normalize

#include "services/normalize/entity_key.h"

#include <gtest/gtest.h>

#include "services/normalize/normalizer.h"

namespace civicwatch::normalize {
namespace {

TEST(EntityKeyTest, RomanisationsShareAKey) {
  EXPECT_EQ(FoldingKey("Djakupova"), FoldingKey("Dzhakupova"));
  EXPECT_EQ(FoldingKey("Djakupova"), FoldingKey("Джакупова"));
  EXPECT_EQ(FoldingKey("Jeenbekov"), FoldingKey("Zheenbekov"));
  EXPECT_EQ(FoldingKey("Sadyr Japarov"), FoldingKey("Sadyr Zhaparov"));
  EXPECT_EQ(FoldingKey("Atambaev"), FoldingKey("Atambayev"));
  EXPECT_EQ(FoldingKey("Pervomaisky District Court"), FoldingKey("Pervomaiskiy District Court"));
  EXPECT_EQ(FoldingKey("Leninsky"), FoldingKey("Leninskiy"));
  EXPECT_EQ(FoldingKey("Makhabat Tazhibek Kyzy"), FoldingKey("Makhabat Tajibek kyzy"));
}

TEST(EntityKeyTest, RussianCasesShareAKey) {
  EXPECT_EQ(FoldingKey("Болот Назаров"), FoldingKey("Болота Назарова"));
  EXPECT_EQ(FoldingKey("Назаров"), FoldingKey("Назаровым"));
  EXPECT_EQ(FoldingKey("Bolot Nazarov"), FoldingKey("Болот Назаров"));
  EXPECT_EQ(FoldingKey("GKNB"), FoldingKey("ГКНБ"));
}

TEST(EntityKeyTest, LinkingWordsDoNotCount) {
  EXPECT_EQ(FoldingKey("State Committee of National Security"),
            FoldingKey("State Committee for National Security"));
}

TEST(EntityKeyTest, DifferentNamesDiffer) {
  EXPECT_NE(FoldingKey("Askarov"), FoldingKey("Asanov"));
  EXPECT_NE(FoldingKey("Maksat Tazhibek uulu"), FoldingKey("Makhabat Tazhibek Kyzy"));
}

TEST(EntityKeyTest, IdsAreStableHex) {
  const std::string id = EntityIdForKey(FoldingKey("Azimjan Askarov"));
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(id, EntityIdForKey(FoldingKey("Azimjan Askarov")));
  // FNV-1a of the empty string.
  EXPECT_EQ(EntityIdForKey(""), "cbf29ce484222325");
}

}  // namespace
}  // namespace civicwatch::normalize

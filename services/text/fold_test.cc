#include "services/text/fold.h"

#include <gtest/gtest.h>


namespace civicwatch::text {
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

TEST(SpellingSkeletonTest, LatinAndCyrillicSpellingsMeet) {
  EXPECT_EQ(SpellingSkeleton("Джакупова"), "jakupov");
  EXPECT_EQ(SpellingSkeleton("Djakupova"), "jakupov");
  EXPECT_EQ(SpellingSkeleton("Dzakupova"), "jakupov");
  EXPECT_EQ(SpellingSkeleton("Цой"), SpellingSkeleton("Tsoi"));
  EXPECT_EQ(SpellingSkeleton("Coi"), SpellingSkeleton("Tsoi"));
  EXPECT_EQ(SpellingSkeleton("Щербаков"), SpellingSkeleton("Sherbakov"));
  EXPECT_EQ(SpellingSkeleton("Azimjan Askarov"), "azimjan askarov");
}

TEST(SpellingSkeletonTest, IsTheFoldingKeyMadeLooser) {
  // Every name with one folding key has one skeleton.
  EXPECT_EQ(SpellingSkeleton("Болота Назарова"), SpellingSkeleton("Bolot Nazarov"));
  EXPECT_EQ(SpellingSkeleton("Atambayev"), SpellingSkeleton("Atambaev"));
  EXPECT_NE(SpellingSkeleton("Askarov"), SpellingSkeleton("Asanov"));
  EXPECT_EQ(SpellingSkeleton("  "), "");
}

TEST(FoldCaseTest, LowersEveryScriptAndCollapsesSpaces) {
  EXPECT_EQ(FoldCase("  Джакупова \t ASKAROV "), "джакупова askarov");
  EXPECT_EQ(FoldCase(""), "");
}

}  // namespace
}  // namespace civicwatch::text

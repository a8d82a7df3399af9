#include "services/normalize/section_headings.h"

#include <gtest/gtest.h>

namespace civicwatch::normalize {
namespace {

TEST(SectionHeadingsTest, AHeadingNamesItsFreedomWhateverItsCaseAndPunctuation) {
  v1::Freedom f = v1::FREEDOM_UNSPECIFIED;
  ASSERT_TRUE(SectionHeadingFreedom("Peaceful Assembly", &f));
  EXPECT_EQ(f, v1::FREEDOM_PEACEFUL_ASSEMBLY);
  ASSERT_TRUE(SectionHeadingFreedom("PEACEFUL ASSEMBLY:", &f));
  EXPECT_EQ(f, v1::FREEDOM_PEACEFUL_ASSEMBLY);
  ASSERT_TRUE(SectionHeadingFreedom("Свобода выражения мнений", &f));
  EXPECT_EQ(f, v1::FREEDOM_EXPRESSION);
}

TEST(SectionHeadingsTest, AnIntroductionIsASectionOnNoFreedomAndATitleIsNone) {
  v1::Freedom f = v1::FREEDOM_EXPRESSION;
  ASSERT_TRUE(SectionHeadingFreedom("Introduction", &f));
  EXPECT_EQ(f, v1::FREEDOM_UNSPECIFIED);
  EXPECT_FALSE(SectionHeadingFreedom("Prison terms for two journalists", &f));
}

}  // namespace
}  // namespace civicwatch::normalize

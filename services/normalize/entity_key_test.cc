#include <gtest/gtest.h>

#include "services/normalize/entity_key.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::normalize {
namespace {

TEST(EntityIdTest, IdsAreStableHex) {
  const std::string id = EntityIdForKey(FoldingKey("Azimjan Askarov"));
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(id, EntityIdForKey(FoldingKey("Azimjan Askarov")));
  // FNV-1a of the empty string.
  EXPECT_EQ(EntityIdForKey(""), "cbf29ce484222325");
}

TEST(EntityIdTest, SpellingsOfOneNameShareAnId) {
  EXPECT_EQ(EntityIdForKey(FoldingKey("Джакупова")), EntityIdForKey(FoldingKey("Djakupova")));
}

}  // namespace
}  // namespace civicwatch::normalize

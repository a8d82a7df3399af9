#include "services/normalize/embedded_data.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/match.h"

namespace civicwatch::normalize {
namespace {

TEST(EmbeddedDataTest, EveryTableOfDataAndTheCategoryModelAreCompiledIn) {
  ASSERT_GT(internal::kEmbeddedFileCount, 0);
  bool model = false;
  for (int i = 0; i < internal::kEmbeddedFileCount; ++i) {
    const internal::EmbeddedFile& file = internal::kEmbeddedFiles[i];
    model = model || file.name == "category_model.bin";
    EXPECT_TRUE(absl::EndsWith(file.name, ".tsv") || file.name == "category_model.bin") << file.name;
    EXPECT_FALSE(file.contents.empty()) << file.name;
    EXPECT_EQ(EmbeddedData(file.name), file.contents) << file.name;
  }
  EXPECT_TRUE(model);
  EXPECT_TRUE(absl::StrContains(EmbeddedData("countries.tsv"), "Kyrgyzstan"));
}

TEST(EmbeddedDataTest, AnUnknownTableIsEmptyAndCannotBeReplaced) {
  EXPECT_TRUE(EmbeddedData("no_such_table.tsv").empty());
  EXPECT_FALSE(ReplaceEmbeddedData("no_such_table.tsv", "a\tb\n"));
  EXPECT_TRUE(EmbeddedData("no_such_table.tsv").empty());
}

}  // namespace
}  // namespace civicwatch::normalize

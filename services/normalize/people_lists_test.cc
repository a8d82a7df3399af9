#include "services/normalize/people_lists.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

bool Opens(const std::string& text) { return OpensListOfPeopleBefore(Tokenize(text, 0, text.size())); }

TEST(PeopleListsTest, WordsPointingBackToPeopleBeforeTheirNames) {
  EXPECT_TRUE(Opens("Those convicted were Aibek Asanov, Nurlan Ibraimov and Asel Omurova."));
  EXPECT_TRUE(Opens("Among them were Aibek Asanov and Asel Omurova."));
  EXPECT_TRUE(Opens("\xD0\x9E\xD1\x81\xD1\x83\xD0\xB6\xD0\xB4\xD1\x91\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB5 \xE2\x80\x94 "
                    "\xD0\x90\xD0\xB9\xD0\xB1\xD0\xB5\xD0\xBA \xD0\x90\xD1\x81\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2."));
}

TEST(PeopleListsTest, ASentenceWithAnActOfItsOwnIsNoList) {
  EXPECT_FALSE(Opens("Police detained Aibek Asanov on 3 May."));
  EXPECT_FALSE(Opens("Aibek Asanov was sentenced to five years."));
}

}  // namespace
}  // namespace civicwatch::normalize

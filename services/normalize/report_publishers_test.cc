#include "services/normalize/report_publishers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace civicwatch::normalize {
namespace {

TEST(ReportPublishersTest, TheNamesAfterPreparedByUntilTheListEnds) {
  EXPECT_EQ(ParsePublishers("This update was prepared by Legal Prosperity Foundation and "
                            "International Partnership for Human Rights (IPHR)."),
            (std::vector<std::string>{"Legal Prosperity Foundation",
                                      "International Partnership for Human Rights"}));
  EXPECT_EQ(ParsePublishers("It was prepared by the Kazakhstan International Bureau for Human "
                            "Rights (KIBHR) as part of its work with the CIVICUS Monitor."),
            (std::vector<std::string>{"Kazakhstan International Bureau for Human Rights"}));
  EXPECT_EQ(ParsePublishers("Обзор подготовлен Центром «Вясна» и Правовой инициативой в рамках "
                            "проекта."),
            (std::vector<std::string>{"Центром «Вясна»", "Правовой инициативой"}));
}

TEST(ReportPublishersTest, NoneWithoutTheWordsOrAName) {
  EXPECT_TRUE(ParsePublishers("Police detained a journalist.").empty());
  EXPECT_TRUE(ParsePublishers("It was prepared by volunteers.").empty());
}

}  // namespace
}  // namespace civicwatch::normalize

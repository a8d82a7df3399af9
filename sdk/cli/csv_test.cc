#include "csv.h"

#include <sstream>

#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

TEST(CsvTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvField("Джакупова"), "Джакупова");
}

TEST(CsvTest, RecordsEndInCrLf) {
  std::ostringstream out;
  WriteCsvRecord(out, {"date", "summary"});
  WriteCsvRecord(out, {"2018-06", "Arrested, then \"released\""});
  EXPECT_EQ(out.str(), "date,summary\r\n2018-06,\"Arrested, then \"\"released\"\"\"\r\n");
}

}  // namespace
}  // namespace civicwatch::cli

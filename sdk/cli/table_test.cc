#include "table.h"

#include <sstream>

#include "gtest/gtest.h"
#include "terminal.h"

namespace civicwatch::cli {
namespace {

TEST(TableTest, AlignsColumnsAndUppercasesHeaders) {
  Table t({"date", "country", "summary"});
  t.AddRow({"2018-06-07", "KG", "Journalist detained"});
  t.AddRow({"2018", "KZ", "Law adopted"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(),
            "DATE        COUNTRY  SUMMARY\n"
            "2018-06-07  KG       Journalist detained\n"
            "2018        KZ       Law adopted\n");
}

TEST(TableTest, TruncatesOnlyTheLastColumn) {
  Table t({"date", "summary"});
  t.AddRow({"2018-06-07", "A very long summary that will not fit"});
  std::ostringstream out;
  t.Print(out, 30);
  std::string line;
  std::istringstream lines(out.str());
  while (std::getline(lines, line)) EXPECT_LE(DisplayWidth(line), 30) << line;
  EXPECT_NE(out.str().find("2018-06-07  A very long summa\u2026"), std::string::npos) << out.str();
}

TEST(TableTest, CountsCharactersNotBytes) {
  Table t({"name", "n"});
  t.AddRow({"Джакупова", "1"});
  t.AddRow({"GKNB", "2"});
  t.AlignRight(1);
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(),
            "NAME       N\n"
            "Джакупова  1\n"
            "GKNB       2\n");
}

TEST(TerminalTest, WordWrapBreaksAtSpacesAndIgnoresEscapes) {
  EXPECT_EQ(WordWrap("one two three four", 9), "one two\nthree\nfour");
  EXPECT_EQ(WordWrap("keep\nbreaks here", 20), "keep\nbreaks here");
  // The escapes around "two" take no columns, so it still fits.
  EXPECT_EQ(WordWrap("one \x1b[1;7mtwo\x1b[0m six", 7), "one \x1b[1;7mtwo\x1b[0m\nsix");
  EXPECT_EQ(WordWrap("a verylongword b", 4), "a\nverylongword\nb");
  EXPECT_EQ(WordWrap("no wrap", 0), "no wrap");
}

TEST(TerminalTest, DisplayWidthAndTruncation) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("Бишкек"), 6);
  EXPECT_EQ(DisplayWidth("日本"), 4);
  EXPECT_EQ(TruncateToWidth("Бишкек", 4), "Биш\u2026");
  EXPECT_EQ(TruncateToWidth("short", 10), "short");
  EXPECT_EQ(TruncateToWidth("abc", 0), "");
}

}  // namespace
}  // namespace civicwatch::cli

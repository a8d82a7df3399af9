#include "args.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ArgParser Parser() {
  ArgParser p;
  p.Add({"country", "CC", "country", true});
  p.Add({"format", "FORMAT", "format"});
  p.Add({"verbose", "", "boolean"});
  return p;
}

TEST(ArgParserTest, ValuesInBothSpellings) {
  auto a = Parser().Parse({"--country", "KG", "--format=json", "file.txt"});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->Get("country"), "KG");
  EXPECT_EQ(a->Get("format"), "json");
  EXPECT_THAT(a->positionals, ElementsAre("file.txt"));
}

TEST(ArgParserTest, RepeatedFlagsAndCommaLists) {
  auto a = Parser().Parse({"--country", "KG,kz", "--country=UZ"});
  ASSERT_TRUE(a.ok());
  EXPECT_THAT(a->GetAll("country"), ElementsAre("KG", "kz", "UZ"));
}

TEST(ArgParserTest, BooleanFlagAndDashesInNames) {
  ArgParser p = Parser();
  p.Add({"query_address", "HOST:PORT", "x"});
  auto a = p.Parse({"--verbose", "--query-address", "h:1"});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->Has("verbose"));
  EXPECT_EQ(a->Get("query_address"), "h:1");
}

TEST(ArgParserTest, DoubleDashEndsFlags) {
  auto a = Parser().Parse({"--", "--country", "-x"});
  ASSERT_TRUE(a.ok());
  EXPECT_THAT(a->positionals, ElementsAre("--country", "-x"));
}

TEST(ArgParserTest, HelpIsAlwaysKnown) {
  EXPECT_TRUE(Parser().Parse({"--help"})->Has("help"));
  EXPECT_TRUE(Parser().Parse({"-h"})->Has("help"));
}

TEST(ArgParserTest, UsageErrorsAreSentences) {
  EXPECT_THAT(std::string(Parser().Parse({"--colour", "red"}).status().message()),
              HasSubstr("unknown flag --colour"));
  EXPECT_THAT(std::string(Parser().Parse({"--format"}).status().message()),
              HasSubstr("--format needs a value"));
  EXPECT_THAT(std::string(Parser().Parse({"--verbose=yes"}).status().message()),
              HasSubstr("takes no value"));
  EXPECT_THAT(std::string(Parser().Parse({"--format", "a", "--format", "b"}).status().message()),
              HasSubstr("more than once"));
  EXPECT_THAT(std::string(Parser().Parse({"-x"}).status().message()), HasSubstr("unknown option"));
}

TEST(ArgParserTest, HelpTextListsFlagsAligned) {
  std::string help = Parser().Help();
  EXPECT_THAT(help, HasSubstr("  --country CC"));
  EXPECT_THAT(help, HasSubstr("(repeatable)"));
}

}  // namespace
}  // namespace civicwatch::cli

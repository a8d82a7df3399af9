#include "help_text.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "command.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

TEST(ParseHelpTextTest, ReadsEachSectionUpToTheNext) {
  absl::StatusOr<HelpText> help = ParseHelpText(
      "[synopsis]\n"
      "demo NAME\n"
      "\n"
      "[summary]\n"
      "Show one thing\n"
      "[details]\n"
      "First paragraph.\n"
      "\n"
      "Second paragraph.\n"
      "\n"
      "\n"
      "[example]\n"
      "civicwatch demo a\n"
      "civicwatch demo b\n");
  ASSERT_TRUE(help.ok()) << help.status();
  EXPECT_EQ(help->synopsis, "demo NAME");
  EXPECT_EQ(help->summary, "Show one thing");
  EXPECT_EQ(help->details, "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(help->example, "civicwatch demo a\ncivicwatch demo b");
}

TEST(ParseHelpTextTest, DetailsAndExampleMayBeLeftOut) {
  absl::StatusOr<HelpText> help = ParseHelpText("[summary]\nShow it\n[synopsis]\ndemo");
  ASSERT_TRUE(help.ok()) << help.status();
  EXPECT_EQ(help->synopsis, "demo");
  EXPECT_EQ(help->summary, "Show it");
  EXPECT_EQ(help->details, "");
  EXPECT_EQ(help->example, "");
}

TEST(ParseHelpTextTest, RefusesWhatIsNotAHelpFile) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"demo\n[synopsis]\ndemo\n[summary]\nx\n", "line 1: text before the first"},
           Case{"[synopsis]\ndemo\n[summary]\nx\n[usage]\ny\n", "line 5: unknown section [usage]"},
           Case{"[synopsis]\ndemo\n[summary]\nx\n[synopsis]\ny\n", "line 5: section [synopsis] given twice"},
           Case{"[summary]\nx\n", "no [synopsis]"},
           Case{"[synopsis]\ndemo\n[summary]\n\n", "no [summary]"},
       }) {
    absl::StatusOr<HelpText> help = ParseHelpText(c.text);
    ASSERT_FALSE(help.ok()) << c.text;
    EXPECT_EQ(help.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(help.status().message(), c.message)) << help.status();
  }
}

TEST(HelpFilesTest, EveryCommandHasItsOwnHelpFileAndEveryFileACommand) {
  std::set<std::string> files;
  for (const HelpFile& file : HelpFiles()) {
    EXPECT_TRUE(files.insert(file.command).second) << file.command;
    EXPECT_TRUE(ParseHelpText(file.text).ok()) << file.command;
  }
  std::set<std::string> commands;
  for (const Command& command : AllCommands()) {
    commands.insert(command.name);
    EXPECT_TRUE(absl::StartsWith(command.help.synopsis, command.name + " ") ||
                command.help.synopsis == command.name)
        << command.name << ": " << command.help.synopsis;
    EXPECT_FALSE(command.help.summary.empty()) << command.name;
    EXPECT_NE(command.run, nullptr) << command.name;
  }
  EXPECT_EQ(files, commands);
}

}  // namespace
}  // namespace civicwatch::cli

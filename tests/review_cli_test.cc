// `civicwatch review` and `civicwatch event create` against the real
// binaries: the CLI runs in a pseudo-terminal (so it reads keys in raw
// mode, as a person's terminal gives them), reviews suggested events
// through a real ingest service and query replica, quits, and a second
// session resumes with the events not yet seen.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/versioned_report.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

// A second report of two incidents, so a session has five events.
constexpr char kSecondReport[] =
    "Kyrgyzstan: autumn update\n\n"
    "On 14th October 2021 journalist Bolot Temirov was detained by police in Bishkek after "
    "publishing an investigation.\n\n"
    "On 2nd November 2021 human rights defender Aziza Abdirasulova was summoned for "
    "questioning by the State Committee of National Security in Bishkek.\n";

constexpr char kSpanOn[] = "\x1b[1;7m";
constexpr char kSpanOff[] = "\x1b[0m";

// The CLI in a pseudo-terminal: what it wrote so far, and keys to type.
class TerminalSession {
 public:
  explicit TerminalSession(const std::vector<std::string>& args) {
    winsize size{};
    size.ws_row = 40;
    size.ws_col = 120;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(CIVICWATCH_CLI_BIN));
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(CIVICWATCH_CLI_BIN, argv.data());
      _exit(127);
    }
  }

  ~TerminalSession() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }

  bool started() const { return pid_ > 0 && master_ >= 0; }

  // Reads until the output after `since` (an offset into output()) holds
  // `text`; returns the offset just past it, or nullopt after `limit`.
  std::optional<size_t> WaitFor(const std::string& text, size_t since,
                                absl::Duration limit = absl::Seconds(20)) {
    const absl::Time deadline = absl::Now() + limit;
    while (true) {
      if (size_t at = output_.find(text, since); at != std::string::npos) {
        return at + text.size();
      }
      const absl::Duration left = deadline - absl::Now();
      if (left <= absl::ZeroDuration()) return std::nullopt;
      pollfd p{master_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1) <= 0) continue;
      char buf[4096];
      const ssize_t n = read(master_, buf, sizeof buf);
      if (n <= 0) return std::nullopt;  // The CLI exited (EIO) before writing it.
      output_.append(buf, n);
    }
  }

  void Type(const std::string& keys) {
    ASSERT_EQ(write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size()));
  }

  // The exit code once the CLI exits (within `limit`), -1 otherwise.
  int Exit(absl::Duration limit = absl::Seconds(20)) {
    const absl::Time deadline = absl::Now() + limit;
    while (absl::Now() < deadline) {
      // Keep draining, so a CLI blocked on a full terminal can finish.
      WaitFor("\x01never\x01", output_.size(), absl::Milliseconds(50));
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
    }
    return -1;
  }

  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int master_ = -1;
  std::string output_;
};

class ReviewCliTest : public testing::IngestAndQueryTest {
 protected:
  ReviewCliTest() : IngestAndQueryTest("cw-review-cli") {}

  v1::CreateReportResponse Ingest(const std::string& body, const std::string& uri) {
    v1::Report report;
    report.set_body(body);
    report.set_source_uri(uri);
    auto created = client_->CreateReport(report);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : v1::CreateReportResponse();
  }

  // Waits until the replica lists `count` suggested events in KG.
  bool WaitForSuggested(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (absl::Now() < deadline) {
      v1::EventFilter filter;
      filter.add_country_codes("KG");
      filter.add_review_states(v1::REVIEW_STATE_SUGGESTED);
      size_t n = 0;
      for (auto& e : client_->ListEvents(filter)) n += e.ok() ? 1 : 0;
      if (n == count) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  std::vector<std::string> CliArgs(std::vector<std::string> command) {
    std::vector<std::string> args = {"--ingest_address", ingest_->address(), "--query_address",
                                     query_->address()};
    args.insert(args.end(), command.begin(), command.end());
    return args;
  }

  // Runs the CLI to its end with its output in a file; returns the exit
  // code and puts the output in `out`.
  int RunCli(const std::vector<std::string>& command, std::string& out) {
    const std::string log = absl::StrCat(dir_, "/cli-", ++cli_runs_, ".log");
    const int code = ServerProcess::RunToExit(CIVICWATCH_CLI_BIN, CliArgs(command), log);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    out = text.str();
    return code;
  }

  // The event whose header the session shows after `since`, and where the
  // header ends.
  static std::optional<std::pair<std::string, size_t>> ShownEvent(TerminalSession& session,
                                                                   size_t since) {
    auto end = session.WaitFor("[q]", since);
    if (!end) return std::nullopt;
    std::string name;
    const std::string shown = session.output().substr(since, *end - since);
    if (!RE2::PartialMatch(shown, R"(Event \d+: (events/[0-9a-f]+))", &name)) {
      return std::nullopt;
    }
    return std::make_pair(name, *end);
  }

  int cli_runs_ = 0;
};

TEST_F(ReviewCliTest, AReviewSessionInATerminalConfirmsEditsRejectsSkipsAndResumes) {
  const v1::CreateReportResponse first =
      Ingest(testing::kReportVersion1, testing::kVersionedReportUri);
  const v1::CreateReportResponse second = Ingest(kSecondReport, "https://example.org/kg/autumn");
  ASSERT_EQ(first.events_size() + second.events_size(), 5);
  ASSERT_TRUE(WaitForSuggested(5));
  const std::string state_file = absl::StrCat(dir_, "/review-skipped");
  const std::vector<std::string> review = {"review", "--country", "KG", "--state_file",
                                           state_file};

  TerminalSession session(CliArgs(review));
  ASSERT_TRUE(session.started());
  // 1: shown with its text highlighted in the report's, then confirmed.
  auto e1 = ShownEvent(session, 0);
  ASSERT_TRUE(e1.has_value()) << session.output();
  {
    auto event = client_->GetEvent(e1->first);
    ASSERT_TRUE(event.ok()) << event.status();
    const std::string& quote = event->provenance(0).quote();
    ASSERT_FALSE(quote.empty());
    // Lines are wrapped at the terminal's width: read them as one.
    const std::string unwrapped = absl::StrReplaceAll(session.output(), {{"\r\n", " "}});
    EXPECT_NE(unwrapped.find(absl::StrCat(kSpanOn, quote, kSpanOff)), std::string::npos)
        << "the event's text is not highlighted: " << session.output();
    EXPECT_NE(session.output().find("Kyrgyzstan: "), std::string::npos)
        << "no report text around the span: " << session.output();
  }
  session.Type("c");
  auto done = session.WaitFor("-> confirmed", e1->second);
  ASSERT_TRUE(done.has_value()) << session.output();

  // 2: its category edited; shown again corrected, then moved on from.
  auto e2 = ShownEvent(session, *done);
  ASSERT_TRUE(e2.has_value()) << session.output();
  session.Type("e");
  ASSERT_TRUE(session.WaitFor("Which field?", e2->second).has_value()) << session.output();
  session.Type("c");
  auto asked = session.WaitFor("New category", e2->second);
  ASSERT_TRUE(asked.has_value()) << session.output();
  session.Type("imprisonmnt\x7f\x7f" "ent\r");  // a typo, corrected with Backspace
  auto again = session.WaitFor("(corrected)", *asked);
  ASSERT_TRUE(again.has_value()) << session.output();
  auto shown_again = ShownEvent(session, *asked);
  ASSERT_TRUE(shown_again.has_value());
  EXPECT_EQ(shown_again->first, e2->first);
  EXPECT_NE(session.output().find("imprisonment", *again), std::string::npos);
  session.Type("s");

  // 3: skipped.
  auto e3 = ShownEvent(session, shown_again->second);
  ASSERT_TRUE(e3.has_value()) << session.output();
  EXPECT_NE(e3->first, e2->first);
  session.Type("s");

  // 4: rejected with a comment.
  auto e4 = ShownEvent(session, e3->second);
  ASSERT_TRUE(e4.has_value()) << session.output();
  session.Type("r");
  ASSERT_TRUE(session.WaitFor("Why is it not an incident?", e4->second).has_value());
  session.Type("told in another country's report\r");
  done = session.WaitFor("-> rejected", e4->second);
  ASSERT_TRUE(done.has_value()) << session.output();

  // 5: shown, then the person quits.
  auto e5 = ShownEvent(session, *done);
  ASSERT_TRUE(e5.has_value()) << session.output();
  session.Type("q");
  EXPECT_EQ(session.Exit(), 0) << session.output();
  EXPECT_NE(session.output().find("This session: 1 confirmed, 1 corrected, 1 rejected, 1 "
                                  "skipped."),
            std::string::npos)
      << session.output();

  // The services hold what the person did.
  auto state_of = [&](const std::string& name) {
    auto e = client_->GetEvent(name);
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : v1::Event();
  };
  ASSERT_TRUE(WaitForSuggested(2));
  EXPECT_EQ(state_of(e1->first).review_state(), v1::REVIEW_STATE_CONFIRMED);
  const v1::Event corrected = state_of(e2->first);
  EXPECT_EQ(corrected.review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(corrected.category(), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(state_of(e3->first).review_state(), v1::REVIEW_STATE_SUGGESTED);
  const v1::Event rejected = state_of(e4->first);
  EXPECT_EQ(rejected.review_state(), v1::REVIEW_STATE_REJECTED);
  EXPECT_EQ(rejected.review().comment(), "told in another country's report");
  EXPECT_EQ(state_of(e5->first).review_state(), v1::REVIEW_STATE_SUGGESTED);

  // A new session resumes with the event the person quit at: the skipped
  // one is remembered, the reviewed ones are no longer suggested.
  TerminalSession resumed(CliArgs(review));
  auto first_again = ShownEvent(resumed, 0);
  ASSERT_TRUE(first_again.has_value()) << resumed.output();
  EXPECT_EQ(first_again->first, e5->first) << resumed.output();
  resumed.Type("s");
  auto end = resumed.WaitFor("No more suggested events (1 skipped before", first_again->second);
  ASSERT_TRUE(end.has_value()) << resumed.output();
  EXPECT_EQ(resumed.Exit(), 0) << resumed.output();

  // --include_skipped brings the skipped ones back.
  TerminalSession revisit(CliArgs({"review", "--country", "KG", "--state_file", state_file,
                                   "--include_skipped"}));
  auto revisited = ShownEvent(revisit, 0);
  ASSERT_TRUE(revisited.has_value()) << revisit.output();
  EXPECT_EQ(revisited->first, e3->first);
  revisit.Type("q");
  EXPECT_EQ(revisit.Exit(), 0) << revisit.output();
}

TEST_F(ReviewCliTest, AScriptedSessionReadsOneKeyOrValueALine) {
  const v1::CreateReportResponse created =
      Ingest(testing::kReportVersion1, testing::kVersionedReportUri);
  ASSERT_EQ(created.events_size(), 3);
  ASSERT_TRUE(WaitForSuggested(3));
  // Not a terminal: each line is a key or a value, marks are brackets.
  // Edit the first event's date (a bad value first, refused with the
  // reason), go on, reject the second with a comment, quit at the third.
  std::string command = absl::StrCat(
      "printf 'e\\nd\\n2021-13\\nx\\ne\\nd\\n2021-05\\ns\\nr\\nnot in Kyrgyzstan\\nq\\n' | ",
      CIVICWATCH_CLI_BIN);
  for (const std::string& a : CliArgs({"review", "--country", "KG", "--state_file",
                                       absl::StrCat(dir_, "/skipped")})) {
    absl::StrAppend(&command, " '", a, "'");
  }
  const std::string log = absl::StrCat(dir_, "/scripted.log");
  ASSERT_EQ(ServerProcess::RunToExit("/bin/sh", {"-c", command}, log), 0);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  const std::string out = text.str();
  EXPECT_NE(out.find("[[On 3rd May 2021 activist Aigul Nurlanova"), std::string::npos) << out;
  EXPECT_NE(out.find("Not changed: "), std::string::npos) << out;
  EXPECT_EQ(out.find("\x1b["), std::string::npos) << "escape sequences outside a terminal";
  EXPECT_NE(out.find("This session: 0 confirmed, 1 corrected, 1 rejected, 0 skipped."),
            std::string::npos)
      << out;
  std::vector<v1::ReviewState> states;
  ASSERT_TRUE(WaitForSuggested(1));
  for (const v1::Event& e : created.events()) {
    auto now = client_->GetEvent(e.name());
    ASSERT_TRUE(now.ok()) << now.status();
    states.push_back(now->review_state());
  }
  EXPECT_EQ(states, (std::vector<v1::ReviewState>{v1::REVIEW_STATE_CORRECTED,
                                                   v1::REVIEW_STATE_REJECTED,
                                                   v1::REVIEW_STATE_SUGGESTED}));
}

TEST_F(ReviewCliTest, EventCreateAddsACuratedEventAtAQuoteOnce) {
  const v1::CreateReportResponse created =
      Ingest(testing::kReportVersion1, testing::kVersionedReportUri);
  const std::string report = created.report().name();
  const std::vector<std::string> create = {
      "event",     "create",        "--report",   report,
      "--quote",   "a peaceful protest against the new media law",
      "--date",    "2021-05-03",    "--category", "protest",
      "--freedom", "peaceful_assembly", "--valence", "neutral",
      "--summary", "A peaceful protest against the new media law in Bishkek.",
      "--participants", "Aigul Nurlanova:person:actor",
      "--comment", "missed by the normaliser", "--format", "json"};
  std::string out;
  ASSERT_EQ(RunCli(create, out), 0) << out;
  EXPECT_NE(out.find("REVIEW_STATE_CURATED"), std::string::npos) << out;
  std::string name;
  ASSERT_TRUE(RE2::PartialMatch(out, R"re("name":\s*"(events/[0-9a-f]+)")re", &name)) << out;

  // The replica shows it, anchored where the quote is.
  const std::string body(testing::kReportVersion1);
  const int64_t at =
      static_cast<int64_t>(body.find("a peaceful protest against the new media law"));
  std::optional<v1::Event> seen;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!seen && absl::Now() < deadline) {
    if (auto e = client_->GetEvent(name); e.ok()) seen = *e;
    else absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->review_state(), v1::REVIEW_STATE_CURATED);
  EXPECT_EQ(seen->category(), v1::CATEGORY_PROTEST);
  EXPECT_EQ(seen->country_code(), "KG");
  ASSERT_EQ(seen->provenance_size(), 1);
  EXPECT_EQ(seen->provenance(0).start_offset(), at);
  EXPECT_EQ(seen->provenance(0).quote(), "a peaceful protest against the new media law");
  ASSERT_EQ(seen->participants_size(), 1);
  EXPECT_EQ(seen->participants(0).role(), v1::ROLE_ACTOR);

  // The same span again is refused; so are a quote the text lacks, and
  // byte offsets past the text, each saying why.
  EXPECT_EQ(RunCli(create, out), 1) << out;
  EXPECT_NE(out.find("already exists"), std::string::npos) << out;
  EXPECT_EQ(RunCli({"event", "create", "--report", report, "--quote", "not in the text",
                    "--category", "protest", "--valence", "neutral"},
                   out),
            2)
      << out;
  EXPECT_NE(out.find("--quote: the report's text does not contain it"), std::string::npos)
      << out;
  EXPECT_EQ(RunCli({"event", "create", "--report", report, "--start_offset", "10",
                    "--end_offset", "999999", "--category", "protest", "--valence", "neutral"},
                   out),
            1)
      << out;
  EXPECT_NE(out.find("end_offset"), std::string::npos) << out;
}

}  // namespace
}  // namespace civicwatch

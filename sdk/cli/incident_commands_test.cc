// `civicwatch candidates`, `event merge` and `event split` against a mock
// connection: what they send and what they print.
#include <string>

#include "commands_test_fixture.h"
#include "gmock/gmock.h"

namespace civicwatch::cli {
namespace {

using ::testing::_;
using ::testing::HasSubstr;

TEST_F(CommandsTest, CandidatesListsEveryPage) {
  EXPECT_CALL(*mock_, ListMergeCandidates(_))
      .WillOnce([](const v1::ListMergeCandidatesRequest& r) {
        EXPECT_TRUE(r.page_token().empty());
        v1::ListMergeCandidatesResponse page;
        v1::MergeCandidate* c = page.add_merge_candidates();
        c->set_event("events/b");
        c->set_other_event("events/a");
        c->set_score(0.64);
        c->set_evidence("country=same date=within_year category=same people=1");
        page.set_next_page_token("t2");
        return absl::StatusOr<v1::ListMergeCandidatesResponse>(page);
      })
      .WillOnce([](const v1::ListMergeCandidatesRequest& r) {
        EXPECT_EQ(r.page_token(), "t2");
        v1::ListMergeCandidatesResponse page;
        v1::MergeCandidate* c = page.add_merge_candidates();
        c->set_event("events/d");
        c->set_other_event("events/c");
        c->set_score(0.5);
        return absl::StatusOr<v1::ListMergeCandidatesResponse>(page);
      });
  EXPECT_EQ(Run({"candidates"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("EVENT     OTHER_EVENT  SCORE  EVIDENCE"));
  EXPECT_THAT(out_.str(), HasSubstr("events/b  events/a      0.64  country=same"));
  EXPECT_THAT(out_.str(), HasSubstr("events/d  events/c      0.50"));
  EXPECT_EQ(Run({"candidates", "extra"}), kExitUsage);

  EXPECT_CALL(*mock_, ListMergeCandidates(_)).WillOnce([](const v1::ListMergeCandidatesRequest&) {
    return absl::StatusOr<v1::ListMergeCandidatesResponse>(
        absl::PermissionDeniedError("needs review.write"));
  });
  EXPECT_EQ(Run({"candidates"}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("review.write"));
}

TEST_F(CommandsTest, EventMergeSendsTheEventsAndPrintsTheIncident) {
  v1::MergeEventsRequest sent;
  EXPECT_CALL(*mock_, MergeEvents(_)).WillOnce([&](const v1::MergeEventsRequest& r) {
    sent = r;
    v1::Event e = MakeEvent(2022, 1, 5, "merged");
    e.set_name(r.name());
    e.add_provenance()->set_report("reports/r1");
    e.add_provenance()->set_report("reports/r2");
    return absl::StatusOr<v1::Event>(e);
  });
  EXPECT_EQ(Run({"event", "merge", "a", "events/b", "c", "--etag", "e1", "--comment", "one act"}),
            kExitOk);
  EXPECT_EQ(sent.name(), "events/a");
  ASSERT_EQ(sent.events_size(), 2);
  EXPECT_EQ(sent.events(0), "events/b");
  EXPECT_EQ(sent.events(1), "events/c");
  EXPECT_EQ(sent.etag(), "e1");
  EXPECT_EQ(sent.comment(), "one act");
  EXPECT_THAT(out_.str(), HasSubstr("events/a"));
  EXPECT_THAT(out_.str(), HasSubstr("reports/r2"));

  EXPECT_EQ(Run({"event", "merge", "a"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("the events to fold into it"));

  EXPECT_CALL(*mock_, MergeEvents(_)).WillOnce([](const v1::MergeEventsRequest&) {
    return absl::StatusOr<v1::Event>(absl::NotFoundError("events[0]: events/b does not exist"));
  });
  EXPECT_EQ(Run({"event", "merge", "a", "b"}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("events[0]: events/b does not exist"));
}

TEST_F(CommandsTest, EventSplitSendsTheMentionsAndPrintsBothEvents) {
  v1::SplitEventRequest sent;
  EXPECT_CALL(*mock_, SplitEvent(_)).WillOnce([&](const v1::SplitEventRequest& r) {
    sent = r;
    v1::SplitEventResponse response;
    *response.mutable_event() = MakeEvent(2022, 4, 14, "left");
    *response.mutable_new_event() = MakeEvent(2022, 4, 14, "moved");
    return absl::StatusOr<v1::SplitEventResponse>(response);
  });
  EXPECT_EQ(Run({"event", "split", "a", "--mention", "r1", "--mention", "reports/r2:10-80",
                 "--comment", "two acts"}),
            kExitOk);
  EXPECT_EQ(sent.name(), "events/a");
  ASSERT_EQ(sent.mentions_size(), 2);
  EXPECT_EQ(sent.mentions(0).report(), "reports/r1");
  EXPECT_EQ(sent.mentions(0).end_offset(), 0);
  EXPECT_EQ(sent.mentions(1).report(), "reports/r2");
  EXPECT_EQ(sent.mentions(1).start_offset(), 10);
  EXPECT_EQ(sent.mentions(1).end_offset(), 80);
  EXPECT_EQ(sent.comment(), "two acts");
  EXPECT_THAT(out_.str(), HasSubstr("events/left"));
  EXPECT_THAT(out_.str(), HasSubstr("new event:"));
  EXPECT_THAT(out_.str(), HasSubstr("events/moved"));

  EXPECT_EQ(Run({"event", "split", "a"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--mention"));
  EXPECT_EQ(Run({"event", "split", "a", "--mention", "r1:ten-80"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("REPORT:START-END"));
}

TEST_F(CommandsTest, HistoryNamesTheEventsOfAMerge) {
  EXPECT_CALL(*mock_, ListEventRevisions(_)).WillOnce([](const v1::ListEventRevisionsRequest&) {
    v1::ListEventRevisionsResponse page;
    v1::EventRevision* r = page.add_revisions();
    r->set_action(v1::REVISION_ACTION_MERGE);
    r->set_principal("analyst");
    r->add_related_events("events/b");
    return absl::StatusOr<v1::ListEventRevisionsResponse>(page);
  });
  EXPECT_EQ(Run({"event", "history", "a"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("analyst  merge   with events/b"));
}

}  // namespace
}  // namespace civicwatch::cli

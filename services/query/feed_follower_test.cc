// The follower against an in-process fake of the ingest service's
// ChangeFeed on a loopback port.
#include "services/query/feed_follower.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/common/sqlite.h"
#include "services/query/test_changes.h"

namespace civicwatch::query {
namespace {

using testing::Date;
using testing::MakeEvent;
using testing::Upsert;

// Serves a change log held in memory: the backlog in batches of two, then
// new changes as they are added, with a heartbeat every 50 ms.
class FakeFeed final : public v1::ChangeFeed::Service {
 public:
  void Add(int count) {
    absl::MutexLock lock(&mu_);
    for (int i = 0; i < count; ++i) {
      int64_t sequence = static_cast<int64_t>(log_.size()) + 1;
      log_.push_back(Upsert(sequence, MakeEvent(absl::StrCat("e", sequence), "KG",
                                                Date(2018, 1 + sequence % 12))));
    }
  }
  int calls() const { return calls_.load(); }
  // Stands for a store restored from an older backup: only the first
  // `count` changes remain.
  void Truncate(int count) {
    absl::MutexLock lock(&mu_);
    log_.resize(static_cast<size_t>(count));
  }
  void SetDatabaseId(const std::string& id) {
    absl::MutexLock lock(&mu_);
    database_id_ = id;
  }

  grpc::Status WatchChanges(grpc::ServerContext* context, const v1::WatchChangesRequest* request,
                            grpc::ServerWriter<v1::WatchChangesResponse>* writer) override {
    ++calls_;
    int64_t after = request->after_sequence();
    while (!context->IsCancelled()) {
      v1::WatchChangesResponse batch;
      {
        absl::MutexLock lock(&mu_);
        for (int64_t s = after + 1; s <= static_cast<int64_t>(log_.size()) &&
                                    batch.changes_size() < 2;
             ++s) {
          *batch.add_changes() = log_[s - 1];
        }
        batch.set_head_sequence(static_cast<int64_t>(log_.size()));
        batch.set_database_id(database_id_);
      }
      if (batch.changes_size() > 0) after = batch.changes(batch.changes_size() - 1).sequence();
      if (!writer->Write(batch)) break;
      if (batch.changes_size() == 0) absl::SleepFor(absl::Milliseconds(50));
    }
    return grpc::Status::OK;
  }

 private:
  absl::Mutex mu_;
  std::vector<v1::Change> log_ ABSL_GUARDED_BY(mu_);
  std::string database_id_ ABSL_GUARDED_BY(mu_);
  std::atomic<int> calls_{0};
};

std::unique_ptr<grpc::Server> StartServer(FakeFeed* feed, int* port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", *port), grpc::InsecureServerCredentials(),
                           port);
  builder.RegisterService(feed);
  return builder.BuildAndStart();
}

// Polls `condition` for up to `timeout`.
template <typename Condition>
bool WaitFor(Condition condition, absl::Duration timeout = absl::Seconds(10)) {
  absl::Time end = absl::Now() + timeout;
  while (absl::Now() < end) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return condition();
}

class FeedFollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat("feed_follower_test_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto model = ReadModel::Open((dir_ / "query.db").string(), {});
    ASSERT_TRUE(model.ok()) << model.status();
    model_ = std::move(*model);
  }
  void TearDown() override {
    model_.reset();
    std::filesystem::remove_all(dir_);
  }

  FeedFollower::Options OptionsFor(int port) {
    FeedFollower::Options options;
    options.ingest_address = absl::StrCat("127.0.0.1:", port);
    options.initial_backoff = absl::Milliseconds(50);
    options.max_backoff = absl::Milliseconds(400);
    options.on_caught_up = [this] { ++caught_up_; };
    return options;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ReadModel> model_;
  std::atomic<int> caught_up_{0};
};

TEST_F(FeedFollowerTest, CatchesUpOnceThenTailsAndStopsPromptly) {
  FakeFeed feed;
  feed.Add(7);
  int port = 0;
  auto server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);

  FeedFollower follower(model_.get(), OptionsFor(port));
  follower.Start();
  ASSERT_TRUE(WaitFor([&] { return caught_up_.load() == 1; }));
  EXPECT_EQ(model_->cursor(), 7);
  EXPECT_TRUE(follower.progress().caught_up);

  feed.Add(3);
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 10; }));
  EXPECT_EQ(caught_up_.load(), 1);

  absl::Time start = absl::Now();
  follower.Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  server->Shutdown();
}

TEST_F(FeedFollowerTest, FallingFurtherBehindThanTheLimitIsNotCaughtUpUntilTheHead) {
  FakeFeed feed;
  feed.Add(4);
  int port = 0;
  auto server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);
  std::atomic<int> fell_behind{0};
  FeedFollower::Options options = OptionsFor(port);
  options.max_serving_lag = 3;
  options.on_fell_behind = [&] { ++fell_behind; };
  FeedFollower follower(model_.get(), options);
  follower.Start();
  ASSERT_TRUE(WaitFor([&] { return caught_up_.load() == 1; }));

  // Within the limit: the first batch of 2 leaves 1 behind.
  feed.Add(3);
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 7; }));
  EXPECT_EQ(fell_behind.load(), 0);
  // Beyond it: the first batch of 2 leaves 8 behind.
  feed.Add(10);
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 17 && caught_up_.load() == 2; }));
  EXPECT_EQ(fell_behind.load(), 1);
  const FeedFollower::Progress progress = follower.progress();
  EXPECT_TRUE(progress.caught_up);
  EXPECT_EQ(progress.falls_behind, 1);
  EXPECT_EQ(progress.catch_ups, 2);
  follower.Stop();
  server->Shutdown();
}

TEST_F(FeedFollowerTest, AHeadBelowTheCursorRebuildsTheReplica) {
  FakeFeed feed;
  feed.Add(9);
  int port = 0;
  auto server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);
  std::atomic<int> rebuilds{0};
  FeedFollower::Options options = OptionsFor(port);
  options.on_rebuild = [&] { ++rebuilds; };
  FeedFollower follower(model_.get(), options);
  follower.Start();
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 9; }));

  // Sequences 5..9 are gone, then 5..6 come back as other changes: the
  // replica must not keep its old 5..9.
  feed.Truncate(4);
  ASSERT_TRUE(WaitFor([&] { return rebuilds.load() == 1; }));
  feed.Add(2);
  // (The progress says caught up just before the callback runs: wait for
  // the callback.)
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 6 && caught_up_.load() == 2; }))
      << "caught up again after the rebuild";
  EXPECT_TRUE(follower.progress().caught_up);
  EXPECT_EQ(rebuilds.load(), 1);
  EXPECT_EQ(follower.progress().rebuilds, 1);
  EXPECT_EQ(follower.progress().catch_ups, 2);
  follower.Stop();
  server->Shutdown();
}

TEST_F(FeedFollowerTest, AnotherDatabaseIdentityRebuildsTheReplica) {
  FakeFeed feed;
  feed.SetDatabaseId("first");
  feed.Add(5);
  int port = 0;
  auto server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);
  std::atomic<int> rebuilds{0};
  FeedFollower::Options options = OptionsFor(port);
  options.on_rebuild = [&] { ++rebuilds; };
  FeedFollower follower(model_.get(), options);
  follower.Start();
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 5; }));
  EXPECT_EQ(model_->source_database_id(), "first");

  // Same length, other history: only the identity tells.
  feed.SetDatabaseId("second");
  ASSERT_TRUE(WaitFor([&] { return rebuilds.load() == 1; }));
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 5; }));
  EXPECT_EQ(model_->source_database_id(), "second");
  follower.Stop();
  server->Shutdown();

  // The identity is stored with the replica.
  model_.reset();
  auto reopened = ReadModel::Open((dir_ / "query.db").string(), {});
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->source_database_id(), "second");
  EXPECT_EQ((*reopened)->cursor(), 5);
}

TEST_F(FeedFollowerTest, ReconnectsWhenIngestComesBackAndResumesFromItsCursor) {
  FakeFeed feed;
  feed.Add(4);
  int port = 0;
  auto server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);
  FeedFollower follower(model_.get(), OptionsFor(port));
  follower.Start();
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 4; }));

  // Ingest goes away; the replica keeps what it has.
  server->Shutdown(std::chrono::system_clock::now());
  server->Wait();
  server.reset();
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(model_->cursor(), 4);

  feed.Add(5);
  int calls_before = feed.calls();
  server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 9; }));
  EXPECT_GT(feed.calls(), calls_before);
  follower.Stop();
  server->Shutdown();
}

// A batch that takes longer to apply than the idle timeout (here: the
// replica's write lock is held elsewhere for a while) is not the feed going
// silent: the stream stays open.
TEST_F(FeedFollowerTest, ASlowApplyIsNotTakenForASilentFeed) {
  FakeFeed feed;
  int port = 0;
  auto server = StartServer(&feed, &port);
  ASSERT_NE(server, nullptr);
  FeedFollower::Options options = OptionsFor(port);
  options.idle_timeout = absl::Seconds(1);
  FeedFollower follower(model_.get(), options);
  follower.Start();
  ASSERT_TRUE(WaitFor([&] { return caught_up_.load() == 1; }));
  ASSERT_EQ(feed.calls(), 1);

  auto blocker = sqlite::Database::Open((dir_ / "query.db").string());
  ASSERT_TRUE(blocker.ok()) << blocker.status();
  ASSERT_TRUE((*blocker)->Exec("BEGIN IMMEDIATE").ok());
  feed.Add(2);
  absl::SleepFor(absl::Milliseconds(3500));  // The writer waits on the lock.
  ASSERT_TRUE((*blocker)->Exec("COMMIT").ok());
  ASSERT_TRUE(WaitFor([&] { return model_->cursor() == 2; }));
  // A cancelled stream would be reopened within the maximum backoff.
  absl::SleepFor(absl::Milliseconds(800));
  EXPECT_EQ(feed.calls(), 1) << "the stream was cancelled while a batch was applied";
  follower.Stop();
  server->Shutdown();
}

TEST_F(FeedFollowerTest, StopsPromptlyWhileIngestIsDown) {
  int port = 0;
  {
    FakeFeed unused;
    auto server = StartServer(&unused, &port);  // Find a free port, then free it.
    server->Shutdown();
  }
  FeedFollower::Options options = OptionsFor(port);
  options.max_backoff = absl::Seconds(30);
  FeedFollower follower(model_.get(), options);
  follower.Start();
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_FALSE(follower.progress().caught_up);
  absl::Time start = absl::Now();
  follower.Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(caught_up_.load(), 0);
}

}  // namespace
}  // namespace civicwatch::query

#include "services/query/feed_follower.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "absl/random/random.h"
#include "absl/time/clock.h"

namespace civicwatch::query {
namespace {

constexpr absl::Duration kProgressLogInterval = absl::Seconds(5);
constexpr absl::Duration kFailureLogInterval = absl::Seconds(30);

void Log(const std::string& line) { std::cerr << "civicwatch-query: " << line << "\n"; }

}  // namespace

FeedFollower::FeedFollower(ReadModel* model, Options options)
    : model_(model), options_(std::move(options)) {
  progress_.cursor = model_->cursor();
}

FeedFollower::~FeedFollower() { Stop(); }

void FeedFollower::Start() {
  thread_ = std::thread([this] { Run(); });
  idle_watcher_ = std::thread([this] { WatchIdle(); });
}

void FeedFollower::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (context_ != nullptr) context_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
  if (idle_watcher_.joinable()) idle_watcher_.join();
}

FeedFollower::Progress FeedFollower::progress() const {
  absl::MutexLock lock(&mu_);
  return progress_;
}

void FeedFollower::Run() {
  // Keep gRPC's own reconnect backoff within ours, so that a restarted
  // ingest is found again within max_backoff rather than gRPC's 2 minutes.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(options_.initial_backoff)));
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(options_.initial_backoff)));
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(options_.max_backoff)));
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options_.tls_root_certs.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = options_.tls_root_certs;
    ssl.pem_cert_chain = options_.tls_cert_chain;
    ssl.pem_private_key = options_.tls_private_key;
    credentials = grpc::SslCredentials(ssl);
  }
  auto channel = grpc::CreateCustomChannel(options_.ingest_address, credentials, args);
  auto stub = v1::ChangeFeed::NewStub(channel);

  absl::BitGen random;
  absl::Duration backoff = options_.initial_backoff;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    if (FollowOnce(*stub)) backoff = options_.initial_backoff;
    // Jitter keeps many replicas from reconnecting in step.
    absl::Duration wait =
        absl::Seconds(absl::Uniform(random, absl::ToDoubleSeconds(backoff) / 2,
                                    absl::ToDoubleSeconds(backoff)));
    if (!SleepUnlessStopping(wait)) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

bool FeedFollower::FollowOnce(v1::ChangeFeed::Stub& stub) {
  auto context = std::make_shared<grpc::ClientContext>();
  if (!options_.bearer_token.empty()) {
    context->AddMetadata("authorization", "Bearer " + options_.bearer_token);
  }
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return false;
    context_ = context;
    last_batch_ = absl::Now();
  }
  v1::WatchChangesRequest request;
  request.set_after_sequence(model_->cursor());
  request.set_max_batch_size(options_.max_batch_size);
  std::unique_ptr<grpc::ClientReader<v1::WatchChangesResponse>> reader =
      stub.WatchChanges(context.get(), request);

  bool received = false;
  absl::Time last_log = absl::Now();
  v1::WatchChangesResponse batch;
  while (reader->Read(&batch)) {
    if (!received) {
      Log("following the change feed at " + options_.ingest_address + " after sequence " +
          std::to_string(request.after_sequence()));
    }
    received = true;
    if (std::string why = ReasonToRebuild(batch); !why.empty()) {
      Log(why + "; the replica holds changes the source no longer has: rebuilding it from "
                "sequence 0");
      absl::Status rebuilt = model_->Rebuild();
      if (!rebuilt.ok()) Log("cannot rebuild the replica: " + rebuilt.ToString());
      {
        absl::MutexLock lock(&mu_);
        progress_.cursor = model_->cursor();
        progress_.caught_up = false;
        progress_.applied_commit_time = absl::InfinitePast();
        ++progress_.rebuilds;
      }
      if (options_.on_rebuild) options_.on_rebuild();
      context->TryCancel();
      break;
    }
    {
      absl::MutexLock lock(&mu_);
      applying_ = true;
    }
    absl::Status applied = model_->Apply(batch);
    {
      absl::MutexLock lock(&mu_);
      applying_ = false;
      last_batch_ = absl::Now();
    }
    if (!applied.ok()) {
      // Nothing of the batch was kept; start again from the stored cursor.
      Log("cannot apply changes: " + applied.ToString());
      context->TryCancel();
      break;
    }
    const int64_t cursor = model_->cursor();
    const int64_t head = batch.head_sequence();
    bool caught_up_now = false;
    bool fell_behind = false;
    {
      absl::MutexLock lock(&mu_);
      progress_.connected = true;
      progress_.cursor = cursor;
      progress_.head_sequence = head;
      if (!batch.changes().empty()) {
        const auto& newest = batch.changes().rbegin()->commit_time();
        progress_.applied_commit_time =
            absl::FromUnixSeconds(newest.seconds()) + absl::Nanoseconds(newest.nanos());
      }
      if (!progress_.caught_up && cursor >= head) {
        progress_.caught_up = true;
        ++progress_.catch_ups;
        caught_up_now = true;
      } else if (progress_.caught_up && options_.max_serving_lag > 0 &&
                 head - cursor > options_.max_serving_lag) {
        progress_.caught_up = false;
        ++progress_.falls_behind;
        fell_behind = true;
      }
    }
    if (fell_behind) {
      Log("fell " + std::to_string(head - cursor) + " changes behind the change feed (more than " +
          std::to_string(options_.max_serving_lag) + "): not serving until caught up");
      if (options_.on_fell_behind) options_.on_fell_behind();
    } else if (caught_up_now) {
      Log("caught up with the change feed at sequence " + std::to_string(cursor));
      if (options_.on_caught_up) options_.on_caught_up();
    } else if (cursor < head && absl::Now() - last_log >= kProgressLogInterval) {
      last_log = absl::Now();
      Log("catching up: applied " + std::to_string(cursor) + " of " + std::to_string(head) +
          " (" + std::to_string(head - cursor) + " behind)");
    }
  }
  grpc::Status status = reader->Finish();
  bool stopping;
  {
    absl::MutexLock lock(&mu_);
    context_.reset();
    progress_.connected = false;
    stopping = stopping_;
  }
  if (received) failing_ = false;
  if (!stopping && (!failing_ || absl::Now() - last_failure_log_ >= kFailureLogInterval)) {
    failing_ = true;
    last_failure_log_ = absl::Now();
    Log("change feed at " + options_.ingest_address + " ended (" +
        std::to_string(status.error_code()) + " " + status.error_message() +
        "); queries go on from the replica at sequence " + std::to_string(model_->cursor()) +
        "; reconnecting with backoff");
  }
  return received;
}

std::string FeedFollower::ReasonToRebuild(const v1::WatchChangesResponse& batch) const {
  const std::string held = model_->source_database_id();
  if (!batch.database_id().empty() && !held.empty() && batch.database_id() != held) {
    return "the ingest database's identity changed from " + held + " to " +
           batch.database_id() + " (restored from a backup, or replaced)";
  }
  if (batch.head_sequence() < model_->cursor()) {
    return "ingest reports head sequence " + std::to_string(batch.head_sequence()) +
           " below this replica's cursor " + std::to_string(model_->cursor()) +
           " (its store was restored or replaced)";
  }
  return "";
}

void FeedFollower::WatchIdle() {
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), absl::Seconds(1));
    if (stopping_) break;
    // While a batch is applied (the end of a bulk load builds indexes for
    // minutes on a large replica) the silence is this side's, not the feed's.
    if (context_ != nullptr && !applying_ && absl::Now() - last_batch_ > options_.idle_timeout) {
      Log("change feed silent for " + absl::FormatDuration(options_.idle_timeout) +
          "; reconnecting");
      context_->TryCancel();
      last_batch_ = absl::Now();
    }
  }
}

bool FeedFollower::SleepUnlessStopping(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), d);
  return !stopping_;
}

}  // namespace civicwatch::query

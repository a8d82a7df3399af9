#include "services/ingest/renormalization_runner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/log.h"
#include "services/document/report_from_document.h"
#include "services/ingest/report_document.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::ingest {
namespace {

// Tries of one report before the job is ended FAILED.
constexpr int kTriesPerReport = 3;

// The normaliser's reading of stored report `report` (with its original's
// bytes, if any): the report's metadata as stored is given, so only what
// the text tells is read again; events are placed in the original again
// when its text still extracts to the same body.
absl::StatusOr<normalize::NormalizedReport> NormalizeStored(const v1::Report& report,
                                                            const document::Limits& limits) {
  v1::Report input = report;
  input.clear_original();
  auto normalized = normalize::NormalizeReport(input);
  if (!normalized.ok()) return normalized.status();
  if (!report.original().content().empty()) {
    v1::Report document;
    *document.mutable_original() = report.original();
    auto read = ReadReportDocument(document, "report", limits);
    if (read.ok() && read->report.body() == report.body()) {
      document::LocateEventsInOriginal(read->extracted, normalized->events);
    }
  }
  return normalized;
}

}  // namespace

RenormalizationRunner::RenormalizationRunner(IngestStore* store, absl::Duration pause,
                                             document::Limits document_limits)
    : store_(store), pause_(pause), document_limits_(document_limits) {}

RenormalizationRunner::~RenormalizationRunner() { Stop(); }

void RenormalizationRunner::Run() {
  thread_ = std::thread([this] { Loop(); });
}

void RenormalizationRunner::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<v1::Renormalization> RenormalizationRunner::Start(const std::string& principal) {
  auto job = store_->StartRenormalization(principal);
  if (!job.ok()) return job.status();
  LogLine("renormalization_started", {{"job", job->name()}, {"principal", principal},
                                      {"reports", absl::StrCat(job->reports_total())}});
  absl::MutexLock lock(&mu_);
  wake_ = true;
  return job;
}

bool RenormalizationRunner::WaitStopped(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  auto woken = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stop_ || wake_; };
  mu_.AwaitWithTimeout(absl::Condition(&woken), d);
  wake_ = false;
  return stop_;
}

absl::StatusOr<bool> RenormalizationRunner::Step(v1::Renormalization& job) {
  auto next = store_->NextReportId(
      std::string(absl::StripPrefix(job.last_report(), "reports/")));
  if (!next.ok()) return next.status();
  if (!*next) return false;
  auto report = store_->GetReport(absl::StrCat("reports/", **next), /*with_original_content=*/true);
  if (absl::IsNotFound(report.status())) {
    // Superseded since: passed over, as the store would do.
    normalize::NormalizedReport none;
    auto done = store_->RenormalizeReport(job.name(), **next, "", none);
    if (!done.ok()) return done.status();
    job = *std::move(done);
    return true;
  }
  if (!report.ok()) return report.status();
  auto normalized = NormalizeStored(*report, document_limits_);
  if (!normalized.ok()) return normalized.status();
  auto done = store_->RenormalizeReport(job.name(), **next, report->content_hash(), *normalized);
  if (!done.ok()) return done.status();
  job = *std::move(done);
  return true;
}

void RenormalizationRunner::Loop() {
  while (true) {
    auto running = store_->RunningRenormalization();
    if (!running.ok() || !*running) {
      if (!running.ok()) {
        LogLine("renormalization_error", {{"error", running.status().ToString()}});
      }
      if (WaitStopped(absl::Seconds(5))) return;
      continue;
    }
    v1::Renormalization job = std::move(**running);
    LogLine("renormalization_running",
            {{"job", job.name()}, {"after", job.last_report()},
             {"done", absl::StrCat(job.reports_done())}});
    int failures = 0;
    while (true) {
      absl::StatusOr<bool> more = Step(job);
      if (!more.ok()) {
        LogLine("renormalization_error", {{"job", job.name()}, {"error", more.status().ToString()}});
        if (++failures < kTriesPerReport) {
          if (WaitStopped(absl::Seconds(1))) return;
          continue;
        }
        auto ended = store_->EndRenormalization(job.name(), v1::RENORMALIZATION_STATE_FAILED,
                                                std::string(more.status().message()));
        if (!ended.ok()) {
          LogLine("renormalization_error", {{"job", job.name()}, {"error", ended.status().ToString()}});
        }
        break;
      }
      failures = 0;
      if (!*more) {
        auto ended = store_->EndRenormalization(job.name(), v1::RENORMALIZATION_STATE_SUCCEEDED, "");
        if (ended.ok()) {
          LogLine("renormalization_done",
                  {{"job", job.name()}, {"reports", absl::StrCat(ended->reports_done())},
                   {"events_new", absl::StrCat(ended->events_new())},
                   {"events_gone", absl::StrCat(ended->events_gone())},
                   {"events_changed", absl::StrCat(ended->events_changed())},
                   {"events_orphaned", absl::StrCat(ended->events_orphaned())}});
        } else {
          LogLine("renormalization_error", {{"job", job.name()}, {"error", ended.status().ToString()}});
        }
        break;
      }
      {
        absl::MutexLock lock(&mu_);
        if (stop_) return;
      }
      if (pause_ > absl::ZeroDuration() && WaitStopped(pause_)) return;
    }
  }
}

}  // namespace civicwatch::ingest

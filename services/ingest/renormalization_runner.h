// Runs re-normalisation jobs (IngestStore::StartRenormalization) in the
// background of the ingest service: one thread takes the running job's
// next report, normalises its stored body with the current normaliser
// (outside the store's write lock, so reports and reviews go on being
// written), and has the store rewrite it (IngestStore::RenormalizeReport),
// report after report, until none is left. A job found running when the
// service starts (it was stopped or killed) resumes after its last report.
#ifndef CIVICWATCH_SERVICES_INGEST_RENORMALIZATION_RUNNER_H_
#define CIVICWATCH_SERVICES_INGEST_RENORMALIZATION_RUNNER_H_

#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "civicwatch/v1/admin.pb.h"
#include "services/document/document.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

class RenormalizationRunner {
 public:
  // `store` must outlive the runner. `pause` is waited after each report,
  // to leave the database to other writers on a busy server;
  // `document_limits` bound re-reading a report's original document (to
  // place its events in it again).
  RenormalizationRunner(IngestStore* store, absl::Duration pause,
                        document::Limits document_limits = {});
  // Stops the thread after the report under way.
  ~RenormalizationRunner();

  // Starts the thread, which first resumes a running job if there is one.
  void Run();

  // Starts a job for `principal` and wakes the thread. Errors as
  // IngestStore::StartRenormalization.
  absl::StatusOr<v1::Renormalization> Start(const std::string& principal);

  // Stops the thread after the report under way; the job stays running
  // and resumes at the next start.
  void Stop();

 private:
  void Loop();
  // Rewrites the next report of `job`; false when there is none left.
  absl::StatusOr<bool> Step(v1::Renormalization& job);
  // Waits `d` or until stopped (true) or woken.
  bool WaitStopped(absl::Duration d);

  IngestStore* const store_;
  const absl::Duration pause_;
  const document::Limits document_limits_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_RENORMALIZATION_RUNNER_H_

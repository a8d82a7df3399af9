// The query service's replica of the ingest store: the change feed applied
// to a read-optimised SQLite schema (read_model_schema.h), and the queries
// the handlers answer from it.
//
// Crash safety: Apply() writes a batch of changes and the new cursor (the
// last applied sequence) in one transaction, so after a kill -9 at any
// moment the replica holds exactly the changes up to its cursor, and the
// follower resumes after it: nothing is lost or applied twice. Apply() also
// skips changes at or below the cursor, so a batch seen twice is harmless.
//
// Threads: one writer connection, used only by Apply() under a mutex (in
// practice one feed follower calls it). Queries run on reader connections
// taken from a small pool, one per call, inside a read transaction, so
// each answer comes from one consistent snapshot and readers never wait for
// the writer (WAL mode). Every method may be called from any thread.
//
// Errors (absl::Status codes):
//   NOT_FOUND          GetEvent / GetEntity of a name that does not exist
//   DEADLINE_EXCEEDED  a query ran past its `deadline`
//   UNAVAILABLE        the database is busy, locked, full or unreadable;
//                      retrying later may succeed
//   INTERNAL           a bug or a corrupt replica (details for the log only)
// Query arguments are expected to be validated (request_validation.h);
// the read model does not re-check them. Every query takes the caller's
// Access (access.h) and answers only what it may see.
#ifndef CIVICWATCH_SERVICES_QUERY_READ_MODEL_H_
#define CIVICWATCH_SERVICES_QUERY_READ_MODEL_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "civicwatch/v1/feed.pb.h"
#include "civicwatch/v1/query.pb.h"
#include "civicwatch/v1/snapshot.pb.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/sqlite.h"
#include "services/query/access.h"
#include "services/query/event_order.h"
#include "services/query/reader_pool.h"

namespace civicwatch::query {

class ReplicaWriter;  // replica_writer.h

// How ListEvents finds a page of a text search.
enum class TextSearchPlan {
  // By what the search matches: a word with few matches finds them all and
  // sorts them; a word with many walks the timeline in the page's order,
  // testing each event against the full-text index, and stops when the page
  // is full, so the page costs about page_size / (share of events that
  // match), whatever the number of matches. total_size is exact up to
  // kExactTotalBound.
  kAdaptive,
  // Every match found, counted and sorted before the first page (the cost
  // grows with the matches); kept to measure the adaptive plan against it
  // (query_benchmark).
  kEveryMatch,
};

// Which maintained counts ComputeStatistics may add up.
enum class StatisticsSummaries {
  // The smallest summary that answers the question (read_model_schema.h).
  kSmallest,
  // Never event_counts_all_countries: statistics over every country add up
  // the per-country summaries; kept to measure the smaller table against
  // them (query_benchmark).
  kPerCountry,
};

// A page of the timeline.
struct ListEventsQuery {
  v1::EventFilter filter;
  Access access;
  SortDirection direction = SortDirection::kAscending;
  // Events per page, at least 1.
  int page_size = 50;
  // Resume after this event (the last one of the previous page).
  std::optional<EventKey> after;
  // Whether to count the matches into EventPage::total_size.
  bool count_total = true;
  // How a text search (filter.text) finds its page; see TextSearchPlan.
  TextSearchPlan text_plan = TextSearchPlan::kAdaptive;
};

struct EventPage {
  // In timeline order; provenance quotes are left empty.
  std::vector<v1::Event> events;
  // Set when more events follow: the key of the page's last event.
  std::optional<EventKey> next;
  // Every match over all pages (when asked for): exact up to
  // kExactTotalBound, a lower bound beyond it when counting further would
  // cost more than the page (see ListEventsResponse.total_size).
  int64_t total_size = 0;
  bool total_size_is_lower_bound = false;
};

// Where ListEvents stops counting matches it cannot count from the
// maintained summaries.
inline constexpr int64_t kExactTotalBound = 10000;

struct StatisticsRow {
  std::vector<std::string> keys;
  int64_t count = 0;
};

struct Statistics {
  // Ordered by keys; with top_n, see ReadModel::ComputeStatistics.
  std::vector<StatisticsRow> rows;
  // Matching events, each counted once.
  int64_t total = 0;
  // Matching events the finest time dimension asked for cannot place.
  int64_t unplaced = 0;
  // With top_n: how many groups the last row ("other") folds.
  int64_t other_groups = 0;
};

// Where an entity sits in ListEntities order (folded display name, then
// resource name).
struct EntityKey {
  std::string sort_name;
  std::string name;
};

struct EntityPage {
  std::vector<v1::Entity> entities;
  std::optional<EntityKey> next;
  int64_t total_size = 0;
};

class ReadModel {
 public:
  struct Options {
    // Drop whatever the file holds and start again from sequence 0.
    bool rebuild = false;
    // Reader connections kept open between calls.
    int idle_readers = 4;
  };

  // Opens or creates the replica at `path`. A replica written by another
  // schema version is rebuilt. UNAVAILABLE when the file cannot be opened
  // or written.
  static absl::StatusOr<std::unique_ptr<ReadModel>> Open(const std::string& path,
                                                         const Options& options);
  ~ReadModel();
  ReadModel(const ReadModel&) = delete;
  ReadModel& operator=(const ReadModel&) = delete;

  // The sequence of the last change applied; 0 for an empty replica.
  int64_t cursor() const { return cursor_.load(); }

  // Applies the changes of `batch` above the cursor, in order, and moves the
  // cursor to the last one, in one transaction. Malformed changes (unknown
  // type, wrong resource for the name) are logged and skipped so they cannot
  // stop the replica. On error nothing of the batch is kept.
  absl::Status Apply(const v1::WatchChangesResponse& batch);

  // The identity of the ingest database the replica's changes came from
  // (see WatchChangesResponse.database_id); empty before any.
  std::string source_database_id() const;

  // Drops everything the replica holds and starts it again at sequence 0,
  // for when the source it followed was restored or replaced. Queries
  // answer from the emptied replica until the feed refills it.
  absl::Status Rebuild();

  // How snapshots of a replica are described and checked: the feed cursor
  // as the sequence, the followed ingest database's identity, kSchemaVersion.
  static snapshot::DatabaseProfile SnapshotProfile();

  // Sends a consistent copy of the replica as of its last commit (with the
  // cursor stored in that commit) to `send` while it is being taken, while
  // queries and the feed go on. As snapshot::StreamSnapshotWhileCopying.
  absl::StatusOr<v1::SnapshotMetadata> StreamSnapshot(
      const std::function<absl::Status(const v1::SnapshotChunk&)>& send) const;

  // One page of the events matching query.filter, in timeline order.
  absl::StatusOr<EventPage> ListEvents(const ListEventsQuery& query, absl::Time deadline) const;

  // One event with its provenance quotes filled from the stored reports
  // (empty when a report is not in the replica). NOT_FOUND also for an
  // event `access` may not see.
  absl::StatusOr<v1::Event> GetEvent(const std::string& name, const Access& access,
                                     absl::Time deadline) const;

  // Counts the events matching `filter`, grouped by `group_by` (1..3
  // distinct dimensions). With top_n > 0 and more groups than that, keeps
  // the top_n largest groups (ties: lower keys first), largest first, and
  // folds the others into a last row whose keys are all "other".
  absl::StatusOr<Statistics> ComputeStatistics(
      const v1::EventFilter& filter, const std::vector<v1::StatisticsDimension>& group_by,
      const Access& access, absl::Time deadline, int top_n = 0,
      StatisticsSummaries summaries = StatisticsSummaries::kSmallest) const;

  // One entity with event_count and first/last event dates filled (from
  // the events `access` may see it in).
  absl::StatusOr<v1::Entity> GetEntity(const std::string& name, const Access& access,
                                       absl::Time deadline) const;

  // Entities with a name or alias (or a word of one) starting with `query`,
  // compared case-insensitively and by spelling skeleton (services/text/fold.h); all
  // entities when `query` is empty. `kind` 0 means any kind.
  absl::StatusOr<EntityPage> ListEntities(const std::string& query, v1::EntityKind kind,
                                          int page_size, const std::optional<EntityKey>& after,
                                          const Access& access, absl::Time deadline) const;

 private:
  ReadModel(std::unique_ptr<ReplicaWriter> writer, const std::string& path, int idle_readers);

  const std::string path_;
  std::atomic<int64_t> cursor_{0};
  mutable absl::Mutex id_mu_;
  std::string source_database_id_ ABSL_GUARDED_BY(id_mu_);

  absl::Mutex write_mu_;
  std::unique_ptr<ReplicaWriter> writer_ ABSL_GUARDED_BY(write_mu_);

  mutable ReaderPool readers_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_READ_MODEL_H_

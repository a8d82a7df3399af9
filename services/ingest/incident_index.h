// The index candidate incidents are found through, held in memory by the
// store's single writer (IngestStore) and kept in step with the events
// table by every write (ChangeWriter).
//
// The matcher (incident_matching.h) never finds two tellings to be one
// incident, nor even a candidate pair, unless they have someone or
// somewhere in common: a person, an organisation, outlet or state body
// (the same entity), or the same place (however it is written). Both
// naming people with none in common is a hard conflict. So every stored
// incident is filed under its keys (incident_keys.h: each entity it names
// and its place folded, as the events row's match_keys holds them), with
// its country, whether it names people, its category and its date. A new
// mention looks up its own keys only: for each person it names, the
// incidents naming that person; for each body and its place, the incidents
// naming nobody (or, when the mention itself names nobody, every
// incident); each within the same country, a category that can tell the
// same act (CompatibleCategories) and a date nested with the mention's:
// the same year and one date inside the other (a day mention meets that
// day, its month and its year; a month mention, its days and its year; a
// year mention, every date of the year; an undated mention, the undated
// incidents only).
//
// Layout: a key is hashed to 64 bits and mixed with the country, whether
// the incident names people and its year into the number of the bucket it
// is filed in, so a bucket holds the incidents of one key, country, people
// named and year: what a look-up reads, one bucket per key and people
// named. A bucket is a small vector of 16-byte entries (the events row's
// rowid, the date as integers, the category, the country), held inline
// when it has one. Two keys whose hashes collide share a bucket: a
// look-up then also returns incidents filed under the other key, with the
// mention's country, year, category and a nested date (entries are
// checked on each), and none of the mention's keys, or when they share a
// body or place, other people than the mention's. The matcher finds those
// distinct (nobody and nothing in common, or people with none in common),
// so a collision costs a read, never a merge or a candidate pair.
// Countries and categories past 65,535 distinct values, and dates outside
// what ValidatePartialDate allows, share codes: the same holds of them.
//
// Transactions: every change applies at once (a look-up later in the same
// transaction sees it) and is journalled; Commit() forgets the journal,
// Rollback() undoes every change since the last Commit(), so an index
// follows its database through a transaction that rolls back.
//
// Thread-safety: none; the store's writer mutex guards it.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_INDEX_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "civicwatch/v1/types.pb.h"
#include "services/ingest/incident_keys.h"

namespace civicwatch::ingest {

class IncidentIndex {
 public:
  IncidentIndex() = default;
  IncidentIndex(const IncidentIndex&) = delete;
  IncidentIndex& operator=(const IncidentIndex&) = delete;

  // Files the incident whose events row is `event` (its rowid) as `filing`
  // says: under each of filing.match_keys (none when empty).
  void File(int64_t event, const IncidentFiling& filing);

  // Takes out what File(event, filing) filed, for the same filing.
  // INTERNAL when it is not filed so: the index is out of step with the
  // events table.
  absl::Status Unfile(int64_t event, const IncidentFiling& filing);

  // The rowids, ascending and unique, of the filed incidents that may be
  // tellings of `mention` (see the top of this file).
  std::vector<int64_t> Find(const v1::Event& mention) const;

  // Keeps every change made since the last Commit().
  void Commit();

  // Undoes every change made since the last Commit(), latest first.
  void Rollback();

  // Entries filed: one per key of each filed incident.
  int64_t entries() const { return entries_; }

  // Bytes the index's tables and vectors hold (the buckets' table, the
  // entries kept outside it, the countries and the journal's capacity),
  // without the allocator's own overhead.
  int64_t MemoryBytes() const;

 private:
  struct Entry {
    int64_t event;
    // year << 9 | month << 5 | day, each 0 when not given; the top bit is
    // whether the incident names people.
    uint32_t date;
    uint16_t country;
    uint16_t category;
  };
  static_assert(sizeof(Entry) == 16, "entries stay 16 bytes");
  using Bucket = absl::InlinedVector<Entry, 1>;
  struct Change {
    uint64_t bucket;
    Entry entry;
    bool filed;  // File (true) or Unfile (false)
  };

  // The entry `filing` files `event` as (its country interned).
  Entry EntryOf(int64_t event, const IncidentFiling& filing);
  // The code of `country_code`, made when new and `intern`; 0xFFFF for
  // one past the codes there are (not known, or too many).
  uint16_t CountryCode(const std::string& country_code, bool intern);
  void Insert(uint64_t bucket, const Entry& entry);
  bool Erase(uint64_t bucket, const Entry& entry);
  static int64_t HeapBytes(const Bucket& b);

  absl::flat_hash_map<uint64_t, Bucket> buckets_;
  absl::flat_hash_map<std::string, uint16_t> countries_;
  std::vector<Change> journal_;
  int64_t entries_ = 0;
  // Bytes of the buckets' entries held outside the table.
  int64_t heap_bytes_ = 0;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_INDEX_H_

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
// incidents only), and for an act told across midnight (attacks, killings,
// searches: ToldAcrossMidnight) the day before and after a day.
//
// Layout: a key is hashed to 64 bits and mixed with the country, whether
// the incident names people and its year into the number of the bucket it
// is filed in, so a bucket holds the incidents of one key, country, people
// named and year: what a look-up reads, one bucket per key and people
// named. A bucket holds 16-byte entries (the events row's rowid, the date
// as integers, the category, the country): one inline, more in a block of
// the index's own pool. Two keys whose hashes collide share a bucket: a
// look-up may then return, beyond what it would otherwise, incidents of
// the mention's country, year and people named or not, with a compatible
// category and a nested date (each entry is checked for them), that
// share no key with the mention under which the look-up finds incidents:
// both naming people and none in common, or nothing in common at all.
// The matcher finds those distinct (hard conflicts, incident_matching.h),
// so a collision costs a read, never a merge or a candidate pair. So do
// countries past the 65,535th and category values past 65,535, which
// share one code each. Dates are read as ValidatePartialDate allows them
// (years 1 to 9999); others are not told apart exactly.
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
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
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

  // Bytes the index holds: the buckets' table, the pool's chunks, the
  // countries and the journal's capacity.
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
  // The entries of one bucket: one held inline, more in a block of the
  // index's pool. Trivially copyable, so the table moves it as bytes; its
  // block goes back to the pool when it empties.
  struct Bucket {
    Bucket() : one{} {}
    Entry* data() { return capacity == 1 ? &one : many; }
    const Entry* data() const { return capacity == 1 ? &one : many; }
    uint32_t size = 0;
    uint32_t capacity = 1;  // a power of two
    union {
      Entry one;
      Entry* many;
    };
  };
  // The blocks of entries of the buckets that hold more than one: carved
  // from chunks of 1 MiB, each freed block kept for the next of its size.
  // The entries live apart from the heap the store's other work churns
  // through, so they neither fragment it nor are fragmented by it.
  class Pool {
   public:
    Entry* Allocate(uint32_t capacity);
    void Free(Entry* block, uint32_t capacity);
    int64_t bytes() const { return bytes_; }

   private:
    // Puts the rest of the current chunk in the free lists.
    void KeepRest();
    std::vector<std::unique_ptr<Entry[]>> chunks_;
    Entry* next_ = nullptr;
    size_t left_ = 0;
    // Per power of two, the freed blocks of that many entries, each
    // holding the next one's address in its first bytes.
    Entry* free_[32] = {};
    int64_t bytes_ = 0;
  };
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

  absl::flat_hash_map<uint64_t, Bucket> buckets_;
  Pool pool_;
  absl::flat_hash_map<std::string, uint16_t> countries_;
  std::vector<Change> journal_;
  int64_t entries_ = 0;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_INDEX_H_

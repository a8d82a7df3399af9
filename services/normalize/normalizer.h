// The normaliser: one monitoring report in, its metadata, incidents and the
// entities taking part out. A plain library: no gRPC, no SQLite, no I/O.
// Every service and tool that reads a report (ingest, the CLI's offline
// `normalize`, tests, fuzzers, benchmarks) calls NormalizeReport.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_NORMALIZER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_NORMALIZER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civicwatch/v1/types.pb.h"
#include "services/normalize/classifier.h"

namespace civicwatch::normalize {

// What the normaliser read from one report.
struct NormalizedReport {
  // The input's metadata, completed from the text where the input left it
  // empty: title (first line of the body), country_code, coverage_start/end,
  // publishers, language. The body is not copied; name, content_hash and
  // the output-only fields are left empty for the store to fill.
  v1::Report report;

  // One event per incident, in the order of the text; an undated incident
  // only when it tells an act done to a named person (event_builder.h),
  // the others being UNDATED_MENTION warnings. Each has
  // country_code, date (and end_date for a range), category, freedom,
  // valence, participants, location, summary, and exactly one provenance
  // entry whose start_offset/end_offset are byte offsets into the body
  // (its `report` field is empty: the store fills it). name,
  // confidentiality and the timestamps are left for the store.
  // Participant.entity is "entities/{id}" where {id} is EntityIdForKey() of
  // the entity's folding key, so ids are stable across reports and runs.
  std::vector<v1::Event> events;

  // Every entity the events refer to, once each: name ("entities/{id}"),
  // kind, display_name (fullest form met), aliases (every other form met in
  // this report, in any script).
  std::vector<v1::Entity> entities;

  // What was noticed and could not be used (no country found, ...).
  std::vector<v1::Warning> warnings;
};

// The normaliser's optional stages, all on by default. Switching one off
// is how the README's ablation measures what it adds.
struct NormalizerOptions {
  CueSources cues;                  // which cue tables are read
  bool occasion_dates = true;       // occasion_dates.h
  bool translated_repeats = true;   // translated_repeats.h
  bool category_model = true;       // category_model.h
  // An undated incident is an event only when it tells an act done to a
  // named person (event_builder.h); off to keep every undated incident.
  bool undated_acts_only = true;
};

// Normalises `input` (its body is required; title, country_code, coverage,
// publishers and language are used when set and read from the text when
// not).
//
// Returns INVALID_ARGUMENT when the body is empty or not valid UTF-8, and
// otherwise always succeeds: an unreadable report gives no events and a
// warning. Runs in time linear in the body's length. Thread-safe: the
// tables it uses are built once, on first use, and never change.
absl::StatusOr<NormalizedReport> NormalizeReport(const v1::Report& input,
                                                 const NormalizerOptions& options = {});

// The stable entity id (lower-case hex, 16 digits) for a folding key, as
// returned by FoldingKey(). Deterministic across processes and builds.
std::string EntityIdForKey(const std::string& folding_key);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_NORMALIZER_H_

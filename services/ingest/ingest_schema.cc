// The ingest database's tables, in one place: change_writer.h declares
// kIngestSchema and its version.
#include "services/ingest/change_writer.h"

namespace civicwatch::ingest {

const char kIngestSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS reports (
  id            TEXT PRIMARY KEY,
  content_hash  TEXT NOT NULL UNIQUE,
  source_uri    TEXT NOT NULL,
  country_code  TEXT NOT NULL,
  create_micros INTEGER NOT NULL,
  report        BLOB NOT NULL,   -- civicwatch.v1.Report with body
  response      BLOB NOT NULL,   -- the CreateReportResponse given for it
  -- The report's civicwatch.v1.Confidentiality, so lists can leave out
  -- what a caller may not see without reading every report.
  confidentiality INTEGER NOT NULL DEFAULT 0,
  -- The SHA-256 of the document the report was extracted from (a row of
  -- originals); '' for a report submitted as text.
  original_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS reports_by_source ON reports(source_uri) WHERE source_uri != '';
CREATE INDEX IF NOT EXISTS reports_by_time ON reports(create_micros DESC, id DESC);
-- Reports' original documents, content-addressed: one row per distinct
-- document, dropped with the last report that refers to it
-- (original_store.h).
CREATE TABLE IF NOT EXISTS originals (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  content    BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS request_ids (
  request_id   TEXT PRIMARY KEY,
  report_id    TEXT NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS request_ids_by_report ON request_ids(report_id);
CREATE TABLE IF NOT EXISTS events (
  id           TEXT PRIMARY KEY,
  country_code TEXT NOT NULL,
  date_key     TEXT NOT NULL,    -- "date/end_date" at their precision
  category     INTEGER NOT NULL,
  event        BLOB NOT NULL,    -- civicwatch.v1.Event
  -- The entities of the people taking part, sorted, comma-separated
  -- (PeopleOf); '' for none.
  people       TEXT NOT NULL DEFAULT '',
  -- The keys the event is filed under in the incident index held in
  -- memory (incident_index.h), one a line (MatchKeysOf): the index is
  -- built from these columns when the store opens, and an event's old
  -- filing taken out when it changes or goes.
  match_keys   TEXT NOT NULL DEFAULT ''
);
-- Which reports tell which event.
CREATE TABLE IF NOT EXISTS event_sources (
  event_id  TEXT NOT NULL,
  report_id TEXT NOT NULL,
  PRIMARY KEY (event_id, report_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_sources_by_report ON event_sources(report_id);
-- Each report's own telling of an event (a mention of the incident): the
-- event as the normaliser made it from that report, before any merging.
-- The incident's fields are the best reading of its mentions
-- (incident_matching.h), made again whenever a mention comes or goes.
CREATE TABLE IF NOT EXISTS event_mentions (
  event_id  TEXT NOT NULL,
  report_id TEXT NOT NULL,
  mention   BLOB NOT NULL,       -- civicwatch.v1.Event as that report tells it
  PRIMARY KEY (event_id, report_id)
) WITHOUT ROWID;
-- Structured records (ImportIncidents), each kept beside the event it
-- became, as a source of that incident that no report's withdrawal takes
-- away (record_sources.h).
CREATE TABLE IF NOT EXISTS imported_records (
  event_id    TEXT PRIMARY KEY,
  source      TEXT NOT NULL,     -- IncidentRecord.source; '' when filled by an upgrade
  external_id TEXT NOT NULL,     -- IncidentRecord.external_id; '' likewise
  record      BLOB NOT NULL      -- civicwatch.v1.Event the record made (IncidentFromRecord)
);
-- Pairs of incidents the matcher could not decide on: perhaps one
-- incident, left for a person. event_id is the later of the two.
CREATE TABLE IF NOT EXISTS merge_candidates (
  event_id       TEXT NOT NULL,
  other_event_id TEXT NOT NULL,
  score_milli    INTEGER NOT NULL,  -- MatchResult.score x 1000
  evidence       TEXT NOT NULL,     -- DescribeEvidence()
  create_micros  INTEGER NOT NULL,
  PRIMARY KEY (event_id, other_event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merge_candidates_by_other ON merge_candidates(other_event_id);
-- What people decided about pairs of mentions (merge_decisions.h): one
-- incident (MergeEvents) or two (SplitEvent). Each pair is stored both
-- ways round, so a mention's decisions are found by its own report.
CREATE TABLE IF NOT EXISTS merge_decisions (
  report_id       TEXT NOT NULL,
  start_offset    INTEGER NOT NULL,
  end_offset      INTEGER NOT NULL,
  other_report_id TEXT NOT NULL,
  other_start     INTEGER NOT NULL,
  other_end       INTEGER NOT NULL,
  decision        INTEGER NOT NULL,  -- 1: one incident; 2: two incidents
  create_micros   INTEGER NOT NULL,
  PRIMARY KEY (report_id, start_offset, end_offset, other_report_id, other_start, other_end)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merge_decisions_by_other ON merge_decisions(other_report_id);
CREATE TABLE IF NOT EXISTS entities (
  id     TEXT PRIMARY KEY,
  entity BLOB NOT NULL           -- civicwatch.v1.Entity
);
-- The change log; its rowid is the feed's sequence number. AUTOINCREMENT
-- so a sequence is never reused, even after the last row is deleted.
CREATE TABLE IF NOT EXISTS changes (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  change   BLOB NOT NULL         -- civicwatch.v1.Change without sequence
);
-- The person's layer and the revisions (person_layer_store.h).
CREATE TABLE IF NOT EXISTS event_reviews (
  event_id     TEXT PRIMARY KEY,
  review_state INTEGER NOT NULL,
  paths        TEXT NOT NULL,    -- field-mask paths the person set, comma-separated
  layer_values BLOB NOT NULL,    -- civicwatch.v1.Event holding those fields
  review       BLOB NOT NULL,    -- civicwatch.v1.Review
  report_id    TEXT NOT NULL,    -- the report the event's text is in; '' for none
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS event_reviews_by_report ON event_reviews(report_id);
CREATE TABLE IF NOT EXISTS event_revisions (
  event_id    TEXT NOT NULL,
  revision_id INTEGER NOT NULL,
  revision    BLOB NOT NULL,     -- civicwatch.v1.EventRevision
  PRIMARY KEY (event_id, revision_id)
) WITHOUT ROWID;
-- Re-normalisation jobs (ingest_store.h): the civicwatch.v1.Renormalization,
-- whose last_report is the cursor a job resumes after.
CREATE TABLE IF NOT EXISTS renormalizations (
  id    INTEGER PRIMARY KEY,
  state INTEGER NOT NULL,        -- civicwatch.v1.RenormalizationState
  job   BLOB NOT NULL            -- civicwatch.v1.Renormalization
);
-- "schema_version": kIngestSchemaVersion; "database_id": the database's
-- identity, carried on the change feed (see IngestStore).
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value NOT NULL
);
)sql";

}  // namespace civicwatch::ingest

#include "services/query/read_model_schema.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace civicwatch::query {
namespace {

// The secondary indexes a bulk load defers: name and definition.
struct IndexSql {
  const char* name;
  const char* definition;
};
constexpr IndexSql kDeferrableIndexes[] = {
    {"events_by_date", "events(first_day, precision, name, last_day)"},
    {"events_by_country_date",
     "events(country, first_day, precision, name, last_day, confidentiality)"},
    // In the order statistics group by (read_model_queries.cc), so that a
    // country's groups are counted in one pass over the index, no sorting.
    {"events_by_country_statistics",
     "events(country, year, month, precision, category, freedom, valence, confidentiality, day)"},
    {"events_by_category_date", "events(category, first_day, precision, name)"},
    // Covers the entity filter (filter_sql.cc) and entity statistics.
    {"participants_by_entity", "participants(entity, role, withheld, event_id)"},
};

}  // namespace

absl::Status CreateSecondaryIndexes(sqlite::Database& db) {
  for (const IndexSql& index : kDeferrableIndexes) {
    if (absl::Status s = db.Exec(absl::StrCat("CREATE INDEX IF NOT EXISTS ", index.name, " ON ",
                                              index.definition));
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status DropSecondaryIndexes(sqlite::Database& db) {
  for (const IndexSql& index : kDeferrableIndexes) {
    if (absl::Status s = db.Exec(absl::StrCat("DROP INDEX IF EXISTS ", index.name)); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CreateTables(sqlite::Database& db) {
  return db.Exec(R"sql(
    CREATE TABLE IF NOT EXISTS meta(
      key TEXT PRIMARY KEY,
      value INTEGER NOT NULL) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS reports(
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      body BLOB NOT NULL,
      proto BLOB NOT NULL);

    CREATE TABLE IF NOT EXISTS events(
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      country TEXT NOT NULL,
      first_day INTEGER,
      last_day INTEGER,
      last_month INTEGER NOT NULL,
      precision INTEGER NOT NULL,
      year INTEGER NOT NULL,
      month INTEGER NOT NULL,
      day INTEGER NOT NULL,
      category INTEGER NOT NULL,
      freedom INTEGER NOT NULL,
      valence INTEGER NOT NULL,
      confidentiality INTEGER NOT NULL,
      review_state INTEGER NOT NULL,
      proto BLOB NOT NULL);

    -- Rows hanging off an event are clustered by event (WITHOUT ROWID,
    -- keyed by the event and the row's position in it): the rows of a new
    -- event are appended, and replacing or deleting them is one range.
    -- No foreign key: the writer deletes them with their event itself,
    -- which spares a parent lookup per inserted row.
    CREATE TABLE IF NOT EXISTS participants(
      event_id INTEGER NOT NULL,
      position INTEGER NOT NULL,
      entity TEXT NOT NULL,
      role INTEGER NOT NULL,
      withheld INTEGER NOT NULL,
      PRIMARY KEY(event_id, position)) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS provenance(
      event_id INTEGER NOT NULL,
      position INTEGER NOT NULL,
      report TEXT NOT NULL,
      start_offset INTEGER NOT NULL,
      end_offset INTEGER NOT NULL,
      PRIMARY KEY(event_id, position)) WITHOUT ROWID;

    -- Not deferred by a bulk load: the writer itself looks events up by
    -- report (ReplicaWriter::ReindexEventsOf) for every report it stores.
    CREATE INDEX IF NOT EXISTS provenance_by_report ON provenance(report, event_id);

    CREATE TABLE IF NOT EXISTS entities(
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind INTEGER NOT NULL,
      sort_name TEXT NOT NULL,
      proto BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS entities_by_sort_name ON entities(sort_name, name);

    CREATE TABLE IF NOT EXISTS entity_names(
      entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      folded TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS entity_names_by_folded ON entity_names(folded, entity_id);
    CREATE INDEX IF NOT EXISTS entity_names_by_entity ON entity_names(entity_id);

    -- How many events share each combination of the columns filters and
    -- statistics use, but the day (so date ranges of whole months or
    -- years), kept in the same transactions as the events. A
    -- country has tens of thousands of such groups where it has hundreds of
    -- thousands of events, so statistics and ListEvents totals whose filter
    -- fits are counted from here (read_model_queries.cc). Groups that drop
    -- to 0 stay, with n = 0. Rejected events (review_state 4) are not
    -- counted: only a filter naming review states asks for them, and it is
    -- answered from the events.
    CREATE TABLE IF NOT EXISTS event_counts(
      country TEXT NOT NULL,
      year INTEGER NOT NULL,
      month INTEGER NOT NULL,
      category INTEGER NOT NULL,
      freedom INTEGER NOT NULL,
      valence INTEGER NOT NULL,
      confidentiality INTEGER NOT NULL,
      last_month INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY(country, year, month, category, freedom, valence, confidentiality,
                  last_month))
      WITHOUT ROWID;
    -- The same without freedom and valence, a tenth of the rows, for the
    -- common questions that do not ask about those two.
    CREATE TABLE IF NOT EXISTS event_counts_by_category(
      country TEXT NOT NULL,
      year INTEGER NOT NULL,
      month INTEGER NOT NULL,
      category INTEGER NOT NULL,
      confidentiality INTEGER NOT NULL,
      last_month INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY(country, year, month, category, confidentiality, last_month))
      WITHOUT ROWID;
    -- The same over every country and without the last month: a few
    -- thousand rows at any size (years x months x categories), for
    -- statistics and totals over every country with no date range, which
    -- would otherwise add up every row of the tables above.
    CREATE TABLE IF NOT EXISTS event_counts_all_countries(
      year INTEGER NOT NULL,
      month INTEGER NOT NULL,
      category INTEGER NOT NULL,
      confidentiality INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY(year, month, category, confidentiality))
      WITHOUT ROWID;
    -- New events are counted by the writer, a batch at a time
    -- (ReplicaWriter::FlushEventCounts); these triggers follow updates and
    -- deletions.
    CREATE TRIGGER IF NOT EXISTS event_counts_delete AFTER DELETE ON events
      WHEN old.review_state != 4 BEGIN
      UPDATE event_counts SET n = n - 1
        WHERE country = old.country AND year = old.year AND month = old.month
          AND category = old.category AND freedom = old.freedom
          AND valence = old.valence AND confidentiality = old.confidentiality
          AND last_month = old.last_month;
      UPDATE event_counts_by_category SET n = n - 1
        WHERE country = old.country AND year = old.year AND month = old.month
          AND category = old.category AND confidentiality = old.confidentiality
          AND last_month = old.last_month;
      UPDATE event_counts_all_countries SET n = n - 1
        WHERE year = old.year AND month = old.month AND category = old.category
          AND confidentiality = old.confidentiality;
    END;
    CREATE TRIGGER IF NOT EXISTS event_counts_update
      AFTER UPDATE OF country, year, month, category, freedom, valence, confidentiality,
        last_month, review_state ON events BEGIN
      UPDATE event_counts SET n = n - 1
        WHERE old.review_state != 4
          AND country = old.country AND year = old.year AND month = old.month
          AND category = old.category AND freedom = old.freedom
          AND valence = old.valence AND confidentiality = old.confidentiality
          AND last_month = old.last_month;
      UPDATE event_counts_by_category SET n = n - 1
        WHERE old.review_state != 4
          AND country = old.country AND year = old.year AND month = old.month
          AND category = old.category AND confidentiality = old.confidentiality
          AND last_month = old.last_month;
      UPDATE event_counts_all_countries SET n = n - 1
        WHERE old.review_state != 4
          AND year = old.year AND month = old.month AND category = old.category
          AND confidentiality = old.confidentiality;
      INSERT INTO event_counts
        SELECT new.country, new.year, new.month, new.category, new.freedom, new.valence,
               new.confidentiality, new.last_month, 1
        WHERE new.review_state != 4
        ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO event_counts_by_category
        SELECT new.country, new.year, new.month, new.category, new.confidentiality,
               new.last_month, 1
        WHERE new.review_state != 4
        ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO event_counts_all_countries
        SELECT new.year, new.month, new.category, new.confidentiality, 1
        WHERE new.review_state != 4
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    CREATE VIRTUAL TABLE IF NOT EXISTS event_text USING fts5(
      summary, source, tokenize = 'unicode61 remove_diacritics 2');
  )sql");
}

absl::Status DropSchema(sqlite::Database& db) {
  return db.Exec(R"sql(
    DROP TABLE IF EXISTS event_text;
    DROP TABLE IF EXISTS event_counts;
    DROP TABLE IF EXISTS event_counts_by_category;
    DROP TABLE IF EXISTS event_counts_all_countries;
    DROP TABLE IF EXISTS entity_names;
    DROP TABLE IF EXISTS entities;
    DROP TABLE IF EXISTS provenance;
    DROP TABLE IF EXISTS participants;
    DROP TABLE IF EXISTS events;
    DROP TABLE IF EXISTS reports;
    DROP TABLE IF EXISTS meta;
  )sql");
}

}  // namespace civicwatch::query

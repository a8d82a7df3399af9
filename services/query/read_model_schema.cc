#include "services/query/read_model_schema.h"

namespace civicwatch::query {

absl::Status CreateSchema(sqlite::Database& db) {
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
      precision INTEGER NOT NULL,
      year INTEGER NOT NULL,
      month INTEGER NOT NULL,
      day INTEGER NOT NULL,
      category INTEGER NOT NULL,
      freedom INTEGER NOT NULL,
      valence INTEGER NOT NULL,
      confidentiality INTEGER NOT NULL,
      proto BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS events_by_date ON events(first_day, precision, name, last_day);
    CREATE INDEX IF NOT EXISTS events_by_country_date
      ON events(country, first_day, precision, name, last_day, confidentiality);
    CREATE INDEX IF NOT EXISTS events_by_country_statistics
      ON events(country, year, month, precision, category, freedom, valence, confidentiality);
    CREATE INDEX IF NOT EXISTS events_by_category_date
      ON events(category, first_day, precision, name);

    CREATE TABLE IF NOT EXISTS participants(
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      entity TEXT NOT NULL,
      role INTEGER NOT NULL,
      withheld INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS participants_by_entity ON participants(entity, event_id);
    CREATE INDEX IF NOT EXISTS participants_by_event ON participants(event_id);

    CREATE TABLE IF NOT EXISTS provenance(
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      report TEXT NOT NULL,
      start_offset INTEGER NOT NULL,
      end_offset INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS provenance_by_report ON provenance(report, event_id);
    CREATE INDEX IF NOT EXISTS provenance_by_event ON provenance(event_id);

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

    CREATE VIRTUAL TABLE IF NOT EXISTS event_text USING fts5(
      summary, source, tokenize = 'unicode61 remove_diacritics 2');
  )sql");
}

absl::Status DropSchema(sqlite::Database& db) {
  return db.Exec(R"sql(
    DROP TABLE IF EXISTS event_text;
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

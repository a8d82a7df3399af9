// What incident matching costs ingest: IngestStore::CreateReport on
// synthetic normaliser results (no normaliser run), one transaction per
// report as the service does, run twice on the same reports into two
// fresh stores, first with matching off (IngestStoreOptions
// match_incidents false: every event its own incident, no candidate
// lookup), then on. Prints, for each run and over each tenth of it, events
// per second (wall clock: on a shared machine dominated by fsync and
// noisy) and the process's CPU microseconds per event (steadier; what
// matching adds shows there, and a lookup whose cost grows with the store
// shows as a slope); then each run's totals and the ratio of matching on
// to off, by wall clock and by CPU. At the end of the run with matching
// on it prints the incident index's size (incident_index.h: entries,
// bytes, bytes per event stored), then closes the store and opens it
// again, timing the open, which builds the index by one scan of the
// events table (with the store's files in the operating system's cache,
// just written).
//
//   ingest_benchmark [--events=N] [--events_per_report=K] [--retold_percent=F]
//                    [--merging=both|on|off] [--data_dir=DIR]
//
// N events (100,000) per run, in reports of K (20) events. Events: one of
// 10 countries, a day in 2015-2024 (a tenth at month and a tenth at year
// precision), one of the 24 categories, one of 200 places of the country;
// two people out of 50,000, and for three in ten a state body out of 50
// of the country; one in twenty (a mass act) names no people, only a
// state body. F percent (10) retell an earlier event (the same incident
// told by a later report, at the same or a coarser date), so merging is
// exercised. The stores are made in DIR/off and DIR/on (DIR a new folder
// under /tmp unless given).
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/ingest/ingest_store.h"

namespace {

using civicwatch::ingest::IngestStore;
using civicwatch::ingest::IngestStoreOptions;
namespace v1 = civicwatch::v1;

int64_t FlagValue(int argc, char** argv, const std::string& name, int64_t fallback) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    int64_t v;
    if (a.rfind(prefix, 0) == 0 && absl::SimpleAtoi(a.substr(prefix.size()), &v)) return v;
  }
  return fallback;
}

std::string StringFlag(int argc, char** argv, const std::string& name) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
  }
  return "";
}

// User and system CPU seconds of this process so far.
double CpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

const char* kCountries[] = {"KG", "KZ", "UZ", "TJ", "BY", "RU", "AZ", "AM", "GE", "TR"};

struct Workload {
  int64_t total = 0;
  int64_t per_report = 0;
  double retold = 0;
};

// A participant, and its entity in what the normaliser read.
void AddParticipant(const std::string& id, v1::EntityKind kind, const std::string& display,
                    v1::Event& e) {
  auto* part = e.add_participants();
  part->set_entity(absl::StrCat("entities/", id));
  part->set_display_name(display);
  part->set_kind(kind);
}

// A new event of `country` (not a retelling).
v1::Event NewEvent(std::mt19937_64& rng, const std::string& country, int64_t number,
                   int64_t report_no) {
  v1::Event e;
  e.set_country_code(country);
  e.mutable_date()->set_year(2015 + rng() % 10);
  const int precision = rng() % 10;
  if (precision > 0) e.mutable_date()->set_month(1 + rng() % 12);
  if (precision > 1) e.mutable_date()->set_day(1 + rng() % 28);
  e.set_category(static_cast<v1::Category>(1 + rng() % 24));
  e.set_freedom(v1::FREEDOM_EXPRESSION);
  e.set_valence(v1::VALENCE_NEGATIVE);
  e.set_location(absl::StrCat("Town ", country, " ", rng() % 200));
  const bool mass_act = rng() % 20 == 0;
  if (!mass_act) {
    for (int p = 0; p < 2; ++p) {
      const int person = rng() % 50000;
      AddParticipant(absl::StrFormat("%016x", person), v1::ENTITY_KIND_PERSON,
                     absl::StrCat("Person ", person), e);
    }
  }
  if (mass_act || rng() % 10 < 3) {
    const int body = rng() % 50;
    AddParticipant(absl::StrFormat("body-%s-%d", country, body), v1::ENTITY_KIND_STATE_BODY,
                   absl::StrCat("Body ", body, " of ", country), e);
  }
  e.set_summary(absl::StrCat("Event ", number, " of report ", report_no, "."));
  return e;
}

struct RunFigures {
  double seconds = 0;
  double cpu_seconds = 0;
  int64_t events = 0;
  int64_t incidents = 0;
  int64_t index_entries = 0;
  int64_t index_bytes = 0;
  double reopen_seconds = 0;
  double reopen_cpu_seconds = 0;
};

// Stores `w.total` events (the same ones for the same seed) into a new
// store in `dir`, printing each tenth's figures.
bool Run(const Workload& w, bool match_incidents, const std::string& dir, RunFigures& out) {
  IngestStoreOptions options;
  options.match_incidents = match_incidents;
  auto store = IngestStore::Open(dir, options);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return false;
  }
  std::mt19937_64 rng(42);
  std::vector<v1::Event> told;  // earlier events, for retellings
  std::printf("merging %s, store %s\n    events  events/s  cpu_us/event  (over each tenth)\n",
              match_incidents ? "on" : "off", dir.c_str());
  int64_t stored = 0, report_no = 0;
  const absl::Time start = absl::Now();
  const double start_cpu = CpuSeconds();
  absl::Time window_start = start;
  double window_cpu = start_cpu;
  int64_t window_events = 0;
  const int64_t window = std::max<int64_t>(w.total / 10, 1);
  while (stored < w.total) {
    civicwatch::normalize::NormalizedReport n;
    const std::string country = kCountries[rng() % 10];
    n.report.set_country_code(country);
    n.report.set_title(absl::StrCat("Report ", report_no));
    std::string body = absl::StrCat("Synthetic report ", report_no, ".\n");
    for (int64_t k = 0; k < w.per_report; ++k) {
      v1::Event e;
      if (!told.empty() && std::uniform_real_distribution<>(0, 1)(rng) < w.retold) {
        e = told[rng() % told.size()];
        if (rng() % 3 == 0) e.mutable_date()->set_day(0);  // "in March"
      } else {
        e = NewEvent(rng, country, stored + k, report_no);
        if (told.size() < 100000) told.push_back(e);
      }
      const int64_t offset = body.size();
      absl::StrAppend(&body, "Sentence ", k, " of the report.\n");
      auto* prov = e.add_provenance();
      prov->set_start_offset(offset);
      prov->set_end_offset(body.size() - 1);
      for (const auto& p : e.participants()) {
        v1::Entity entity;
        entity.set_name(p.entity());
        entity.set_kind(p.kind());
        entity.set_display_name(p.display_name());
        n.entities.push_back(entity);
      }
      n.events.push_back(std::move(e));
    }
    v1::Report report;
    report.set_body(body);
    auto resp = (*store)->CreateReport(report, "", n);
    if (!resp.ok()) {
      std::fprintf(stderr, "%s\n", resp.status().ToString().c_str());
      return false;
    }
    stored += w.per_report;
    window_events += w.per_report;
    ++report_no;
    if (window_events >= window) {
      const double secs = absl::ToDoubleSeconds(absl::Now() - window_start);
      const double cpu = CpuSeconds();
      std::printf("  %8lld  %8.0f  %12.1f\n", static_cast<long long>(stored), window_events / secs,
                  (cpu - window_cpu) * 1e6 / window_events);
      std::fflush(stdout);
      window_cpu = cpu;
      window_start = absl::Now();
      window_events = 0;
    }
  }
  out.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  out.cpu_seconds = CpuSeconds() - start_cpu;
  out.events = stored;
  auto stats = (*store)->GetStats();
  if (!stats.ok()) {
    std::fprintf(stderr, "%s\n", stats.status().ToString().c_str());
    return false;
  }
  out.incidents = stats->events;
  out.index_entries = stats->incident_index_entries;
  out.index_bytes = stats->incident_index_bytes;
  if (!match_incidents) return true;
  std::printf("incident index: %lld entries, %.1f MiB, %.0f bytes per event stored\n",
              static_cast<long long>(out.index_entries), out.index_bytes / 1048576.0,
              static_cast<double>(out.index_bytes) / stored);
  store->reset();
  const absl::Time open_start = absl::Now();
  const double open_cpu = CpuSeconds();
  auto reopened = IngestStore::Open(dir, options);
  out.reopen_seconds = absl::ToDoubleSeconds(absl::Now() - open_start);
  out.reopen_cpu_seconds = CpuSeconds() - open_cpu;
  if (!reopened.ok()) {
    std::fprintf(stderr, "%s\n", reopened.status().ToString().c_str());
    return false;
  }
  std::printf("reopening the store (builds the incident index): %.2f s, %.2f s CPU\n",
              out.reopen_seconds, out.reopen_cpu_seconds);
  return true;
}

void PrintTotals(const char* label, const RunFigures& f) {
  std::printf("merging %-3s %lld events (%lld incidents) in %.0f s: %.0f events/s, %.1f cpu_us/event\n",
              label, static_cast<long long>(f.events), static_cast<long long>(f.incidents),
              f.seconds, f.events / f.seconds, f.cpu_seconds * 1e6 / f.events);
  if (f.index_entries > 0) {
    std::printf("  incident index %.1f MiB (%.0f bytes per event), reopening %.2f s (%.2f s CPU)\n",
                f.index_bytes / 1048576.0, static_cast<double>(f.index_bytes) / f.events,
                f.reopen_seconds, f.reopen_cpu_seconds);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Workload w;
  w.total = FlagValue(argc, argv, "events", 100000);
  w.per_report = FlagValue(argc, argv, "events_per_report", 20);
  w.retold = FlagValue(argc, argv, "retold_percent", 10) / 100.0;
  std::string merging = StringFlag(argc, argv, "merging");
  if (merging.empty()) merging = "both";
  if (merging != "both" && merging != "on" && merging != "off") {
    std::fprintf(stderr, "--merging must be both, on or off\n");
    return 2;
  }
  std::string dir = StringFlag(argc, argv, "data_dir");
  if (dir.empty()) {
    char tmpl[] = "/tmp/cw-ingest-bench-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  RunFigures off, on;
  if (merging != "on" && !Run(w, false, (std::filesystem::path(dir) / "off").string(), off)) {
    return 1;
  }
  if (merging != "off" && !Run(w, true, (std::filesystem::path(dir) / "on").string(), on)) {
    return 1;
  }
  if (merging != "on") PrintTotals("off", off);
  if (merging != "off") PrintTotals("on", on);
  if (merging == "both") {
    // Throughput with merging as a share of throughput without: events/s
    // by the wall clock, and events per CPU second.
    std::printf("on/off throughput: %.2f by wall clock, %.2f by CPU (cost of merging %.0f%% and %.0f%%)\n",
                (on.events / on.seconds) / (off.events / off.seconds),
                off.cpu_seconds / on.cpu_seconds,
                100 * (1 - (on.events / on.seconds) / (off.events / off.seconds)),
                100 * (1 - off.cpu_seconds / on.cpu_seconds));
  }
  return 0;
}

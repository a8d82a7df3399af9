// Ingest store throughput as the store grows, with incident matching on
// the write path: IngestStore::CreateReport on synthetic normaliser
// results (no normaliser run), one transaction per report as the service
// does. Prints, over each tenth of the run, events per second (wall
// clock: on a shared machine dominated by fsync and noisy) and the
// process's CPU microseconds per event (what matching adds shows there),
// so the cost of looking up candidate incidents in a large store shows as
// a slope.
//
//   ingest_benchmark [--events=N] [--events_per_report=K] [--retold=F] [--data_dir=DIR]
//
// Events: one of 10 countries, a day in 2015-2024 (a tenth at month and
// a tenth at year precision), one of the 24 categories, two people out of
// 50,000; a share F (0.1) retells an earlier event (the same incident told
// by a later report, at the same or a coarser date), so merging is
// exercised. Each report has K (20) events.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
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

}  // namespace

int main(int argc, char** argv) {
  const int64_t total = FlagValue(argc, argv, "events", 200000);
  const int64_t per_report = FlagValue(argc, argv, "events_per_report", 20);
  const double retold = FlagValue(argc, argv, "retold_percent", 10) / 100.0;
  std::string dir = StringFlag(argc, argv, "data_dir");
  if (dir.empty()) {
    char tmpl[] = "/tmp/cw-ingest-bench-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  auto store = IngestStore::Open(dir);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  std::mt19937_64 rng(42);
  std::vector<v1::Event> told;  // earlier events, for retellings
  std::printf("store dir %s\n  events  events/s  cpu_us/event  (over each tenth)\n", dir.c_str());
  int64_t stored = 0, report_no = 0;
  absl::Time window_start = absl::Now();
  double window_cpu = CpuSeconds();
  int64_t window_events = 0;
  const int64_t window = std::max<int64_t>(total / 10, 1);
  while (stored < total) {
    civicwatch::normalize::NormalizedReport n;
    const std::string country = kCountries[rng() % 10];
    n.report.set_country_code(country);
    n.report.set_title(absl::StrCat("Report ", report_no));
    std::string body = absl::StrCat("Synthetic report ", report_no, ".\n");
    for (int64_t k = 0; k < per_report; ++k) {
      v1::Event e;
      if (!told.empty() && std::uniform_real_distribution<>(0, 1)(rng) < retold) {
        e = told[rng() % told.size()];
        e.clear_provenance();
        if (rng() % 3 == 0) e.mutable_date()->set_day(0);  // "in March"
      } else {
        e.set_country_code(country);
        e.mutable_date()->set_year(2015 + rng() % 10);
        const int precision = rng() % 10;
        if (precision > 0) e.mutable_date()->set_month(1 + rng() % 12);
        if (precision > 1) e.mutable_date()->set_day(1 + rng() % 28);
        e.set_category(static_cast<v1::Category>(1 + rng() % 24));
        e.set_freedom(v1::FREEDOM_EXPRESSION);
        e.set_valence(v1::VALENCE_NEGATIVE);
        for (int p = 0; p < 2; ++p) {
          const int person = rng() % 50000;
          v1::Entity entity;
          entity.set_name(absl::StrFormat("entities/%016x", person));
          entity.set_kind(v1::ENTITY_KIND_PERSON);
          entity.set_display_name(absl::StrCat("Person ", person));
          n.entities.push_back(entity);
          auto* part = e.add_participants();
          part->set_entity(entity.name());
          part->set_display_name(entity.display_name());
          part->set_kind(v1::ENTITY_KIND_PERSON);
        }
        e.set_summary(absl::StrCat("Event ", stored + k, " of report ", report_no, "."));
        if (told.size() < 100000) told.push_back(e);
      }
      const int64_t start = body.size();
      absl::StrAppend(&body, "Sentence ", k, " of the report.\n");
      auto* prov = e.add_provenance();
      prov->set_start_offset(start);
      prov->set_end_offset(body.size() - 1);
      for (const auto& p : e.participants()) {
        v1::Entity entity;
        entity.set_name(p.entity());
        entity.set_kind(v1::ENTITY_KIND_PERSON);
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
      return 1;
    }
    stored += per_report;
    window_events += per_report;
    ++report_no;
    if (window_events >= window) {
      const double secs = absl::ToDoubleSeconds(absl::Now() - window_start);
      const double cpu = CpuSeconds();
      std::printf("%8lld  %8.0f  %12.1f\n", static_cast<long long>(stored), window_events / secs,
                  (cpu - window_cpu) * 1e6 / window_events);
      std::fflush(stdout);
      window_cpu = cpu;
      window_start = absl::Now();
      window_events = 0;
    }
  }
  return 0;
}

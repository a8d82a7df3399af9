// Runs the incident matcher (incident_matching.h) over mentions given as
// JSON lines on stdin, one civicwatch.v1.Event each (proto3 JSON), in the
// order given, the way the ingest store does: each mention joins the
// incident it matches best ("merge"), never one that already holds a
// mention of the same report (provenance[0].report), or starts an
// incident of its own. Prints one JSON line per mention:
//   {"mention": I, "incident": K, "decision": "merge"|"new",
//    "score": S, "evidence": "...", "candidates": [K, ...]}
// where K is the index of the incident's first mention. Used by the merge
// gold set's scorer (services/ingest/testdata/merge/score_merges.py).
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "services/ingest/incident_matching.h"

namespace {

struct Incident {
  int first = 0;
  std::vector<civicwatch::v1::Event> mentions;
  civicwatch::v1::Event reading;
};

std::string ReportOf(const civicwatch::v1::Event& e) {
  return e.provenance_size() > 0 ? e.provenance(0).report() : "";
}

}  // namespace

int main() {
  using civicwatch::ingest::MatchDecision;
  std::vector<Incident> incidents;
  std::string line;
  int index = 0;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    civicwatch::v1::Event mention;
    auto parsed = google::protobuf::util::JsonStringToMessage(line, &mention);
    if (!parsed.ok()) {
      std::cerr << "line " << index + 1 << ": " << parsed.ToString() << "\n";
      return 2;
    }
    int best = -1;
    civicwatch::ingest::MatchResult best_match;
    std::vector<int> candidates;
    for (size_t k = 0; k < incidents.size(); ++k) {
      bool same_report = false;
      for (const auto& m : incidents[k].mentions) same_report |= ReportOf(m) == ReportOf(mention);
      if (same_report) continue;
      auto r = civicwatch::ingest::MatchIncident(mention, incidents[k].reading);
      if (r.decision == MatchDecision::kMerge && (best < 0 || r.score > best_match.score)) {
        best = static_cast<int>(k);
        best_match = r;
      } else if (r.decision == MatchDecision::kCandidate) {
        candidates.push_back(incidents[k].first);
      }
    }
    if (best < 0) {
      Incident fresh;
      fresh.first = index;
      fresh.mentions.push_back(mention);
      fresh.reading = mention;
      incidents.push_back(std::move(fresh));
      std::cout << "{\"mention\": " << index << ", \"incident\": " << index
                << ", \"decision\": \"new\", \"candidates\": [" << absl::StrJoin(candidates, ", ")
                << "]}\n";
    } else {
      Incident& joined = incidents[best];
      joined.mentions.push_back(mention);
      joined.reading = civicwatch::ingest::BestReading(joined.mentions);
      std::cout << "{\"mention\": " << index << ", \"incident\": " << joined.first
                << ", \"decision\": \"merge\", \"score\": " << best_match.score
                << ", \"evidence\": \"" << DescribeEvidence(best_match.evidence)
                << "\", \"candidates\": [" << absl::StrJoin(candidates, ", ") << "]}\n";
    }
    ++index;
  }
  return 0;
}

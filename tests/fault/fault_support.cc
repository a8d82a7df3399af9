#include "tests/fault/fault_support.h"

#include <openssl/sha.h>

#include <cstdlib>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/common/sqlite.h"

namespace civicwatch::fault {
namespace {

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

// Deterministic bytes of a message, for digests and comparisons.
std::string Canonical(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

// An event as both sides serve it: the query side adds quotes.
v1::Event ComparableEvent(v1::Event event) {
  for (auto& p : *event.mutable_provenance()) p.clear_quote();
  return event;
}

// An entity as both sides serve it: the query side adds counts and the
// period of the entity's events.
v1::Entity ComparableEntity(const v1::Entity& entity) {
  v1::Entity out;
  out.set_name(entity.name());
  out.set_kind(entity.kind());
  out.set_display_name(entity.display_name());
  *out.mutable_aliases() = entity.aliases();
  out.set_country_code(entity.country_code());
  *out.mutable_titles() = entity.titles();
  return out;
}

template <typename Map, typename Fn>
std::string DigestOfMap(const Map& map, Fn comparable) {
  std::string all;
  for (const auto& [name, value] : map) {
    absl::StrAppend(&all, name, "\n", Sha256Hex(Canonical(comparable(value))), "\n");
  }
  return Sha256Hex(all);
}

std::string DigestOfCounts(const std::map<std::string, int64_t>& counts) {
  std::string all;
  for (const auto& [name, n] : counts) absl::StrAppend(&all, name, " ", n, "\n");
  return Sha256Hex(all);
}

std::map<std::string, int64_t> EventCounts(const IngestSnapshot& s) {
  std::map<std::string, int64_t> counts;
  for (const auto& [name, r] : s.reports) counts[name] = r.event_count();
  return counts;
}

template <typename Map, typename Fn>
std::string FirstMapDifference(absl::string_view what, const Map& truth, const Map& replica,
                               Fn comparable) {
  for (const auto& [name, value] : truth) {
    auto it = replica.find(name);
    if (it == replica.end()) return absl::StrCat(what, " ", name, " is missing from the replica");
    if (Canonical(comparable(value)) != Canonical(comparable(it->second))) {
      return absl::StrCat(what, " ", name, " differs:\n  ingest: ",
                          comparable(value).ShortDebugString(), "\n  query:  ",
                          comparable(it->second).ShortDebugString());
    }
  }
  for (const auto& [name, value] : replica) {
    if (!truth.count(name)) return absl::StrCat(what, " ", name, " is only in the replica");
  }
  return "";
}

}  // namespace

std::shared_ptr<grpc::Channel> FreshChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

std::chrono::system_clock::time_point DeadlineIn(absl::Duration timeout) {
  return std::chrono::system_clock::now() + absl::ToChronoMicroseconds(timeout);
}

std::string ReportBody(int writer, int seq) {
  static const char* kMonths[] = {"January", "March", "May", "July", "September", "November"};
  return absl::StrCat(
      "Kazakhstan: civic space update ", writer, "-", seq, "\n\n", "On ", 1 + seq % 27, " ",
      kMonths[seq % 6], " 2021, police in Almaty detained activist Erlan Nurtayev", writer,
      " after a peaceful picket.\n\n", "In ", kMonths[(seq + 3) % 6],
      " 2020, journalist Saule Amanova", seq, " was fined for a post criticising local officials.\n");
}

grpc::Status SubmitReport(const std::string& ingest_address, const std::string& body,
                          const std::string& request_id, v1::CreateReportResponse* response,
                          absl::Duration timeout) {
  auto stub = v1::IngestService::NewStub(FreshChannel(ingest_address));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(timeout));
  v1::CreateReportRequest req;
  req.mutable_report()->set_body(body);
  req.set_request_id(request_id);
  return stub->CreateReport(&ctx, req, response);
}

absl::StatusOr<IngestSnapshot> ReadIngest(const std::string& ingest_address) {
  IngestSnapshot snapshot;
  auto stub = v1::ChangeFeed::NewStub(FreshChannel(ingest_address));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(absl::Seconds(60)));
  v1::WatchChangesRequest req;
  req.set_max_batch_size(5000);
  auto reader = stub->WatchChanges(&ctx, req);
  v1::WatchChangesResponse resp;
  int64_t last = 0;
  bool caught_up = false;
  while (reader->Read(&resp)) {
    snapshot.head_sequence = resp.head_sequence();
    for (const auto& c : resp.changes()) {
      if (c.sequence() <= last) {
        ctx.TryCancel();
        reader->Finish().IgnoreError();
        return absl::InternalError(absl::StrCat("sequence went back from ", last, " to ",
                                                c.sequence()));
      }
      last = c.sequence();
      const std::string& name = c.resource_name();
      if (c.type() == v1::CHANGE_TYPE_DELETE) {
        snapshot.reports.erase(name);
        snapshot.events.erase(name);
        snapshot.entities.erase(name);
      } else if (c.has_report()) {
        snapshot.reports[name] = c.report();
      } else if (c.has_event()) {
        snapshot.events[name] = c.event();
      } else if (c.has_entity()) {
        snapshot.entities[name] = c.entity();
      }
    }
    if (resp.changes().empty() || last >= resp.head_sequence()) {
      caught_up = true;
      break;
    }
  }
  ctx.TryCancel();
  grpc::Status status = reader->Finish();
  if (!caught_up) {
    return absl::UnavailableError(absl::StrCat("feed ended before its head: ",
                                               status.error_message()));
  }
  snapshot.head_sequence = last;
  return snapshot;
}

int64_t HeadSequence(const std::string& ingest_address) {
  auto stub = v1::ChangeFeed::NewStub(FreshChannel(ingest_address));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
  v1::WatchChangesRequest req;
  req.set_max_batch_size(1);
  auto reader = stub->WatchChanges(&ctx, req);
  v1::WatchChangesResponse resp;
  int64_t head = -1;
  if (reader->Read(&resp)) head = resp.head_sequence();
  ctx.TryCancel();
  reader->Finish().IgnoreError();
  return head;
}

absl::StatusOr<ReplicaSnapshot> ReadReplica(const std::string& query_address,
                                            const IngestSnapshot& truth) {
  ReplicaSnapshot snapshot;
  auto stub = v1::QueryService::NewStub(FreshChannel(query_address));
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(60)));
    auto reader = stub->ExportEvents(&ctx, v1::ExportEventsRequest());
    v1::ExportEventsResponse resp;
    while (reader->Read(&resp)) snapshot.events[resp.event().name()] = resp.event();
    grpc::Status s = reader->Finish();
    if (!s.ok()) {
      return absl::UnavailableError(absl::StrCat("ExportEvents: ", s.error_message()));
    }
  }
  for (const auto& [name, unused] : truth.entities) {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
    v1::GetEntityRequest req;
    req.set_name(name);
    v1::Entity entity;
    grpc::Status s = stub->GetEntity(&ctx, req, &entity);
    if (s.error_code() == grpc::NOT_FOUND) continue;
    if (!s.ok()) return absl::UnavailableError(absl::StrCat("GetEntity: ", s.error_message()));
    snapshot.entities[name] = entity;
  }
  for (const auto& [name, unused] : truth.reports) {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
    v1::ListEventsRequest req;
    req.mutable_filter()->add_reports(name);
    req.set_page_size(1);
    v1::ListEventsResponse resp;
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    if (!s.ok()) return absl::UnavailableError(absl::StrCat("ListEvents: ", s.error_message()));
    snapshot.events_per_report[name] = resp.total_size();
  }
  return snapshot;
}

Digest DigestOf(const IngestSnapshot& s) {
  return Digest{DigestOfMap(s.events, ComparableEvent),
                DigestOfMap(s.entities, ComparableEntity), DigestOfCounts(EventCounts(s))};
}

Digest DigestOf(const ReplicaSnapshot& s) {
  return Digest{DigestOfMap(s.events, ComparableEvent),
                DigestOfMap(s.entities, ComparableEntity), DigestOfCounts(s.events_per_report)};
}

std::string FirstDifference(const IngestSnapshot& truth, const ReplicaSnapshot& replica) {
  std::string diff = FirstMapDifference("event", truth.events, replica.events, ComparableEvent);
  if (diff.empty()) {
    diff = FirstMapDifference("entity", truth.entities, replica.entities, ComparableEntity);
  }
  if (diff.empty()) {
    for (const auto& [name, n] : EventCounts(truth)) {
      auto it = replica.events_per_report.find(name);
      int64_t have = it == replica.events_per_report.end() ? -1 : it->second;
      if (have != n) {
        diff = absl::StrCat("report ", name, " has ", n, " events at ingest, ", have,
                            " in the replica");
        break;
      }
    }
  }
  return diff;
}

std::string WaitForReplicaToMatch(const std::string& ingest_address,
                                  const std::string& query_address, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string last = "never compared";
  while (absl::Now() < deadline) {
    auto truth = ReadIngest(ingest_address);
    if (!truth.ok()) {
      last = absl::StrCat("ingest: ", truth.status().ToString());
    } else {
      auto replica = ReadReplica(query_address, *truth);
      if (!replica.ok()) {
        last = absl::StrCat("query: ", replica.status().ToString());
      } else if (DigestOf(*truth) == DigestOf(*replica)) {
        return "";
      } else {
        last = FirstDifference(*truth, *replica);
        if (last.empty()) last = "digests differ";
      }
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return last;
}

std::string HealthOf(const std::string& address, const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(FreshChannel(address));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(absl::Seconds(5)));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status s = stub->Check(&ctx, req, &resp);
  if (!s.ok()) return absl::StrCat("error ", s.error_code());
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status());
}

bool WaitFor(const std::function<bool()>& done, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

std::string IntegrityCheck(const std::string& path) {
  auto db = sqlite::Database::Open(path, /*read_only=*/true);
  if (!db.ok()) return db.status().ToString();
  auto check = (*db)->Prepare("PRAGMA integrity_check");
  if (!check.ok()) return check.status().ToString();
  std::string result;
  while (true) {
    auto row = check->Step();
    if (!row.ok()) return row.status().ToString();
    if (!*row) break;
    absl::StrAppend(&result, result.empty() ? "" : "; ", check->ColumnText(0));
  }
  return result;
}

int EnvInt(const char* name, int fallback) {
  const char* env = std::getenv(name);
  int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : fallback;
}

}  // namespace civicwatch::fault

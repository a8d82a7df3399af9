// A table of hostile and malformed requests over every method of the two
// services. Each case states the exact status code and the field a
// google.rpc.BadRequest in the status details must name ("" when the code
// carries no field), and the test checks that the case wrote nothing (the
// change feed's head is unchanged) and that the service still answers a
// good request next.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <signal.h>

#include <climits>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/violated_field.h"

namespace civicwatch::fault {
namespace {

using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;
using civicwatch::testing::ViolatedField;

struct Stubs {
  std::unique_ptr<v1::IngestService::Stub> ingest;
  std::unique_ptr<v1::ChangeFeed::Stub> feed;
  std::unique_ptr<v1::QueryService::Stub> query;
  std::shared_ptr<grpc::Channel> query_channel;
  // A report stored before the cases run, and page tokens issued for it.
  std::string seed_body;
  std::string seed_request_id;
  std::string seed_report;
  std::string seed_event;
  std::string seed_entity;
  std::string list_events_token;    // ListEvents, empty filter, page_size 1
  std::string export_resume_token;  // ExportEvents, empty filter
  std::string list_reports_token;   // ListReports, no country, page_size 1
};

enum class Server { kIngest, kQuery };

struct Case {
  std::string method;
  std::string name;
  Server server;
  std::function<grpc::Status(Stubs&, grpc::ClientContext&)> call;
  grpc::StatusCode code;
  std::string field;
};

const std::string kGoodBody =
    "Kyrgyzstan: update\n\nOn 7th September 2018 human rights defender Aibek Ulanov was "
    "detained by police in Bishkek.";

void Expire(grpc::ClientContext& ctx) {
  ctx.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
}

// --- One helper per method: a case is a change to a good request. ---

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> CreateReport(Mutate mutate) {
  return [mutate](Stubs& s, grpc::ClientContext& ctx) {
    v1::CreateReportRequest req;
    req.mutable_report()->set_body(kGoodBody + " Case.");
    mutate(req, s, ctx);
    v1::CreateReportResponse resp;
    return s.ingest->CreateReport(&ctx, req, &resp);
  };
}

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> NormalizeReport(Mutate mutate) {
  return [mutate](Stubs& s, grpc::ClientContext& ctx) {
    v1::NormalizeReportRequest req;
    req.mutable_report()->set_body(kGoodBody);
    mutate(req, ctx);
    v1::NormalizeReportResponse resp;
    return s.ingest->NormalizeReport(&ctx, req, &resp);
  };
}

std::function<grpc::Status(Stubs&, grpc::ClientContext&)> GetReport(std::string name) {
  return [name](Stubs& s, grpc::ClientContext& ctx) {
    v1::GetReportRequest req;
    req.set_name(name);
    v1::Report resp;
    return s.ingest->GetReport(&ctx, req, &resp);
  };
}

// `expect_count` -1 means any number; kAll means every match on one page.
constexpr int kAll = -2;

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> ListReports(Mutate mutate,
                                                                       int expect_count = -1) {
  return [mutate, expect_count](Stubs& s, grpc::ClientContext& ctx) {
    v1::ListReportsRequest req;
    mutate(req, s, ctx);
    v1::ListReportsResponse resp;
    grpc::Status status = s.ingest->ListReports(&ctx, req, &resp);
    if (status.ok() && expect_count == kAll) {
      EXPECT_GT(resp.reports_size(), 0);
      EXPECT_EQ(resp.reports_size(), resp.total_size());
      EXPECT_EQ(resp.next_page_token(), "");
    } else if (status.ok() && expect_count >= 0) {
      EXPECT_EQ(resp.reports_size(), expect_count);
    }
    return status;
  };
}

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> WatchChanges(Mutate mutate) {
  return [mutate](Stubs& s, grpc::ClientContext& ctx) {
    v1::WatchChangesRequest req;
    bool cancel_after_first = false;
    mutate(req, ctx, cancel_after_first);
    auto reader = s.feed->WatchChanges(&ctx, req);
    v1::WatchChangesResponse resp;
    while (reader->Read(&resp)) {
      if (cancel_after_first) ctx.TryCancel();
    }
    return reader->Finish();
  };
}

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> ListEvents(Mutate mutate,
                                                                      int expect_count = -1) {
  return [mutate, expect_count](Stubs& s, grpc::ClientContext& ctx) {
    v1::ListEventsRequest req;
    mutate(req, s, ctx);
    v1::ListEventsResponse resp;
    grpc::Status status = s.query->ListEvents(&ctx, req, &resp);
    if (status.ok() && expect_count >= 0) {
      EXPECT_EQ(resp.events_size(), expect_count);
      EXPECT_EQ(resp.total_size(), expect_count);
    }
    return status;
  };
}

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> ExportEvents(Mutate mutate,
                                                                        int expect_count = -1) {
  return [mutate, expect_count](Stubs& s, grpc::ClientContext& ctx) {
    v1::ExportEventsRequest req;
    bool cancel_after_first = false;
    mutate(req, s, ctx, cancel_after_first);
    auto reader = s.query->ExportEvents(&ctx, req);
    v1::ExportEventsResponse resp;
    int n = 0;
    while (reader->Read(&resp)) {
      n++;
      if (cancel_after_first) ctx.TryCancel();
    }
    grpc::Status status = reader->Finish();
    if (status.ok() && expect_count >= 0) EXPECT_EQ(n, expect_count);
    return status;
  };
}

std::function<grpc::Status(Stubs&, grpc::ClientContext&)> GetEvent(std::string name) {
  return [name](Stubs& s, grpc::ClientContext& ctx) {
    v1::GetEventRequest req;
    req.set_name(name);
    v1::Event resp;
    return s.query->GetEvent(&ctx, req, &resp);
  };
}

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> Statistics(Mutate mutate,
                                                                      int expect_total = -1) {
  return [mutate, expect_total](Stubs& s, grpc::ClientContext& ctx) {
    v1::ComputeStatisticsRequest req;
    req.add_group_by(v1::STATISTICS_DIMENSION_CATEGORY);
    mutate(req, ctx);
    v1::ComputeStatisticsResponse resp;
    grpc::Status status = s.query->ComputeStatistics(&ctx, req, &resp);
    if (status.ok() && expect_total >= 0) {
      EXPECT_EQ(resp.total(), expect_total);
      EXPECT_EQ(resp.rows_size(), 0);
    }
    return status;
  };
}

std::function<grpc::Status(Stubs&, grpc::ClientContext&)> GetEntity(std::string name) {
  return [name](Stubs& s, grpc::ClientContext& ctx) {
    v1::GetEntityRequest req;
    req.set_name(name);
    v1::Entity resp;
    return s.query->GetEntity(&ctx, req, &resp);
  };
}

template <typename Mutate>
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> ListEntities(Mutate mutate) {
  return [mutate](Stubs& s, grpc::ClientContext& ctx) {
    v1::ListEntitiesRequest req;
    mutate(req, s, ctx);
    v1::ListEntitiesResponse resp;
    return s.query->ListEntities(&ctx, req, &resp);
  };
}

// Sends `bytes` as the request of `method` ("/civicwatch.v1.QueryService/
// ListEvents"), whatever they are, as a client with its own encoder might.
std::function<grpc::Status(Stubs&, grpc::ClientContext&)> RawQueryCall(std::string method,
                                                                        std::string bytes) {
  return [method, bytes](Stubs& s, grpc::ClientContext& ctx) {
    grpc::GenericStub stub(s.query_channel);
    grpc::CompletionQueue cq;
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::Status status;
    auto call = stub.PrepareUnaryCall(&ctx, method, request, &cq);
    call->StartCall();
    call->Finish(&response, &status, reinterpret_cast<void*>(1));
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&tag, &ok));
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
    return status;
  };
}

// Sets a partial date.
void SetDate(v1::PartialDate* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

// A syntactically valid token (URL-safe base64) that this service never
// issued.
std::string ForgedToken() { return absl::WebSafeBase64Escape("forged cursor: last=zzz"); }

std::vector<Case> Matrix() {
  using R = v1::CreateReportRequest;
  using N = v1::NormalizeReportRequest;
  using LR = v1::ListReportsRequest;
  using W = v1::WatchChangesRequest;
  using LE = v1::ListEventsRequest;
  using X = v1::ExportEventsRequest;
  using CS = v1::ComputeStatisticsRequest;
  using LN = v1::ListEntitiesRequest;
  using C = grpc::ClientContext;
  const auto IA = grpc::INVALID_ARGUMENT;
  const Server kI = Server::kIngest;
  const Server kQ = Server::kQuery;
  std::vector<Case> m;
  auto add = [&](std::string method, std::string name, Server server,
                 std::function<grpc::Status(Stubs&, C&)> call, grpc::StatusCode code,
                 std::string field) {
    m.push_back({std::move(method), std::move(name), server, std::move(call), code,
                 std::move(field)});
  };

  // CreateReport.
  const std::string cr = "CreateReport";
  add(cr, "no report", kI, CreateReport([](R& r, Stubs&, C&) { r.clear_report(); }), IA, "report");
  add(cr, "empty body", kI, CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->clear_body(); }),
      IA, "report.body");
  add(cr, "whitespace body", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_body(" \n\t\r "); }), IA,
      "report.body");
  add(cr, "body over 4 MiB", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_body(std::string(4200000, 'a')); }),
      grpc::RESOURCE_EXHAUSTED, "report.body");
  // The request may reach 21 MiB with a document; everything else in it
  // keeps the 8 MiB bound.
  add(cr, "request over the 8 MiB message limit", kI,
      CreateReport([](R& r, Stubs&, C&) {
        for (int i = 0; i < 9; ++i) r.mutable_report()->add_publishers(std::string(1 << 20, 'p'));
      }),
      grpc::RESOURCE_EXHAUSTED, "report.publishers[0]");
  add(cr, "request over the 21 MiB message limit", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->clear_body();
        r.mutable_report()->mutable_original()->set_content(std::string(22u << 20, 'd'));
      }),
      grpc::RESOURCE_EXHAUSTED, "");
  add(cr, "original over 20 MiB", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->clear_body();
        r.mutable_report()->mutable_original()->set_content(std::string((20u << 20) + 1, 'd'));
      }),
      grpc::RESOURCE_EXHAUSTED, "report.original.content");
  add(cr, "body and original both", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->mutable_original()->set_content("On 3 May 2021 police detained X.");
      }),
      IA, "report.body");
  add(cr, "corrupt PDF original", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->clear_body();
        r.mutable_report()->mutable_original()->set_content("%PDF-1.7\n1 0 obj << /Type");
      }),
      IA, "report.original.content");
  add(cr, "invalid UTF-8 body", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_body(kGoodBody + "\xff\xfe"); }),
      IA, "report.body");
  add(cr, "overlong UTF-8 encoding", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_body(kGoodBody + "\xc0\xaf"); }),
      IA, "report.body");
  add(cr, "UTF-16 surrogate in body", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_body(kGoodBody + "\xed\xa0\x80"); }),
      IA, "report.body");
  add(cr, "invalid UTF-8 title", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_title("T\xff"); }), IA,
      "report.title");
  add(cr, "invalid UTF-8 in second publisher", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->add_publishers("IPHR");
        r.mutable_report()->add_publishers("\x80");
      }),
      IA, "report.publishers[1]");
  add(cr, "invalid UTF-8 source_uri", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_source_uri("https://x/\xfe"); }),
      IA, "report.source_uri");
  add(cr, "invalid UTF-8 request_id", kI,
      CreateReport([](R& r, Stubs&, C&) { r.set_request_id("id-\xff"); }), IA, "request_id");
  add(cr, "NUL byte in body", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->set_body(kGoodBody + std::string("\0tail", 5));
      }),
      IA, "report.body");
  add(cr, "NUL byte in title", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_title(std::string("a\0b", 3)); }),
      IA, "report.title");
  add(cr, "unknown country code", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_country_code("ZZ"); }), IA,
      "report.country_code");
  add(cr, "lower-case country code", kI,
      CreateReport([](R& r, Stubs&, C&) { r.mutable_report()->set_country_code("kg"); }), IA,
      "report.country_code");
  add(cr, "coverage month 13", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_coverage_start(), 2018, 13, 0); }),
      IA, "report.coverage_start.month");
  add(cr, "coverage day 32", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_coverage_start(), 2018, 1, 32); }),
      IA, "report.coverage_start.day");
  add(cr, "coverage 30 February", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_coverage_end(), 2018, 2, 30); }),
      IA, "report.coverage_end.day");
  add(cr, "coverage day without month", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_coverage_start(), 2018, 0, 5); }),
      IA, "report.coverage_start.day");
  add(cr, "coverage year 0 with a month", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_coverage_start(), 0, 6, 1); }),
      IA, "report.coverage_start.year");
  add(cr, "coverage year 99999", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_coverage_end(), 99999, 0, 0); }),
      IA, "report.coverage_end.year");
  add(cr, "negative published month", kI,
      CreateReport([](R& r, Stubs&, C&) { SetDate(r.mutable_report()->mutable_published_date(), 2018, -1, 0); }),
      IA, "report.published_date.month");
  add(cr, "coverage ends before it starts", kI,
      CreateReport([](R& r, Stubs&, C&) {
        SetDate(r.mutable_report()->mutable_coverage_start(), 2019, 0, 0);
        SetDate(r.mutable_report()->mutable_coverage_end(), 2018, 0, 0);
      }),
      IA, "report.coverage_end");
  add(cr, "unknown confidentiality value", kI,
      CreateReport([](R& r, Stubs&, C&) {
        r.mutable_report()->set_confidentiality(static_cast<v1::Confidentiality>(99));
      }),
      IA, "report.confidentiality");
  add(cr, "request_id over 128 characters", kI,
      CreateReport([](R& r, Stubs&, C&) { r.set_request_id(std::string(129, 'x')); }), IA,
      "request_id");
  add(cr, "request_id reused for another body", kI,
      CreateReport([](R& r, Stubs& s, C&) { r.set_request_id(s.seed_request_id); }), IA,
      "request_id");
  add(cr, "deadline already expired", kI, CreateReport([](R&, Stubs&, C& c) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // NormalizeReport: the same checks, and it never stores anything.
  const std::string nr = "NormalizeReport";
  add(nr, "no report", kI, NormalizeReport([](N& r, C&) { r.clear_report(); }), IA, "report");
  add(nr, "empty body", kI, NormalizeReport([](N& r, C&) { r.mutable_report()->clear_body(); }), IA,
      "report.body");
  add(nr, "body over 4 MiB", kI,
      NormalizeReport([](N& r, C&) { r.mutable_report()->set_body(std::string(4200000, 'b')); }),
      grpc::RESOURCE_EXHAUSTED, "report.body");
  add(nr, "invalid UTF-8 body", kI,
      NormalizeReport([](N& r, C&) { r.mutable_report()->set_body("\xf8\x88\x80\x80\x80"); }), IA,
      "report.body");
  add(nr, "unknown country code", kI,
      NormalizeReport([](N& r, C&) { r.mutable_report()->set_country_code("XX"); }), IA,
      "report.country_code");
  add(nr, "published month 13", kI,
      NormalizeReport([](N& r, C&) { SetDate(r.mutable_report()->mutable_published_date(), 2020, 13, 1); }),
      IA, "report.published_date.month");
  add(nr, "deadline already expired", kI, NormalizeReport([](N&, C& c) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // GetReport.
  const std::string gr = "GetReport";
  add(gr, "empty name", kI, GetReport(""), IA, "name");
  add(gr, "name of another collection", kI, GetReport("events/abc"), IA, "name");
  add(gr, "collection without id", kI, GetReport("reports/"), IA, "name");
  add(gr, "nested name", kI, GetReport("reports/a/b"), IA, "name");
  add(gr, "unknown report", kI, GetReport("reports/0000000000"), grpc::NOT_FOUND, "");
  add(gr, "10 KB unknown name", kI, GetReport("reports/" + std::string(10000, 'r')),
      grpc::NOT_FOUND, "");
  add(gr, "NUL byte in name", kI, GetReport(std::string("reports/a\0b", 11)), grpc::NOT_FOUND, "");

  // ListReports.
  const std::string lr = "ListReports";
  add(lr, "negative page_size", kI, ListReports([](LR& r, Stubs&, C&) { r.set_page_size(-1); }), IA,
      "page_size");
  add(lr, "most negative page_size", kI,
      ListReports([](LR& r, Stubs&, C&) { r.set_page_size(INT_MIN); }), IA, "page_size");
  add(lr, "huge page_size is capped", kI,
      ListReports([](LR& r, Stubs&, C&) { r.set_page_size(INT_MAX); }, kAll), grpc::OK, "");
  add(lr, "garbage page_token", kI,
      ListReports([](LR& r, Stubs&, C&) { r.set_page_token("%%%not base64%%%"); }), IA, "page_token");
  add(lr, "forged page_token", kI,
      ListReports([](LR& r, Stubs&, C&) { r.set_page_token(ForgedToken()); }), IA, "page_token");
  add(lr, "page_token of another filter", kI,
      ListReports([](LR& r, Stubs& s, C&) {
        r.set_country_code("KG");
        r.set_page_token(s.list_reports_token);
      }),
      IA, "page_token");
  add(lr, "truncated page_token", kI,
      ListReports([](LR& r, Stubs& s, C&) {
        r.set_page_token(s.list_reports_token.substr(0, s.list_reports_token.size() / 2));
      }),
      IA, "page_token");
  add(lr, "country that matches nothing", kI,
      ListReports([](LR& r, Stubs&, C&) { r.set_country_code("AQ"); }, 0), grpc::OK, "");
  add(lr, "deadline already expired", kI, ListReports([](LR&, Stubs&, C& c) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // WatchChanges.
  const std::string wc = "WatchChanges";
  add(wc, "negative after_sequence", kI,
      WatchChanges([](W& r, C&, bool&) { r.set_after_sequence(-5); }), IA, "after_sequence");
  add(wc, "negative max_batch_size", kI,
      WatchChanges([](W& r, C&, bool&) { r.set_max_batch_size(-1); }), IA, "max_batch_size");
  add(wc, "cancelled stream", kI, WatchChanges([](W&, C&, bool& cancel) { cancel = true; }),
      grpc::CANCELLED, "");
  add(wc, "deadline already expired", kI, WatchChanges([](W&, C& c, bool&) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // ImportIncidents (a client stream). Bad records are rejected one by one
  // in the answer (tests/import_test.cc); only the stream itself fails here.
  add("ImportIncidents", "more than 10000 records", kI,
      [](Stubs& s, C& ctx) {
        v1::ImportIncidentsResponse resp;
        auto writer = s.ingest->ImportIncidents(&ctx, &resp);
        v1::IncidentRecord rec;
        rec.set_source("matrix");
        for (int i = 0; i <= 10000; ++i) {
          rec.set_external_id(absl::StrCat("r", i));
          if (!writer->Write(rec)) break;
        }
        writer->WritesDone();
        return writer->Finish();
      },
      grpc::RESOURCE_EXHAUSTED, "records");
  add("ImportIncidents", "cancelled client stream", kI,
      [](Stubs& s, C& ctx) {
        v1::ImportIncidentsResponse resp;
        auto writer = s.ingest->ImportIncidents(&ctx, &resp);
        v1::IncidentRecord rec;
        rec.set_external_id("x");
        writer->Write(rec);
        ctx.TryCancel();
        return writer->Finish();
      },
      grpc::CANCELLED, "");

  // ListEvents.
  const std::string le = "ListEvents";
  add(le, "negative page_size", kQ, ListEvents([](LE& r, Stubs&, C&) { r.set_page_size(-7); }), IA,
      "page_size");
  add(le, "huge page_size is capped", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.set_page_size(INT_MAX); }), grpc::OK, "");
  add(le, "garbage page_token", kQ, ListEvents([](LE& r, Stubs&, C&) { r.set_page_token("@@"); }), IA,
      "page_token");
  add(le, "forged page_token", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.set_page_token(ForgedToken()); }), IA, "page_token");
  add(le, "tampered page_token", kQ,
      ListEvents([](LE& r, Stubs& s, C&) {
        std::string t = s.list_events_token;
        t[t.size() / 2] = t[t.size() / 2] == 'A' ? 'B' : 'A';
        r.set_page_size(1);
        r.set_page_token(t);
      }),
      IA, "page_token");
  add(le, "page_token of another filter", kQ,
      ListEvents([](LE& r, Stubs& s, C&) {
        r.set_page_size(1);
        r.mutable_filter()->add_country_codes("KG");
        r.set_page_token(s.list_events_token);
      }),
      IA, "page_token");
  add(le, "page_token of another order", kQ,
      ListEvents([](LE& r, Stubs& s, C&) {
        r.set_page_size(1);
        r.set_order_by("date desc");
        r.set_page_token(s.list_events_token);
      }),
      IA, "page_token");
  add(le, "unknown country code", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_country_codes("QQ"); }), IA,
      "filter.country_codes[0]");
  add(le, "second country code lower-case", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->add_country_codes("KG");
        r.mutable_filter()->add_country_codes("kz");
      }),
      IA, "filter.country_codes[1]");
  add(le, "501 country codes", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        for (int i = 0; i < 501; ++i) r.mutable_filter()->add_country_codes("KG");
      }),
      IA, "filter.country_codes");
  add(le, "start month 13", kQ,
      ListEvents([](LE& r, Stubs&, C&) { SetDate(r.mutable_filter()->mutable_start_date(), 2019, 13, 0); }),
      IA, "filter.start_date.month");
  add(le, "end day 0 of no month", kQ,
      ListEvents([](LE& r, Stubs&, C&) { SetDate(r.mutable_filter()->mutable_end_date(), 2019, 0, 9); }),
      IA, "filter.end_date.day");
  add(le, "start year 0 with a month", kQ,
      ListEvents([](LE& r, Stubs&, C&) { SetDate(r.mutable_filter()->mutable_start_date(), 0, 3, 0); }),
      IA, "filter.start_date.year");
  add(le, "end year 99999", kQ,
      ListEvents([](LE& r, Stubs&, C&) { SetDate(r.mutable_filter()->mutable_end_date(), 99999, 1, 1); }),
      IA, "filter.end_date.year");
  add(le, "31 April", kQ,
      ListEvents([](LE& r, Stubs&, C&) { SetDate(r.mutable_filter()->mutable_start_date(), 2019, 4, 31); }),
      IA, "filter.start_date.day");
  add(le, "end before start", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        SetDate(r.mutable_filter()->mutable_start_date(), 2019, 5, 0);
        SetDate(r.mutable_filter()->mutable_end_date(), 2019, 4, 0);
      }),
      IA, "filter.end_date");
  add(le, "unknown date_match", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->set_date_match(static_cast<v1::DateMatch>(7));
      }),
      IA, "filter.date_match");
  add(le, "unknown category", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->add_categories(static_cast<v1::Category>(999));
      }),
      IA, "filter.categories[0]");
  add(le, "unspecified category", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_categories(v1::CATEGORY_UNSPECIFIED); }),
      IA, "filter.categories[0]");
  add(le, "negative freedom", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_freedoms(static_cast<v1::Freedom>(-3)); }),
      IA, "filter.freedoms[0]");
  add(le, "unknown valence", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->add_valences(v1::VALENCE_NEGATIVE);
        r.mutable_filter()->add_valences(static_cast<v1::Valence>(42));
      }),
      IA, "filter.valences[1]");
  add(le, "unknown confidentiality", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->add_confidentialities(static_cast<v1::Confidentiality>(9));
      }),
      IA, "filter.confidentialities[0]");
  add(le, "entity name of another collection", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_entities("reports/x"); }), IA,
      "filter.entities[0]");
  add(le, "entity_role without entities", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->set_entity_role(v1::ROLE_VICTIM); }), IA,
      "filter.entity_role");
  add(le, "report name of another collection", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_reports("events/x"); }), IA,
      "filter.reports[0]");
  add(le, "text over 1000 bytes", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->set_text(std::string(1001, 't')); }), IA,
      "filter.text");
  add(le, "unknown order_by", kQ, ListEvents([](LE& r, Stubs&, C&) { r.set_order_by("severity"); }),
      IA, "order_by");
  add(le, "country that matches nothing", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_country_codes("AQ"); }, 0), grpc::OK,
      "");
  add(le, "text that matches nothing", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->set_text("zzyzxqqq"); }, 0), grpc::OK, "");
  add(le, "unknown report matches nothing", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_reports("reports/none"); }, 0),
      grpc::OK, "");
  add(le, "range before any event matches nothing", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        SetDate(r.mutable_filter()->mutable_start_date(), 1, 0, 0);
        SetDate(r.mutable_filter()->mutable_end_date(), 2, 0, 0);
      }, 0),
      grpc::OK, "");
  add(le, "invalid UTF-8 text", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->set_text("ab\xc0\xaf"); }), IA,
      "filter.text");
  add(le, "invalid UTF-8 in second country code", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->add_country_codes("KG");
        r.mutable_filter()->add_country_codes("K\xff");
      }),
      IA, "filter.country_codes[1]");
  add(le, "invalid UTF-8 entity name", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.mutable_filter()->add_entities("entities/\xfe"); }), IA,
      "filter.entities[0]");
  add(le, "invalid UTF-8 report name", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        r.mutable_filter()->add_reports("reports/\xed\xa0\x80");
      }),
      IA, "filter.reports[0]");
  add(le, "invalid UTF-8 order_by", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.set_order_by("date\x80"); }), IA, "order_by");
  add(le, "invalid UTF-8 page_token", kQ,
      ListEvents([](LE& r, Stubs&, C&) { r.set_page_token("\xff\xff"); }), IA, "page_token");
  add(le, "bytes that are not a request", kQ,
      RawQueryCall("/civicwatch.v1.QueryService/ListEvents", "\xff\xff\xff"), IA, "");
  add(le, "request over the 8 MiB message limit", kQ,
      ListEvents([](LE& r, Stubs&, C&) {
        for (int i = 0; i < 9; ++i) r.mutable_filter()->add_entities(std::string(1 << 20, 'e'));
      }),
      grpc::RESOURCE_EXHAUSTED, "");
  add(le, "resume_token of ExportEvents", kQ,
      ListEvents([](LE& r, Stubs& s, C&) { r.set_page_token(s.export_resume_token); }), IA,
      "page_token");
  add(le, "deadline already expired", kQ, ListEvents([](LE&, Stubs&, C& c) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // ExportEvents.
  const std::string ee = "ExportEvents";
  add(ee, "start month 13", kQ,
      ExportEvents([](X& r, Stubs&, C&, bool&) { SetDate(r.mutable_filter()->mutable_start_date(), 2018, 13, 0); }),
      IA, "filter.start_date.month");
  add(ee, "unknown category", kQ,
      ExportEvents([](X& r, Stubs&, C&, bool&) {
        r.mutable_filter()->add_categories(static_cast<v1::Category>(1000));
      }),
      IA, "filter.categories[0]");
  add(ee, "garbage resume_token", kQ,
      ExportEvents([](X& r, Stubs&, C&, bool&) { r.set_resume_token("???"); }), IA, "resume_token");
  add(ee, "resume_token of another filter", kQ,
      ExportEvents([](X& r, Stubs& s, C&, bool&) {
        r.mutable_filter()->add_country_codes("KG");
        r.set_resume_token(s.export_resume_token);
      }),
      IA, "resume_token");
  add(ee, "page_token of ListEvents", kQ,
      ExportEvents([](X& r, Stubs& s, C&, bool&) { r.set_resume_token(s.list_events_token); }), IA,
      "resume_token");
  add(ee, "invalid UTF-8 text", kQ,
      ExportEvents([](X& r, Stubs&, C&, bool&) { r.mutable_filter()->set_text("\xc3"); }), IA,
      "filter.text");
  add(ee, "bytes that are not a request", kQ,
      RawQueryCall("/civicwatch.v1.QueryService/ExportEvents", "\x0a\x05" "ab"), IA, "");
  add(ee, "invalid UTF-8 resume_token", kQ,
      ExportEvents([](X& r, Stubs&, C&, bool&) { r.set_resume_token("abc\xfe"); }), IA,
      "resume_token");
  add(ee, "filter that matches nothing", kQ,
      ExportEvents([](X& r, Stubs&, C&, bool&) { r.mutable_filter()->add_country_codes("AQ"); }, 0),
      grpc::OK, "");
  add(ee, "cancelled stream", kQ,
      ExportEvents([](X&, Stubs&, C&, bool& cancel) { cancel = true; }), grpc::CANCELLED, "");
  add(ee, "deadline already expired", kQ, ExportEvents([](X&, Stubs&, C& c, bool&) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // GetEvent.
  add("GetEvent", "empty name", kQ, GetEvent(""), IA, "name");
  add("GetEvent", "name of another collection", kQ, GetEvent("reports/abc"), IA, "name");
  add("GetEvent", "nested name", kQ, GetEvent("events/a/b"), IA, "name");
  add("GetEvent", "unknown event", kQ, GetEvent("events/doesnotexist"), grpc::NOT_FOUND, "");
  add("GetEvent", "10 KB name of another collection", kQ, GetEvent(std::string(10000, 'x')), IA,
      "name");
  add("GetEvent", "invalid UTF-8 name", kQ, GetEvent("events/\xfe"), IA, "name");
  add("GetEvent", "invalid UTF-8 name sent raw", kQ,
      RawQueryCall("/civicwatch.v1.QueryService/GetEvent", "\x0a\x03\x65\xff\x73"), IA, "name");
  add("GetEvent", "10 KB name", kQ, GetEvent("events/" + std::string(10000, 'e')), grpc::NOT_FOUND,
      "");

  // ComputeStatistics.
  const std::string st = "ComputeStatistics";
  add(st, "no group_by", kQ, Statistics([](CS& r, C&) { r.clear_group_by(); }), IA, "group_by");
  add(st, "four dimensions", kQ,
      Statistics([](CS& r, C&) {
        r.add_group_by(v1::STATISTICS_DIMENSION_YEAR);
        r.add_group_by(v1::STATISTICS_DIMENSION_COUNTRY);
        r.add_group_by(v1::STATISTICS_DIMENSION_FREEDOM);
      }),
      IA, "group_by");
  add(st, "unspecified dimension", kQ,
      Statistics([](CS& r, C&) {
        r.clear_group_by();
        r.add_group_by(v1::STATISTICS_DIMENSION_UNSPECIFIED);
      }),
      IA, "group_by[0]");
  add(st, "unknown dimension", kQ,
      Statistics([](CS& r, C&) { r.add_group_by(static_cast<v1::StatisticsDimension>(77)); }), IA,
      "group_by[1]");
  add(st, "repeated dimension", kQ,
      Statistics([](CS& r, C&) { r.add_group_by(v1::STATISTICS_DIMENSION_CATEGORY); }), IA,
      "group_by[1]");
  add(st, "unknown country in filter", kQ,
      Statistics([](CS& r, C&) { r.mutable_filter()->add_country_codes("ZZ"); }), IA,
      "filter.country_codes[0]");
  add(st, "filter end year 99999", kQ,
      Statistics([](CS& r, C&) { SetDate(r.mutable_filter()->mutable_end_date(), 99999, 0, 0); }), IA,
      "filter.end_date.year");
  add(st, "invalid UTF-8 text in filter", kQ,
      Statistics([](CS& r, C&) { r.mutable_filter()->set_text("\xf8\x88\x80\x80\x80"); }), IA,
      "filter.text");
  add(st, "filter that matches nothing", kQ,
      Statistics([](CS& r, C&) { r.mutable_filter()->add_country_codes("AQ"); }, 0), grpc::OK, "");
  add(st, "deadline already expired", kQ, Statistics([](CS&, C& c) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");

  // GetEntity.
  add("GetEntity", "empty name", kQ, GetEntity(""), IA, "name");
  add("GetEntity", "name of another collection", kQ, GetEntity("events/x"), IA, "name");
  add("GetEntity", "invalid UTF-8 name", kQ, GetEntity("entities/\xc0\xaf"), IA, "name");
  add("GetEntity", "unknown entity", kQ, GetEntity("entities/nobody"), grpc::NOT_FOUND, "");

  // ListEntities.
  const std::string ln = "ListEntities";
  add(ln, "query over 1000 bytes", kQ,
      ListEntities([](LN& r, Stubs&, C&) { r.set_query(std::string(1001, 'q')); }), IA, "query");
  add(ln, "unknown kind", kQ,
      ListEntities([](LN& r, Stubs&, C&) { r.set_kind(static_cast<v1::EntityKind>(99)); }), IA,
      "kind");
  add(ln, "negative page_size", kQ,
      ListEntities([](LN& r, Stubs&, C&) { r.set_page_size(-1); }), IA, "page_size");
  add(ln, "forged page_token", kQ,
      ListEntities([](LN& r, Stubs&, C&) { r.set_page_token(ForgedToken()); }), IA, "page_token");
  add(ln, "page_token of ListEvents", kQ,
      ListEntities([](LN& r, Stubs& s, C&) { r.set_page_token(s.list_events_token); }), IA,
      "page_token");
  add(ln, "invalid UTF-8 query", kQ,
      ListEntities([](LN& r, Stubs&, C&) { r.set_query("Ask\xff"); }), IA, "query");
  add(ln, "invalid UTF-8 page_token", kQ,
      ListEntities([](LN& r, Stubs&, C&) { r.set_page_token("\x80"); }), IA, "page_token");
  m.push_back({"ListReports", "unknown country code", Server::kIngest,
               ListReports([](v1::ListReportsRequest& r, Stubs&, grpc::ClientContext&) {
                 r.set_country_code("ZZ");
               }),
               grpc::INVALID_ARGUMENT, "country_code"});
  m.push_back({"GetReport", "invalid UTF-8 name", Server::kIngest, GetReport("reports/\xff"),
               grpc::INVALID_ARGUMENT, "name"});
  return m;
}

class BadInputMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("cw-bad-matrix"));
    auto servers = testing::StartIngestAndQuery(*dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = servers->ingest.release();
    query_ = servers->query.release();
  }
  static void TearDownTestSuite() {
    // Both servers shut down cleanly after all that.
    EXPECT_EQ(query_->Stop(SIGTERM), 0) << query_->ReadLog();
    EXPECT_EQ(ingest_->Stop(SIGTERM), 0) << ingest_->ReadLog();
    delete query_;
    delete ingest_;
    delete dir_;
  }

  void SetUp() override {
    stubs_.ingest = v1::IngestService::NewStub(FreshChannel(ingest_->address()));
    stubs_.feed = v1::ChangeFeed::NewStub(FreshChannel(ingest_->address()));
    stubs_.query_channel = FreshChannel(query_->address());
    stubs_.query = v1::QueryService::NewStub(stubs_.query_channel);
  }

  // Stores two reports and collects page tokens issued for them.
  void Seed() {
    stubs_.seed_body = kGoodBody;
    stubs_.seed_request_id = "seed";
    v1::CreateReportResponse first;
    grpc::Status s = SubmitReport(ingest_->address(), kGoodBody, "seed", &first);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_GT(first.events_size(), 0);
    stubs_.seed_report = first.report().name();
    stubs_.seed_event = first.events(0).name();
    v1::CreateReportResponse second;
    ASSERT_TRUE(SubmitReport(ingest_->address(), ReportBody(1, 1), "seed-2", &second).ok());
    ASSERT_EQ(WaitForReplicaToMatch(ingest_->address(), query_->address()), "");
    {
      grpc::ClientContext ctx;
      v1::ListEventsRequest req;
      req.set_page_size(1);
      v1::ListEventsResponse resp;
      ASSERT_TRUE(stubs_.query->ListEvents(&ctx, req, &resp).ok());
      stubs_.list_events_token = resp.next_page_token();
      ASSERT_FALSE(stubs_.list_events_token.empty());
    }
    {
      grpc::ClientContext ctx;
      auto reader = stubs_.query->ExportEvents(&ctx, v1::ExportEventsRequest());
      v1::ExportEventsResponse resp;
      ASSERT_TRUE(reader->Read(&resp));
      stubs_.export_resume_token = resp.resume_token();
      while (reader->Read(&resp)) {
      }
      ASSERT_TRUE(reader->Finish().ok());
    }
    {
      grpc::ClientContext ctx;
      v1::ListReportsRequest req;
      req.set_page_size(1);
      v1::ListReportsResponse resp;
      ASSERT_TRUE(stubs_.ingest->ListReports(&ctx, req, &resp).ok());
      stubs_.list_reports_token = resp.next_page_token();
      ASSERT_FALSE(stubs_.list_reports_token.empty());
    }
  }

  // A good request to `server` succeeds.
  void ExpectStillServing(Server server, const std::string& label) {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
    grpc::Status s;
    if (server == Server::kIngest) {
      v1::GetReportRequest req;
      req.set_name(stubs_.seed_report);
      v1::Report resp;
      s = stubs_.ingest->GetReport(&ctx, req, &resp);
    } else {
      v1::GetEventRequest req;
      req.set_name(stubs_.seed_event);
      v1::Event resp;
      s = stubs_.query->GetEvent(&ctx, req, &resp);
    }
    EXPECT_TRUE(s.ok()) << label << ": the next good request failed: " << s.error_message();
  }

  // Runs each case: its code, its field, nothing written, still serving.
  void RunCases(const std::vector<Case>& cases, std::map<std::string, int>& per_method) {
    for (const Case& c : cases) {
      const std::string label = absl::StrCat(c.method, " / ", c.name);
      SCOPED_TRACE(label);
      per_method[c.method]++;
      const int64_t head = HeadSequence(ingest_->address());
      ASSERT_GT(head, 0);
      grpc::ClientContext ctx;
      ctx.set_deadline(DeadlineIn(absl::Seconds(20)));
      grpc::Status s = c.call(stubs_, ctx);
      EXPECT_EQ(s.error_code(), c.code) << label << ": " << s.error_message();
      EXPECT_EQ(ViolatedField(s), c.field) << label << ": " << s.error_message();
      EXPECT_EQ(HeadSequence(ingest_->address()), head) << label << " wrote something";
      ExpectStillServing(c.server, label);
    }
  }

  static std::string* dir_;
  static ServerProcess* ingest_;
  static ServerProcess* query_;
  Stubs stubs_;
};

std::string* BadInputMatrixTest::dir_ = nullptr;
ServerProcess* BadInputMatrixTest::ingest_ = nullptr;
ServerProcess* BadInputMatrixTest::query_ = nullptr;

TEST_F(BadInputMatrixTest, EveryCaseGetsItsCodeAndFieldAndWritesNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::vector<Case> cases = Matrix();
  ASSERT_GE(cases.size(), 60u);
  std::map<std::string, int> per_method;
  RunCases(cases, per_method);
  std::cerr << "bad-input matrix: " << cases.size() << " cases;";
  for (const auto& [method, n] : per_method) std::cerr << " " << method << " " << n;
  std::cerr << "\n";
}

}  // namespace
}  // namespace civicwatch::fault

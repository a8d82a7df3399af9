// The bad-input matrix's cases of IngestService and ChangeFeed: one
// function per method, each row a change to a good request.
#include <climits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/fault/bad_input_case.h"

namespace civicwatch::fault {
namespace {

// Short names keep each row of the tables on few lines.
using R = v1::CreateReportRequest;
using N = v1::NormalizeReportRequest;
using LR = v1::ListReportsRequest;
using W = v1::WatchChangesRequest;
using C = grpc::ClientContext;
constexpr grpc::StatusCode IA = grpc::INVALID_ARGUMENT;
constexpr Server kI = Server::kIngest;

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

// CreateReport: a missing, oversized or unreadable body or original, text that
// is not UTF-8 and NUL bytes.
void AddCreateReportBodyCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

// CreateReport: the report's other fields and the request's own.
void AddCreateReportFieldCases(std::vector<Case>& m) {
  CaseTable add(m);
  const std::string cr = "CreateReport";
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
}

// NormalizeReport: the same checks, and it never stores anything.
void AddNormalizeReportCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

// GetReport.
void AddGetReportCases(std::vector<Case>& m) {
  CaseTable add(m);
  const std::string gr = "GetReport";
  add(gr, "empty name", kI, GetReport(""), IA, "name");
  add(gr, "name of another collection", kI, GetReport("events/abc"), IA, "name");
  add(gr, "collection without id", kI, GetReport("reports/"), IA, "name");
  add(gr, "nested name", kI, GetReport("reports/a/b"), IA, "name");
  add(gr, "unknown report", kI, GetReport("reports/0000000000"), grpc::NOT_FOUND, "");
  add(gr, "10 KB unknown name", kI, GetReport("reports/" + std::string(10000, 'r')),
      grpc::NOT_FOUND, "");
  add(gr, "NUL byte in name", kI, GetReport(std::string("reports/a\0b", 11)), grpc::NOT_FOUND, "");
  add(gr, "invalid UTF-8 name", kI, GetReport("reports/\xff"), IA, "name");
}

// ListReports.
void AddListReportsCases(std::vector<Case>& m) {
  CaseTable add(m);
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
  add(lr, "unknown country code", kI,
      ListReports([](LR& r, Stubs&, C&) { r.set_country_code("ZZ"); }), IA, "country_code");
}

// WatchChanges.
void AddWatchChangesCases(std::vector<Case>& m) {
  CaseTable add(m);
  const std::string wc = "WatchChanges";
  add(wc, "negative after_sequence", kI,
      WatchChanges([](W& r, C&, bool&) { r.set_after_sequence(-5); }), IA, "after_sequence");
  add(wc, "negative max_batch_size", kI,
      WatchChanges([](W& r, C&, bool&) { r.set_max_batch_size(-1); }), IA, "max_batch_size");
  add(wc, "cancelled stream", kI, WatchChanges([](W&, C&, bool& cancel) { cancel = true; }),
      grpc::CANCELLED, "");
  add(wc, "deadline already expired", kI, WatchChanges([](W&, C& c, bool&) { Expire(c); }),
      grpc::DEADLINE_EXCEEDED, "");
}

// ImportIncidents (a client stream). Bad records are rejected one by one
// in the answer (tests/import_test.cc); only the stream itself fails here.
void AddImportIncidentsCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

}  // namespace

std::vector<Case> IngestBadInputCases() {
  std::vector<Case> m;
  AddCreateReportBodyCases(m);
  AddCreateReportFieldCases(m);
  AddNormalizeReportCases(m);
  AddGetReportCases(m);
  AddListReportsCases(m);
  AddWatchChangesCases(m);
  AddImportIncidentsCases(m);
  return m;
}

}  // namespace civicwatch::fault

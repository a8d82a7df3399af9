// The bad-input matrix's cases of QueryService: one function per method,
// each row a change to a good request.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <climits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/fault/bad_input_case.h"

namespace civicwatch::fault {
namespace {

// Short names keep each row of the tables on few lines.
using LE = v1::ListEventsRequest;
using X = v1::ExportEventsRequest;
using CS = v1::ComputeStatisticsRequest;
using LN = v1::ListEntitiesRequest;
using C = grpc::ClientContext;
constexpr grpc::StatusCode IA = grpc::INVALID_ARGUMENT;
constexpr Server kQ = Server::kQuery;

// --- One helper per method: a case is a change to a good request. ---

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

// ListEvents: page sizes and page tokens.
void AddListEventsPagingCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

// ListEvents: the filter and the order.
void AddListEventsFilterCases(std::vector<Case>& m) {
  CaseTable add(m);
  const std::string le = "ListEvents";
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
}

// ListEvents: text that is not UTF-8, bytes that are no request, a request
// over the message limit, a token of another method, an expired deadline.
void AddListEventsWireCases(std::vector<Case>& m) {
  CaseTable add(m);
  const std::string le = "ListEvents";
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
}

// ExportEvents.
void AddExportEventsCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

// GetEvent.
void AddGetEventCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

// ComputeStatistics.
void AddComputeStatisticsCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

// GetEntity.
void AddGetEntityCases(std::vector<Case>& m) {
  CaseTable add(m);
  add("GetEntity", "empty name", kQ, GetEntity(""), IA, "name");
  add("GetEntity", "name of another collection", kQ, GetEntity("events/x"), IA, "name");
  add("GetEntity", "invalid UTF-8 name", kQ, GetEntity("entities/\xc0\xaf"), IA, "name");
  add("GetEntity", "unknown entity", kQ, GetEntity("entities/nobody"), grpc::NOT_FOUND, "");
}

// ListEntities.
void AddListEntitiesCases(std::vector<Case>& m) {
  CaseTable add(m);
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
}

}  // namespace

std::vector<Case> QueryBadInputCases() {
  std::vector<Case> m;
  AddListEventsPagingCases(m);
  AddListEventsFilterCases(m);
  AddListEventsWireCases(m);
  AddExportEventsCases(m);
  AddGetEventCases(m);
  AddComputeStatisticsCases(m);
  AddGetEntityCases(m);
  AddListEntitiesCases(m);
  return m;
}

}  // namespace civicwatch::fault

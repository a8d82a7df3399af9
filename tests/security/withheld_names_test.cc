// A person withheld from a caller without query.restricted stays withheld
// everywhere on the secured cluster: no form of the name is readable in any
// field of the restricted event, however it is read, and searching the
// text for the name finds nothing (in lists, totals, exports and counts).
#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/confidentiality_checks.h"
#include "tests/security/secured_cluster.h"
#include "tests/security/security_support.h"

namespace civicwatch::security {
namespace {

using testing::AddBearer;

// Every form of the restricted report's persons' names: as written in the
// event, the entity's display name and aliases (GetEntity by a caller who
// sees them), and each word of three letters or more of those.
std::vector<std::string> WithheldNameForms(Cluster& c) {
  const v1::Event& restricted = c.created.at(v1::CONFIDENTIALITY_RESTRICTED).events(0);
  std::vector<std::string> names;
  auto stub = v1::QueryService::NewStub(c.query_channel);
  for (const auto& part : restricted.participants()) {
    if (part.kind() != v1::ENTITY_KIND_PERSON) continue;
    names.push_back(part.display_name());
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, c.admin_all.token);
    v1::GetEntityRequest req;
    req.set_name(part.entity());
    v1::Entity entity;
    grpc::Status s = stub->GetEntity(&ctx, req, &entity);
    EXPECT_TRUE(s.ok()) << s.error_message();
    names.push_back(entity.display_name());
    for (const std::string& alias : entity.aliases()) names.push_back(alias);
  }
  std::vector<std::string> forms;
  for (const std::string& name : names) {
    forms.push_back(name);
    for (absl::string_view word : absl::StrSplit(name, ' ', absl::SkipEmpty())) {
      if (word.size() >= 3) forms.emplace_back(word);
    }
  }
  return forms;
}

void ExpectNoNameIn(const v1::Event& e, const std::vector<std::string>& forms) {
  const std::string text = e.DebugString();
  for (const std::string& form : forms) {
    EXPECT_FALSE(absl::StrContains(absl::AsciiStrToLower(text), absl::AsciiStrToLower(form)))
        << form << " readable in\n" << text;
  }
}

// A withheld person must not be readable anywhere else in the event either:
// not in the summary, the location or the provenance quotes, whichever way
// the event is read.
TEST_F(SecuredClusterTest, WithheldNamesAppearNowhereInTheEvent) {
  const std::vector<std::string> forms = WithheldNameForms(c());
  ASSERT_FALSE(forms.empty());
  const v1::Event& restricted = FirstEventOf(v1::CONFIDENTIALITY_RESTRICTED);
  // The test proves something only if the stored text names the person.
  bool named = false;
  for (const std::string& form : forms) {
    named |= absl::StrContains(restricted.summary(), form);
  }
  EXPECT_TRUE(named) << "the summary names no withheld person:\n" << restricted.DebugString();

  auto stub = v1::QueryService::NewStub(c().query_channel);
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    if (p.Has(kQueryRestricted)) {
      // Callers with query.restricted read the names.
      v1::Event got;
      ASSERT_TRUE(GetEventAs(p, restricted.name(), &got).ok());
      EXPECT_EQ(got.summary(), restricted.summary());
      continue;
    }
    int seen = 0;
    for (const v1::Event& e : ListAll(p, c())) {
      if (e.confidentiality() != v1::CONFIDENTIALITY_RESTRICTED) continue;
      ++seen;
      ExpectNoNameIn(e, forms);
      EXPECT_TRUE(absl::StrContains(e.summary(), kWithheld)) << e.summary();
    }
    EXPECT_GT(seen, 0);
    {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      AddBearer(ctx, p.token);
      auto reader = stub->ExportEvents(&ctx, v1::ExportEventsRequest());
      v1::ExportEventsResponse resp;
      while (reader->Read(&resp)) {
        if (resp.event().confidentiality() == v1::CONFIDENTIALITY_RESTRICTED) {
          ExpectNoNameIn(resp.event(), forms);
        }
      }
      ASSERT_TRUE(reader->Finish().ok());
    }
    for (const v1::Event& e : c().created.at(v1::CONFIDENTIALITY_RESTRICTED).events()) {
      v1::Event got;
      grpc::Status s = GetEventAs(p, e.name(), &got);
      ASSERT_TRUE(s.ok()) << s.error_message();
      ASSERT_GT(got.provenance_size(), 0);
      // GetEvent fills the quotes, which are the report's own words.
      EXPECT_FALSE(got.provenance(0).quote().empty());
      EXPECT_TRUE(absl::StrContains(got.provenance(0).quote(), kWithheld))
          << got.provenance(0).quote();
      ExpectNoNameIn(got, forms);
    }
  }
}

// Each ListEvents page and total for `p` and `filter` (one event a page).
struct Search {
  std::set<std::string> names;
  int64_t total = 0;
  int64_t exported = 0;
  int64_t counted = 0;
};

Search SearchAs(const Principal& p, Cluster& c, const v1::EventFilter& filter) {
  Search out;
  auto stub = v1::QueryService::NewStub(c.query_channel);
  std::string token;
  do {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ListEventsRequest req;
    *req.mutable_filter() = filter;
    req.set_page_size(1);
    req.set_page_token(token);
    v1::ListEventsResponse resp;
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) break;
    for (const auto& e : resp.events()) out.names.insert(e.name());
    out.total = resp.total_size();
    token = resp.next_page_token();
  } while (!token.empty());
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ExportEventsRequest req;
    *req.mutable_filter() = filter;
    auto reader = stub->ExportEvents(&ctx, req);
    v1::ExportEventsResponse resp;
    while (reader->Read(&resp)) ++out.exported;
    EXPECT_TRUE(reader->Finish().ok());
  }
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ComputeStatisticsRequest req;
    *req.mutable_filter() = filter;
    req.add_group_by(v1::STATISTICS_DIMENSION_COUNTRY);
    v1::ComputeStatisticsResponse resp;
    grpc::Status s = stub->ComputeStatistics(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    out.counted = resp.total();
  }
  return out;
}

// Searching the text for a withheld person's name finds nothing for a
// caller who may not read the name (otherwise the search would tell who
// the restricted event is about), in lists, totals, exports and counts
// alike; other words of the event still find it.
TEST_F(SecuredClusterTest, TextSearchForAWithheldNameFindsNothing) {
  const v1::Event& restricted = FirstEventOf(v1::CONFIDENTIALITY_RESTRICTED);
  std::string surname;
  for (const auto& part : restricted.participants()) {
    if (part.kind() != v1::ENTITY_KIND_PERSON) continue;
    std::vector<std::string> words = absl::StrSplit(part.display_name(), ' ');
    surname = words.back();
  }
  ASSERT_FALSE(surname.empty());
  for (const Principal& p : c().readers) {
    SCOPED_TRACE(p.label);
    for (const std::string& text :
         {surname, absl::AsciiStrToLower(surname), absl::AsciiStrToUpper(surname)}) {
      SCOPED_TRACE(text);
      v1::EventFilter filter;
      filter.set_text(text);
      Search found = SearchAs(p, c(), filter);
      if (p.Has(kQueryRestricted)) {
        EXPECT_EQ(found.names.count(restricted.name()), 1u);
        EXPECT_GE(found.total, 1);
      } else {
        EXPECT_TRUE(found.names.empty());
        EXPECT_EQ(found.total, 0);
        EXPECT_EQ(found.exported, 0);
        EXPECT_EQ(found.counted, 0);
      }
      EXPECT_EQ(found.total, static_cast<int64_t>(found.names.size()));
      EXPECT_EQ(found.exported, found.total);
      EXPECT_EQ(found.counted, found.total);
    }
    // A word of the restricted report that names no one.
    v1::EventFilter filter;
    filter.set_text("questioning");
    Search found = SearchAs(p, c(), filter);
    EXPECT_EQ(found.names, std::set<std::string>{restricted.name()});
    EXPECT_EQ(found.total, 1);
    EXPECT_EQ(found.counted, 1);
  }
}

}  // namespace
}  // namespace civicwatch::security

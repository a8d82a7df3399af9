// What a caller may see, and checks of what it was shown: see
// confidentiality_checks.h.
#include "tests/security/confidentiality_checks.h"

#include "gtest/gtest.h"

namespace civicwatch::security {

using testing::AddBearer;

bool MaySee(const Principal& p, const v1::Event& e) {
  return p.Has(kQueryConfidential) || e.confidentiality() != v1::CONFIDENTIALITY_CONFIDENTIAL;
}

bool IsWithheldFor(const Principal& p, const v1::Event& e, const v1::Participant& part) {
  return !p.Has(kQueryRestricted) && e.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED &&
         part.kind() == v1::ENTITY_KIND_PERSON;
}

std::set<std::string> VisibleEntities(const Principal& p, const Cluster& c) {
  std::set<std::string> out;
  for (const auto& [name, e] : c.events) {
    if (!MaySee(p, e)) continue;
    for (const auto& part : e.participants()) {
      if (!part.entity().empty() && !IsWithheldFor(p, e, part)) out.insert(part.entity());
    }
  }
  return out;
}

std::set<std::string> AllEntities(const Cluster& c) {
  std::set<std::string> out;
  for (const auto& [name, e] : c.events) {
    for (const auto& part : e.participants()) {
      if (!part.entity().empty()) out.insert(part.entity());
    }
  }
  return out;
}

void ExpectSeenAs(const Principal& p, const v1::Event& got, const Cluster& c) {
  SCOPED_TRACE(got.name());
  auto stored = c.events.find(got.name());
  ASSERT_NE(stored, c.events.end()) << "an event ingest never stored";
  EXPECT_TRUE(MaySee(p, stored->second)) << "a confidential event reached " << p.label;
  EXPECT_EQ(got.confidentiality(), stored->second.confidentiality());
  ASSERT_EQ(got.participants_size(), stored->second.participants_size());
  for (int i = 0; i < got.participants_size(); ++i) {
    const v1::Participant& g = got.participants(i);
    const v1::Participant& s = stored->second.participants(i);
    if (IsWithheldFor(p, stored->second, s)) {
      EXPECT_EQ(g.display_name(), kWithheld);
      EXPECT_EQ(g.entity(), "");
      EXPECT_EQ(g.title(), "");
    } else {
      EXPECT_EQ(g.display_name(), s.display_name());
      EXPECT_EQ(g.entity(), s.entity());
    }
  }
}

std::set<std::string> ExpectedEventNames(const Principal& p, const Cluster& c) {
  std::set<std::string> out;
  for (const auto& [name, e] : c.events) {
    if (MaySee(p, e)) out.insert(name);
  }
  return out;
}

std::vector<v1::Event> ListAll(const Principal& p, const Cluster& c,
                               const v1::EventFilter& filter) {
  std::vector<v1::Event> out;
  auto stub = v1::QueryService::NewStub(c.query_channel);
  std::string token;
  do {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, p.token);
    v1::ListEventsRequest req;
    *req.mutable_filter() = filter;
    req.set_page_size(1);  // one per page, so paging cannot leak either
    req.set_page_token(token);
    v1::ListEventsResponse resp;
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) break;
    EXPECT_LE(resp.total_size(), static_cast<int64_t>(ExpectedEventNames(p, c).size()));
    for (const auto& e : resp.events()) out.push_back(e);
    token = resp.next_page_token();
  } while (!token.empty());
  return out;
}

}  // namespace civicwatch::security

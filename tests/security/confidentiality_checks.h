// What a caller may see of the secured cluster's events, and checks of what
// it was shown: a confidential event only with query.confidential, the
// persons of a restricted event only with query.restricted (otherwise
// withheld), and no entity that appears only where the caller cannot look.
#ifndef CIVICWATCH_TESTS_SECURITY_CONFIDENTIALITY_CHECKS_H_
#define CIVICWATCH_TESTS_SECURITY_CONFIDENTIALITY_CHECKS_H_

#include <set>
#include <string>
#include <vector>

#include "civicwatch/v1/query.grpc.pb.h"
#include "tests/security/secured_cluster.h"

namespace civicwatch::security {

// Whether `p` may see event `e` at all.
bool MaySee(const Principal& p, const v1::Event& e);

// Whether `part` of `e` reaches `p` with its name withheld.
bool IsWithheldFor(const Principal& p, const v1::Event& e, const v1::Participant& part);

// Entities `p` may know of: those with a participation `p` sees in full.
std::set<std::string> VisibleEntities(const Principal& p, const Cluster& c);

// Every entity of every stored event.
std::set<std::string> AllEntities(const Cluster& c);

// Checks one event as `p` received it against what ingest stored.
void ExpectSeenAs(const Principal& p, const v1::Event& got, const Cluster& c);

// The names of the stored events `p` may see.
std::set<std::string> ExpectedEventNames(const Principal& p, const Cluster& c);

// Every event of ListEvents for `p` with `filter`, page by page (one event
// a page, so paging cannot leak either); fails the test on an error or a
// total above what `p` may see.
std::vector<v1::Event> ListAll(const Principal& p, const Cluster& c,
                               const v1::EventFilter& filter = {});

}  // namespace civicwatch::security

#endif  // CIVICWATCH_TESTS_SECURITY_CONFIDENTIALITY_CHECKS_H_

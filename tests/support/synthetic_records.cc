#include "tests/support/synthetic_records.h"

#include "absl/strings/str_cat.h"

namespace civicwatch::testing {

v1::IncidentRecord SyntheticRecord(const std::string& source, int n) {
  v1::IncidentRecord r;
  r.set_source(source);
  r.set_external_id(absl::StrCat("r-", n));
  v1::Event* e = r.mutable_event();
  e->set_country_code(n % 2 == 0 ? "KG" : "KZ");
  e->mutable_date()->set_year(2010 + n % 12);
  e->mutable_date()->set_month(1 + n % 12);
  e->set_category(n % 3 == 0 ? v1::CATEGORY_DETENTION : v1::CATEGORY_FINE);
  e->set_freedom(v1::FREEDOM_PEACEFUL_ASSEMBLY);
  e->set_valence(v1::VALENCE_NEGATIVE);
  e->set_summary(absl::StrCat("Protester ", n, " fined after a rally."));
  return r;
}

}  // namespace civicwatch::testing

// One report in two versions under one source URI, for the tests of what
// a superseding version does (review layering, maintained counts): the
// second puts a new incident first, so every old event moves down the list
// and along the text, and drops the summons.
#ifndef CIVICWATCH_TESTS_SUPPORT_VERSIONED_REPORT_H_
#define CIVICWATCH_TESTS_SUPPORT_VERSIONED_REPORT_H_

namespace civicwatch::testing {

inline constexpr char kVersionedReportUri[] = "https://example.org/kg/2021-update";

// Three incidents: a detention, a summons, an attack.
inline constexpr char kReportVersion1[] =
    "Kyrgyzstan: civic space update\n\n"
    "On 3rd May 2021 activist Aigul Nurlanova was detained by police in Bishkek after a "
    "peaceful protest against the new media law.\n\n"
    "On 12th June 2021 human rights defender Bakyt Omurbekov was summoned for questioning by "
    "the State Committee of National Security in Bishkek.\n\n"
    "On 20th July 2021 journalist Dilnoza Rakhimova was attacked by unknown men in Osh after "
    "publishing an investigation.\n";

// A blocked website first, the detention and the attack; the summons gone.
inline constexpr char kReportVersion2[] =
    "Kyrgyzstan: civic space update (revised)\n\n"
    "On 1st April 2021 the authorities blocked the website of the independent outlet Kloop "
    "in Bishkek.\n\n"
    "On 3rd May 2021 activist Aigul Nurlanova was detained by police in Bishkek after a "
    "peaceful protest against the new media law.\n\n"
    "On 20th July 2021 journalist Dilnoza Rakhimova was attacked by unknown men in Osh after "
    "publishing an investigation.\n";

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SUPPORT_VERSIONED_REPORT_H_

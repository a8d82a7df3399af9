// What every example program does first: check its arguments, and reach
// civicwatch at the default loopback addresses, or at
// $CIVICWATCH_INGEST_ADDRESS and $CIVICWATCH_QUERY_ADDRESS, sending
// $CIVICWATCH_TOKEN when set.
#ifndef CIVICWATCH_SDK_EXAMPLES_EXAMPLE_SETUP_H_
#define CIVICWATCH_SDK_EXAMPLES_EXAMPLE_SETUP_H_

#include <cstdlib>
#include <iostream>
#include <memory>
#include <utility>

#include <civicwatch/client.h>

namespace civicwatch_examples {

// Exits with status 2 after printing `usage` on stderr unless the program
// was given from `min` to `max` arguments.
inline void ExitUnlessArguments(int argc, int min, int max, const char* usage) {
  if (argc - 1 >= min && argc - 1 <= max) return;
  std::cerr << "usage: " << usage << "\n";
  std::exit(2);
}

// A Client set up from the environment. When one cannot be made (an
// address that does not parse), says why on stderr and exits with status
// 2, as a usage mistake.
inline std::unique_ptr<civicwatch::Client> ClientFromEnvironment() {
  civicwatch::ClientOptions options;
  if (const char* a = std::getenv("CIVICWATCH_INGEST_ADDRESS")) options.ingest_address = a;
  if (const char* a = std::getenv("CIVICWATCH_QUERY_ADDRESS")) options.query_address = a;
  if (const char* t = std::getenv("CIVICWATCH_TOKEN")) options.token = t;
  auto client = civicwatch::Client::Create(options);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    std::exit(2);
  }
  return std::move(*client);
}

}  // namespace civicwatch_examples

#endif  // CIVICWATCH_SDK_EXAMPLES_EXAMPLE_SETUP_H_

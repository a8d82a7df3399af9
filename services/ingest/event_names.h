// Events' resource names and the ids the store keys their rows by.
#ifndef CIVICWATCH_SERVICES_INGEST_EVENT_NAMES_H_
#define CIVICWATCH_SERVICES_INGEST_EVENT_NAMES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace civicwatch::ingest {

// The id of event `name` ("events/{id}"): the name without its collection.
inline std::string EventIdOf(absl::string_view name) {
  return std::string(absl::StripPrefix(name, "events/"));
}

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_EVENT_NAMES_H_

// Whether a new version of an event says anything new.
#ifndef CIVICWATCH_SERVICES_INGEST_EVENT_CONTENT_H_
#define CIVICWATCH_SERVICES_INGEST_EVENT_CONTENT_H_

#include "civicwatch/v1/types.pb.h"

namespace civicwatch::ingest {

// True when two versions of an event differ in nothing but their update
// time and etag: a rebuilt or carried event that keeps its update time
// (and so its etag) when this holds.
bool SameContent(v1::Event a, v1::Event b);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_EVENT_CONTENT_H_

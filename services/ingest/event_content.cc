#include "services/ingest/event_content.h"

namespace civicwatch::ingest {

bool SameContent(v1::Event a, v1::Event b) {
  for (v1::Event* e : {&a, &b}) {
    e->clear_update_time();
    e->clear_etag();
  }
  return a.SerializeAsString() == b.SerializeAsString();
}

}  // namespace civicwatch::ingest

// libFuzzer entry point: NormalizeReport must never crash, whatever the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  civicwatch::v1::Report report;
  report.set_body(std::string(reinterpret_cast<const char*>(data), size));
  auto result = civicwatch::normalize::NormalizeReport(report);
  (void)result;
  return 0;
}

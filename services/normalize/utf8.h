// The normaliser's names for the shared UTF-8 helpers (services/text/utf8.h).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_UTF8_H_
#define CIVICWATCH_SERVICES_NORMALIZE_UTF8_H_

#include "services/text/utf8.h"

namespace civicwatch::normalize {

using text::AppendUtf8;
using text::DecodeUtf8;
using text::HasCyrillic;
using text::IsCyrillic;
using text::IsLetter;
using text::IsUpper;
using text::IsValidUtf8;
using text::LowerUtf8;
using text::ToLower;

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_UTF8_H_

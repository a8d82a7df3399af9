// Turning the bytes of a text (plain or markup) into UTF-8: a byte order
// mark first, then a declared or hinted encoding, then valid UTF-8 as it
// is, then detection (uchardet) with a check that tells the Russian
// single-byte encodings apart, then conversion with ICU.
#ifndef CIVICWATCH_SERVICES_DOCUMENT_TEXT_DECODING_H_
#define CIVICWATCH_SERVICES_DOCUMENT_TEXT_DECODING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace civicwatch::document {

struct DecodedText {
  std::string utf8;      // Without any byte order mark.
  std::string encoding;  // IANA name of what was read: "UTF-8", "windows-1251", ...
};

// The encoding a byte order mark at the start of `bytes` names ("UTF-8",
// "UTF-16LE", "UTF-16BE"), "" when there is none; `*bom_length` is set.
absl::string_view EncodingOfByteOrderMark(absl::string_view bytes, size_t* bom_length);

// Decodes `bytes`. `override_encoding` (a name ICU knows) wins over
// everything; `hint` (say, an HTML <meta charset>) is used when there is
// no byte order mark and it decodes cleanly. INVALID_ARGUMENT for an
// encoding name ICU does not know.
absl::StatusOr<DecodedText> DecodeText(absl::string_view bytes,
                                       absl::string_view override_encoding,
                                       absl::string_view hint = "");

}  // namespace civicwatch::document

#endif  // CIVICWATCH_SERVICES_DOCUMENT_TEXT_DECODING_H_

#include "services/document/text_decoding.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/text/utf8.h"

namespace civicwatch::document {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// The IANA name ICU gives an encoding, or its own name when IANA has none.
std::string StandardName(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  const char* iana = ucnv_getStandardName(name.c_str(), "IANA", &status);
  if (U_SUCCESS(status) && iana != nullptr) return iana;
  return name;
}

// Converts with ICU; false when ICU does not know `encoding`. Bytes that
// do not decode become U+FFFD; `*replaced` counts them.
bool Convert(absl::string_view bytes, const std::string& encoding, std::string* out,
             size_t* replaced) {
  UErrorCode status = U_ZERO_ERROR;
  Converter conv(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status) || !conv) return false;
  icu::UnicodeString text;
  std::vector<UChar> buffer(bytes.size() + 16);
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  UChar* target = buffer.data();
  status = U_ZERO_ERROR;
  ucnv_toUnicode(conv.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                 nullptr, /*flush=*/true, &status);
  if (U_FAILURE(status)) return false;
  text.setTo(buffer.data(), static_cast<int32_t>(target - buffer.data()));
  *replaced = 0;
  for (int32_t i = 0; i < text.length(); ++i) {
    if (text.charAt(i) == 0xFFFD) ++*replaced;
  }
  out->clear();
  text.toUTF8String(*out);
  return true;
}

// How much `utf8` reads like Russian: the share of its letters that are
// the fifteen commonest lower-case Russian letters. A Russian text read in
// the wrong single-byte encoding swaps case and scrambles letters, so it
// scores low; a Latin-script text scores near 0.
double RussianLikeness(const std::string& utf8) {
  static const icu::UnicodeString kCommon = icu::UnicodeString::fromUTF8("оеаинтсрвлкмдпу");
  int32_t letters = 0, common = 0;
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    ++letters;
    if (kCommon.indexOf(c) >= 0) ++common;
  }
  return letters == 0 ? 0.0 : static_cast<double>(common) / letters;
}

std::string DetectWithUchardet(absl::string_view bytes) {
  uchardet_t detector = uchardet_new();
  std::string charset;
  if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
    uchardet_data_end(detector);
    const char* found = uchardet_get_charset(detector);
    if (found != nullptr) charset = found;
  }
  uchardet_delete(detector);
  return charset;
}

}  // namespace

absl::string_view EncodingOfByteOrderMark(absl::string_view bytes, size_t* bom_length) {
  *bom_length = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    *bom_length = 3;
    return "UTF-8";
  }
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") {
    *bom_length = 2;
    return "UTF-16LE";
  }
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") {
    *bom_length = 2;
    return "UTF-16BE";
  }
  return "";
}

absl::StatusOr<DecodedText> DecodeText(absl::string_view bytes,
                                       absl::string_view override_encoding,
                                       absl::string_view hint) {
  DecodedText result;
  size_t replaced = 0;
  if (!override_encoding.empty()) {
    std::string name(override_encoding);
    if (!Convert(bytes, name, &result.utf8, &replaced)) {
      return InvalidInputError(
          absl::StrCat("unknown character encoding \"", override_encoding, "\""));
    }
    // A byte order mark the override agrees with is not text.
    if (absl::StartsWith(result.utf8, "\xEF\xBB\xBF")) result.utf8.erase(0, 3);
    result.encoding = StandardName(name);
    return result;
  }
  size_t bom_length = 0;
  absl::string_view bom = EncodingOfByteOrderMark(bytes, &bom_length);
  if (!bom.empty()) {
    Convert(bytes.substr(bom_length), std::string(bom), &result.utf8, &replaced);
    result.encoding = std::string(bom);
    return result;
  }
  if (!hint.empty()) {
    std::string name(hint);
    std::string decoded;
    if (Convert(bytes, name, &decoded, &replaced) && replaced == 0) {
      std::string standard = StandardName(name);
      // A page that says UTF-8 but is not is detected like one that says
      // nothing.
      if (absl::AsciiStrToUpper(standard) != "UTF-8" || text::IsValidUtf8(bytes)) {
        result.utf8 = std::move(decoded);
        result.encoding = standard;
        return result;
      }
    }
  }
  if (text::IsValidUtf8(bytes)) {
    result.utf8 = std::string(bytes);
    result.encoding = "UTF-8";
    return result;
  }

  // Not UTF-8. uchardet's answer is checked against the Russian
  // single-byte encodings, which it confuses on short texts.
  std::string detected = DetectWithUchardet(bytes);
  if (detected.empty() || absl::AsciiStrToUpper(detected) == "ASCII") detected = "windows-1252";
  std::string best_text, best_name;
  double best_score = -1;
  for (const std::string& candidate :
       {std::string("windows-1251"), std::string("KOI8-R"), std::string("IBM866")}) {
    std::string decoded;
    if (!Convert(bytes, candidate, &decoded, &replaced)) continue;
    double score = RussianLikeness(decoded);
    if (score > best_score) {
      best_score = score;
      best_text = std::move(decoded);
      best_name = candidate;
    }
  }
  if (best_score >= 0.3) {
    result.utf8 = std::move(best_text);
    result.encoding = best_name;
    return result;
  }
  if (!Convert(bytes, detected, &result.utf8, &replaced)) {
    Convert(bytes, "windows-1252", &result.utf8, &replaced);
    detected = "windows-1252";
  }
  result.encoding = StandardName(detected);
  return result;
}

}  // namespace civicwatch::document

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Charset detection and conversion: the order of the rules is in DecodeHtml's comment (cleaner/fetcher.h);
// the label table and the <meta> prescan follow the WHATWG Encoding and HTML standards, conversion is ICU's.

#include "cleaner/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "cleaner/decode.h"

namespace cleaner {

std::string_view CharsetSourceName(CharsetSource source) {
  switch (source) {
    case CharsetSource::kBom: return "bom";
    case CharsetSource::kUtf8: return "utf8";
    case CharsetSource::kHeader: return "header";
    case CharsetSource::kMeta: return "meta";
    case CharsetSource::kDetected: return "detected";
    case CharsetSource::kDefault: return "default";
  }
  return "unknown";
}

namespace charset {
namespace {

// The WHATWG Encoding Standard's encodings, each with its labels (space-separated) and the ICU converter that
// decodes it. Where the standard's decoder is a superset of the labelled charset, the ICU converter is that
// superset too: GBK with gb18030, Big5 with Big5-HKSCS, Shift_JIS with windows-31j, EUC-KR with windows-949.
// One deviation: the standard decodes iso-2022-kr, iso-2022-cn and hz-gb-2312 to a single U+FFFD (their
// escape sequences once hid scripts from filters); cleaner extracts text and runs no script, so it decodes
// them.
struct EncodingEntry {
  const char* name;
  const char* icu;
  const char* labels;
};

constexpr EncodingEntry kEncodings[] = {
    {"utf-8", "UTF-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    {"windows-1252", "windows-1252",
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
     "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252 x-user-defined"},
    {"windows-1250", "windows-1250", "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "windows-1251", "cp1251 windows-1251 x-cp1251"},
    {"windows-1253", "windows-1253", "cp1253 windows-1253 x-cp1253"},
    {"windows-1254", "windows-1254",
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 "
     "windows-1254 x-cp1254"},
    {"windows-1255", "windows-1255", "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "windows-1256", "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "windows-1257", "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "windows-1258", "cp1258 windows-1258 x-cp1258"},
    {"windows-874", "windows-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"iso-8859-2", "ISO-8859-2",
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
    {"iso-8859-3", "ISO-8859-3",
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
    {"iso-8859-4", "ISO-8859-4",
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
    {"iso-8859-5", "ISO-8859-5",
     "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"},
    {"iso-8859-6", "ISO-8859-6",
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i "
     "iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
    {"iso-8859-7", "ISO-8859-7",
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 "
     "iso_8859-7:1987 sun_eu_greek"},
    {"iso-8859-8", "ISO-8859-8",
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 "
     "iso_8859-8:1988 visual"},
    {"iso-8859-8-i", "ISO-8859-8", "csiso88598i iso-8859-8-i logical"},
    {"iso-8859-10", "ISO-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"iso-8859-13", "ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", "ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", "ISO-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {"iso-8859-16", "ISO-8859-16", "iso-8859-16"},
    {"koi8-r", "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"},
    {"koi8-u", "KOI8-U", "koi8-ru koi8-u"},
    {"ibm866", "IBM866", "866 cp866 csibm866 ibm866"},
    {"macintosh", "macintosh", "csmacintosh mac macintosh x-mac-roman"},
    {"x-mac-cyrillic", "x-mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"},
    {"gbk", "GB18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
    {"gb18030", "GB18030", "gb18030"},
    {"big5", "Big5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "EUC-JP", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"iso-2022-jp", "ISO-2022-JP", "csiso2022jp iso-2022-jp"},
    {"shift_jis", "windows-31j", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    {"euc-kr", "windows-949",
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 "
     "windows-949"},
    {"iso-2022-kr", "ISO-2022-KR", "csiso2022kr iso-2022-kr"},
    {"iso-2022-cn", "ISO-2022-CN", "iso-2022-cn iso-2022-cn-ext"},
    {"hz-gb-2312", "HZ", "hz-gb-2312"},
    {"utf-16be", "UTF-16BE", "unicodefffe utf-16be"},
    {"utf-16le", "UTF-16LE", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
    // Not in the standard, which reads "FF FE 00 00" as UTF-16 and a NUL: found by a byte order mark or NUL
    // bytes only (no label names them), so that a UTF-32 file comes out as its text, not as U+FFFD between
    // every character.
    {"utf-32le", "UTF-32LE", ""},
    {"utf-32be", "UTF-32BE", ""},
};

constexpr char kWhitespace[] = "\t\n\f\r ";

bool IsSpace(unsigned char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(kWhitespace);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(kWhitespace);
  return s.substr(b, e - b + 1);
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

Encoding EncodingNamed(std::string_view name) {
  for (const EncodingEntry& e : kEncodings) {
    if (name == e.name) return {e.name, e.icu};
  }
  return {"windows-1252", "windows-1252"};
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// A label that WHATWG does not list but ICU knows (by an IANA or MIME alias) is accepted only for a charset
// that reads ASCII as ASCII: the page's markup was readable, so anything else (EBCDIC, UTF-7, UTF-32) is
// wrong.
std::optional<Encoding> IcuEncodingForLabel(const std::string& label) {
  if (label.empty() || label.size() > 40) return std::nullopt;
  for (char c : label) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F) return std::nullopt;
  }
  UErrorCode ec = U_ZERO_ERROR;
  const char* standard = ucnv_getStandardName(label.c_str(), "IANA", &ec);
  if (standard == nullptr || U_FAILURE(ec)) {
    ec = U_ZERO_ERROR;
    standard = ucnv_getStandardName(label.c_str(), "MIME", &ec);
  }
  if (standard == nullptr || U_FAILURE(ec)) return std::nullopt;
  ec = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(label.c_str(), &ec));
  if (U_FAILURE(ec) || !conv) return std::nullopt;
  switch (ucnv_getType(conv.get())) {
    case UCNV_SBCS:
    case UCNV_MBCS:
    case UCNV_LATIN_1:
    case UCNV_US_ASCII: break;
    default: return std::nullopt;
  }
  static constexpr char kProbe[] = "<meta charset=\"x\"/>; ='AZaz09-_.:";
  UChar decoded[sizeof kProbe];
  ec = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(conv.get(), decoded, sizeof kProbe, kProbe, sizeof kProbe - 1, &ec);
  if (U_FAILURE(ec) || n != static_cast<int32_t>(sizeof kProbe - 1)) return std::nullopt;
  for (int32_t i = 0; i < n; ++i) {
    if (decoded[i] != static_cast<UChar>(kProbe[i])) return std::nullopt;
  }
  return Encoding{ToLower(standard), label};
}

// ---------------------------------------------------------------------------------------------------------
// The HTML standard's prescan
// (https://html.spec.whatwg.org/#prescan-a-byte-stream-to-determine-its-encoding).

class Prescanner {
 public:
  explicit Prescanner(std::string_view bytes) : s_(bytes) {}

  std::optional<Encoding> Run() {
    while (pos_ < s_.size()) {
      if (StartsWith("<!--")) {
        // "<!-->" closes at once: the "--" of the opening may end the comment.
        size_t end = s_.find("-->", pos_ + 2);
        if (end == std::string_view::npos) return std::nullopt;
        pos_ = end + 3;
        continue;
      }
      if (StartsWithNoCase("<meta") && pos_ + 5 < s_.size() &&
          (IsSpace(s_[pos_ + 5]) || s_[pos_ + 5] == '/')) {
        pos_ += 5;
        if (auto enc = Meta()) return enc;
        continue;
      }
      if (s_[pos_] == '<' && pos_ + 1 < s_.size() &&
          (IsAlpha(s_[pos_ + 1]) || (s_[pos_ + 1] == '/' && pos_ + 2 < s_.size() && IsAlpha(s_[pos_ + 2])))) {
        // Another tag: skip its name and attributes, whose quoted values may hold "<meta".
        while (pos_ < s_.size() && !IsSpace(s_[pos_]) && s_[pos_] != '>') ++pos_;
        std::string name, value;
        while (GetAttribute(&name, &value)) {
        }
        ++pos_;
        continue;
      }
      if (StartsWith("<!") || StartsWith("</") || StartsWith("<?")) {
        size_t end = s_.find('>', pos_ + 2);
        if (end == std::string_view::npos) return std::nullopt;
        pos_ = end + 1;
        continue;
      }
      ++pos_;
    }
    return std::nullopt;
  }

 private:
  static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  bool StartsWith(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  bool StartsWithNoCase(std::string_view p) const {
    if (s_.size() - pos_ < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (Lower(s_[pos_ + i]) != p[i]) return false;
    }
    return true;
  }

  // One <meta>: its attributes decide whether it declares an encoding.
  std::optional<Encoding> Meta() {
    std::vector<std::string> seen;
    bool got_pragma = false;
    enum { kNone, kFalse, kTrue } need_pragma = kNone;
    std::optional<Encoding> charset;
    bool charset_failed = false;
    std::string name, value;
    while (GetAttribute(&name, &value)) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      seen.push_back(name);
      if (name == "http-equiv") {
        if (value == "content-type") got_pragma = true;
      } else if (name == "content") {
        // An unknown label here is "no encoding returned", unlike in a charset attribute.
        std::optional<std::string_view> label = CharsetFromContent(value);
        std::optional<Encoding> enc = label ? EncodingForLabel(*label) : std::nullopt;
        if (enc && !charset && !charset_failed) {
          charset = enc;
          need_pragma = kTrue;
        }
      } else if (name == "charset") {
        charset = EncodingForLabel(value);
        charset_failed = !charset;
        need_pragma = kFalse;
      }
    }
    if (need_pragma == kNone || (need_pragma == kTrue && !got_pragma) || !charset) return std::nullopt;
    if (IsUtf16(*charset)) return EncodingNamed("utf-8");
    return charset;
  }

  // "Extracting a character encoding from a meta element": the label after "charset=" in a content value.
  static std::optional<std::string_view> CharsetFromContent(std::string_view v) {
    size_t pos = 0;
    for (;;) {
      size_t at = v.find("charset", pos);  // `v` is lower case already
      if (at == std::string_view::npos) return std::nullopt;
      pos = at + 7;
      while (pos < v.size() && IsSpace(v[pos])) ++pos;
      if (pos >= v.size() || v[pos] != '=') continue;
      ++pos;
      while (pos < v.size() && IsSpace(v[pos])) ++pos;
      if (pos >= v.size()) return std::nullopt;
      if (v[pos] == '"' || v[pos] == '\'') {
        size_t end = v.find(v[pos], pos + 1);
        if (end == std::string_view::npos) return std::nullopt;
        return v.substr(pos + 1, end - pos - 1);
      }
      size_t end = pos;
      while (end < v.size() && !IsSpace(v[end]) && v[end] != ';') ++end;
      return v.substr(pos, end - pos);
    }
  }

  // "Get an attribute": false at '>' or at the end of the input. Names and values are lower-cased.
  bool GetAttribute(std::string* name, std::string* value) {
    name->clear();
    value->clear();
    while (pos_ < s_.size() && (IsSpace(s_[pos_]) || s_[pos_] == '/')) ++pos_;
    if (pos_ >= s_.size() || s_[pos_] == '>') return false;
    for (;; ++pos_) {
      if (pos_ >= s_.size()) return false;
      char c = s_[pos_];
      if (c == '=' && !name->empty()) {
        ++pos_;
        return Value(value);
      }
      if (IsSpace(c)) break;
      if (c == '/' || c == '>') return true;
      name->push_back(Lower(c));
    }
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    if (pos_ >= s_.size()) return false;
    if (s_[pos_] != '=') return true;
    ++pos_;
    return Value(value);
  }

  bool Value(std::string* value) {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    if (pos_ >= s_.size()) return false;
    char c = s_[pos_];
    if (c == '"' || c == '\'') {
      for (++pos_; pos_ < s_.size(); ++pos_) {
        if (s_[pos_] == c) {
          ++pos_;
          return true;
        }
        value->push_back(Lower(s_[pos_]));
      }
      return false;
    }
    if (c == '>') return true;
    for (; pos_ < s_.size(); ++pos_) {
      if (IsSpace(s_[pos_]) || s_[pos_] == '>') return true;
      value->push_back(Lower(s_[pos_]));
    }
    return false;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------------------
// Detection.

// UTF-16 without a byte order mark: markup, spaces and digits are ASCII, so their units have a NUL high byte
// and a non-NUL low byte. In the first 4 KiB, at least 10% of the units look so and at most an eighth as many
// the other way round, and under 2% are C0 controls. Measured on the charset tests' pages: Russian UTF-16
// with little markup has 26% such units, Japanese 20-60%; binary formats (sniffed first) spread NULs over
// both positions or have controls.
std::optional<Encoding> Utf16ByNuls(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  if (head.size() < 8 || std::memchr(head.data(), 0, head.size()) == nullptr) return std::nullopt;
  const size_t units = head.size() / 2;
  size_t ascii_le = 0, ascii_be = 0, controls_le = 0, controls_be = 0, marks_le = 0, marks_be = 0;
  for (size_t i = 0; i < units; ++i) {
    auto b0 = static_cast<unsigned char>(head[2 * i]), b1 = static_cast<unsigned char>(head[2 * i + 1]);
    auto control = [](unsigned char c) {
      return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    };
    auto mark = [](unsigned char c) { return c == '<' || c == '>' || c == ' ' || c == '\n'; };
    if (b1 == 0 && b0 != 0) {
      ++ascii_le;
      controls_le += control(b0);
      marks_le += mark(b0);
    }
    if (b0 == 0 && b1 != 0) {
      ++ascii_be;
      controls_be += control(b1);
      marks_be += mark(b1);
    }
  }
  if (!SniffBinaryFormat(bytes).empty()) return std::nullopt;
  // At least 8 such units: a stray NUL in a short UTF-8 page ("<p>a\0b</p>") makes one. And one in 20 of them a
  // tag's bracket, a space or a line break, as in every page and every text (markup alone is over a third
  // brackets): NULs that fall on one side only by chance ("<p>a\0b\0c</p>" over and over) sit beside letters.
  auto fits = [&](size_t ascii, size_t other, size_t controls, size_t marks) {
    return ascii >= 8 && ascii * 10 >= units && other * 8 <= ascii && controls * 50 <= units &&
           marks * 20 >= ascii;
  };
  if (fits(ascii_le, ascii_be, controls_le, marks_le)) return EncodingNamed("utf-16le");
  if (fits(ascii_be, ascii_le, controls_be, marks_be)) return EncodingNamed("utf-16be");
  return std::nullopt;
}

// True if `bytes` read as UTF-16 in the given order, as a server declared them, for a text with too few ASCII
// units for Utf16ByNuls (Chinese or Japanese with little markup). In the first 4 KiB: an even length, no NUL
// unit, no unpaired surrogate, under 2% C0 controls, and under 5% of the units a space byte beside another that
// is not NUL. That last test refuses 8-bit text that a server mislabels UTF-16 ("a b" read as U+2061): a
// sixth of its bytes are spaces, while in UTF-16 a space is "20 00" and CJK text holds a 0x20 byte in about one
// unit of 128. A page that is valid UTF-8 is not taken for UTF-16 (the caller's step 3 reads it).
bool ReadsAsUtf16(std::string_view bytes, bool little_endian) {
  const std::string_view head = bytes.substr(0, 4096);
  if (head.size() < 8 || bytes.size() % 2 != 0) return false;
  const size_t units = head.size() / 2;
  size_t controls = 0, spaces = 0;
  bool high_surrogate = false;
  for (size_t i = 0; i < units; ++i) {
    const auto b0 = static_cast<unsigned char>(head[2 * i]), b1 = static_cast<unsigned char>(head[2 * i + 1]);
    const unsigned unit = little_endian ? (b1 << 8 | b0) : (b0 << 8 | b1);
    if (unit == 0) return false;
    const bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
    if ((low && !high_surrogate) || (high_surrogate && !low)) return false;
    high_surrogate = high;
    controls += unit < 0x20 && unit != '\t' && unit != '\n' && unit != '\r' && unit != '\f';
    spaces += (b0 == ' ' && b1 != 0) || (b1 == ' ' && b0 != 0);
  }
  return controls * 50 <= units && spaces * 20 < units && !ScanUtf8(bytes).valid();
}

// UTF-32 without a byte order mark, the same way: in the first 4 KiB, at least 8 units and 10% of them are
// ASCII (three NUL bytes and one that is not, in the byte order's places), and at most 2% are C0 controls or
// not code points.
std::optional<Encoding> Utf32ByNuls(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  const size_t units = head.size() / 4;
  if (units < 8) return std::nullopt;
  size_t ascii_le = 0, ascii_be = 0, bad_le = 0, bad_be = 0;
  auto control = [](unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'; };
  for (size_t i = 0; i < units; ++i) {
    const auto* u = reinterpret_cast<const unsigned char*>(head.data() + 4 * i);
    const bool high_le = u[1] != 0 || u[2] != 0 || u[3] != 0, high_be = u[2] != 0 || u[1] != 0 || u[0] != 0;
    ascii_le += !high_le && u[0] != 0 && u[0] < 0x80;
    ascii_be += !high_be && u[3] != 0 && u[3] < 0x80;
    bad_le += u[3] != 0 || u[2] > 0x10 || (!high_le && control(u[0]));
    bad_be += u[0] != 0 || u[1] > 0x10 || (!high_be && control(u[3]));
  }
  auto fits = [&](size_t ascii, size_t bad) { return ascii >= 8 && ascii * 10 >= units && bad * 50 <= units; };
  if (fits(ascii_le, bad_le)) return EncodingNamed("utf-32le");
  if (fits(ascii_be, bad_be)) return EncodingNamed("utf-32be");
  return std::nullopt;
}

// ICU's detector reads text, not markup: its input is the runs between tags that hold non-ASCII bytes, up to
// 64 KiB (a page's head is often tens of kilobytes of ASCII script and style, which would dilute the
// statistics). '<' and '>' never occur inside a multi-byte character of the ASCII-compatible encodings it
// detects, so the runs are whole characters.
constexpr size_t kDetectionSample = 64 << 10;

std::string DetectionSample(std::string_view bytes) {
  std::string sample;
  size_t pos = 0;
  while (pos < bytes.size() && sample.size() < kDetectionSample) {
    size_t lt = bytes.find('<', pos);
    std::string_view run =
        bytes.substr(pos, lt == std::string_view::npos ? std::string_view::npos : lt - pos);
    if (std::any_of(run.begin(), run.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      sample.append(run.substr(0, kDetectionSample - sample.size()));
      sample.push_back(' ');
    }
    if (lt == std::string_view::npos) break;
    size_t gt = bytes.find('>', lt);
    if (gt == std::string_view::npos) break;
    pos = gt + 1;
  }
  // Only 7-bit escapes (ISO-2022-JP and its kin): the detector needs the raw bytes.
  if (sample.empty()) sample.assign(bytes.substr(0, kDetectionSample));
  return sample;
}

// ICU reports confidence 0-100; below 10 its guess is noise (windows-1252 text with a handful of accents
// scores 15-30, CJK pages 50-100 on the tests' pages).
constexpr int32_t kMinConfidence = 10;

// Statistical detection. ICU's detector uses byte n-gram statistics per language: it cannot tell apart
// encodings that share their letters' positions on short texts (windows-1251 and KOI8-R Russian under a few
// hundred letters, ISO-8859-2 and windows-1250, EUC-KR and the Chinese EUC family on a few characters), so a
// declaration, when a page has one, always wins over it.
std::optional<Encoding> Detect(std::string_view bytes) {
  std::string sample = DetectionSample(bytes);
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&ec), ucsdet_close);
  if (U_FAILURE(ec) || !det) return std::nullopt;
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &ec);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &ec);
  if (U_FAILURE(ec) || matches == nullptr) return std::nullopt;
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t confidence = ucsdet_getConfidence(matches[i], &e);
    const char* name = ucsdet_getName(matches[i], &e);
    if (U_FAILURE(e) || confidence < kMinConfidence) break;  // sorted by confidence, best first
    std::optional<Encoding> enc = EncodingForLabel(name);
    if (enc && !IsUtf16(*enc)) return enc;  // UTF-16 was ruled out by its NUL bytes already
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------
// Conversion.

// Every undecodable sequence becomes U+FFFD. ICU's own substitute callback writes U+001A instead for some
// single-byte converters, which would leave a control character in the text.
void SubstituteReplacement(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                           UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
  *static_cast<bool*>(const_cast<void*>(context)) = true;
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

}  // namespace

std::optional<Encoding> EncodingForLabel(std::string_view label) {
  std::string key = ToLower(Trim(label));
  if (key.empty()) return std::nullopt;
  for (const EncodingEntry& e : kEncodings) {
    std::string_view labels = e.labels;
    size_t pos = 0;
    while (pos < labels.size()) {
      size_t end = labels.find(' ', pos);
      if (end == std::string_view::npos) end = labels.size();
      if (labels.substr(pos, end - pos) == key) return Encoding{e.name, e.icu};
      pos = end + 1;
    }
  }
  return IcuEncodingForLabel(key);
}

std::string_view CharsetParameter(std::string_view content_type) {
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    ++pos;
    size_t end = content_type.find(';', pos);
    std::string_view param = Trim(content_type.substr(pos, end == std::string_view::npos ? end : end - pos));
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && ToLower(Trim(param.substr(0, eq))) == "charset") {
      std::string_view v = Trim(param.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return Trim(v);
    }
    pos = end;
  }
  return {};
}

std::string MimeEssence(std::string_view content_type) {
  return ToLower(Trim(content_type.substr(0, content_type.find(';'))));
}

std::optional<Encoding> PrescanMeta(std::string_view bytes) {
  return Prescanner(bytes.substr(0, 1024)).Run();
}

std::optional<Encoding> LateMeta(std::string_view bytes) {
  constexpr size_t kMaxHead = 64 * 1024;
  std::string_view head = bytes.substr(0, kMaxHead);
  for (size_t i = head.find('<'); i != std::string_view::npos; i = head.find('<', i + 1)) {
    if (i + 5 <= head.size() && (head[i + 1] | 0x20) == 'b' && (head[i + 2] | 0x20) == 'o' &&
        (head[i + 3] | 0x20) == 'd' && (head[i + 4] | 0x20) == 'y') {
      head = head.substr(0, i);
      break;
    }
  }
  return Prescanner(head).Run();
}

std::string_view SniffBinaryFormat(std::string_view b) {
  auto at = [&](size_t offset, std::string_view magic) {
    return b.size() >= offset + magic.size() && b.substr(offset, magic.size()) == magic;
  };
  auto starts = [&](std::string_view magic) { return at(0, magic); };
  if (starts("%PDF-")) return "PDF document";
  if (starts("\x89PNG\r\n\x1a\n")) return "PNG image";
  if (starts("GIF87a") || starts("GIF89a")) return "GIF image";
  if (starts("\xFF\xD8\xFF")) return "JPEG image";
  if (starts("RIFF") && at(8, "WEBP")) return "WebP image";
  if (starts("RIFF") && (at(8, "WAVE") || at(8, "AVI "))) return "RIFF audio/video";
  if (starts("BM") && b.size() > 14 && at(6, std::string_view("\0\0\0\0", 4))) return "BMP image";
  if (starts(std::string_view("\0\0\1\0", 4))) return "ICO image";
  if (starts("II*") || starts(std::string_view("MM\0*", 4))) return "TIFF image";
  if (at(4, "ftyp")) return "MP4/HEIF media";
  if (starts("OggS") || starts("fLaC") || starts("ID3") || starts("\x1A\x45\xDF\xA3")) return "audio/video";
  if (starts("PK\x03\x04") || starts("PK\x05\x06")) return "ZIP archive (or a DOCX, XLSX, EPUB, JAR)";
  if (starts("\x1F\x8B")) return "gzip data";
  if (starts("BZh")) return "bzip2 data";
  if (starts("\xFD\x37zXZ")) return "xz data";
  if (starts("\x28\xB5\x2F\xFD")) return "zstd data";
  if (starts("7z\xBC\xAF\x27\x1C")) return "7-Zip archive";
  if (starts("Rar!")) return "RAR archive";
  if (starts("\x7F\x45LF")) return "ELF executable";
  if (starts("MZ")) return "Windows executable";
  if (starts(std::string_view("\0asm", 4))) return "WebAssembly module";
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "Microsoft Office document";
  if (starts("wOFF") || starts("wOF2")) return "web font";
  if (starts("%!PS")) return "PostScript document";
  if (starts("SQLite format 3")) return "SQLite database";
  return {};
}

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII runs, 8 bytes at a time: most of a page is markup.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    while (i < n && p[i] < 0x80) ++i;
    if (i >= n) break;
    unsigned char c = p[i];
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (len == 0) {
      ++scan.invalid;
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool ok = true;
    for (size_t k = 1; k < len; ++k, ++j) {
      if (j >= n || p[j] < (k == 1 ? lo : 0x80) || p[j] > (k == 1 ? hi : 0xBF)) {
        ok = false;
        break;
      }
    }
    ok ? ++scan.multibyte : ++scan.invalid;
    i = j;
  }
  return scan;
}

Decision Decide(std::string_view bytes, std::string_view content_type) {
  Decision d;
  // 1. A byte order mark decides, whatever is declared (the HTML standard's "BOM sniff").
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    d.encoding = EncodingNamed("utf-8");
    d.source = CharsetSource::kBom;
    d.bom_bytes = 3;
    d.passthrough = ScanUtf8(bytes.substr(3)).valid();
    return d;
  }
  // UTF-32's before UTF-16's, whose little-endian one starts it.
  const std::string_view bom4 = bytes.substr(0, 4);
  if (bom4 == std::string_view("\xFF\xFE\0\0", 4) || bom4 == std::string_view("\0\0\xFE\xFF", 4)) {
    d.encoding = EncodingNamed(bytes[0] == '\xFF' ? "utf-32le" : "utf-32be");
    d.source = CharsetSource::kBom;
    d.bom_bytes = 4;
    return d;
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    d.encoding = EncodingNamed(bytes[0] == '\xFF' ? "utf-16le" : "utf-16be");
    d.source = CharsetSource::kBom;
    d.bom_bytes = 2;
    return d;
  }

  std::optional<Encoding> header = EncodingForLabel(CharsetParameter(content_type));
  // 2. UTF-16 without a BOM, by its NUL bytes; this must come before the UTF-8 check, since ASCII text in
  //    UTF-16 is valid UTF-8 (with NULs). A declared UTF-16 with few such NULs is UTF-16 only if it reads as
  //    such (ReadsAsUtf16); otherwise the declaration is wrong.
  if (std::optional<Encoding> utf32 = Utf32ByNuls(bytes); utf32 && SniffBinaryFormat(bytes).empty()) {
    d.encoding = *utf32;
    d.source = CharsetSource::kDetected;
    return d;
  }
  if (std::optional<Encoding> utf16 = Utf16ByNuls(bytes)) {
    d.encoding = *utf16;
    d.source = header && IsUtf16(*header) ? CharsetSource::kHeader : CharsetSource::kDetected;
    return d;
  }
  if (header && IsUtf16(*header) && ReadsAsUtf16(bytes, header->name == "utf-16le")) {
    d.encoding = *header;
    d.source = CharsetSource::kHeader;
    return d;
  }
  if (header && IsUtf16(*header)) header.reset();

  // 3. Valid UTF-8 with non-ASCII text is UTF-8 whatever the declaration: legacy text of more than a few
  //    non-ASCII characters practically never validates as UTF-8, while UTF-8 pages labelled ISO-8859-1 (an
  //    old Apache default) or with a stale <meta> are common. Nearly valid UTF-8 (at least 8 valid multi-byte
  //    sequences and 4 times as many as invalid bytes: a page cut mid-character, one pasted Latin-1 quote)
  //    is UTF-8 with a few replacements.
  const Utf8Scan scan = ScanUtf8(bytes);
  const bool has_escape = std::memchr(bytes.data(), 0x1B, bytes.size()) != nullptr;  // ISO-2022 escapes
  std::optional<Encoding> declared = header;
  CharsetSource declared_source = CharsetSource::kHeader;
  if (!declared) {
    declared = PrescanMeta(bytes);
    declared_source = CharsetSource::kMeta;
  }
  const bool declared_utf8 = declared && declared->name == "utf-8";
  // HZ is 7-bit too, and its shifts ("~{") are printable ASCII: a page declared so is decoded even when it is
  // all ASCII.
  const bool declared_hz = declared && declared->name == "hz-gb-2312";
  if (scan.valid() && (scan.multibyte > 0 || (!has_escape && !declared_hz))) {
    if (scan.multibyte == 0 && declared) {
      // ASCII only: every ASCII-compatible encoding reads it the same; report the declared one.
      d.encoding = *declared;
      d.source = declared_source;
    } else {
      d.encoding = EncodingNamed("utf-8");
      d.source = declared_utf8 ? declared_source : CharsetSource::kUtf8;
    }
    d.passthrough = true;
    return d;
  }
  if (scan.multibyte >= 8 && scan.multibyte >= 4 * scan.invalid) {
    d.encoding = EncodingNamed("utf-8");
    d.source = declared_utf8 ? declared_source : CharsetSource::kUtf8;
    return d;
  }

  // Only a page that is not UTF-8 needs a <meta> from later in its head (LateMeta reads up to 64 KB).
  if (!declared) declared = LateMeta(bytes);
  // 4. The declaration: the header, else <meta>. A declared UTF-8 whose bytes are mostly invalid (more
  //    invalid bytes than valid sequences, at least 4) is a mislabelled legacy page: detect instead.
  if (declared && !(declared->name == "utf-8" && scan.invalid >= 4 && scan.invalid > scan.multibyte)) {
    d.encoding = *declared;
    d.source = declared_source;
    return d;
  }

  // 5. Detection, 6. the default of the HTML standard for an unknown locale.
  if (std::optional<Encoding> detected = Detect(bytes)) {
    d.encoding = *detected;
    d.source = CharsetSource::kDetected;
    return d;
  }
  d.encoding = EncodingNamed("windows-1252");
  d.source = CharsetSource::kDefault;
  return d;
}

Status ConvertToUtf8(std::string_view bytes, const Encoding& encoding, std::string* out, bool* replaced) {
  *replaced = false;
  if (encoding.name == "utf-8") {
    *replaced = !AppendValidUtf8(bytes, out);
    return Status::Ok();
  }
  UErrorCode ec = U_ZERO_ERROR;
  ConverterPtr from(ucnv_open(encoding.icu.c_str(), &ec));
  if (U_FAILURE(ec) || !from) {
    ec = U_ZERO_ERROR;
    from.reset(ucnv_open("windows-1252", &ec));
  }
  ConverterPtr to(ucnv_open("UTF-8", &ec));
  if (U_FAILURE(ec) || !from || !to) {
    return Status(StatusCode::kInternal, std::string("ICU cannot open a converter: ") + u_errorName(ec));
  }
  ucnv_setToUCallBack(from.get(), SubstituteReplacement, replaced, nullptr, nullptr, &ec);
  if (U_FAILURE(ec)) return Status(StatusCode::kInternal, std::string("ICU: ") + u_errorName(ec));

  // Chunked through a fixed buffer: memory stays at the output's size (at most 3 bytes per input byte, for
  // a double-byte charset 1.5) plus 128 KiB.
  out->reserve(out->size() + bytes.size() + bytes.size() / 2);
  char buffer[64 << 10];
  UChar pivot[2048];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  bool reset = true;
  for (;;) {
    char* target = buffer;
    ec = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, buffer + sizeof buffer, &source, source_end, pivot,
                   &pivot_source, &pivot_target, pivot + 2048, reset, /*flush=*/true, &ec);
    reset = false;
    out->append(buffer, static_cast<size_t>(target - buffer));
    if (ec == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(ec)) return Status(StatusCode::kInternal, std::string("ICU: ") + u_errorName(ec));
    return Status::Ok();
  }
}

bool IsUtf16(const Encoding& e) { return e.name == "utf-16le" || e.name == "utf-16be"; }
bool IsUtf32(const Encoding& e) { return e.name == "utf-32le" || e.name == "utf-32be"; }

Result<std::string_view> ToUtf8(std::string_view bytes, const Decision& decision, std::string* storage) {
  if (decision.passthrough || decision.encoding.name == "utf-8") return bytes;
  bool replaced = false;
  storage->clear();
  Status s = ConvertToUtf8(bytes.substr(decision.bom_bytes), decision.encoding, storage, &replaced);
  if (!s.ok()) return s;
  return std::string_view(*storage);
}

}  // namespace charset

namespace {

Result<DecodedHtml> Decode(std::string_view bytes, std::string_view content_type) {
  charset::Decision d = charset::Decide(bytes, content_type);
  DecodedHtml out;
  out.charset = d.encoding.name;
  out.source = d.source;
  std::string_view body = bytes.substr(d.bom_bytes);
  if (d.passthrough) {
    // A second UTF-8 byte order mark after the first (a file saved twice) is not text either; left in, decoding
    // the result again would drop it, and "decoding twice is harmless" would not hold. (In other encodings
    // these bytes are text: after a UTF-16 BOM, "EF BB" is U+BBEF. Converted text is checked below.)
    while (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    out.utf8.assign(body);
  } else {
    Status s = charset::ConvertToUtf8(body, d.encoding, &out.utf8, &out.replaced);
    if (!s.ok()) return s;
    // A BOM that the conversion produced (UTF-16 with two of them) goes too.
    size_t lead = 0;
    while (out.utf8.compare(lead, 3, "\xEF\xBB\xBF") == 0) lead += 3;
    out.utf8.erase(0, lead);
  }
  // The result holds no U+0000: the HTML parser reads it as U+FFFD or drops it, and NULs in the result would make
  // decoding it again read it as UTF-16 (fuzzing found "\xFF\xFE<\0\0\1", and a UTF-8 BOM before text with
  // NULs). Nor U+001B (ESC), a control that is never text: ASCII with escapes in the result would make decoding it
  // again read it as ISO-2022-JP (fuzzing found a UTF-8 BOM before "\x1B$B", and a header saying UTF-8 for ASCII
  // with escapes).
  if (out.utf8.find_first_of(std::string_view("\0\x1B", 2)) != std::string::npos) {
    std::string clean;
    clean.reserve(out.utf8.size() + 64);
    for (char c : out.utf8) {
      if (c == '\0' || c == '\x1B') {
        clean += "\xEF\xBF\xBD";
        out.replaced = true;
      } else {
        clean.push_back(c);
      }
    }
    out.utf8 = std::move(clean);
  }
  return out;
}

}  // namespace

Result<DecodedHtml> DecodeHtml(std::string_view bytes, std::string_view content_type) {
  // Errors are values across the public API, an allocation failure on a huge page too.
  try {
    return Decode(bytes, content_type);
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kInternal, "out of memory");
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("decode: ") + e.what());
  } catch (...) {
    return Status(StatusCode::kInternal, "decode failed");
  }
}

}  // namespace cleaner

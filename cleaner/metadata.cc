// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/metadata.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "cleaner/decode.h"
#include "cleaner/language.h"
#include "cleaner/rules_data.h"
#include "cleaner/text.h"

namespace cleaner {
namespace {

// -----------------------------------------------------------------------------------------------------------
// Bounds. A page is hostile input: every loop over something the page controls has a cap.

// Of the 1383 pages of ../shared/bench, 217 have JSON-LD: at most 7 scripts on a page, 41 KB in one script
// and 8 levels of nesting. The caps leave room above that and bound what a hostile page can cost.
constexpr size_t kMaxLdScripts = 16;        // JSON-LD scripts read per page
constexpr size_t kMaxLdBytes = 512 * 1024;  // bytes of one script parsed
constexpr size_t kMaxJsonNodes = 20000;     // values kept per script (36 bytes each)
constexpr size_t kMaxJsonDepth = 64;        // nesting
constexpr size_t kMaxMetaTags = 1024;
constexpr size_t kMaxFieldBytes = 2048;     // a title or description longer than this is not one
constexpr size_t kMaxListItems = 32;        // tags, categories, authors
constexpr size_t kMaxCandidates = 24;       // h1s, <time>s, bylines, dated elements kept from the walk
constexpr size_t kVisibleDateChars = 4000;  // visible text searched for a date after the headline
constexpr size_t kVisibleBylineTexts = 12;  // text nodes after the headline searched for a "By" line

// -----------------------------------------------------------------------------------------------------------
// Strings.

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  return true;
}

// True if `needle` (lower case) occurs in `hay`, ASCII case ignored; no allocation.
bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && LowerAscii(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsNoCase(s.substr(0, prefix.size()), prefix);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}


// HTML character references in JSON-LD strings, which no HTML parser decoded (script text is raw). The named
// ones are those seen in titles.
std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<std::string_view, uint32_t> kNamed[] = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},     {"apos", '\''},
      {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
      {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},
      {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},  {"middot", 0xB7},  {"bull", 0x2022},
      {"eacute", 0xE9},  {"egrave", 0xE8},  {"aacute", 0xE1},   {"iacute", 0xED},  {"oacute", 0xF3},
      {"uacute", 0xFA},  {"ntilde", 0xF1},  {"auml", 0xE4},     {"ouml", 0xF6},    {"uuml", 0xFC},
      {"szlig", 0xDF},   {"ccedil", 0xE7},  {"agrave", 0xE0},   {"ecirc", 0xEA},   {"#039", '\''}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long v = digits.empty() ? 0 : std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (end != nullptr && *end == '\0') cp = static_cast<uint32_t>(std::min<unsigned long>(v, 0x110000));
    } else {
      for (const auto& [n, c] : kNamed)
        if (n == name) cp = c;
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    AppendCodePoint(cp, &out);
    i = semi;
  }
  return out;
}

// Removes markup that some sites put inside JSON-LD strings ("<em>Breaking</em>: ...").
std::string StripTags(std::string_view s) {
  if (s.find('<') == std::string_view::npos) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      size_t gt = s.find('>', i);
      bool tag =
          gt != std::string_view::npos && i + 1 < s.size() &&
          ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z') || s[i + 1] == '/');
      if (tag) {
        i = gt;
        out.push_back(' ');
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// White space collapsed, trimmed and bounded: the shape of every text field. Text from the parsed page has
// its character references decoded by the parser already; strings from JSON-LD are raw script text, so they
// are decoded here and lose the tags that some sites leave in them (`from_json`).
std::string CleanField(std::string_view raw, bool from_json = false) {
  if (raw.size() > 4 * kMaxFieldBytes) raw = raw.substr(0, 4 * kMaxFieldBytes);
  std::string decoded = from_json ? StripTags(DecodeEntities(raw)) : std::string(raw);
  std::string out;
  bool pending = false;
  AppendCollapsed(decoded, &out, &pending);
  std::string trimmed(Trim(out));
  if (trimmed.size() > kMaxFieldBytes) {
    size_t cut = kMaxFieldBytes;
    while (cut > 0 && (static_cast<unsigned char>(trimmed[cut]) & 0xC0) == 0x80)
      --cut;  // a code point boundary
    trimmed.resize(cut);
  }
  return trimmed;
}

// A key for comparing titles: white space collapsed, ASCII case folded, quotes and dashes unified.
std::string TitleKey(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, &i);
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x2032 || cp == '`') {
      out.push_back('\'');
    } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
      out.push_back('"');
    } else if (cp == 0x2013 || cp == 0x2014) {
      out.push_back('-');
    } else if (cp == 0xA0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      for (size_t k = start; k < i; ++k) out.push_back(LowerAscii(s[k]));
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out;
}

size_t Words(std::string_view s) {
  size_t words = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) ++words;
    in = !sp;
  }
  return words;
}

// -----------------------------------------------------------------------------------------------------------
// A small JSON reader for JSON-LD. Real pages' JSON-LD is often broken: raw newlines inside strings, trailing
// commas, two objects in one script, HTML comments or CDATA markers around it, an unescaped quote that ends a
// string early. This reader never fails: it keeps every value it read before the first error, closes what is
// open, and skips junk between top-level values. It allocates no node per byte and never recurses.

class Json {
 public:
  enum Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Node {
    Type type = kNull;
    uint32_t key_begin = 0, key_size = 0;  // the member name, for values inside an object
    uint32_t begin = 0, size = 0;          // the string, number or literal
    uint32_t first_child = kNone, last_child = kNone, next_sibling = kNone;
  };

  // Node 0 is an array that holds the top-level values.
  void Parse(std::string_view s);

  const Node& node(uint32_t i) const { return nodes_[i]; }
  size_t size() const { return nodes_.size(); }
  std::string_view key(uint32_t i) const {
    return std::string_view(chars_).substr(nodes_[i].key_begin, nodes_[i].key_size);
  }
  std::string_view str(uint32_t i) const {
    return std::string_view(chars_).substr(nodes_[i].begin, nodes_[i].size);
  }
  bool is_string(uint32_t i) const { return i != kNone && nodes_[i].type == kString; }
  bool is_object(uint32_t i) const { return i != kNone && nodes_[i].type == kObject; }
  bool is_array(uint32_t i) const { return i != kNone && nodes_[i].type == kArray; }

  // The first member `name` of object `obj`; kNone if there is none.
  uint32_t Get(uint32_t obj, std::string_view name) const {
    if (!is_object(obj)) return kNone;
    for (uint32_t c = nodes_[obj].first_child; c != kNone; c = nodes_[c].next_sibling)
      if (key(c) == name) return c;
    return kNone;
  }
  // The string member `name` of `obj`, or the first string in it if it is an array; empty if neither.
  std::string_view GetString(uint32_t obj, std::string_view name) const {
    uint32_t v = Get(obj, name);
    if (is_array(v)) v = nodes_[v].first_child;
    return is_string(v) ? str(v) : std::string_view();
  }

 private:
  uint32_t Append(Node n, uint32_t parent) {
    auto index = static_cast<uint32_t>(nodes_.size());
    nodes_.push_back(n);
    Node& p = nodes_[parent];
    if (p.last_child == kNone) {
      p.first_child = index;
    } else {
      nodes_[p.last_child].next_sibling = index;
    }
    p.last_child = index;
    return index;
  }

  // Reads the string that starts at s[*p] (a quote) into chars_; false if it does not end.
  bool ReadString(std::string_view s, size_t* p, uint32_t* begin, uint32_t* size) {
    const char quote = s[*p];
    size_t i = *p + 1;
    const size_t mark = chars_.size();
    while (i < s.size() && s[i] != quote) {
      char c = s[i];
      if (c == '\\' && i + 1 < s.size()) {
        char e = s[i + 1];
        i += 2;
        switch (e) {
          case 'n':
          case 'r':
          case 't':
          case 'f':
          case 'b': chars_.push_back(' '); break;
          case 'u': {
            uint32_t cp = 0;
            if (!ReadHex4(s, i, &cp)) break;
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
              uint32_t lo = 0;
              if (ReadHex4(s, i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
              }
            }
            AppendCodePoint(cp, &chars_);
            break;
          }
          default: chars_.push_back(e); break;  // \" \\ \/ and unknown escapes keep the character
        }
        continue;
      }
      chars_.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);  // raw control characters: tolerated
      ++i;
    }
    if (i >= s.size()) {
      chars_.resize(mark);
      return false;
    }
    *p = i + 1;
    *begin = static_cast<uint32_t>(mark);
    *size = static_cast<uint32_t>(chars_.size() - mark);
    return true;
  }

  static bool ReadHex4(std::string_view s, size_t i, uint32_t* out) {
    if (i + 4 > s.size()) return false;
    uint32_t v = 0;
    for (size_t k = i; k < i + 4; ++k) {
      char c = s[k];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<uint32_t>(d);
    }
    *out = v;
    return true;
  }

  std::vector<Node> nodes_;
  std::string chars_;
};

void Json::Parse(std::string_view s) {
  nodes_.clear();
  chars_.clear();
  nodes_.push_back(Node{kArray});
  struct Frame {
    uint32_t node;
    bool object;
    bool have_key;
    uint32_t key_begin, key_size;
  };
  std::vector<Frame> stack{{0, false, false, 0, 0}};
  size_t p = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; };
  while (p < s.size() && nodes_.size() < kMaxJsonNodes) {
    const char c = s[p];
    if (is_space(c) || c == ',') {
      ++p;
      continue;
    }
    if (c == '}' || c == ']') {
      if (stack.size() > 1) stack.pop_back();
      ++p;
      continue;
    }
    Frame& f = stack.back();
    const bool top = stack.size() == 1;
    if (top && s.compare(p, 9, "<![CDATA[") == 0) {  // 10 of the 66 readability pages wrap their JSON-LD so
      p += 9;
      continue;
    }
    if (f.object && !f.have_key) {
      uint32_t kb = 0, ks = 0;
      if (c == '"' || c == '\'') {
        if (!ReadString(s, &p, &kb, &ks)) break;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@' || c == '$') {
        kb = static_cast<uint32_t>(chars_.size());
        while (p < s.size() && (std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '_' || s[p] == '@'))
          chars_.push_back(s[p++]);
        ks = static_cast<uint32_t>(chars_.size()) - kb;
      } else {
        break;
      }
      while (p < s.size() && is_space(s[p])) ++p;
      if (p >= s.size() || s[p] != ':') break;
      ++p;
      f.have_key = true;
      f.key_begin = kb;
      f.key_size = ks;
      continue;
    }
    Node n;
    if (f.object) {
      n.key_begin = f.key_begin;
      n.key_size = f.key_size;
      f.have_key = false;
    }
    const uint32_t parent = f.node;
    if (c == '{' || c == '[') {
      if (stack.size() >= kMaxJsonDepth) break;
      n.type = c == '{' ? kObject : kArray;
      uint32_t index = Append(n, parent);
      stack.push_back({index, c == '{', false, 0, 0});
      ++p;
      continue;
    }
    if (c == '"' || c == '\'') {
      n.type = kString;
      if (!ReadString(s, &p, &n.begin, &n.size)) break;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      n.type = kNumber;
      n.begin = static_cast<uint32_t>(chars_.size());
      while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '-' || s[p] == '+' ||
                              s[p] == '.' || s[p] == 'e' || s[p] == 'E'))
        chars_.push_back(s[p++]);
      n.size = static_cast<uint32_t>(chars_.size()) - n.begin;
    } else if (s.compare(p, 4, "true") == 0 || s.compare(p, 5, "false") == 0 ||
               s.compare(p, 4, "null") == 0) {
      n.type = s[p] == 'n' ? kNull : kBool;
      n.begin = static_cast<uint32_t>(chars_.size());
      size_t len = s[p] == 'f' ? 5 : 4;
      chars_.append(s.substr(p, len));
      n.size = static_cast<uint32_t>(len);
      p += len;
    } else if (top) {
      ++p;  // junk between top-level values: "<!--", "/*<![CDATA[*/", a stray semicolon
      continue;
    } else {
      break;
    }
    Append(n, parent);
  }
}

// -----------------------------------------------------------------------------------------------------------
// Dates.

struct Ymd {
  int y = 0, m = 0, d = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDay(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The earliest year taken: the web's. A "1970-01-01" is an unset timestamp, not a date.
constexpr int kMinYear = 1995;

// True if the date is a plausible publication date for a page read on `today` (YYYYMMDD). One day of slack:
// a page published just after midnight in UTC+14 is "tomorrow" in UTC.
bool Plausible(const Ymd& date, int today) {
  if (!ValidDay(date.y, date.m, date.d) || date.y < kMinYear) return false;
  const long t = DaysFromCivil(today / 10000, today / 100 % 100, today % 100);
  return DaysFromCivil(date.y, date.m, date.d) <= t + 1;
}

std::string FormatYmd(const Ymd& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.y, date.m, date.d);
  return buf;
}

// Month names, lower case: English, German, French, Spanish, Italian, Portuguese, Dutch and Hindi. Chinese,
// Japanese and Korean dates are numbers (2024年4月24日), which the numeric patterns read; Russian names (in the
// genitive: "января") are not listed yet. Hindi writes फ़रवरी with a precomposed nukta letter or with a
// combining nukta; both are listed.
struct MonthName {
  std::string_view name;
  int month;
};
// clang-format off
constexpr MonthName kMonths[] = {
    // English, with the abbreviations news sites print ("Sept." included).
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7},
    {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12}, {"jan", 1},
    {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
    {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German (and Austrian Jänner).
    {"januar", 1}, {"j\xC3\xA4nner", 1}, {"februar", 2}, {"m\xC3\xA4rz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"m\xC3\xA4r", 3}, {"okt", 10}, {"dez", 12},
    // French.
    {"janvier", 1}, {"f\xC3\xA9vrier", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"ao\xC3\xBBt", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
    {"d\xC3\xA9\x63\x65mbre", 12}, {"decembre", 12},
    // French abbreviations ("3 janv. 2024"; "sept", "oct", "nov" are the English ones).
    {"janv", 1}, {"f\xC3\xA9vr", 2}, {"fevr", 2}, {"avr", 4}, {"juil", 7}, {"d\xC3\xA9\x63", 12},
    // Spanish.
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
    {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    // Spanish abbreviations that differ from the English ones ("14 ene. 2024"); not "ago", an English word in
    // dates' company ("2 hours ago").
    {"ene", 1}, {"abr", 4}, {"dic", 12},
    // Italian.
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
    {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
    // Portuguese.
    {"janeiro", 1}, {"fevereiro", 2}, {"mar\xC3\xA7o", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
    {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    // Dutch.
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    // Hindi.
    {"\xE0\xA4\x9C\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80", 1},  // जनवरी
    {"\xE0\xA4\xAB\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80", 2},  // फरवरी
    {"\xE0\xA5\x9E\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80", 2},  // फ़रवरी (U+095E)
    {"\xE0\xA4\xAB\xE0\xA4\xBC\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80", 2},  // फ़रवरी (nukta)
    {"\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\x9A", 3},  // मार्च
    {"\xE0\xA4\x85\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA5\x88\xE0\xA4\xB2", 4},  // अप्रैल
    {"\xE0\xA4\x85\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA5\x87\xE0\xA4\xB2", 4},  // अप्रेल
    {"\xE0\xA4\xAE\xE0\xA4\x88", 5},  // मई
    {"\xE0\xA4\x9C\xE0\xA5\x82\xE0\xA4\xA8", 6},  // जून
    {"\xE0\xA4\x9C\xE0\xA5\x81\xE0\xA4\xB2\xE0\xA4\xBE\xE0\xA4\x88", 7},  // जुलाई
    {"\xE0\xA4\x85\xE0\xA4\x97\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4", 8},  // अगस्त
    {"\xE0\xA4\xB8\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0", 9},  // सितंबर
    {"\xE0\xA4\xB8\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0", 9},  // सितम्बर
    {"\xE0\xA4\x85\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\x9F\xE0\xA5\x82\xE0\xA4\xAC\xE0\xA4\xB0", 10},  // अक्टूबर
    {"\xE0\xA4\x85\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x82\xE0\xA4\xAC\xE0\xA4\xB0", 10},  // अक्तूबर
    {"\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0", 11},  // नवंबर
    {"\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0", 11},  // नवम्बर
    {"\xE0\xA4\xA6\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0", 12},  // दिसंबर
    {"\xE0\xA4\xA6\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0", 12},  // दिसम्बर
};
// clang-format on

int MonthOf(std::string_view word_lower) {
  for (const MonthName& m : kMonths)
    if (m.name == word_lower) return m.month;
  return 0;
}

// A token of text for date matching.
struct Token {
  enum Kind : uint8_t { kNumber, kWord, kPunct };
  Kind kind;
  uint32_t begin, end;  // byte range in the text
  int value = 0;        // numbers: the value (of at most 8 digits); words: the month (0 if none)
  int digits = 0;       // numbers: how many digits
  uint32_t punct = 0;   // punctuation: the code point
  bool glued = false;   // no space between this token and the one before it
};

bool IsPunctuation(uint32_t cp) {
  return cp < 0x80 ? !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
                   : (cp >= 0xA1 && cp <= 0xBF) || (cp >= 0x2010 && cp <= 0x206F) || cp == 0x0964 ||
                         cp == 0x0965 || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
                         cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5 || cp == 0xB144 || cp == 0xC6D4 ||
                         cp == 0xC77C;  // 年 月 日 and Korean 년 월 일 act as separators
}

bool IsSpaceCp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 || cp == 0x202F ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0xFEFF;
}

// Splits at most `max_bytes` of `text` into tokens.
std::vector<Token> Tokenize(std::string_view text, size_t max_bytes) {
  std::vector<Token> tokens;
  size_t i = 0;
  bool space_before = true;
  const size_t end = std::min(text.size(), max_bytes);
  while (i < end) {
    size_t start = i;
    uint32_t cp = NextCodePoint(text, &i);
    if (IsSpaceCp(cp)) {
      space_before = true;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(start);
    t.glued = !space_before && !tokens.empty();
    space_before = false;
    auto digit = [](uint32_t c) {
      return (c >= '0' && c <= '9')         ? static_cast<int>(c - '0')
             : (c >= 0x0966 && c <= 0x096F) ? static_cast<int>(c - 0x0966)
                                            : -1;
    };
    if (digit(cp) >= 0) {
      t.kind = Token::kNumber;
      t.value = digit(cp);
      t.digits = 1;
      while (i < end) {
        size_t k = i;
        uint32_t next = NextCodePoint(text, &k);
        if (digit(next) < 0) break;
        if (t.digits < 9) t.value = t.value * 10 + digit(next);
        ++t.digits;
        i = k;
      }
    } else if (IsPunctuation(cp)) {
      t.kind = Token::kPunct;
      t.punct = cp;
    } else {
      t.kind = Token::kWord;
      while (i < end) {
        size_t k = i;
        uint32_t next = NextCodePoint(text, &k);
        if (IsSpaceCp(next) || IsPunctuation(next) || digit(next) >= 0) break;
        i = k;
      }
      size_t len = i - start;
      if (len <= 40) {
        // Without the zero-width joiners and non-joiners (U+200D, U+200C) that some Hindi sites put in month
        // names.
        std::string word = Lower(text.substr(start, len));
        for (const char* zw : {"\xE2\x80\x8D", "\xE2\x80\x8C"})
          for (size_t z = word.find(zw); z != std::string::npos; z = word.find(zw, z)) word.erase(z, 3);
        t.value = MonthOf(word);
      }
    }
    t.end = static_cast<uint32_t>(i);
    tokens.push_back(t);
  }
  return tokens;
}

bool IsCopyrightContext(std::string_view text, size_t begin) {
  // "©" or "copyright" back to the line's start, at most 80 bytes ("Copyright Example News Group Limited and its
  // licensors, 1 March 2019." puts 62 bytes between them; a page's "© City" footer 130 bytes before its print
  // footer's "[Stand: 08.05.2019]" is another block); "(c)", which also numbers list items, within 48.
  size_t from = begin > 80 ? begin - 80 : 0;
  const size_t line = text.rfind('\n', begin == 0 ? 0 : begin - 1);
  if (line != std::string_view::npos && line + 1 > from && line < begin) from = line + 1;
  const std::string before = Lower(text.substr(from, begin - from));
  const std::string_view near = std::string_view(before).substr(before.size() > 48 ? before.size() - 48 : 0);
  return before.find("\xC2\xA9") != std::string::npos || before.find("copyright") != std::string::npos ||
         near.find("(c)") != std::string::npos;
}

// Finds the first date in `text` that passes `accept`; sets *begin to where its match starts.
template <typename Accept>
bool FindDate(std::string_view text, size_t max_bytes, Accept accept, Ymd* out, size_t* begin) {
  const std::vector<Token> tk = Tokenize(text, max_bytes);
  const size_t n = tk.size();
  auto is_num = [&](size_t k, int min_digits, int max_digits) {
    return k < n && tk[k].kind == Token::kNumber && tk[k].digits >= min_digits && tk[k].digits <= max_digits;
  };
  auto is_punct = [&](size_t k, uint32_t c) {
    return k < n && tk[k].kind == Token::kPunct && tk[k].punct == c;
  };
  auto is_word = [&](size_t k, std::string_view w) {
    return k < n && tk[k].kind == Token::kWord &&
           EqualsNoCase(text.substr(tk[k].begin, tk[k].end - tk[k].begin), w);
  };
  auto is_month = [&](size_t k) { return k < n && tk[k].kind == Token::kWord && tk[k].value > 0; };
  auto is_sep = [&](size_t k) { return is_punct(k, '-') || is_punct(k, '/') || is_punct(k, '.'); };
  auto skip_ordinal = [&](size_t k) {  // 12th, 1st, 1er, 3rd, 2nd (glued to the number)
    if (k < n && tk[k].kind == Token::kWord && tk[k].glued &&
        (is_word(k, "st") || is_word(k, "nd") || is_word(k, "rd") || is_word(k, "th") || is_word(k, "er")))
      ++k;
    return k;
  };
  auto skip_filler = [&](size_t k) {  // "12. März", "12 de marzo de", "March 12, 2024", "12 of March"
    while (k < n && (is_punct(k, '.') || is_punct(k, ',') || is_word(k, "de") || is_word(k, "del") ||
                     is_word(k, "of")))
      ++k;
    return k;
  };
  for (size_t i = 0; i < n; ++i) {
    Ymd d;
    bool found = false;
    if (is_num(i, 1, 2)) {
      // D Month YYYY
      size_t k = skip_filler(skip_ordinal(i + 1));
      if (is_month(k)) {
        size_t y = skip_filler(k + 1);
        if (is_num(y, 4, 4)) {
          d = {tk[y].value, tk[k].value, tk[i].value};
          found = true;
        }
      }
      // D.M.YYYY, D/M/YYYY, D-M-YYYY (day first unless the first number cannot be a day ... or the second
      // cannot be a month: 03/25/2024 is American)
      if (!found && is_sep(i + 1) && is_num(i + 2, 1, 2) && is_sep(i + 3) &&
          tk[i + 3].punct == tk[i + 1].punct && is_num(i + 4, 4, 4) && tk[i + 1].glued && tk[i + 2].glued &&
          tk[i + 3].glued && tk[i + 4].glued) {
        int a = tk[i].value, b = tk[i + 2].value;
        if (b > 12 && a <= 12 && tk[i + 1].punct == '/') std::swap(a, b);
        if (tk[i + 1].punct != '/' || a > 12 || b > 12 || a == b) {
          d = {tk[i + 4].value, b, a};
          found = true;
        }
      }
    } else if (is_num(i, 4, 4)) {
      // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY. M. D. and 2024年4月24日
      size_t k = i + 1;
      bool cjk = k < n && tk[k].kind == Token::kPunct && (tk[k].punct == 0x5E74 || tk[k].punct == 0xB144);
      if ((is_sep(k) || cjk) && is_num(k + 1, 1, 2) && k + 2 < n && tk[k + 2].kind == Token::kPunct &&
          (cjk || tk[k + 2].punct == tk[k].punct) && is_num(k + 3, 1, 2)) {
        bool tight = tk[k].glued && tk[k + 1].glued && tk[k + 2].glued && tk[k + 3].glued;
        if (tight || cjk || tk[k].punct == '.') {
          d = {tk[i].value, tk[k + 1].value, tk[k + 3].value};
          found = true;
        }
      }
      // YYYYMMDD is read only where a date is expected (NormalizeDate), never in running text.
    } else if (is_month(i)) {
      // Month D, YYYY
      size_t k = i + 1;
      while (k < n && is_punct(k, '.')) ++k;
      if (is_num(k, 1, 2)) {
        size_t y = skip_filler(skip_ordinal(k + 1));
        if (is_num(y, 4, 4)) {
          d = {tk[y].value, tk[i].value, tk[k].value};
          found = true;
        }
      }
    }
    if (found && ValidDay(d.y, d.m, d.d) && accept(d, tk[i].begin)) {
      *out = d;
      *begin = tk[i].begin;
      return true;
    }
  }
  return false;
}

bool FindPlausibleDate(std::string_view text, int today, size_t max_bytes, Ymd* out) {
  size_t begin = 0;
  return FindDate(
      text, max_bytes,
      [&](const Ymd& d, size_t at) { return Plausible(d, today) && !IsCopyrightContext(text, at); }, out,
      &begin);
}

// ISO 8601 and its common variants: "2024-03-12", "2024-03-12T10:00:00+05:30", "2024/03/12 10:00",
// "20240312", "2024-3-12".
bool ParseIsoDate(std::string_view s, Ymd* out) {
  s = Trim(s);
  auto num = [&](size_t at, size_t len, int* v) {
    if (at + len > s.size()) return false;
    int x = 0;
    for (size_t k = at; k < at + len; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      x = x * 10 + (s[k] - '0');
    }
    *v = x;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, &y)) return false;
  if (s.size() >= 8 && num(4, 2, &m) && num(6, 2, &d) &&
      (s.size() == 8 || !std::isdigit(static_cast<unsigned char>(s[8])))) {
    // 20240312
  } else if (s.size() >= 8 && (s[4] == '-' || s[4] == '/' || s[4] == '.')) {
    size_t p = 5;
    size_t mlen = p + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[p + 1])) ? 2 : 1;
    if (!num(p, mlen, &m)) return false;
    p += mlen;
    if (p >= s.size() || s[p] != s[4]) return false;
    ++p;
    size_t dlen = p + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[p + 1])) ? 2 : 1;
    if (!num(p, dlen, &d)) return false;
    if (p + dlen < s.size() && std::isdigit(static_cast<unsigned char>(s[p + dlen]))) return false;
  } else {
    return false;
  }
  if (!ValidDay(y, m, d)) return false;
  *out = {y, m, d};
  return true;
}

bool ParseDateValue(std::string_view s, Ymd* out) {
  if (ParseIsoDate(s, out)) return true;
  size_t begin = 0;
  return FindDate(
      s, 256, [](const Ymd&, size_t) { return true; }, out, &begin);
}

// The date in a URL path: /2024/03/12/, /2024-03-12-, _20240312_ (bounded by non-digits on both sides).
bool DateFromUrl(std::string_view url, int today, Ymd* out) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return false;
  url = url.substr(path, 1024);
  auto digit = [&](size_t k) { return k < url.size() && url[k] >= '0' && url[k] <= '9'; };
  auto value = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t k = at; k < at + len; ++k) v = v * 10 + (url[k] - '0');
    return v;
  };
  for (size_t i = 0; i + 8 <= url.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1))) continue;
    if (!(url.compare(i, 2, "19") == 0 || url.compare(i, 2, "20") == 0)) continue;
    size_t run = i;
    while (digit(run)) ++run;
    Ymd d;
    if (run - i == 4) {
      char sep = i + 4 < url.size() ? url[i + 4] : 0;
      if (sep != '/' && sep != '-' && sep != '_') continue;
      if (!(digit(i + 5) && digit(i + 6) && i + 7 < url.size() && url[i + 7] == sep && digit(i + 8) &&
            digit(i + 9) && !digit(i + 10)))
        continue;
      d = {value(i, 4), value(i + 5, 2), value(i + 8, 2)};
    } else if (run - i == 8) {
      d = {value(i, 4), value(i + 4, 2), value(i + 6, 2)};
    } else {
      continue;
    }
    if (Plausible(d, today)) {
      *out = d;
      return true;
    }
  }
  return false;
}

int TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

// -----------------------------------------------------------------------------------------------------------
// Authors.

constexpr std::string_view kDwara =
    "\xE0\xA4\xA6\xE0\xA5\x8D\xE0\xA4\xB5\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xBE";

// The byline phrases of rules/metadata/bylines.txt, parsed once.
const BylinePhrases& Phrases() {
  static const BylinePhrases* const phrases = [] {
    auto* p = new BylinePhrases();
    for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
      if (f.path != "metadata/bylines.txt") continue;
      Result<BylinePhrases> parsed = ParseBylinePhrases(f.content);
      // The file is built in: metadata_test's BylinePhrasesFile makes sure it parses, so no page ever meets an
      // error here (a broken file would leave the lists empty and fail the author tests).
      if (parsed.ok()) *p = std::move(parsed).value();
    }
    return p;
  }();
  return *phrases;
}

std::string_view TrimNamePunct(std::string_view s) {
  // Bullets, middle dots, guillemets, dashes and full-width slashes and bars that bylines put between their parts:
  // "· Jane Doe", "ライトハウス国際特許事務所 ／".
  static constexpr std::string_view kMarks[] = {"\xC2\xB7",     "\xE2\x80\xA2", "\xC2\xBB",     "\xC2\xAB",
                                                "\xE2\x80\x94", "\xE2\x80\x93", "\xEF\xBC\x8F", "\xEF\xBD\x9C"};
  for (;;) {
    s = Trim(s);
    if (s.empty()) return s;
    bool marked = false;
    for (std::string_view m : kMarks) {
      if (s.substr(0, m.size()) == m) {
        s.remove_prefix(m.size());
        marked = true;
      } else if (s.size() >= m.size() && s.substr(s.size() - m.size()) == m) {
        s.remove_suffix(m.size());
        marked = true;
      }
    }
    if (marked) continue;
    char f = s.front(), b = s.back();
    if (f == ',' || f == ':' || f == ';' || f == '-' || f == '.' || f == '|' || f == '/' || f == '(' ||
        f == '"') {
      s.remove_prefix(1);
    } else if (b == ',' || b == ':' || b == ';' || b == '-' || b == '|' || b == '/' || b == '"' ||
               (b == ')' && s.find('(') == std::string_view::npos)) {
      s.remove_suffix(1);
    } else {
      return s;
    }
  }
}

// `s` without its labels ("By", "Written by", "Von:", ...); `*label`, if given, is set to the first label
// stripped, or to empty if there was none.
std::string_view StripAuthorPrefix(std::string_view s, std::string_view* label = nullptr) {
  if (label != nullptr) *label = {};
  for (bool again = true; again;) {
    again = false;
    s = TrimNamePunct(s);
    for (std::string_view p : Phrases().prefixes) {
      if (!StartsWithNoCase(s, p)) continue;
      bool boundary = p.back() == ':' || s.size() == p.size() || s[p.size()] == ' ' || s[p.size()] == ':' ||
                      (static_cast<unsigned char>(p.back()) >= 0x80);
      if (!boundary) continue;
      if (label != nullptr && label->empty()) *label = p;
      s.remove_prefix(p.size());
      again = true;
      break;
    }
  }
  s = TrimNamePunct(s);
  if (EndsWith(s, kDwara)) s = TrimNamePunct(s.substr(0, s.size() - kDwara.size()));  // "राम द्वारा": by Ram
  return s;
}

// A name is short, has no address in it, and has a letter.
bool LooksLikeName(std::string_view s) {
  if (s.size() < 2 || s.size() > 80 || Words(s) > 7) return false;
  if (ContainsNoCase(s, "http") || ContainsNoCase(s, "www.") || s.find('@') != std::string_view::npos ||
      s.find('{') != std::string_view::npos || s.find('=') != std::string_view::npos)
    return false;
  bool letter = false;
  for (char c : s)
    letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
  return letter;
}

// True if every word of `name` that is written in a cased script starts with a capital ("Lê Phương", not
// "Themen bearbeiten"); particles such as "van" and "de" are allowed.
bool CapitalizedWords(std::string_view name) {
  size_t i = 0;
  bool word_start = true;
  while (i < name.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(name, &i);
    if (cp == ' ' || cp == '-') {
      word_start = true;
      continue;
    }
    if (word_start) {
      word_start = false;
      std::string_view rest = name.substr(start);
      bool particle = false;
      for (std::string_view p :
           {"van ", "von ", "de ", "der ", "da ", "di ", "del ", "la ", "le ", "bin ", "al-"})
        particle |= rest.substr(0, p.size()) == p;
      if (particle) continue;
      if ((cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF) || (cp >= 0x0430 && cp <= 0x045F))
        return false;
    }
  }
  return true;
}

// The part of `s` after a "by" inside it that follows no name: "Recipe by PJ Hamel", "Analysis by Chris
// Cillizza", "TECHNOLOGY | 8 Hours Ago By Ann Lee", "Friday, January 11, 2008 By Jalilur Rahman", "See more
// articles by Rosie Einhorn". For a byline without a label of its own (AddAuthors keeps "By Ben Bowers on
// 10.29.12 | Photo by Google" to its writer). What comes before "by" starts with a name if its first part (up to
// a separator), without the lower-case words that end it ("photos", "edited"), is two or more capitalised words
// without digits: "Rob Ewaschuk Edited by Betsy Beyer", "Jane Doe, photos by John Roe" and "John Smith and Mary
// Jones edited by Bob" keep their writers. `s` itself otherwise.
std::string_view AfterInnerBy(std::string_view s) {
  const std::string lower = Lower(s);
  const size_t pos = lower.find(" by ");
  // The label that follows a date in other languages ("Publié le 3 mars 2024 par Jean Dupont", "12. März 2024,
  // 10:00 Uhr von Anna Schmidt"). These words are also inside names ("Ursula von der Leyen", "Antonio Di
  // Natale"), so only right after the date: a digit, then at most one short word ("Uhr", "h"), then the label,
  // and no English "by" before it.
  for (std::string_view label : Phrases().after_date) {
    const size_t at = lower.find(label);
    if (at == std::string::npos || (pos != std::string::npos && pos < at)) continue;
    const size_t digit = lower.find_last_of("0123456789", at);
    if (digit == std::string::npos) continue;
    const std::string_view between = Trim(std::string_view(lower).substr(digit + 1, at - digit - 1));
    if (between.size() <= 4 && between.find(' ') == std::string_view::npos) return s.substr(at + label.size());
  }
  if (pos == std::string::npos || pos == 0) return s;
  std::string_view before = s.substr(0, pos);
  for (std::string_view sep : Phrases().separators) {
    const size_t at = lower.find(sep);
    if (at != std::string::npos && at < before.size()) before = before.substr(0, at);
  }
  before = TrimNamePunct(before);
  for (;;) {  // drop the lower-case words at its end
    const size_t space = before.rfind(' ');
    const std::string_view last = before.substr(space == std::string_view::npos ? 0 : space + 1);
    if (last.empty() || !(last[0] >= 'a' && last[0] <= 'z') || space == std::string_view::npos) break;
    before = TrimNamePunct(before.substr(0, space));
  }
  bool digit = false;
  for (char c : before) digit |= c >= '0' && c <= '9';
  if (!digit && Words(before) >= 2 && CapitalizedWords(before)) return s;
  return s.substr(pos + 4);
}

// `s` without the e-mail addresses in it ("By Jane Doe jane.doe@example.com", "Jane Doe (jane@example.org)"):
// a run of characters that holds an "@" with a dot after it, up to a space, a slash, a bracket or punctuation
// between names (",", ";", "|", ":").
std::string WithoutAddresses(std::string s) {
  auto edge = [](char c) {
    return c == ' ' || c == '/' || c == '(' || c == ')' || c == '<' || c == '>' || c == ',' || c == ';' ||
           c == '|' || c == ':';
  };
  for (size_t at = s.find('@'); at != std::string::npos; at = s.find('@', at + 1)) {
    size_t begin = at, end = at + 1;
    while (begin > 0 && !edge(s[begin - 1])) --begin;
    while (end < s.size() && !edge(s[end])) ++end;
    if (begin == at || s.find('.', at) >= end) continue;  // "@handle", "a@b": no address
    if (begin > 0 && end < s.size() && (s[begin - 1] == '(' || s[begin - 1] == '<') &&
        (s[end] == ')' || s[end] == '>')) {  // with its brackets
      --begin;
      ++end;
    }
    s.replace(begin, end - begin, " ");
    at = begin;
  }
  return s;
}

// Dublin Core's creator and Highwire Press's citation_author name one author per tag, often surname first
// ("Page, Jeffrey C", cleaneval final-422): one comma after a single word, before one to three words, is read
// as "Jeffrey C Page". Two names ("Jane Doe, John Roe") stay as they are, for AddAuthors to split, and so do
// lists ("Smith, Jones and Brown"), agencies in capitals ("Reuters, AFP") and a role ("Staff, Reuters").
std::string FirstNameFirst(std::string_view value) {
  const std::string_view v = Trim(value);
  const size_t comma = v.find(',');
  if (comma == std::string_view::npos) return std::string(v);
  const std::string_view last = Trim(v.substr(0, comma)), first = Trim(v.substr(comma + 1));
  if (last.empty() || first.empty() || Words(last) != 1 || Words(first) > 3) return std::string(v);
  const std::string rest = " " + Lower(first) + " ";
  for (std::string_view sep : Phrases().separators)
    if (rest.find(sep) != std::string::npos) return std::string(v);
  for (std::string_view part : {last, first}) {
    const bool capitals = part.size() >= 2 && std::none_of(part.begin(), part.end(), [](char c) {
      return c >= 'a' && c <= 'z';
    });
    if (capitals) return std::string(v);
  }
  for (std::string_view w : Phrases().not_names)
    if (EqualsNoCase(last, w)) return std::string(v);
  if (EqualsNoCase(last, "staff")) return std::string(v);
  return std::string(first) + " " + std::string(last);
}

void AddAuthors(std::string_view byline, std::vector<std::string>* out) {
  std::string s = WithoutAddresses(CleanField(byline));
  std::string_view label;
  std::string_view v = StripAuthorPrefix(s, &label);
  if (label.empty()) v = StripAuthorPrefix(AfterInnerBy(v));
  // Cut at a date ("By Nathan Willis March 25, 2015"), then at the first digit, then at a stop word.
  std::string_view text = v;
  Ymd d;
  size_t at = 0;
  if (FindDate(
          text, 512, [](const Ymd&, size_t) { return true; }, &d, &at))
    text = text.substr(0, at);
  for (size_t k = 0; k < text.size(); ++k) {
    if (text[k] >= '0' && text[k] <= '9') {
      text = text.substr(0, k);
      break;
    }
  }
  std::string lower = Lower(text);
  size_t cut = lower.size();
  // The first place after the start where a stop occurs ("· Jane Doe · Staff" is cut at its second dot), or a
  // weekday as a whole word ("Tom Fridayson Friday" at the second).
  for (std::string_view stop : Phrases().stops) {
    size_t pos = lower.find(stop);
    if (pos == 0) pos = lower.find(stop, 1);
    if (pos != std::string::npos) cut = std::min(cut, pos);
  }
  // A word that ends the names only where the date it introduces was cut off above ("Jean Dupont le 3 mars"),
  // not inside a name ("Ursula K. Le Guin").
  size_t end = lower.size();
  while (end > 0 && lower[end - 1] == ' ') --end;
  const std::string_view before_date = std::string_view(lower).substr(0, end);
  for (std::string_view stop : Phrases().end_stops) {
    const std::string_view word = Trim(stop);
    if (end > word.size() && EndsWith(before_date, word) && before_date[end - word.size() - 1] == ' ')
      cut = std::min(cut, end - word.size() - 1);
  }
  for (std::string_view day : Phrases().weekdays) {
    for (size_t pos = lower.find(day, 1); pos != std::string::npos && pos < cut; pos = lower.find(day, pos + 1)) {
      const size_t end = pos + day.size();
      if (end == lower.size() || !std::isalpha(static_cast<unsigned char>(lower[end]))) {
        cut = pos;
        break;
      }
    }
  }
  text = text.substr(0, cut);
  // Split into names.
  std::string rest(text);
  std::vector<std::string> names;
  while (!rest.empty() && names.size() < kMaxListItems) {
    std::string low = Lower(rest);
    size_t best = std::string::npos, best_len = 0;
    for (std::string_view sep : Phrases().separators) {
      size_t pos = low.find(sep);
      if (pos != std::string::npos && pos < best) {
        best = pos;
        best_len = sep.size();
      }
    }
    names.push_back(rest.substr(0, best));
    if (best == std::string::npos) break;
    rest = rest.substr(best + best_len);
  }
  // A part of one letter is no name: the separator was inside one ("Mac & i", heise's magazine).
  for (const std::string& n : names) {
    // (A Chinese, Japanese or Korean character alone can be a name: only other scripts' letters count here.)
    size_t letters = 0;
    uint32_t cp = 0;
    for (size_t i = 0; i < Trim(n).size();) {
      cp = NextCodePoint(Trim(n), &i);
      ++letters;
    }
    if (names.size() > 1 && letters == 1 && cp < 0x2E80) {
      names = {std::string(text)};
      break;
    }
  }
  for (size_t k = 0; k < names.size(); ++k) {
    std::string_view name = StripAuthorPrefix(names[k]);
    for (std::string_view stop : Phrases().name_stops) {
      const size_t at = Lower(name).find(stop);
      if (at != std::string::npos && at > 0) name = TrimNamePunct(name.substr(0, at));
    }
    // A job title ends the name where it starts as a word ("Jane Doe Staff Writer"), and a name after it is
    // kept ("Staff Writer Jane Doe"). After a function word ("our correspondent", "Alex Hern is a staff writer
    // at...") there is no name.
    for (std::string_view role : Phrases().roles) {
      const std::string lower = Lower(name);
      for (size_t at = lower.find(role); at != std::string::npos; at = lower.find(role, at + 1)) {
        const size_t end = at + role.size();
        if ((at > 0 && lower[at - 1] != ' ') ||
            (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end]))))
          continue;  // inside a word
        const std::string_view before = TrimNamePunct(name.substr(0, at));
        if (before.empty()) {  // "Staff Writer Jane Doe", "Contributor: Jane Doe": the name follows
          name = TrimNamePunct(name.substr(end));
          break;
        }
        const size_t space = before.rfind(' ');
        const std::string_view last_word = before.substr(space == std::string_view::npos ? 0 : space + 1);
        bool sentence = false;  // "our correspondent", "... is a staff writer at ..."
        for (std::string_view w : {"a", "an", "the", "our", "your", "is", "as", "was"})
          sentence |= last_word == w;
        name = sentence ? std::string_view() : before;
        break;
      }
    }
    // A connective in lower case left at the end of the last name where a date was cut after it ("Günter W.
    // Kienitz at 12:00", "Posted by Tim on 3 May") or a link began ("By TPN, in <a>News</a>"). Written so, it
    // ends no name: "Juliet Um" and "Lee In" keep theirs. Not "le" or "el": "Khanh le" may be one.
    if (k + 1 == names.size())
      for (std::string_view tail : {" at", " on", " am", " um", " in"})
        if (EndsWith(name, tail)) name = TrimNamePunct(name.substr(0, name.size() - tail.size()));
    // The full stop of a sentence the byline ends ("Damien McFerran.", "By Jane Roe."), not an initial's or an
    // abbreviation's ("John Smith Jr.", "Acme Inc.", "Rosie Einhorn, L.C.S.W.").
    if (name.size() >= 2 && name.back() == '.') {
      const size_t space = name.rfind(' ');
      const std::string_view last = name.substr(space == std::string_view::npos ? 0 : space + 1);
      // "J.", "L.C.S.W.", "e.V.", an ellipsis
      bool abbreviation = last.size() <= 2 || last.substr(0, last.size() - 1).find('.') != std::string_view::npos;
      for (std::string_view a : {"jr.", "sr.", "esq.", "inc.", "ltd.", "co.", "corp.", "bros.", "st.", "dr."})
        abbreviation |= EqualsNoCase(last, a);
      if (!abbreviation) name = TrimNamePunct(name.substr(0, name.size() - 1));
    }
    if (!LooksLikeName(name)) continue;
    bool not_name = false;
    for (std::string_view w : Phrases().not_names) not_name |= EqualsNoCase(name, w);
    if (not_name) continue;
    bool dup = false;
    for (const std::string& o : *out) dup |= EqualsNoCase(o, name);
    if (!dup && out->size() < kMaxListItems) out->emplace_back(name);
  }
}

// -----------------------------------------------------------------------------------------------------------
// Titles.

constexpr std::string_view kTitleSeparators[] = {
    " | ",  " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xBB ",
    " :: ", " / ", " \xC2\xB7 ",     " \xE2\x80\xA2 ", " : "};

// Readability's rule: from "Article | Site" or "Site - Article" keep the part that reads like a headline.
// `pipe_only` looks at " | " alone, for og:title: on the 185 bench pages 8 og:titles hold a pipe, and on all
// 8 one side of it is a site, section or author name, while " - " and " / " also occur inside headlines
// ("Friday Facts #282 - 0.17 in sight", "Nationale Demo / Der 9. Juli naht").
std::string CleanTitle(std::string title, bool pipe_only = false) {
  for (std::string_view sep : kTitleSeparators) {
    if (sep == " : " || (pipe_only && sep != " | ")) continue;
    size_t pos = title.rfind(sep);
    if (pos == std::string::npos) continue;
    std::string first = title.substr(0, pos);
    if (Words(first) >= 3) return first;
    size_t fpos = title.find(sep);
    std::string rest = title.substr(fpos + sep.size());
    if (Words(rest) >= 3) return rest;
    return title;
  }
  return title;
}

// A key for telling whether two sources give the same words: letters and digits only, ASCII case folded.
// Sources punctuate and space one headline differently: fundus's lu-Tageblatt has "Nationale Demo / Der 9.
// Juli naht" as og:title, "Nationale Demo Der 9. Juli naht" as <title> and "Nationale DemoDer 9. Juli naht"
// as <h1>, whose overline is a <span> beside the headline.
std::string WordsKey(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, &i);
    bool skip = cp < 0x80 ? !std::isalnum(static_cast<int>(cp))
                          : cp == 0xFFFD || (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
                                (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
                                (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                                (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20);
    if (skip) continue;
    for (size_t k = start; k < i; ++k) out.push_back(LowerAscii(s[k]));
  }
  return out;
}

// True if `a` and `b` are the same title by WordsKey.
bool SameWords(std::string_view a, std::string_view b) {
  std::string ka = WordsKey(a);
  return !ka.empty() && ka == WordsKey(b);
}

// Splits `s` at its first overline separator ("Kicker: Headline", "Kicker - Headline"); false if it has none.
bool SplitKicker(std::string_view s, std::string_view* kicker, std::string_view* rest) {
  size_t best = std::string_view::npos, len = 0;
  for (std::string_view sep : {": ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " | "}) {
    size_t pos = s.find(sep);
    if (pos != std::string_view::npos && pos > 0 && pos < best) {
      best = pos;
      len = sep.size();
    }
  }
  if (best == std::string_view::npos) return false;
  *kicker = s.substr(0, best);
  *rest = Trim(s.substr(best + len));
  return true;
}

// The words of `s`, split at spaces, each by WordsKey; punctuation alone ("&", "-") is no word.
std::vector<std::string> TitleWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = s.find(' ', i);
    if (end == std::string_view::npos) end = s.size();
    std::string k = WordsKey(s.substr(i, end - i));
    if (!k.empty()) out.push_back(std::move(k));
    i = end + 1;
  }
  return out;
}

// True if `a` and `b` have a word in common (by WordsKey).
bool ShareAWord(std::string_view a, std::string_view b) {
  std::vector<std::string> wa = TitleWords(a), wb = TitleWords(b);
  for (const std::string& x : wa)
    if (std::find(wb.begin(), wb.end(), x) != wb.end()) return true;
  return false;
}

// True if the heading `longer` is `title` written out in full ("Machine Learning Recruiters" beside "Machine
// Learning Recruiters and Executive Search", "8 Best Zoom Alternatives in 2026" beside "Best Zoom Alternatives
// for 2026: Top 8 Video Conferencing Tools"): the title has 3 words or more; the heading holds 4 in 5 of them
// (each word of the heading stands for one of the title's) and adds 3 to title + 2 words of its own. The
// added words repeat none of the title's and hold no digit, and the heading holds no separator such as " | "
// or " - ": a heading that prints the headline twice, also wraps a comment count or an "Updated" time, or
// names the site or section ("Site | site.com | Headline", "Home » World » Headline") is not the title
// written out. With these guards the rule changes 8 titles among the 1 383 bench pages, 3 of them to the
// known truth and the others to the page's visible headline.
bool WritesOutTitle(std::string_view longer, std::string_view title) {
  for (std::string_view sep : kTitleSeparators)
    if (longer.find(sep) != std::string_view::npos) return false;
  std::vector<std::string> wl = TitleWords(longer), wt = TitleWords(title);
  if (wt.size() < 3 || wl.size() < wt.size() + 3 || wl.size() > 2 * wt.size() + 2) return false;
  std::vector<bool> used(wl.size(), false);
  size_t held = 0;
  for (const std::string& x : wt) {
    for (size_t k = 0; k < wl.size(); ++k) {
      if (!used[k] && wl[k] == x) {
        used[k] = true;
        ++held;
        break;
      }
    }
  }
  if (held * 5 < wt.size() * 4) return false;
  for (size_t k = 0; k < wl.size(); ++k) {
    if (used[k]) continue;
    if (std::find(wt.begin(), wt.end(), wl[k]) != wt.end()) return false;
    for (size_t i = 0; i < wl[k].size();)
      if (u_isdigit(static_cast<UChar32>(NextCodePoint(wl[k], &i)))) return false;
  }
  return true;
}

// The part of `title` (between separators) that is the same title as `heading` by SameWords, if exactly one is
// and the other parts are short, a section's or a site's name each (at most 3 words): "machine-learning" in
// "machine-learning · GitHub Topics", the headline in "Opinion | The case for four-day weeks". Else empty: a
// kicker the <h1> repeats before a headline ("Breaking News - Earthquake of magnitude 6.1 strikes ..."), or a
// section after one ("Council approves budget after a long session - Local News").
std::string SegmentNamed(std::string_view title, std::string_view heading) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= title.size()) {
    size_t best = std::string_view::npos, len = 0;
    for (std::string_view sep : kTitleSeparators) {
      size_t pos = title.find(sep, start);
      if (pos < best) {
        best = pos;
        len = sep.size();
      }
    }
    parts.push_back(Trim(title.substr(start, best == std::string_view::npos ? std::string_view::npos : best - start)));
    if (best == std::string_view::npos) break;
    start = best + len;
  }
  if (parts.size() < 2) return std::string();
  size_t found = parts.size();
  for (size_t k = 0; k < parts.size(); ++k) {
    if (!SameWords(parts[k], heading)) continue;
    if (found != parts.size()) return std::string();
    found = k;
  }
  if (found == parts.size()) return std::string();
  for (size_t k = 0; k < parts.size(); ++k)
    if (k != found && Words(parts[k]) > 3) return std::string();
  return std::string(parts[found]);
}

// True if `a` and `b` share at least two words of 4 letters or more (TitleWords): "Concerts in SF Bay Area" and
// "SF Bay Area Concerts, Festivals ..." do; "Welcome to the Greenhouse" and "How to repot a monstera" share
// only "to".
bool ShareTwoLongWords(std::string_view a, std::string_view b) {
  std::vector<std::string> wa = TitleWords(a), wb = TitleWords(b), shared;
  for (const std::string& x : wa)
    if (CountCodePoints(x) >= 4 && std::find(wb.begin(), wb.end(), x) != wb.end() &&
        std::find(shared.begin(), shared.end(), x) == shared.end())
      shared.push_back(x);  // each word once: "Love, love, love" shares one
  return shared.size() >= 2;
}

// The share of the words of `heading` (TitleWords) that `title` also holds, in fifths rounded down.
size_t FifthsHeld(std::string_view heading, std::string_view title) {
  std::vector<std::string> wh = TitleWords(heading), wt = TitleWords(title);
  if (wh.empty()) return 0;
  size_t held = 0;
  for (const std::string& x : wh) held += std::find(wt.begin(), wt.end(), x) != wt.end();
  return held * 5 / wh.size();
}

// `title` without the site name `site` at its end or start ("Headline | The Site", "The Site: Headline").
std::string StripSiteName(const std::string& title, std::string_view site) {
  if (site.empty() || title.size() <= site.size() + 3) return title;
  std::string key = TitleKey(title), skey = TitleKey(site);
  if (skey.empty()) return title;
  for (std::string_view sep : kTitleSeparators) {
    size_t pos = title.rfind(sep);
    if (pos != std::string::npos && TitleKey(std::string_view(title).substr(pos + sep.size())) == skey)
      return std::string(Trim(std::string_view(title).substr(0, pos)));
    pos = title.find(sep);
    if (pos != std::string::npos && TitleKey(std::string_view(title).substr(0, pos)) == skey)
      return std::string(Trim(std::string_view(title).substr(pos + sep.size())));
  }
  return title;
}

// -----------------------------------------------------------------------------------------------------------
// The page walk.

struct MetaTag {
  std::string key;  // lower case: property, name or itemprop
  std::string_view value;
};

struct LdRef {
  size_t doc;
  uint32_t node;
  int rank;
};

struct Page {
  std::string html_lang, content_language;
  std::string title_tag;
  std::vector<MetaTag> metas;
  std::string canonical, image_src;
  std::vector<Json> ld;
  std::vector<LdRef> entities;  // objects with an @type, in document order
  std::vector<uint32_t> h1s, times, dated;
  struct Byline {
    uint32_t node;
    bool dateline_only;  // named a dateline and nothing else that marks a byline (IsDatelineOnlyName)
  };
  std::vector<Byline> bylines;  // rel=author links and byline class/id names, in document order (see Walk)
  std::vector<uint32_t> itemprop_author, itemprop_date, itemprop_modified, itemprop_headline;
  std::vector<std::string> rel_tags, rel_categories;
};

// The schema.org types whose headline, author and dates are the page's: 3 for articles, 2 for other works
// that are a page's main subject, 1 for web pages. Types may come as full URLs.
int TypeRank(std::string_view t) {
  for (std::string_view prefix : {"http://schema.org/", "https://schema.org/", "schema:"})
    if (t.substr(0, prefix.size()) == prefix) t.remove_prefix(prefix.size());
  if (EndsWith(t, "Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "SocialMediaPosting" ||
      t == "DiscussionForumPosting" || t == "Report" || t == "Blog" || t == "PodcastEpisode")
    return 3;
  // Not Question (FAQ entries, whose question became the title of wcxb/0181, 0235 and 0637) nor
  // SoftwareApplication (a product box beside the article on wcxb/1788).
  if (t == "Recipe" || t == "Product" || t == "VideoObject" || t == "HowTo" || t == "Review" ||
      t == "Course" || t == "Event" || t == "Book" || t == "Movie" || t == "CreativeWork" || t == "Dataset")
    return 2;
  if (EndsWith(t, "Page")) return 1;
  return 0;
}

bool HasType(const Json& j, uint32_t obj, std::string_view want) {
  uint32_t t = j.Get(obj, "@type");
  if (j.is_string(t)) return EndsWith(j.str(t), want);
  if (j.is_array(t))
    for (uint32_t c = j.node(t).first_child; c != Json::kNone; c = j.node(c).next_sibling)
      if (j.is_string(c) && EndsWith(j.str(c), want)) return true;
  return false;
}

int EntityRank(const Json& j, uint32_t obj) {
  uint32_t t = j.Get(obj, "@type");
  int rank = -1;
  if (j.is_string(t)) rank = TypeRank(j.str(t));
  if (j.is_array(t))
    for (uint32_t c = j.node(t).first_child; c != Json::kNone; c = j.node(c).next_sibling)
      if (j.is_string(c)) rank = std::max(rank, TypeRank(j.str(c)));
  return rank;
}

void ReadJsonLd(std::string_view body, Page* page) {
  if (page->ld.size() >= kMaxLdScripts) return;
  page->ld.emplace_back();
  Json& j = page->ld.back();
  j.Parse(body.substr(0, kMaxLdBytes));
  const size_t doc = page->ld.size() - 1;
  for (uint32_t i = 1; i < j.size(); ++i) {
    if (!j.is_object(i) || j.Get(i, "@type") == Json::kNone) continue;
    int rank = EntityRank(j, i);
    if (rank >= 0 && page->entities.size() < 4 * kMaxCandidates) page->entities.push_back({doc, i, rank});
  }
}

bool HasAncestor(const Dom& dom, uint32_t i, std::initializer_list<Tag> tags) {
  for (uint32_t p = dom.node(i).parent; p != kNoNode; p = dom.node(p).parent)
    for (Tag t : tags)
      if (dom.node(p).tag == t) return true;
  return false;
}

// The text under element `root`, collapsed, at most about `max_bytes`.
std::string BoundedText(const Dom& dom, uint32_t root, size_t max_bytes) {
  std::string out;
  bool pending = false;
  const uint32_t end = SubtreeEnd(dom, root);
  for (uint32_t i = root + 1; i < end && out.size() < max_bytes; ++i) {
    const Node& n = dom.node(i);
    if (n.is_text()) {
      Tag pt = dom.node(n.parent).tag;
      if (pt == Tag::kScript || pt == Tag::kStyle || pt == Tag::kNoscript || pt == Tag::kTemplate) continue;
      AppendCollapsed(dom.text(i), &out, &pending);
    } else if (IsBlock(n.tag)) {
      pending = true;
    }
  }
  return std::string(Trim(out));
}

// Class and id tokens that mark a byline (Readability's /byline|author|dateline|writtenby|p-author/).
bool Has(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

// `lower` is a class or id value in lower case. Matching the two names on every element is the costliest part
// of the walk (21% of ReadMetadata's time on the scrapinghub pages before the values were lower-cased once).
bool HasBylineMarker(std::string_view lower) {
  return Has(lower, "author") || Has(lower, "byline") || Has(lower, "writ") || Has(lower, "autor");
}

bool IsBylineName(std::string_view lower) {
  if (!(HasBylineMarker(lower) || Has(lower, "dateline"))) return false;
  return !(Has(lower, "comment") || Has(lower, "avatar") || Has(lower, "author-bio") ||
           Has(lower, "about_author") || Has(lower, "authoriz") || Has(lower, "authent") || Has(lower, "authorbio") ||
           Has(lower, "about-author") || Has(lower, "author-box") || Has(lower, "author-image") ||
           Has(lower, "author-img") || Has(lower, "author-pic") || Has(lower, "imagebyline") ||
           Has(lower, "image-byline") || Has(lower, "photobyline") || Has(lower, "photo-byline"));
}

// True if `lower` names a dateline and nothing else that marks a byline: such an element holds a place and a
// date ("GENEVA", "RENO, Nev.", "Columbus, Ohio" on 6 l3s-gn1 pages), and the writer's name only after a "By".
bool IsDatelineOnlyName(std::string_view lower) { return Has(lower, "dateline") && !HasBylineMarker(lower); }

bool IsDateName(std::string_view lower) {
  if (!(Has(lower, "date") || Has(lower, "time") || Has(lower, "publish") || Has(lower, "posted") ||
        Has(lower, "byline") || Has(lower, "meta") || Has(lower, "datum") || Has(lower, "fecha")))
    return false;
  return !(Has(lower, "update") || Has(lower, "modif") || Has(lower, "comment"));
}

// Photo credits and sources are marked up like bylines ("Foto: SN/APA", "Bild: Keystone", "Photo: AFP"): the
// credit phrases of rules/metadata/bylines.txt.
bool IsCreditLine(std::string_view text) {
  for (std::string_view p : Phrases().credits)
    if (StartsWithNoCase(Trim(text), p)) return true;
  return false;
}

// True if the white-space separated list `list` ("complementary region") holds `token`, ASCII case ignored.
bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ' ' || list[i] == '\t' || list[i] == '\n')) ++i;
    size_t end = i;
    while (end < list.size() && !(list[end] == ' ' || list[end] == '\t' || list[end] == '\n')) ++end;
    if (end > i && EqualsNoCase(list.substr(i, end - i), token)) return true;
    i = end;
  }
  return false;
}

// True if element `i` is inside the page's side content: a <nav>, <aside> or <footer>, or an element whose ARIA
// role is one of theirs, that is not an <article>'s own. A byline there names the writers of other articles
// (readability's yahoo-2 has a "follow these authors" box in its right rail, ahead of the article's own byline in
// document order; rails also list teasers as <article>s). An article's own <aside> or <footer> often holds its
// byline (hpd.de's `<aside class="meta">`, WordPress's `<footer class="entry-meta">`), and not every article is
// an <article>: a byline in side content is taken only where the page has no other.
bool InSideContent(const Dom& dom, uint32_t i) {
  bool side = false, article = false;
  for (uint32_t p = dom.node(i).parent; p != kNoNode; p = dom.node(p).parent) {
    const Tag t = dom.node(p).tag;
    if (t == Tag::kArticle) {
      if (side) return false;  // the article's own aside or footer
      article = true;
      continue;
    }
    bool side_role = false;
    const std::string_view role = dom.attr(p, "role");
    for (std::string_view r : {"complementary", "navigation", "contentinfo"}) side_role |= HasToken(role, r);
    if (t == Tag::kNav || t == Tag::kAside || t == Tag::kFooter || side_role) {
      if (article) return true;  // a teaser in a rail
      side = true;
    }
  }
  return side;
}

// True if element `i` is inside a comment section (an ancestor's class or id names comments).
bool InComments(const Dom& dom, uint32_t i) {
  // "comment" in a class or id, but not "commentary" or "commentator" (an opinion section, its writer).
  auto names_comments = [](std::string_view value) {
    const std::string v = Lower(value);
    for (size_t at = v.find("comment"); at != std::string::npos; at = v.find("comment", at + 1)) {
      const std::string_view after = std::string_view(v).substr(at + 7, 2);
      if (after != "ar" && after != "at") return true;
    }
    return false;
  };
  for (uint32_t p = dom.node(i).parent; p != kNoNode; p = dom.node(p).parent) {
    if (names_comments(dom.attr(p, "class")) || names_comments(dom.attr(p, "id"))) return true;
  }
  return false;
}

// True if the author `name` is the site `site` ("VnExpress" and "vnexpress.net", "BBC" and "bbc.co.uk", "Lesotho
// Times" and "Lesotho Times"): the same words, or, spaces aside, the domain's own label.
bool NamesSite(std::string_view name, std::string_view site) {
  const std::string n = TitleKey(name), s = TitleKey(site);
  if (n.empty() || n == s) return !n.empty();
  const std::string_view host = s;
  if (host.find('.') == std::string_view::npos || host.find(' ') != std::string_view::npos) return false;
  std::string joined;
  for (char c : n)
    if (c != ' ') joined.push_back(c);
  // The domain's own label: the one before the last ("vnexpress.net"), or before a generic second level
  // ("bbc.co.uk"); not a subdomain ("Edition" is no name of edition.cnn.com).
  std::vector<std::string_view> labels;
  for (size_t start = 0;;) {
    const size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  size_t own = labels.size() - 2;
  for (std::string_view generic : {"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"})
    if (own > 0 && labels[own] == generic) --own;
  return labels[own] == joined;
}

// True if node `i` or an ancestor is hidden: the `hidden` attribute, aria-hidden="true", or display:none or
// visibility:hidden in its style.
bool Hidden(const Dom& dom, uint32_t i) {
  for (uint32_t p = i; p != kNoNode; p = dom.node(p).parent) {
    if (!dom.node(p).is_element()) continue;
    if (dom.has_attr(p, "hidden") || dom.attr(p, "aria-hidden") == "true" || IsHiddenByStyle(dom.attr(p, "style")))
      return true;
  }
  return false;
}

// The names of a byline printed under the headline without markup that says so: the first short text after the
// <h1> (`h1`) that starts a line with an English "By" label ("By TPN," on fundus's pt-ThePortugalNews, in a plain
// `<p class="text-sm">`), among the next kVisibleBylineTexts texts; not a "by" after a link inside a sentence
// ("a new article <a>...</a> by Michael Douglas"), nor one that is hidden, in side content or in the comments.
// Empty if there is none.
std::vector<std::string> VisibleByline(const Dom& dom, uint32_t h1) {
  std::vector<std::string> names;
  size_t texts = 0;
  bool line_start = true;  // no text since the last block element began or ended
  for (uint32_t i = SubtreeEnd(dom, h1); i < dom.size() && texts < kVisibleBylineTexts; ++i) {
    const Node& n = dom.node(i);
    if (n.is_element()) {
      line_start |= IsBlock(n.tag) || n.tag == Tag::kBr;
      continue;
    }
    if (!n.is_text()) continue;
    const Tag pt = dom.node(n.parent).tag;
    if (pt == Tag::kScript || pt == Tag::kStyle || pt == Tag::kNoscript || pt == Tag::kTemplate) continue;
    const std::string text = CleanField(dom.text(i));
    if (text.empty()) continue;
    ++texts;
    const bool starts_line = line_start;
    line_start = false;
    if (!starts_line || text.size() > 80 || Hidden(dom, i) || InSideContent(dom, i) || InComments(dom, i)) continue;
    std::string_view label;
    StripAuthorPrefix(text, &label);
    if (!EndsWith(label, "by") && !EndsWith(label, "by:")) continue;
    AddAuthors(text, &names);
    if (!names.empty() && CapitalizedWords(names[0])) return names;
    names.clear();
  }
  return names;
}

// The name a reporter signs an article with: a paragraph that is nothing but one bold name of two to four
// capitalised words, the first or the last of at least three paragraphs side by side (fundus's vn-VnExpress ends
// its article with "<p><strong>Lê Phương</strong></p>", ls-LesothoTimes opens with its writer's name the same
// way). A bold paragraph can be a subheading too ("Key Takeaways", "Related Stories"), so a last one must end
// what its parent shows (nothing with text after it), and a first one must also open the page's description, as
// bylines that lead the text do (ls-LesothoTimes's og:description starts "Mohloai Mpesi IN the heart of ...").
// Empty unless exactly one paragraph on the page qualifies.
std::string SignedName(const Dom& dom, std::string_view description) {
  auto blank = [](std::string_view text) {
    std::string out;
    bool pending = false;
    AppendCollapsed(text, &out, &pending);
    return out.empty();
  };
  // The name if paragraph `p` is one <strong> or <b> of a name with blank text around it, else empty.
  auto bold_name = [&](uint32_t p) {
    uint32_t bold = kNoNode;
    for (uint32_t c = dom.node(p).first_child; c != kNoNode; c = dom.node(c).next_sibling) {
      const Node& cn = dom.node(c);
      if (cn.is_text() && blank(dom.text(c))) continue;
      if (cn.is_text() || (cn.tag != Tag::kStrong && cn.tag != Tag::kB) || bold != kNoNode) return std::string();
      bold = c;
    }
    if (bold == kNoNode) return std::string();
    std::string name = BoundedText(dom, bold, 80);
    const size_t words = Words(name);
    if (name.size() > 60 || words < 2 || words > 4 || !CapitalizedWords(name)) return std::string();
    for (char ch : name)
      if ((ch >= '0' && ch <= '9') || std::string_view(":;,.!?()|/\\\"").find(ch) != std::string_view::npos)
        return std::string();
    return name;
  };
  std::string found;
  int count = 0;
  // Each element's children are looked at once, so the walk is linear in the page.
  for (uint32_t parent = 0; parent < dom.size() && count < 2; ++parent) {
    if (!dom.node(parent).is_element()) continue;
    size_t paragraphs = 0;
    uint32_t first = kNoNode, last = kNoNode;
    for (uint32_t c = dom.node(parent).first_child; c != kNoNode; c = dom.node(c).next_sibling) {
      if (!dom.node(c).is_element() || dom.node(c).tag != Tag::kP || BoundedText(dom, c, 1).empty()) continue;
      ++paragraphs;
      if (first == kNoNode) first = c;
      last = c;
    }
    if (paragraphs < 3) continue;
    for (uint32_t p : {first, last}) {
      std::string name = bold_name(p);
      if (name.empty() || InComments(dom, p)) continue;
      if (p == last) {
        bool text_after = false;
        for (uint32_t c = dom.node(p).next_sibling; c != kNoNode && !text_after; c = dom.node(c).next_sibling)
          text_after = dom.node(c).is_text() ? !blank(dom.text(c)) : !BoundedText(dom, c, 1).empty();
        if (text_after) continue;
      } else if (!StartsWithNoCase(Trim(description), name)) {
        continue;
      }
      found = std::move(name);
      ++count;
    }
  }
  return count == 1 ? found : std::string();
}

void Walk(const Dom& dom, Page* page) {
  std::string lower_class, lower_id;
  // Bylines inside a <nav>, <aside> or <footer> have a quota of their own, so that a rail of author links ahead of
  // the article cannot crowd out its byline (ReadMetadata tells side content apart exactly, by InSideContent).
  uint32_t side_end = 0;  // the end of the <nav>, <aside> or <footer> being walked through
  size_t side_bylines = 0, other_bylines = 0;
  auto add_byline = [&](uint32_t i, bool dateline_only) {
    size_t& count = i < side_end ? side_bylines : other_bylines;
    if (count >= kMaxCandidates) return false;
    ++count;
    page->bylines.push_back({i, dateline_only});
    return true;
  };
  for (uint32_t i = 0; i < dom.size(); ++i) {
    const Node& n = dom.node(i);
    if (!n.is_element()) continue;
    if ((n.tag == Tag::kNav || n.tag == Tag::kAside || n.tag == Tag::kFooter) && i >= side_end)
      side_end = SubtreeEnd(dom, i);
    switch (n.tag) {
      case Tag::kHtml:
        if (page->html_lang.empty()) page->html_lang = PrimaryLanguage(dom.attr(i, "lang"));
        if (page->html_lang.empty()) page->html_lang = PrimaryLanguage(dom.attr(i, "xml:lang"));
        continue;
      case Tag::kTitle:
        if (page->title_tag.empty() && !HasAncestor(dom, i, {Tag::kSvg})) page->title_tag = InnerText(dom, i);
        continue;
      case Tag::kMeta: {
        if (page->content_language.empty() && EqualsNoCase(dom.attr(i, "http-equiv"), "content-language"))
          page->content_language = PrimaryLanguage(dom.attr(i, "content"));
        std::string_view content = dom.attr(i, "content");
        if (content.empty() || page->metas.size() >= kMaxMetaTags) continue;
        for (std::string_view a : {"property", "name", "itemprop"}) {
          std::string_view k = dom.attr(i, a);
          if (!k.empty() && k.size() < 64) page->metas.push_back({Lower(Trim(k)), content});
        }
        continue;
      }
      case Tag::kLink: {
        std::string_view rel = dom.attr(i, "rel");
        if (page->canonical.empty() && EqualsNoCase(Trim(rel), "canonical"))
          page->canonical = Trim(dom.attr(i, "href"));
        if (page->image_src.empty() && EqualsNoCase(Trim(rel), "image_src"))
          page->image_src = Trim(dom.attr(i, "href"));
        continue;
      }
      case Tag::kScript:
        if (ContainsNoCase(dom.attr(i, "type"), "ld+json")) {
          uint32_t c = n.first_child;
          if (c != kNoNode && dom.node(c).is_text()) ReadJsonLd(dom.text(c), page);
        }
        continue;
      case Tag::kStyle:
      case Tag::kTemplate:
      case Tag::kSvg: continue;
      case Tag::kH1:
        if (page->h1s.size() < kMaxCandidates) page->h1s.push_back(i);
        break;
      case Tag::kTime:
        if (page->times.size() < kMaxCandidates) page->times.push_back(i);
        break;
      case Tag::kA: {
        std::string_view rel = dom.attr(i, "rel");
        if (!rel.empty()) {
          std::string text;
          if (ContainsNoCase(rel, "author") && add_byline(i, false)) continue;
          if (ContainsNoCase(rel, "tag") && page->rel_tags.size() < kMaxListItems) {
            text = BoundedText(dom, i, 100);
            if (!text.empty()) page->rel_tags.push_back(text);
          }
          if (ContainsNoCase(rel, "category") && page->rel_categories.size() < kMaxListItems) {
            text = BoundedText(dom, i, 100);
            if (!text.empty()) page->rel_categories.push_back(text);
          }
        }
        break;
      }
      default: break;
    }
    std::string_view itemprop = dom.attr(i, "itemprop");
    if (!itemprop.empty()) {
      if (ContainsNoCase(itemprop, "author") || ContainsNoCase(itemprop, "creator")) {
        if (page->itemprop_author.size() < kMaxCandidates) page->itemprop_author.push_back(i);
      } else if (ContainsNoCase(itemprop, "datepublished") || ContainsNoCase(itemprop, "datecreated")) {
        if (page->itemprop_date.size() < kMaxCandidates) page->itemprop_date.push_back(i);
      } else if (ContainsNoCase(itemprop, "datemodified")) {
        if (page->itemprop_modified.size() < kMaxCandidates) page->itemprop_modified.push_back(i);
      } else if (ContainsNoCase(itemprop, "headline")) {
        if (page->itemprop_headline.size() < kMaxCandidates) page->itemprop_headline.push_back(i);
      }
    }
    if (n.tag == Tag::kHead || n.tag == Tag::kBody || n.tag == Tag::kHtml) continue;
    std::string_view cls = dom.attr(i, "class"), id = dom.attr(i, "id");
    if ((cls.empty() && id.empty()) || cls.size() > 256 || id.size() > 256) continue;
    lower_class.assign(cls);
    lower_id.assign(id);
    for (char& c : lower_class) c = LowerAscii(c);
    for (char& c : lower_id) c = LowerAscii(c);
    if ((IsBylineName(lower_class) || IsBylineName(lower_id)) &&
        n.tag != Tag::kInput && n.tag != Tag::kLabel && n.tag != Tag::kForm && n.tag != Tag::kTextarea &&
        n.tag != Tag::kButton && n.tag != Tag::kLink && n.tag != Tag::kMeta) {
      auto byline_proper = [](std::string_view lower) {
        return IsBylineName(lower) && !IsDatelineOnlyName(lower);
      };
      const bool dateline_only = !byline_proper(lower_class) && !byline_proper(lower_id);
      add_byline(i, dateline_only);
    }
    if (page->dated.size() < kMaxCandidates && (IsDateName(lower_class) || IsDateName(lower_id)))
      page->dated.push_back(i);
  }
}

// The first value of meta tag `key` (lower case); empty if absent.
std::string_view MetaValue(const Page& page, std::string_view key) {
  for (const MetaTag& m : page.metas)
    if (m.key == key) {
      std::string_view v = Trim(m.value);
      if (!v.empty()) return v;
    }
  return {};
}

std::string FirstMeta(const Page& page, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    std::string_view v = MetaValue(page, k);
    if (!v.empty()) return CleanField(v);
  }
  return {};
}

// The value of a date-bearing element: its datetime or content attribute, else its text.
std::string DateAttrOrText(const Dom& dom, uint32_t i) {
  for (std::string_view a : {"datetime", "content"}) {
    std::string_view v = Trim(dom.attr(i, a));
    if (!v.empty()) return std::string(v);
  }
  return BoundedText(dom, i, 200);
}

// Names in a JSON-LD author value: a string, a Person or Organization (with a name, or an @id pointing to one
// elsewhere in the page's JSON-LD), or an array of those.
void LdNames(const Page& page, size_t doc, uint32_t v, std::vector<std::string>* out) {
  const Json& j = page.ld[doc];
  std::vector<uint32_t> stack{v};
  for (size_t steps = 0; !stack.empty() && steps < 64; ++steps) {
    uint32_t x = stack.back();
    stack.pop_back();
    if (x == Json::kNone) continue;
    if (j.is_string(x)) {
      AddAuthors(CleanField(j.str(x), true), out);
    } else if (j.is_array(x)) {
      std::vector<uint32_t> items;
      for (uint32_t c = j.node(x).first_child; c != Json::kNone && items.size() < kMaxListItems;
           c = j.node(c).next_sibling)
        items.push_back(c);
      for (size_t k = items.size(); k-- > 0;) stack.push_back(items[k]);
    } else if (j.is_object(x)) {
      std::string_view name = j.GetString(x, "name");
      if (!name.empty()) {
        AddAuthors(CleanField(name, true), out);
        continue;
      }
      std::string_view id = j.GetString(x, "@id");
      if (id.empty()) continue;
      for (const LdRef& e : page.entities) {
        const Json& ej = page.ld[e.doc];
        if (ej.GetString(e.node, "@id") == id && !ej.GetString(e.node, "name").empty()) {
          AddAuthors(CleanField(ej.GetString(e.node, "name"), true), out);
          break;
        }
      }
    }
  }
}

// A URL in a JSON-LD image value: a string, an ImageObject (url or contentUrl), or an array of those.
std::string LdUrl(const Json& j, uint32_t v) {
  for (int depth = 0; depth < 4 && v != Json::kNone; ++depth) {
    if (j.is_string(v)) return std::string(Trim(j.str(v)));
    if (j.is_array(v)) {
      v = j.node(v).first_child;
    } else if (j.is_object(v)) {
      uint32_t u = j.Get(v, "url");
      v = u != Json::kNone ? u : j.Get(v, "contentUrl");
    } else {
      break;
    }
  }
  return {};
}

void AddListItems(std::string_view s, bool split_commas, std::vector<std::string>* out) {
  std::string field = CleanField(s);
  std::string_view rest = field;
  while (!rest.empty() && out->size() < kMaxListItems) {
    size_t cut = split_commas ? rest.find_first_of(",;") : std::string_view::npos;
    std::string_view item = Trim(rest.substr(0, cut));
    if (!item.empty() && item.size() <= 100) {
      bool dup = false;
      for (const std::string& o : *out) dup |= EqualsNoCase(o, item);
      if (!dup) out->emplace_back(item);
    }
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
}

void LdList(const Json& j, uint32_t v, bool split_commas, std::vector<std::string>* out) {
  if (j.is_string(v)) {
    AddListItems(CleanField(j.str(v), true), split_commas, out);
  } else if (j.is_array(v)) {
    for (uint32_t c = j.node(v).first_child; c != Json::kNone; c = j.node(c).next_sibling)
      if (j.is_string(c)) AddListItems(CleanField(j.str(c), true), split_commas, out);
  }
}

// `ref` made absolute against the page URL `base` (only the forms canonical links use: //host/path, /path).
std::string Absolute(std::string_view ref, std::string_view base) {
  ref = Trim(ref);
  if (ref.empty() || base.empty()) return std::string(ref);
  if (StartsWithNoCase(ref, "http://") || StartsWithNoCase(ref, "https://")) return std::string(ref);
  size_t scheme = base.find("://");
  if (scheme == std::string_view::npos) return std::string(ref);
  if (ref.substr(0, 2) == "//") return std::string(base.substr(0, scheme + 1)) + std::string(ref);
  if (ref[0] == '/') {
    size_t path = base.find('/', scheme + 3);
    return std::string(base.substr(0, path)) + std::string(ref);
  }
  return std::string(ref);
}

// Meta tags (property, name or itemprop, lower case) that hold the publication date, most specific first:
// Open Graph's, schema.org microdata, then the names that CMSs, Dublin Core, Parse.ly, Sailthru and Google
// Scholar use.
// clang-format off
constexpr std::string_view kPublishedKeys[] = {
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dcterms.created", "date", "citation_publication_date", "citation_date",
    "originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime", "og:pubdate",
    "rnews:datepublished", "release_date", "created", "displaydate", "datecreated"};
// clang-format on

// True if element `i` holds text alone, no element.
bool OnlyText(const Dom& dom, uint32_t i) {
  for (uint32_t c = dom.node(i).first_child; c != kNoNode; c = dom.node(c).next_sibling)
    if (!dom.node(c).is_text()) return false;
  return true;
}

// The h1 that heads the article: the first inside <article> or <main>, else the first outside the page
// header, navigation and footer, else the first.
uint32_t ArticleH1(const Dom& dom, const Page& page) {
  for (uint32_t h : page.h1s)
    if (HasAncestor(dom, h, {Tag::kArticle, Tag::kMain})) return h;
  for (uint32_t h : page.h1s)
    if (!HasAncestor(dom, h, {Tag::kHeader, Tag::kNav, Tag::kFooter, Tag::kAside})) return h;
  return page.h1s.empty() ? kNoNode : page.h1s.front();
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  Ymd d;
  return ParseDateValue(s, &d) ? FormatYmd(d) : std::string();
}

std::string FindDateInText(std::string_view text, int today) {
  Ymd d;
  return FindPlausibleDate(text, today, text.size(), &d) ? FormatYmd(d) : std::string();
}

Result<BylinePhrases> ParseBylinePhrases(std::string_view text) {
  BylinePhrases out;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](std::string_view why) {
      return Status(StatusCode::kInvalidArgument,
                    "metadata/bylines.txt:" + std::to_string(line_no) + ": " + std::string(why));
    };
    const size_t colon = line.find(": \"");
    if (colon == std::string_view::npos || line.size() < colon + 4 || line.back() != '"')
      return fail("expected KIND: \"PHRASE\"");
    const std::string_view kind = line.substr(0, colon);
    std::string phrase(line.substr(colon + 3, line.size() - colon - 4));
    if (phrase.empty()) return fail("empty phrase");
    if (Lower(phrase) != phrase) return fail("phrases are lower case");
    std::vector<std::string>* list = kind == "prefix"      ? &out.prefixes
                                     : kind == "stop"      ? &out.stops
                                     : kind == "end-stop"  ? &out.end_stops
                                     : kind == "weekday"   ? &out.weekdays
                                     : kind == "name-stop" ? &out.name_stops
                                     : kind == "separator" ? &out.separators
                                     : kind == "not-name"  ? &out.not_names
                                     : kind == "credit"    ? &out.credits
                                     : kind == "role"      ? &out.roles
                                     : kind == "after-date" ? &out.after_date
                                                           : nullptr;
    if (list == nullptr) return fail("unknown kind \"" + std::string(kind) + "\"");
    list->push_back(std::move(phrase));
  }
  // Longest first, so that of two labels one of which starts the other ("by:" and "by") the longer is taken.
  std::stable_sort(out.prefixes.begin(), out.prefixes.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

std::vector<std::string> SplitAuthors(std::string_view byline) {
  std::vector<std::string> out;
  AddAuthors(byline, &out);
  return out;
}

Metadata ReadMetadata(const Dom& dom, std::string_view url, int today) {
  if (today == 0) today = TodayUtc();
  Metadata m;
  Page page;
  Walk(dom, &page);

  // The visible and declared titles, before the JSON-LD entity is chosen: they tell which one is the page's.
  const std::string og = FirstMeta(page, {"og:title"});
  const std::string tw = FirstMeta(page, {"twitter:title"});
  const std::string tag = CleanField(page.title_tag);
  const uint32_t h1_node = ArticleH1(dom, page);
  const std::string h1 =
      h1_node != kNoNode ? CleanField(BoundedText(dom, h1_node, kMaxFieldBytes)) : std::string();
  const std::string og_key = TitleKey(og), tw_key = TitleKey(tw), tag_key = TitleKey(tag),
                    h1_key = TitleKey(h1);
  // True if `s` is one of the page's other titles, or inside its <title>.
  auto names_page = [&](std::string_view s) {
    std::string k = TitleKey(CleanField(s, true));
    return !k.empty() && (k == og_key || k == tw_key || k == h1_key || tag_key.find(k) != std::string::npos);
  };

  // The JSON-LD entity the page is about. An article (rank 3): the one whose headline is also the page's
  // title if there are several, else the first, unless the page lists three or more (a blog's index page).
  // Else the only other creative work (rank 2): a recipe, product or video page has one, a listing many.
  const LdRef* main = nullptr;
  size_t articles = 0, works = 0;
  const LdRef* first_article = nullptr;
  const LdRef* first_work = nullptr;
  for (const LdRef& e : page.entities) {
    const Json& j = page.ld[e.doc];
    if (e.rank == 3) {
      ++articles;
      if (first_article == nullptr) first_article = &e;
      if (main == nullptr &&
          (names_page(j.GetString(e.node, "headline")) || names_page(j.GetString(e.node, "name"))))
        main = &e;
    } else if (e.rank == 2) {
      ++works;
      if (first_work == nullptr) first_work = &e;
    }
  }
  if (main == nullptr && articles > 0 && articles <= 2) main = first_article;
  if (main == nullptr && articles == 0 && works == 1) main = first_work;
  const Json* lj = main != nullptr ? &page.ld[main->doc] : nullptr;
  const uint32_t lo = main != nullptr ? main->node : Json::kNone;
  auto ld_string = [&](std::string_view key) {
    return lj != nullptr ? CleanField(lj->GetString(lo, key), /*from_json=*/true) : std::string();
  };

  // Site name.
  m.site =
      FirstMeta(page, {"og:site_name", "application-name", "al:ios:app_name", "twitter:app:name:iphone"});
  if (m.site.empty() && lj != nullptr) {
    uint32_t pub = lj->Get(lo, "publisher");
    if (lj->is_array(pub)) pub = lj->node(pub).first_child;
    if (lj->is_object(pub)) m.site = CleanField(lj->GetString(pub, "name"), true);
  }
  if (m.site.empty()) {
    for (const LdRef& e : page.entities) {
      if (HasType(page.ld[e.doc], e.node, "WebSite")) {
        m.site = CleanField(page.ld[e.doc].GetString(e.node, "name"), true);
        if (!m.site.empty()) break;
      }
    }
  }
  // Some sites put the page's title in og:site_name (wcxb/5634); a site name is short and is not the title.
  if (!m.site.empty() && (Words(m.site) > 6 || TitleKey(m.site) == og_key || TitleKey(m.site) == h1_key))
    m.site.clear();

  // Title: the JSON-LD headline, og:title, twitter:title, the <title> without the site name, the <h1>, in
  // this order. Of the 185 bench pages whose title is known (scripts/bench-metadata), the JSON-LD headline is
  // right on 61 of the 67 that have one, og:title on 140 of 161, twitter:title on 88 of 106, the <title> on
  // 138 of 185 and the article's <h1> on 116 of 167; this order on 166, with the rules below that look at
  // which sources agree on 176. The sets disagree where the sources do: fundus's parsers mostly take
  // og:title, Readability.js's truth the <title>, wcxb's the <h1> (see the README).
  std::string headline = ld_string("headline"), name = ld_string("name");
  // Wikipedia's JSON-LD has the title as "name" and a description as "headline"; Readability.js too takes the
  // one that is the page's title.
  if (headline.empty() || (!name.empty() && names_page(name) && !names_page(headline))) headline = name;
  std::string og_clean = CleanTitle(StripSiteName(og, m.site), /*pipe_only=*/true);
  std::string tw_clean = CleanTitle(StripSiteName(tw, m.site), /*pipe_only=*/true);
  std::string tag_clean = StripSiteName(tag, m.site);
  if (tag_clean == tag) tag_clean = CleanTitle(tag);
  // An og:title that shares no word with the <title>, where the <title> holds the <h1> and more, is the site's
  // default for shares ("Build software better, together" on a page whose <title> and <h1> name its topic,
  // wcxb's 2910): the page's own sources agree without it. Not when the og:title holds the <h1> or the <title>
  // holds the og:title (a Chinese <title> with its site tail unspaced is one "word"), nor when the <title> is
  // the <h1> (a single-page app's fixed <title> and masthead). A twitter:title or og:title that is only the
  // site's name names no page. 1 wcxb page gains (with the <title> part rule below), none of the 185 loses; no
  // other of the 1 383 bench pages changes.
  const std::string h1_words = WordsKey(h1), tag_words = WordsKey(tag), og_words = WordsKey(og);
  const bool title_holds_h1 = !h1_words.empty() && tag_words.find(h1_words) != std::string::npos;
  if (headline.empty() && title_holds_h1 && tag_words != h1_words && !og_clean.empty() && !ShareAWord(og, tag) &&
      og_words.find(h1_words) == std::string::npos && tag_words.find(og_words) == std::string::npos)
    og_clean.clear();
  if (!m.site.empty() && SameWords(og_clean, m.site)) og_clean.clear();
  if (!m.site.empty() && SameWords(tw_clean, m.site)) tw_clean.clear();
  if (!headline.empty()) {
    m.title = headline;
    // A JSON-LD headline that is the og:title plus an overline or a tail ("Kicker: Title", "Title in battling
    // win over Tottenham") is the og:title with more: the og:title is the headline that stands alone. 2
    // fundus pages gain, none of the 185 loses.
    if (!og_clean.empty() && og_clean.size() < headline.size()) {
      std::string hk = TitleKey(headline), ok = TitleKey(og_clean);
      bool prefix = hk.compare(0, ok.size(), ok) == 0 && hk[ok.size()] == ' ';
      bool suffix = hk.size() > ok.size() && hk.compare(hk.size() - ok.size(), ok.size(), ok) == 0 &&
                    hk[hk.size() - ok.size() - 1] == ' ';
      if (prefix || suffix) m.title = og_clean;
    }
    // A JSON-LD headline that neither the <title> nor the <h1> repeats, beside an og:title that one of them
    // does, is the odd one out: the page shows the og:title's words (fundus's lu-Tageblatt, whose headline lacks
    // the overline that og:title, <title> and <h1> all carry). Where the <h1> repeats the headline and the
    // <title> the og:title (4 fundus pages), the sets disagree and the headline stays. 1 fundus page gains,
    // none of the 185 loses.
    auto shown = [&](const std::string& s) { return SameWords(s, tag_clean) || SameWords(s, h1); };
    if (m.title == headline && !og_clean.empty() && !shown(headline) && shown(og_clean)) m.title = og_clean;
  } else if (!og_clean.empty()) {
    m.title = og_clean;
  } else if (!tw_clean.empty()) {
    m.title = tw_clean;
  } else if (!tag_clean.empty()) {
    m.title = tag_clean;
  } else {
    m.title = h1;
  }
  // With no JSON-LD headline, an article <h1> of plain text that writes the declared title out in full is the
  // page's heading, and the declared one its shortened form for search results and shares (wcxb's 0181, 4592
  // and 5650: 3 pages gain, none of the 185 loses). Plain text: a heading with elements inside may hold a
  // byline, a time or a label beside the headline. Where they differ otherwise, the declared title stays:
  // the sets disagree on which one is right. The text then loses the <h1> line, as every page whose title
  // the <h1> repeats does (FilterLines).
  if (headline.empty() && !h1.empty() && OnlyText(dom, h1_node) && WritesOutTitle(h1, m.title)) m.title = h1;
  // A <title> "Name · Section · Site" whose site name StripSiteName cut, and whose first part the <h1>
  // repeats, the others being short (SegmentNamed): that part is the page's name, the rest its place in the
  // site ("machine-learning · GitHub Topics · GitHub" beside the <h1> "Machine learning", wcxb's 2910). A
  // kicker or a section the <h1> repeats is no title ("Breaking News - Earthquake ...", "... - Local News").
  // The <title>'s spelling is kept. On the
  // 1 383 bench pages this also shortens "ONE HUNDRED TWO: What kind of wordchain? - Super Supportive | Royal
  // Road" to the chapter's name its <h1> shows and "NFL Schedule - 2026 Season - ESPN" to "NFL
  // Schedule"; none of the 185 loses.
  if (headline.empty() && !h1.empty() && SameWords(m.title, tag_clean) && StripSiteName(tag, m.site) != tag) {
    std::string part = SegmentNamed(tag_clean, h1);
    if (!part.empty()) m.title = std::move(part);
  }
  // A <title> made for search results, "Keywords | Site" (StripSiteName or CleanTitle cut a part), beside the
  // page's one <h1>, of plain text, that names the same subject in its own words: it shares two words of 4
  // letters or more with the <title> (not only "to" or "de") but is no piece of it ("Concerts in SF Bay Area" beside "SF Bay Area Concerts, Festivals, Tickets
  // & Tour Dates 2026 & 2027 – Songkick"). The page shows the <h1>: it is the title. Where og:title or
  // twitter:title repeat the <title>, two sources agree on it, and the <h1> must be the <title>'s words
  // reordered: 4 in 5 of its words in the <title> (wcxb's 1788; 0235's "Finance and accounting talent that
  // really counts" beside "Finance & Accounting Staffing and Recruiting", 3 in 7, is a slogan and stays). Not
  // where the <title> names no site: a document's own title (readability's mathjax), nor beside a JSON-LD
  // headline. 3 wcxb pages gain (1520, 1788, 5335), none of the 185 loses; of the other bench pages it changes
  // 4, each to the headline their truth text starts with (l3s-gn1 2, cleaneval 1, dragnet 1).
  if (headline.empty() && !h1.empty() && page.h1s.size() == 1 && OnlyText(dom, h1_node) && tag_clean != tag &&
      SameWords(m.title, tag_clean) && ShareTwoLongWords(h1, m.title) && !title_holds_h1) {
    // A heading with a separator may carry a site or brand name of its own ("Retirement Planning Calculator -
    // American Funds" beside "Retirement Planning Calculator | Capital Group", wcxb's 4657).
    bool plain = true;
    for (std::string_view sep : kTitleSeparators) plain = plain && h1.find(sep) == std::string::npos;
    const bool declared = !og_clean.empty() || !tw_clean.empty();
    bool repeat = true;
    for (const std::string* d : {&og_clean, &tw_clean}) repeat = repeat && (d->empty() || SameWords(*d, tag_clean));
    if (plain && repeat && (!declared || FifthsHeld(h1, m.title) >= 4)) m.title = h1;
  }
  // A title that is another source's headline plus a tail naming the site, joined without the spaces
  // StripSiteName looks for ("Headline-Politics|Hankook Ilbo", fundus's kr-HankookIlbo, whose og:title,
  // twitter:title and <title> all carry it): that source is the headline. The other sources are the <h1> and
  // schema.org's headline in a <meta> tag. 1 fundus page gains, none of the 185 loses.
  const std::string site_key = TitleKey(m.site);
  if (!site_key.empty()) {
    const std::string title_key = TitleKey(m.title);
    for (const std::string& s : {FirstMeta(page, {"headline"}), h1}) {
      const std::string k = TitleKey(s);
      if (Words(s) < 3 || k.size() >= title_key.size() || title_key.compare(0, k.size(), k) != 0) continue;
      std::string_view tail = Trim(std::string_view(title_key).substr(k.size()));
      if (tail.empty() || tail.size() > site_key.size() + 32 || tail.find(site_key) == std::string_view::npos)
        continue;
      // The tail starts with punctuation (its first character is no letter or digit).
      size_t first_char_end = 0;
      NextCodePoint(tail, &first_char_end);
      if (WordsKey(tail.substr(0, first_char_end)).empty()) {
        m.title = s;
        break;
      }
    }
  }
  // The title and the <h1> that put different overlines before the same headline ("Iranischer Angriff auf
  // Israel: «...»" and "Eskalation im Nahen Osten - «...»"): what they agree on is the headline (fundus's
  // ch-SRF). Overlines that share a word are one overline written two ways ("How we designed Dropbox's ATF -
  // an async task framework" beside "How we designed Dropbox ATF: an async task framework", readability's
  // dropbox-blog) and stay. 1 fundus page gains, none of the 185 loses.
  std::string_view title_kicker, title_rest, h1_kicker, h1_rest;
  if (!h1.empty() && SplitKicker(m.title, &title_kicker, &title_rest) &&
      SplitKicker(h1, &h1_kicker, &h1_rest) && Words(title_rest) >= 4 && SameWords(title_rest, h1_rest) &&
      !ShareAWord(title_kicker, h1_kicker))
    m.title = std::string(title_rest);

  // Language: the markup only; the pipeline guesses from the text when this is empty.
  m.language = page.html_lang;
  if (m.language.empty()) m.language = page.content_language;
  if (m.language.empty()) m.language = PrimaryLanguage(MetaValue(page, "og:locale"));
  if (m.language.empty() && lj != nullptr) m.language = PrimaryLanguage(lj->GetString(lo, "inLanguage"));
  if (m.language.empty()) m.language = PrimaryLanguage(MetaValue(page, "language"));
  if (m.language.empty()) m.language = PrimaryLanguage(MetaValue(page, "dc.language"));

  // Authors.
  if (lj != nullptr) LdNames(page, main->doc, lj->Get(lo, "author"), &m.authors);
  if (m.authors.empty() && lj != nullptr) LdNames(page, main->doc, lj->Get(lo, "creator"), &m.authors);
  for (std::string_view key :
       {"author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "parsely-author",
        "sailthru.author", "byl", "citation_author", "twitter:creator"}) {
    if (!m.authors.empty()) break;
    for (const MetaTag& t : page.metas) {
      if (t.key != key) continue;
      if (key == "twitter:creator" && Trim(t.value).substr(0, 1) == "@") continue;
      const bool one_name = key == "dc.creator" || key == "dcterms.creator" || key == "citation_author";
      AddAuthors(one_name ? FirstNameFirst(t.value) : std::string(t.value), &m.authors);
    }
  }
  for (uint32_t i : page.itemprop_author) {
    if (!m.authors.empty()) break;
    std::string_view content = dom.attr(i, "content");
    AddAuthors(!content.empty() ? std::string(content) : BoundedText(dom, i, 200), &m.authors);
  }
  // A byline in the page: the first rel=author link or element named like a byline (Readability's rule),
  // outside the comments, whose comment authors are marked up the same way, and outside the side content.
  // One in the side content counts only if there is none elsewhere.
  std::vector<std::string> byline_authors;
  for (bool side : {false, true}) {
    for (const Page::Byline& b : page.bylines) {
      if (!byline_authors.empty()) break;
      if (InComments(dom, b.node) || InSideContent(dom, b.node) != side) continue;
      std::string text = BoundedText(dom, b.node, 300);
      if (IsCreditLine(text) || text.size() >= 200) continue;
      // A dateline names its writer only after a "By" (dragnet's R459: "By Ed Silverman // November 13"), not
      // after a label that a place can start with ("DOOR COUNTY, Wis.", "PAR...").
      if (b.dateline_only) {
        std::string_view label;
        StripAuthorPrefix(text, &label);
        if (!EndsWith(label, "by") && !EndsWith(label, "by:")) continue;
      }
      AddAuthors(text, &byline_authors);
    }
  }
  // Sites that name themselves as the author in their metadata may print the writer's name on the page
  // (fundus's vn-VnExpress: meta author "VnExpress", a byline "Lê Phương" under the article): an author that
  // is the site's own name gives way to a byline that reads like a person's name.
  bool only_site = !m.authors.empty() && !m.site.empty();
  for (const std::string& a : m.authors) only_site = only_site && NamesSite(a, m.site);
  if (m.authors.empty() || (only_site && !byline_authors.empty() && CapitalizedWords(byline_authors[0])))
    m.authors = std::move(byline_authors);
  // Or, where the site still names itself, the name the article is signed with. 2 fundus pages gain.
  if (only_site && m.authors.size() == 1 && NamesSite(m.authors[0], m.site)) {
    std::string signed_name = SignedName(dom, FirstMeta(page, {"og:description", "description"}));
    if (!signed_name.empty()) m.authors = {std::move(signed_name)};
  }
  if (m.authors.empty() && h1_node != kNoNode) m.authors = VisibleByline(dom, h1_node);

  // Dates: structured data, then meta tags, microdata and <time>, then the URL, then visible text.
  Ymd date;
  bool have_date = false;
  auto take = [&](std::string_view value) {
    if (have_date || value.empty()) return;
    Ymd d;
    if (ParseDateValue(value, &d) && Plausible(d, today)) {
      date = d;
      have_date = true;
    }
  };
  if (lj != nullptr) {
    take(lj->GetString(lo, "datePublished"));
    take(lj->GetString(lo, "dateCreated"));
    take(lj->GetString(lo, "uploadDate"));
  }
  for (std::string_view key : kPublishedKeys) take(MetaValue(page, key));
  for (uint32_t i : page.itemprop_date) take(DateAttrOrText(dom, i));
  for (uint32_t i : page.times)
    if (dom.has_attr(i, "pubdate")) take(DateAttrOrText(dom, i));
  if (!have_date) {
    Ymd d;
    if (DateFromUrl(url, today, &d)) {
      date = d;
      have_date = true;
    }
  }
  // A <time> in a reader's comment dates the comment, not the article.
  for (uint32_t i : page.times)
    if (!HasAncestor(dom, i, {Tag::kNav, Tag::kAside, Tag::kFooter}) && !InComments(dom, i))
      take(DateAttrOrText(dom, i));
  for (uint32_t i : page.dated) {
    if (have_date) break;
    Ymd d;
    if (FindPlausibleDate(BoundedText(dom, i, 300), today, 300, &d)) {
      date = d;
      have_date = true;
    }
  }
  if (!have_date && h1_node != kNoNode) {
    // The visible date under the headline.
    std::string text;
    bool pending = false;
    for (uint32_t i = h1_node; i < dom.size() && text.size() < kVisibleDateChars; ++i) {
      const Node& n = dom.node(i);
      if (!n.is_text()) continue;
      Tag pt = dom.node(n.parent).tag;
      if (pt == Tag::kScript || pt == Tag::kStyle || pt == Tag::kNoscript) continue;
      AppendCollapsed(dom.text(i), &text, &pending);
      pending = true;
    }
    have_date = FindPlausibleDate(text, today, kVisibleDateChars, &date);
  }
  if (!have_date) {
    // Last, the date in the canonical or main image's address: news systems file images by upload day
    // (kr-HankookIlbo prints its date only in scripts and data-* attributes, and in og:image's path).
    Ymd d;
    for (const std::string& u :
         {page.canonical, FirstMeta(page, {"og:url"}), FirstMeta(page, {"og:image"})}) {
      if (!have_date && DateFromUrl(u, today, &d)) {
        date = d;
        have_date = true;
      }
    }
  }
  if (have_date) m.date = FormatYmd(date);

  Ymd mod;
  bool have_mod = false;
  auto take_mod = [&](std::string_view value) {
    Ymd d;
    if (!have_mod && !value.empty() && ParseDateValue(value, &d) && Plausible(d, today)) {
      mod = d;
      have_mod = true;
    }
  };
  if (lj != nullptr) take_mod(lj->GetString(lo, "dateModified"));
  for (std::string_view key : {"article:modified_time", "og:updated_time", "datemodified", "last-modified",
                               "dcterms.modified", "dc.date.modified", "modified_time", "lastmod"})
    take_mod(MetaValue(page, key));
  for (uint32_t i : page.itemprop_modified) take_mod(DateAttrOrText(dom, i));
  if (have_mod) m.date_modified = FormatYmd(mod);
  if (m.date.empty()) m.date = m.date_modified;

  // Canonical URL, description, image.
  std::string canonical = page.canonical;
  if (canonical.empty()) canonical = FirstMeta(page, {"og:url", "twitter:url"});
  if (canonical.empty() && lj != nullptr) canonical = LdUrl(*lj, lj->Get(lo, "url"));
  m.canonical_url = Absolute(canonical, url);
  m.description = FirstMeta(page, {"og:description", "description", "twitter:description", "dc.description"});
  if (m.description.empty()) m.description = ld_string("description");
  m.image = FirstMeta(
      page, {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"});
  if (m.image.empty() && lj != nullptr) m.image = LdUrl(*lj, lj->Get(lo, "image"));
  if (m.image.empty() && lj != nullptr) m.image = LdUrl(*lj, lj->Get(lo, "thumbnailUrl"));
  if (m.image.empty()) m.image = page.image_src;
  m.image = Absolute(m.image, url);

  // Tags and categories.
  for (const MetaTag& t : page.metas)
    if (t.key == "article:tag") AddListItems(t.value, false, &m.tags);
  if (m.tags.empty() && lj != nullptr) LdList(*lj, lj->Get(lo, "keywords"), true, &m.tags);
  if (m.tags.empty()) {
    std::string kw = FirstMeta(page, {"news_keywords", "keywords"});
    AddListItems(kw, true, &m.tags);
  }
  if (m.tags.empty())
    for (const std::string& t : page.rel_tags) AddListItems(t, false, &m.tags);
  for (const MetaTag& t : page.metas)
    if (t.key == "article:section") AddListItems(t.value, false, &m.categories);
  if (m.categories.empty() && lj != nullptr) LdList(*lj, lj->Get(lo, "articleSection"), false, &m.categories);
  if (m.categories.empty())
    for (const std::string& t : page.rel_categories) AddListItems(t, false, &m.categories);
  return m;
}

}  // namespace cleaner

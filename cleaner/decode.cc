// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/decode.h"

#include <cstdint>

namespace cleaner {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";


std::string DecodeUtf16(std::string_view bytes, bool little_endian, bool* replaced) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  auto unit = [&](size_t at) -> uint32_t {
    auto lo = static_cast<unsigned char>(bytes[at + (little_endian ? 0 : 1)]);
    auto hi = static_cast<unsigned char>(bytes[at + (little_endian ? 1 : 0)]);
    return (uint32_t{hi} << 8) | lo;
  };
  while (i + 1 < bytes.size()) {
    uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
      uint32_t v = unit(i);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        i += 2;
        AppendCodePoint(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), &out);
        continue;
      }
    }
    if ((u >= 0xD800 && u <= 0xDFFF) || u == 0) {
      out += kReplacement;
      *replaced = true;
    } else {
      AppendCodePoint(u, &out);
    }
  }
  if (i < bytes.size()) {  // an odd trailing byte
    out += kReplacement;
    *replaced = true;
  }
  return out;
}

}  // namespace

uint32_t NextCodePoint(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || *i + static_cast<size_t>(len) > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
  for (int k = 1; k < len; ++k) {
    const auto next = static_cast<unsigned char>(s[*i + k]);
    if ((next & 0xC0) != 0x80) {  // not a continuation byte: the lead byte alone is invalid
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  *i += static_cast<size_t>(len);
  return cp;
}

void AppendCodePoint(uint32_t cp, std::string* out) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool LooksBinary(std::string_view bytes) {
  if (bytes.size() >= 2) {
    auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) return false;  // UTF-16 BOM
  }
  std::string_view head = bytes.substr(0, 8192);
  // ISO-2022 text is 7-bit with control bytes of its own: ESC starts each switch of character set ("ESC $ B" to
  // JIS X 0208, "ESC ( B" back to ASCII), in Japanese text with dates and numbers every few bytes (a news list of
  // "2024年1月1日 ..." lines in ISO-2022-JP is 11% ESC); ISO-2022-KR and ISO-2022-CN shift with SO and SI after
  // designating their set with "ESC $ )" ("ESC $ ) C" for Korean, "ESC $ ) A" or "ESC $ ) G" for Chinese), and
  // ISO-2022-CN-EXT with "ESC $ *" and "ESC $ +".
  const bool shifts = head.find("\x1B$)") != std::string_view::npos || head.find("\x1B$*") != std::string_view::npos ||
                      head.find("\x1B$+") != std::string_view::npos;
  size_t controls = 0, nuls = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c == 0) {
      ++nuls;
    } else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
      const char next = i + 1 < head.size() ? head[i + 1] : '\0';
      const bool iso2022 = (c == 0x1B && (next == '$' || next == '(' || next == ')' || next == 'N' ||
                                          next == 'O')) ||
                           (shifts && (c == 0x0E || c == 0x0F));
      if (!iso2022) ++controls;
    }
  }
  // Text never has NULs in bulk; a few stray ones happen in real scraped pages, so allow 1 in 1000 (and one in
  // a page shorter than that). Binary formats (images, PDFs, archives) exceed both limits within their first
  // kilobytes.
  return nuls * 1000 > std::max<size_t>(head.size(), 1000) || controls * 20 > head.size();
}

bool AppendValidUtf8(std::string_view s, std::string* out) {
  bool valid = true;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: copy a run of ASCII (not NUL).
    size_t start = i;
    while (i < n && p[i] < 0x80 && p[i] != 0) ++i;
    if (i > start) out->append(s.data() + start, i - start);
    if (i >= n) break;
    unsigned char c = p[i];
    if (c == 0) {
      out->append(kReplacement);
      valid = false;
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (len == 0) {
      out->append(kReplacement);
      valid = false;
      ++i;
      continue;
    }
    // Maximal subpart: consume continuation bytes while they are valid; replace the whole prefix once.
    size_t j = i + 1;
    bool ok = true;
    for (size_t k = 1; k < len; ++k, ++j) {
      unsigned char lo_k = k == 1 ? lo : 0x80, hi_k = k == 1 ? hi : 0xBF;
      if (j >= n || p[j] < lo_k || p[j] > hi_k) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out->append(s.data() + i, len);
    } else {
      out->append(kReplacement);
      valid = false;
    }
    i = j;
  }
  return valid;
}

size_t RepairDoubleEncodedUtf8(std::string* s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s->data());
  const size_t n = s->size();
  // Most pages have no C1 control at all: look for one (C2 80..C2 9F) before copying anything.
  bool any = false;
  for (size_t i = 0; i + 1 < n && !any; ++i) any = p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F;
  if (!any) return 0;
  std::string out;
  out.reserve(n);
  size_t repaired = 0, i = 0;
  unsigned char bytes[4];
  while (i < n) {
    // The lead: U+00C2..U+00F4, written C3 82..C3 B4.
    if (p[i] == 0xC3 && i + 1 < n && p[i + 1] >= 0x82 && p[i + 1] <= 0xB4) {
      const unsigned char lead = static_cast<unsigned char>(0xC0 | (p[i + 1] & 0x3F));
      const size_t len = lead <= 0xDF ? 2 : lead <= 0xEF ? 3 : 4;
      bytes[0] = lead;
      bool ok = true, c1 = false;
      size_t j = i + 2;
      for (size_t k = 1; k < len; ++k, j += 2) {
        // A continuation: U+0080..U+00BF, written C2 80..C2 BF.
        if (j + 1 >= n || p[j] != 0xC2 || p[j + 1] < 0x80 || p[j + 1] > 0xBF) {
          ok = false;
          break;
        }
        bytes[k] = p[j + 1];
        c1 |= p[j + 1] <= 0x9F;
      }
      if (ok && c1) {
        // The second byte's range for the leads that restrict it (no overlongs, surrogates or values past U+10FFFF).
        const unsigned char b1 = bytes[1];
        ok = !(lead == 0xE0 && b1 < 0xA0) && !(lead == 0xED && b1 > 0x9F) && !(lead == 0xF0 && b1 < 0x90) &&
             !(lead == 0xF4 && b1 > 0x8F);
        if (ok) {
          out.append(reinterpret_cast<const char*>(bytes), len);
          ++repaired;
          i = j;
          continue;
        }
      }
    }
    out.push_back(static_cast<char>(p[i]));
    ++i;
  }
  if (repaired > 0) s->swap(out);
  return repaired;
}

std::string DecodeToUtf8(std::string_view bytes, DecodeReport* report) {
  DecodeReport local;
  DecodeReport& r = report ? *report : local;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    r.had_bom = true;
    bytes.remove_prefix(3);
  } else if (bytes.size() >= 2) {
    auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      r.had_bom = true;
      return DecodeUtf16(bytes.substr(2), b0 == 0xFF, &r.invalid_utf8);
    }
  }
  std::string out;
  out.reserve(bytes.size());
  r.invalid_utf8 = !AppendValidUtf8(bytes, &out);
  return out;
}

}  // namespace cleaner

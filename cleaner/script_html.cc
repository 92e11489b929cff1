// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/script_html.h"

#include <cstdint>

#include "cleaner/decode.h"

namespace cleaner {
namespace {

constexpr size_t npos = std::string_view::npos;
constexpr size_t kMinParagraphs = 3;  // markup with fewer is a widget's, not an article's
constexpr size_t kMinBytes = 200;     // the same: shorter strings are not looked into

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of the `digits` hex digits at s[p], or -1.
int32_t Hex(std::string_view s, size_t p, size_t digits) {
  if (p + digits > s.size()) return -1;
  int32_t v = 0;
  for (size_t k = 0; k < digits; ++k) {
    const int d = HexValue(s[p + k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// Appends the body of a string literal, s[p, end), to *out, decoding the escapes of JavaScript, which include
// JSON's: \" \\ \/ \b \f \n \r \t \v \0 \xHH \uHHHH (surrogate pairs joined, a lone one as U+FFFD).
void DecodeLiteral(std::string_view s, size_t p, size_t end, std::string* out) {
  while (p < end) {
    const char c = s[p];
    if (c != '\\' || p + 1 >= end) {
      out->push_back(c);
      ++p;
      continue;
    }
    const char e = s[p + 1];
    p += 2;
    switch (e) {
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'v': out->push_back('\v'); break;
      case '0': out->push_back(' '); break;  // a NUL would make the page look binary
      case '\n': break;                       // a line continuation
      case 'x': {
        const int32_t v = Hex(s.substr(0, end), p, 2);
        if (v < 0) {
          out->push_back('x');
          break;
        }
        AppendCodePoint(static_cast<uint32_t>(v), out);
        p += 2;
        break;
      }
      case 'u': {
        const std::string_view body = s.substr(0, end);
        int32_t v = Hex(body, p, 4);
        if (v < 0) {
          out->push_back('u');
          break;
        }
        p += 4;
        if (v >= 0xD800 && v <= 0xDBFF) {
          const int32_t low = p + 1 < end && s[p] == '\\' && s[p + 1] == 'u' ? Hex(body, p + 2, 4) : -1;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
            p += 6;
          } else {
            v = 0xFFFD;
          }
        } else if (v >= 0xDC00 && v <= 0xDFFF) {
          v = 0xFFFD;
        }
        AppendCodePoint(static_cast<uint32_t>(v), out);
        break;
      }
      default: out->push_back(e); break;  // \" \\ \/ \' and any other character stand for themselves
    }
  }
}

// The position of the quote that ends the string literal whose body starts at s[p], or npos.
size_t LiteralEnd(std::string_view s, size_t p) {
  while (p < s.size()) {
    if (s[p] == '\\') {
      p += 2;
    } else if (s[p] == '"') {
      return p;
    } else {
      ++p;
    }
  }
  return npos;
}

// True if `s` holds "u003cp" with either case of 'c' and 'p': an escaped "<p" ("\u003cp", or "\\u003cp" in a string
// in a string).
bool HasEscapedParagraph(std::string_view s) {
  for (size_t p = s.find("u003"); p != npos; p = s.find("u003", p + 1)) {
    if (p + 5 < s.size() && (s[p + 4] == 'c' || s[p + 4] == 'C') && (s[p + 5] == 'p' || s[p + 5] == 'P'))
      return true;
  }
  return false;
}

// The paragraphs ("<p>", "<p ...>") in `s`, counted up to kMinParagraphs.
size_t Paragraphs(std::string_view s) {
  size_t n = 0;
  for (size_t p = s.find('<'); p != npos && n < kMinParagraphs; p = s.find('<', p + 1)) {
    if (p + 2 < s.size() && (s[p + 1] == 'p' || s[p + 1] == 'P') &&
        (s[p + 2] == '>' || s[p + 2] == ' ' || s[p + 2] == '\t' || s[p + 2] == '\n'))
      ++n;
  }
  return n;
}

// Keeps in *best the longest string literal of `s` that holds article markup; at level 0 also looks into the
// strings of a decoded string that holds escaped markup but is none itself.
void ScanStrings(std::string_view s, int level, std::string* best) {
  for (size_t p = s.find('"'); p != npos;) {
    const size_t end = LiteralEnd(s, p + 1);
    if (end == npos) return;
    const std::string_view raw = s.substr(p + 1, end - p - 1);
    if (raw.size() >= kMinBytes && raw.size() > best->size() &&
        (HasEscapedParagraph(raw) || Paragraphs(raw) >= kMinParagraphs)) {
      std::string decoded;
      DecodeLiteral(s, p + 1, end, &decoded);
      if (Paragraphs(decoded) >= kMinParagraphs) {
        if (decoded.size() > best->size()) *best = std::move(decoded);
      } else if (level == 0) {
        ScanStrings(decoded, 1, best);
      }
    }
    p = s.find('"', end + 1);
  }
}

bool StartsWithNoCase(std::string_view s, size_t p, std::string_view word) {
  if (p + word.size() > s.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    char c = s[p + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[k]) return false;
  }
  return true;
}

// The position of the next "<script" or "</script" (as `tag` says, lower case) at or after `p`, or npos.
size_t FindTag(std::string_view s, size_t p, std::string_view tag) {
  for (p = s.find('<', p); p != npos; p = s.find('<', p + 1)) {
    if (StartsWithNoCase(s, p, tag)) {
      const size_t after = p + tag.size();
      if (after >= s.size() || s[after] == '>' || s[after] == ' ' || s[after] == '\t' || s[after] == '\n' ||
          s[after] == '\r' || s[after] == '/')
        return p;
    }
  }
  return npos;
}

}  // namespace

bool MayHaveScriptHtml(std::string_view html) { return HasEscapedParagraph(html); }

std::string ScriptHtml(std::string_view html) {
  std::string best;
  for (size_t p = FindTag(html, 0, "<script"); p != npos;) {
    const size_t open_end = html.find('>', p);
    if (open_end == npos) break;
    const size_t close = FindTag(html, open_end + 1, "</script");
    const size_t content_end = close == npos ? html.size() : close;
    ScanStrings(html.substr(open_end + 1, content_end - open_end - 1), 0, &best);
    if (close == npos) break;
    p = FindTag(html, close + 1, "<script");
  }
  return best;
}

}  // namespace cleaner

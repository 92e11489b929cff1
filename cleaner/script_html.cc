// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/script_html.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

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
// JSON's: \" \\ \/ \b \f \n \r \t \v \0 \xHH \uHHHH (surrogate pairs joined, a lone one as U+FFFD) and line
// continuations. The NUL of \0 becomes a space, as do \x00 and \u0000: a NUL would make the page look binary.
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
      case '0': out->push_back(' '); break;
      case '\n': break;  // a line continuation
      case '\r':
        if (p < end && s[p] == '\n') ++p;  // ... after a CRLF
        break;
      case 'x': {
        const int32_t v = Hex(s.substr(0, end), p, 2);
        if (v < 0) {
          out->push_back('x');
          break;
        }
        AppendCodePoint(v == 0 ? ' ' : static_cast<uint32_t>(v), out);
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
        AppendCodePoint(v == 0 ? ' ' : static_cast<uint32_t>(v), out);
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

// True if `s` holds paragraph markup escaped as serializers write it in scripts: "u003cp" with either case of 'c'
// and 'p' ("\u003cp", or "\\u003cp" in a string in a string), or "<\/p" (PHP's json_encode escapes slashes).
bool HasEscapedParagraph(std::string_view s) {
  for (size_t p = s.find("u003"); p != npos; p = s.find("u003", p + 1)) {
    if (p + 5 < s.size() && (s[p + 4] == 'c' || s[p + 4] == 'C') && (s[p + 5] == 'p' || s[p + 5] == 'P'))
      return true;
  }
  return s.find("<\\/p") != npos || s.find("<\\/P") != npos;
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

// True if `s` is serialized data rather than markup: JSON (it starts with '{' or '['), or rows of Next.js's flight
// data ("5:[\"$\",\"div\",..."). Its strings hold the markup, if any; the whole is none.
bool IsData(std::string_view s) {
  size_t p = 0;
  while (p < s.size() && (s[p] == ' ' || s[p] == '\n' || s[p] == '\r' || s[p] == '\t')) ++p;
  if (p < s.size() && (s[p] == '{' || s[p] == '[')) return true;
  const size_t id = p;
  while (p < s.size() && HexValue(s[p]) >= 0) ++p;
  return p > id && p < s.size() && s[p] == ':';
}

// Keeps `candidate` in *best if it holds article markup and is longer.
void Consider(std::string_view candidate, std::string* best) {
  if (candidate.size() > best->size() && Paragraphs(candidate) >= kMinParagraphs) best->assign(candidate);
}

// Keeps in *best the longest string literal of `s` that holds article markup. At level 0, a decoded string that
// is data, or holds escaped markup without being markup, is looked into in turn (a string in a string).
void ScanStrings(std::string_view s, int level, std::string* best) {
  for (size_t p = s.find('"'); p != npos;) {
    const size_t end = LiteralEnd(s, p + 1);
    if (end == npos) return;
    const std::string_view raw = s.substr(p + 1, end - p - 1);
    if (raw.size() >= kMinBytes && raw.size() > best->size() &&
        (HasEscapedParagraph(raw) || Paragraphs(raw) >= kMinParagraphs)) {
      std::string decoded;
      DecodeLiteral(s, p + 1, end, &decoded);
      if (level == 0 && (IsData(decoded) || Paragraphs(decoded) < kMinParagraphs)) {
        ScanStrings(decoded, 1, best);
      } else {
        Consider(decoded, best);
      }
    }
    p = s.find('"', end + 1);
  }
}

// Keeps in *best the longest text row of Next.js flight data (`payload`, its chunks joined) that holds article
// markup: "1a:T3e8,<p>...", a row id, 'T', the text's length in bytes in hex, a comma and the text, unquoted.
void ScanTextRows(std::string_view payload, std::string* best) {
  for (size_t p = payload.find(":T"); p != npos; p = payload.find(":T", p + 2)) {
    size_t id = p;
    while (id > 0 && HexValue(payload[id - 1]) >= 0) --id;
    if (id == p || (id > 0 && payload[id - 1] != '\n')) continue;  // a row starts a line
    size_t q = p + 2, length = 0;
    while (q < payload.size() && HexValue(payload[q]) >= 0 && length <= payload.size())
      length = length * 16 + static_cast<size_t>(HexValue(payload[q++]));
    if (q == p + 2 || q >= payload.size() || payload[q] != ',') continue;
    std::string_view text = payload.substr(q + 1, length);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.remove_suffix(1);
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);  // a cut lead byte
    Consider(text, best);
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
  std::string flight;  // the string chunks of Next.js's flight data, joined: a row may run across two
  for (size_t p = FindTag(html, 0, "<script"); p != npos;) {
    const size_t open_end = html.find('>', p);
    if (open_end == npos) break;
    const size_t close = FindTag(html, open_end + 1, "</script");
    const size_t content_end = close == npos ? html.size() : close;
    const std::string_view content = html.substr(open_end + 1, content_end - open_end - 1);
    constexpr std::string_view kChunk = "self.__next_f.push([1,\"";
    const size_t chunk = content.find(kChunk);
    const size_t chunk_end = chunk == npos ? npos : LiteralEnd(content, chunk + kChunk.size());
    if (chunk_end != npos) {
      DecodeLiteral(content, chunk + kChunk.size(), chunk_end, &flight);
    } else {
      ScanStrings(content, 0, &best);
    }
    if (close == npos) break;
    p = FindTag(html, close + 1, "<script");
  }
  if (!flight.empty()) {
    ScanStrings(flight, 1, &best);
    ScanTextRows(flight, &best);
  }
  return best;
}

bool MentionsTitle(std::string_view text, std::string_view title) {
  // The title's words of four bytes or more (a Korean word of two syllables counts), ASCII case folded; Chinese
  // and Japanese, written without spaces, by pairs of characters.
  std::vector<std::string> grams;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4 && grams.size() < 32) grams.push_back(word);
    word.clear();
  };
  for (size_t i = 0; i < title.size();) {
    const size_t start = i;
    const uint32_t cp = NextCodePoint(title, &i);
    const bool ideograph = (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF);
    // Punctuation: Latin-1's, general punctuation and symbols, CJK's and full-width forms'.
    const bool punctuation = cp <= 0xBF || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                             (cp >= 0xFF00 && cp <= 0xFF20);
    const bool letter = cp >= 0x80 ? !punctuation : std::isalnum(static_cast<int>(cp)) != 0;
    if (!letter) {
      flush();
      continue;
    }
    if (ideograph) {
      flush();
      size_t next = i;
      const uint32_t cp2 = next < title.size() ? NextCodePoint(title, &next) : 0;
      if ((cp2 >= 0x3040 && cp2 <= 0x30FF) || (cp2 >= 0x3400 && cp2 <= 0x9FFF)) {
        word.assign(title.substr(start, next - start));
        flush();
      }
      continue;
    }
    for (size_t k = start; k < i; ++k)
      word.push_back(title[k] >= 'A' && title[k] <= 'Z' ? static_cast<char>(title[k] - 'A' + 'a') : title[k]);
  }
  flush();
  if (grams.empty()) return true;  // nothing to compare
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  size_t found = 0;
  for (const std::string& g : grams) found += lower.find(g) != std::string::npos;
  return found >= std::min<size_t>(2, grams.size());
}

}  // namespace cleaner

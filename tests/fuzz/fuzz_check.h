// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// What every fuzz target checks of a result, whatever the input: the promises of include/cleaner/result.h.
// A broken promise aborts, so the fuzzer (or the replay driver in CI) reports the input that broke it.

#ifndef CLEANER_TESTS_FUZZ_FUZZ_CHECK_H_
#define CLEANER_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cleaner/result.h"

namespace cleaner::fuzz {

[[noreturn]] inline void Fail(const char* what, std::string_view value) {
  std::fprintf(stderr, "fuzz check failed: %s: \"%.*s\"\n", what, static_cast<int>(value.size() > 200 ? 200 : value.size()),
               value.data());
  std::abort();
}

// Well-formed UTF-8: no stray continuation bytes, no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    unsigned cp = 0;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

// The text shape the README promises: UTF-8, one block per line, no blank lines, no carriage returns or NULs,
// and a final newline unless empty.
inline void CheckText(const char* what, std::string_view text) {
  if (!IsUtf8(text)) Fail(what, "invalid UTF-8");
  if (text.empty()) return;
  if (text.back() != '\n') Fail(what, text);
  if (text.front() == '\n' || text.find("\n\n") != std::string_view::npos) Fail("blank line in", text);
  if (text.find('\r') != std::string_view::npos || text.find('\0') != std::string_view::npos) Fail(what, text);
}

inline void CheckField(const char* what, std::string_view value) {
  if (!IsUtf8(value)) Fail(what, "invalid UTF-8");
  if (value.find('\0') != std::string_view::npos) Fail(what, value);
}

inline void CheckDocument(const Document& doc) {
  CheckText("text", doc.text);
  CheckText("comments", doc.comments);
  CheckField("title", doc.title);
  CheckField("site", doc.site);
  CheckField("description", doc.description);
  CheckField("image", doc.image);
  CheckField("canonical_url", doc.canonical_url);
  CheckField("language", doc.language);
  for (const auto& a : doc.authors) CheckField("author", a);
  for (const auto& t : doc.tags) CheckField("tag", t);
  for (const auto& c : doc.categories) CheckField("category", c);
  for (const Block& b : doc.blocks) {
    CheckField("block", b.text);
    if (b.text.find('\n') != std::string::npos) Fail("newline inside a block", b.text);
    // Spans are byte ranges of the text, sorted by start, and nest (one that starts inside another ends in it).
    size_t last_begin = 0;
    for (const Span& s : b.spans) {
      if (s.begin > s.end || s.end > b.text.size() || s.begin < last_begin) Fail("span out of order", b.text);
      last_begin = s.begin;
    }
    for (size_t i = 0; i + 1 < b.spans.size(); ++i)
      for (size_t k = i + 1; k < b.spans.size() && b.spans[k].begin < b.spans[i].end; ++k)
        if (b.spans[k].end > b.spans[i].end) Fail("spans overlap", b.text);
    size_t last_cell = 0;
    for (size_t c : b.cells) {
      if (c < last_cell || c > b.text.size()) Fail("cell offset out of order", b.text);
      last_cell = c;
    }
  }
  for (std::string_view d : {std::string_view(doc.date), std::string_view(doc.date_modified)}) {
    if (d.empty()) continue;
    if (d.size() < 10 || d[4] != '-' || d[7] != '-') Fail("date not ISO 8601", d);
  }
}

}  // namespace cleaner::fuzz

#endif  // CLEANER_TESTS_FUZZ_FUZZ_CHECK_H_

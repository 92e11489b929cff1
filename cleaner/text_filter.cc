// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/text_filter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <unordered_set>

namespace cleaner {
namespace {

// Key for comparing a heading with the title: letters, marks and digits only, lower-cased, so that punctuation
// and permalink signs ("Title¶", "Title #") do not hide a repeat.
std::string Key(std::string_view s) {
  std::string k;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (!(u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK))) continue;
    c = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    k.append(buf, static_cast<size_t>(len));
  }
  return k;
}

}  // namespace

void FilterLines(const Rules& rules, std::string_view language, std::string_view title, std::vector<Line>* lines) {
  std::vector<Line> kept;
  kept.reserve(lines->size());
  const std::string title_key = Key(title);
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& line = (*lines)[i];
    if (rules.IsNoiseLine(line.text, language)) continue;
    // The title repeated as the article's first heading or line (the title is printed on its own, if asked for).
    if (kept.size() < 3 && !title_key.empty() && Key(line.text) == title_key) continue;
    // A long line repeated verbatim is a duplicate block (a teaser and its article, a caption shown twice).
    if (line.text.size() >= 40 && !seen.insert(line.text).second) continue;
    kept.push_back(std::move(line));
  }
  *lines = std::move(kept);
}

}  // namespace cleaner

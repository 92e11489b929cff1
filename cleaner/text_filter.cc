// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/text_filter.h"

#include <string>
#include <unordered_set>

namespace cleaner {
namespace {

// Case- and punctuation-insensitive key for comparing a heading with the title.
std::string Key(std::string_view s) {
  std::string k;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) k.push_back(c);
    else if (c >= 'A' && c <= 'Z') k.push_back(static_cast<char>(c | 0x20));
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

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 7, filter: line-level noise that the DOM cannot show (labels of removed widgets, comment-form prompts),
// repeated titles and duplicate lines.

#ifndef CLEANER_TEXT_FILTER_H_
#define CLEANER_TEXT_FILTER_H_

#include <string_view>
#include <vector>

#include "cleaner/rules.h"
#include "cleaner/serialize.h"

namespace cleaner {

// Removes noise lines from `lines` in place. `title` (may be empty) is dropped where it repeats at the start.
void FilterLines(const Rules& rules, std::string_view language, std::string_view title, std::vector<Line>* lines);

}  // namespace cleaner

#endif  // CLEANER_TEXT_FILTER_H_

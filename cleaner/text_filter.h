// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 7, filter: line-level noise that the DOM cannot show (date banners, labels of removed widgets, comment-form
// prompts, "read also" lists, sign-offs), repeated titles and duplicate lines. It also cleans already-scraped plain
// text, where it is the only stage.
//
// The same rules first apply to whole elements of a page in the select stage (select.h, RemoveLabelledBlocks), where
// the markup shows what a label introduces; this stage sees what is left, and plain text.
//
// The rules (cleaner/rules/lines/*.txt) say what a line looks like; this stage decides from the line's context
// whether it is noise, so that an article sentence that merely mentions "related" or a date is kept:
//   - a `line` rule drops the line wherever it stands;
//   - an `edge` rule drops it only among the first or last kEdgeLines lines and only if it is short;
//   - a `block` rule drops the label and the headline-like lines after it (short, or mostly links);
//   - a `tail` rule drops the line and everything after it, when at least 70% of the text comes before it
//     (Rules::kTailStart);
//   - a `meta` rule (datelines, bylines) acts as `edge` when FilterOptions::drop_meta_lines says so.
// Without any rule, a run of three or more lines that are links alone goes when it ends the text right after a
// paragraph of prose: other stories' headlines that no label names (with FilterOptions::cut_tail).

#ifndef CLEANER_TEXT_FILTER_H_
#define CLEANER_TEXT_FILTER_H_

#include <string>
#include <string_view>
#include <vector>

#include "cleaner/rules.h"
#include "cleaner/serialize.h"

namespace cleaner {

struct FilterReport {
  size_t dropped = 0;
};

struct FilterOptions {
  // Apply `meta` rules (datelines, bylines). Plain text and the precision focus do; extracted HTML by default
  // keeps them, because half the benchmark truths do (see cleaner/rules/lines/neutral.txt).
  bool drop_meta_lines = false;
  // Drop every line that is mostly link text (the precision focus): lists of other pages left inside the article.
  bool drop_link_lines = false;
  // Let a `tail` rule end the text, and drop unnamed links that end it (all but the recall focus).
  bool cut_tail = true;
};

// Removes noise lines from `lines` in place. `title` (may be empty) is dropped where it repeats among the first
// lines. A long line seen before goes, unless it belongs to a passage of several lines that the page repeats as a
// whole. Image lines (Line::is_image) are not judged: one goes only when the text lines on both sides of it go.
// Preformatted lines (kPre) are not judged either: no rule applies to code.
FilterReport FilterLines(const Rules& rules, std::string_view language, std::string_view title,
                         const FilterOptions& options, std::vector<Line>* lines);

// Plain-text input: splits `text` into lines (trimmed, whitespace collapsed, blank lines dropped).
std::vector<Line> SplitTextLines(std::string_view text);

// For plain text, which has no <title>: the first line is the title when it reads like a headline (short, no
// sentence end) and is followed by a longer line, or when it repeats right away. Returns "" otherwise.
std::string GuessTitle(const std::vector<Line>& lines);

// Removes `title` where it stands among the first lines (compared without case and punctuation).
void RemoveLeadingTitle(std::string_view title, std::vector<Line>* lines);

// Tells apart markup from plain text: true if the first 64 KiB of `bytes` hold a doctype, a comment or one of
// the common HTML tags listed in text_filter.cc (case-insensitive).
bool LooksLikeHtml(std::string_view bytes);

}  // namespace cleaner

#endif  // CLEANER_TEXT_FILTER_H_

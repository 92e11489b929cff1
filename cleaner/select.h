// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 5, select: the subtree that holds the article, its sibling blocks that belong to it, and a last clean-up
// inside it of blocks that look like widgets (link lists, image galleries, forms) or that the line rules label as
// widgets ("Related posts" and the headlines under it).

#ifndef CLEANER_SELECT_H_
#define CLEANER_SELECT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cleaner/dom.h"
#include "cleaner/prune.h"
#include "cleaner/rules.h"
#include "cleaner/score.h"

namespace cleaner {

struct Selection {
  uint32_t top = kNoNode;          // the best candidate
  std::vector<uint32_t> roots;     // what to serialize, in document order (top and merged siblings)
  std::vector<uint8_t> removed;    // the prune mask plus what the clean-up removed inside the roots
  Aggregates agg;                  // subtree sums without what was removed
};

// `removed` is the prune stage's mask (taken by value: the selection extends it). `clean_conditionally` false skips
// the clean-up of widget-like tables, lists and divs inside the roots (the pipeline's last fallback pass).
Selection Select(const Dom& dom, const PageFacts& facts, std::vector<uint8_t> removed, Aggregates agg,
                 const Scores& scores, bool class_weights, bool clean_conditionally = true);

// The line rules (cleaner/rules/lines/*.txt, compiled once in `rules`, the same that the filter stage applies to
// lines) applied to whole elements inside the roots. A label is a short element that starts a line and is the
// outermost element with its text:
//   - a `block` or `tail` label ("Related posts", "Read more:", "यह भी पढ़ें") that opens a container whose other
//     content is mostly links goes with the container;
//   - otherwise it goes with the siblings after it that are mostly links (other stories' headlines); or alone when
//     what follows it was removed (a widget that an earlier stage took out) or when it ends the article. A label
//     followed by prose is a section heading that happens to read like one, and stays;
//   - a label whose whole text matches a `line` rule (share, subscribe and comment-form prompts, photo credits) goes;
//     on a single line, it is left to the filter, which sees the same line.
// A `tail` label in the last part of the text (Rules::kTailStart) is left to the filter, which cuts the text there.
// Run before serialization; `language` chooses the rule files as for the filter. Returns the number of subtrees
// removed.
size_t RemoveLabelledBlocks(const Dom& dom, const PageFacts& facts, const Rules& rules, std::string_view language,
                            Selection* sel);

// Reader comments printed in the post's own container, after an empty anchor that links to them (`<a
// name="comments">`, `<a id="comments">`: the target of a "12 comments" link, which old blog templates put before
// the first comment rather than around the section): everything in the roots after the last such anchor goes, when
// at least a fifth of the roots' text comes before it (one at the top marks the comment count beside the headline).
// Unlike a `tail` label (Rules::kTailStart), it cuts when the comments are longer than the post. Run before the
// label clean-up and serialization; returns the number of subtrees removed.
size_t CutAtCommentsAnchor(const Dom& dom, const PageFacts& facts, Selection* sel);

}  // namespace cleaner

#endif  // CLEANER_SELECT_H_

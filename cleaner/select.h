// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 5, select: the subtree that holds the article, its sibling blocks that belong to it, and a last clean-up
// inside it of blocks that look like widgets (link lists, image galleries, forms).

#ifndef CLEANER_SELECT_H_
#define CLEANER_SELECT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "cleaner/dom.h"
#include "cleaner/prune.h"
#include "cleaner/score.h"

namespace cleaner {

struct Selection {
  uint32_t top = kNoNode;          // the best candidate
  std::vector<uint32_t> roots;     // what to serialize, in document order (top and merged siblings)
  std::vector<uint8_t> removed;    // the prune mask plus what the clean-up removed inside the roots
};

// `removed` is the prune stage's mask (taken by value: the selection extends it).
Selection Select(const Dom& dom, const PageFacts& facts, std::vector<uint8_t> removed, Aggregates agg,
                 const Scores& scores, bool class_weights);

}  // namespace cleaner

#endif  // CLEANER_SELECT_H_

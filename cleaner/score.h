// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 4, score: measures what is left after pruning and gives container elements a content score.

#ifndef CLEANER_SCORE_H_
#define CLEANER_SCORE_H_

#include <cstdint>
#include <vector>

#include "cleaner/dom.h"
#include "cleaner/prune.h"

namespace cleaner {

// Subtree sums over the nodes that survived pruning.
struct Aggregates {
  struct Sums {
    float text = 0;      // effective text length
    float link = 0;      // part of `text` inside <a href>
    float heading = 0;   // part of `text` inside <h1>-<h6>
    float list = 0;      // part of `text` inside <ul>/<ol>
    uint32_t commas = 0;
    // `input` and `embed` stay 0 while prune removes form controls and embeds; Readability's widget test reads them,
    // so they are kept for a pass that would keep those elements.
    uint32_t p = 0, img = 0, li = 0, input = 0, embed = 0, table = 0;

    Sums& operator+=(const Sums& o) {
      text += o.text, link += o.link, heading += o.heading, list += o.list, commas += o.commas;
      p += o.p, img += o.img, li += o.li, input += o.input, embed += o.embed, table += o.table;
      return *this;
    }
    Sums& operator-=(const Sums& o) {
      text -= o.text, link -= o.link, heading -= o.heading, list -= o.list, commas -= o.commas;
      p -= o.p, img -= o.img, li -= o.li, input -= o.input, embed -= o.embed, table -= o.table;
      return *this;
    }
  };
  std::vector<Sums> sums;  // indexed by node

  float LinkDensity(uint32_t i) const { return sums[i].text > 0 ? sums[i].link / sums[i].text : 0; }
  // Subtracts node i's sums from every ancestor up to (not past) `stop`, after i was removed.
  void RemoveFromAncestors(const Dom& dom, uint32_t i, uint32_t stop);
};

// The sums of every subtree, over the nodes not `removed`. (Named apart from evaluate.h's public Aggregate,
// which averages benchmark scores.)
Aggregates SumSubtrees(const Dom& dom, const PageFacts& facts, const std::vector<uint8_t>& removed);

// Content scores in the manner of Readability: every paragraph-like block of at least 25 characters scores
// 1 + its commas + one point per 100 characters (at most 3), added in full to its parent, half to its grandparent
// and score / (3 × level) further up, five levels in all; containers start from a tag bonus and their class weight,
// and end multiplied by (1 − link density).
struct Scores {
  std::vector<float> score;          // indexed by node; 0 for non-candidates
  std::vector<uint8_t> is_candidate;
  std::vector<uint32_t> candidates;  // in the order they were first credited
};

// `class_weights` false ignores class/id weights (the last fallback passes: some sites name their article
// container "sidebar-grid").
Scores ScoreCandidates(const Dom& dom, const PageFacts& facts, const std::vector<uint8_t>& removed,
                       const Aggregates& agg, bool class_weights);

// Tags whose presence makes a <div> a container rather than a paragraph (Readability's DIV_TO_P_ELEMS).
bool IsBlockForParagraphs(Tag t);

}  // namespace cleaner

#endif  // CLEANER_SCORE_H_

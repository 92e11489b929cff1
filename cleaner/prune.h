// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 3, prune: decides which subtrees can never be article text, before scoring.

#ifndef CLEANER_PRUNE_H_
#define CLEANER_PRUNE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cleaner/dom.h"
#include "cleaner/rules.h"
#include "cleaner/text.h"

namespace cleaner {

// Facts about every node that do not depend on the pass, computed once per page.
struct PageFacts {
  struct Element {
    int8_t class_weight = 0;   // Rules::ClassWeight of "class id"
    int8_t split_weight = 0;   // Readability's weight: Rules::ClassWeight of the class plus that of the id (+-50)
    bool unlikely = false;     // matches class_id/unlikely.txt and not maybe_candidate.txt
    bool boilerplate = false;  // matches class_id/boilerplate.txt
    bool hidden = false;       // hidden by attribute or inline style
    bool chrome_role = false;  // role=navigation, menu, complementary, ...
    bool caption = false;        // repeats the alt text of the image just before it
    bool caption_class = false;  // matches class_id/caption.txt
    bool comments = false;       // matches class_id/comments.txt: named like a reader-comment section
    bool lead = false;           // matches class_id/lead.txt: an article's standfirst
  };
  std::vector<Element> elements;  // indexed by node; meaningful for elements only
  std::vector<float> text_len;    // text nodes: effective length (TextMeasurer) of the collapsed text
  std::vector<uint16_t> commas;   // text nodes: CountCommas
  std::vector<float> raw_text;    // every node: text_len summed over the whole subtree, before any pruning
  std::vector<uint8_t> has_main;  // every node: 1 if the subtree holds an <article> or <main> element
  std::vector<float> longest_p;  // every node: raw_text of the longest <p> in the subtree
  std::vector<float> named_article;  // every node: largest raw_text of an element other than <p> in the subtree (itself
                                     // included) whose class/id weighs positive ("article", "content", ...)
};

PageFacts ComputePageFacts(const Dom& dom, const Rules& rules, TextMeasurer* measurer);

// How hard a pass prunes. Each fallback pass keeps more of the page (Readability's flags, in the same order).
enum class PruneLevel : uint8_t {
  kStrict = 1,       // tags, hidden elements, chrome, boilerplate widgets and unlikely class/id names
  kKeepUnlikely = 2, // as kStrict, but class/id names matched by unlikely.txt stay, except inside the marked
                     // article body (itemprop=articleBody and the like), where a widget is still a widget
  kMinimal = 3,      // only tags that never hold text, and hidden elements
};

// Marks a node of the prune mask inside a <header> of an <article>, <main> or <section> that was removed (1) as
// page chrome (the headline, byline and date) while the node itself would have stayed: the selection stage may take
// the article's lead from there (AddLead in select.cc). Any non-zero value means removed.
inline constexpr uint8_t kInArticleHeader = 2;

// Returns a per-node mask: non-zero (1, or kInArticleHeader below such a <header>) for every node inside a removed
// subtree (its root included, with 1). `removed_count` receives
// the number of subtrees removed. `keep_captions` keeps figure captions and photo credits (the recall focus).
std::vector<uint8_t> Prune(const Dom& dom, const PageFacts& facts, PruneLevel level, size_t* removed_count,
                           bool keep_captions = false);

}  // namespace cleaner

#endif  // CLEANER_PRUNE_H_

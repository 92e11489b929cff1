// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/select.h"

#include <algorithm>
#include <cmath>

#include "cleaner/text.h"

namespace cleaner {
namespace {

// Readability keeps the top five candidates to look for a common ancestor of the strong ones.
constexpr size_t kTopCandidates = 5;
// An ancestor shared by at least this many strong candidates is the article (Readability's MINIMUM_TOPCANDIDATES).
constexpr int kMinSharedCandidates = 3;
// Text mass (see Select): an ancestor with 3x the winner's prose takes over. Measured on all sets: 1.5 pulled in
// comments and link lists (dragnet 0.898), 2.0 cost dragnet and scrapinghub, 4.0 lost wcxb's service pages;
// 2.5-3.0 is a plateau.
constexpr float kMassRatio = 3.0f;
// ...as long as the ancestor's link density stays below this (or at most 0.1 above the winner's): 0.15 lost wcxb
// listings, 0.35 admitted navigation.
constexpr float kMassMaxLinkDensity = 0.25f;

void MarkSubtree(const Dom& dom, uint32_t root, std::vector<uint8_t>* removed) {
  std::fill(removed->begin() + root, removed->begin() + SubtreeEnd(dom, root), 1);
}

bool IsDataTable(const Dom& dom, uint32_t table, const std::vector<uint8_t>& removed) {
  if (dom.attr(table, "role") == "presentation") return false;
  int rows = 0, max_cols = 0, cols = 0;
  const uint32_t end = SubtreeEnd(dom, table);
  for (uint32_t i = table + 1; i < end; ++i) {
    if (removed[i]) continue;
    Tag t = dom.node(i).tag;
    if (!dom.node(i).is_element()) continue;
    if (t == Tag::kCaption || t == Tag::kTh || t == Tag::kThead || t == Tag::kTfoot) return true;
    if (t == Tag::kTable) return false;  // nested tables are layout
    if (t == Tag::kTr) {
      ++rows;
      cols = 0;
    } else if (t == Tag::kTd) {
      max_cols = std::max(max_cols, ++cols);
    }
  }
  return rows >= 10 || max_cols > 4 || rows * max_cols > 10;
}

// A <div> (or similar) with only inline content: Readability turns it into a <p> before merging siblings, so
// paragraphs written as <div class="body__paragraph"> join the article as <p>s do (scrapinghub, CNN pages).
bool IsInlineOnlyContainer(const Dom& dom, const std::vector<uint8_t>& removed, uint32_t i) {
  const Tag t = dom.node(i).tag;
  if (t != Tag::kDiv && t != Tag::kSection) return false;
  for (uint32_t c = dom.node(i).first_child; c != kNoNode; c = dom.node(c).next_sibling) {
    if (!removed[c] && dom.node(c).is_element() && IsBlockForParagraphs(dom.node(c).tag)) return false;
  }
  return true;
}

bool HasAncestor(const Dom& dom, uint32_t i, Tag tag, uint32_t stop) {
  for (uint32_t a = dom.node(i).parent; a != kNoNode && a != stop; a = dom.node(a).parent)
    if (dom.node(a).tag == tag) return true;
  return false;
}

// Readability's _cleanConditionally: decides whether a table, list or div inside the article is a widget.
bool LooksLikeWidget(const Dom& dom, int weight, const Aggregates& agg, uint32_t i, uint32_t root,
                     const std::vector<uint8_t>& removed) {
  const Tag tag = dom.node(i).tag;
  const Aggregates::Sums& s = agg.sums[i];
  if (tag == Tag::kTable && IsDataTable(dom, i, removed)) return false;
  if (HasAncestor(dom, i, Tag::kCode, root) || HasAncestor(dom, i, Tag::kPre, root)) return false;
  if (weight < 0) return true;
  if (s.commas >= 10) return false;
  const bool is_list = tag == Tag::kUl || tag == Tag::kOl || (s.text > 0 && s.list / s.text > 0.9f);
  const bool in_figure = HasAncestor(dom, i, Tag::kFigure, root);
  const float p = static_cast<float>(s.p), img = static_cast<float>(s.img);
  const float li = static_cast<float>(s.li) - 100;
  const float link_density = agg.LinkDensity(i);
  const float heading_density = s.text > 0 ? s.heading / s.text : 0;
  bool remove = false;
  if (!in_figure && img > 1 && p / img < 0.5f) remove = true;
  if (!is_list && li > p) remove = true;
  if (static_cast<float>(s.input) > std::floor(p / 3)) remove = true;
  if (!is_list && !in_figure && heading_density < 0.9f && s.text < 25 && (img == 0 || img > 2) &&
      link_density > 0) {
    remove = true;
  }
  if (!is_list && weight < 25 && link_density > 0.2f) remove = true;
  if (weight >= 25 && link_density > 0.5f) remove = true;
  if ((s.embed == 1 && s.text < 75) || s.embed > 1) remove = true;
  if (img == 0 && s.text == 0) remove = true;
  if (is_list && remove) {
    // Keep simple lists of images: every item holds at most one element and there is one image per item.
    if (s.img == s.li && s.li > 0) return false;
  }
  return remove;
}

// Removes widgets inside `root`, innermost first, so that an outer block is judged without what was removed inside.
void CleanInside(const Dom& dom, const PageFacts& facts, uint32_t root, bool class_weights, Aggregates* agg,
                 std::vector<uint8_t>* removed) {
  const uint32_t end = SubtreeEnd(dom, root);
  for (uint32_t i = end; i-- > root + 1;) {
    if ((*removed)[i] || !dom.node(i).is_element()) continue;
    const Tag t = dom.node(i).tag;
    bool remove = false;
    if (t == Tag::kTable || t == Tag::kUl || t == Tag::kOl || t == Tag::kDiv || t == Tag::kSection ||
        t == Tag::kAside || t == Tag::kFieldset) {
      remove = LooksLikeWidget(dom, class_weights ? facts.elements[i].class_weight : 0, *agg, i, root, *removed);
    } else if ((t == Tag::kH1 || t == Tag::kH2) && class_weights && facts.elements[i].class_weight < 0) {
      remove = true;  // Readability's _cleanHeaders
    }
    if (remove) {
      agg->RemoveFromAncestors(dom, i, root);
      MarkSubtree(dom, i, removed);
    }
  }
}

}  // namespace

Selection Select(const Dom& dom, const PageFacts& facts, std::vector<uint8_t> removed, Aggregates agg,
                 const Scores& scores, bool class_weights) {
  Selection sel;
  const uint32_t body = dom.body() == kNoNode ? dom.root() : dom.body();

  std::vector<uint32_t> top;
  for (uint32_t c : scores.candidates) {
    if (removed[c]) continue;
    top.push_back(c);
  }
  std::sort(top.begin(), top.end(), [&](uint32_t a, uint32_t b) {
    return scores.score[a] != scores.score[b] ? scores.score[a] > scores.score[b] : a < b;
  });
  if (top.size() > kTopCandidates) top.resize(kTopCandidates);

  uint32_t best = top.empty() ? body : top[0];
  if (best == dom.root() || best == body) best = body;

  if (!top.empty() && best != body) {
    // When several strong candidates share an ancestor, the article is split across them (paragraphs in sibling
    // <div>s): take the nearest ancestor that holds at least three of them.
    const float best_score = scores.score[best];
    std::vector<uint32_t> strong;
    for (size_t k = 1; k < top.size(); ++k)
      if (scores.score[top[k]] / best_score >= 0.75f) strong.push_back(top[k]);
    if (static_cast<int>(strong.size()) >= kMinSharedCandidates) {
      for (uint32_t a = dom.node(best).parent; a != kNoNode && a != body; a = dom.node(a).parent) {
        int shared = 0;
        for (uint32_t s : strong) shared += dom.Contains(a, s);
        if (shared >= kMinSharedCandidates) {
          best = a;
          break;
        }
      }
    }
    // Climb while the parent scores higher than what we have, as long as it does not fall below a third of it:
    // that parent gathers more of the article.
    float last = scores.is_candidate[best] ? scores.score[best] : 0;
    for (uint32_t p = dom.node(best).parent; p != kNoNode && p != body && p != dom.root();
         p = dom.node(p).parent) {
      if (!scores.is_candidate[p]) continue;
      float ps = scores.score[p];
      if (ps < last / 3) break;
      if (ps > last) best = p;
      last = ps;
    }
    // An only child says nothing more than its parent.
    while (best != body) {
      uint32_t p = dom.node(best).parent;
      if (p == kNoNode || p == body || p == dom.root()) break;
      int element_children = 0;
      for (uint32_t c = dom.node(p).first_child; c != kNoNode; c = dom.node(c).next_sibling)
        if (!removed[c] && dom.node(c).is_element()) ++element_children;
      if (element_children != 1) break;
      best = p;
    }
    // Text mass: an ancestor that holds much more prose than the winner, at a low link density, is the article
    // split into sections (service pages, listings, long reads with boxed sections); Readability's per-paragraph
    // scores cannot see that, since every section scores alike.
    const float best_prose = agg.sums[best].text - agg.sums[best].link;
    const float best_ld = agg.LinkDensity(best);
    for (uint32_t a = dom.node(best).parent; a != kNoNode && a != body && a != dom.root(); a = dom.node(a).parent) {
      const float prose = agg.sums[a].text - agg.sums[a].link;
      const float ld = agg.LinkDensity(a);
      if (ld > std::max(kMassMaxLinkDensity, best_ld + 0.1f)) break;
      if (prose >= kMassRatio * best_prose) best = a;
    }
  }
  sel.top = best;

  // Siblings that belong to the article: strong candidates, and plain paragraphs that read like prose.
  if (best == body) {
    sel.roots.push_back(best);
  } else {
    const float best_score = scores.is_candidate[best] ? scores.score[best] : 0;
    const float threshold = std::max(10.0f, best_score * 0.2f);
    const uint32_t parent = dom.node(best).parent;
    std::string_view best_class = dom.attr(best, "class");
    for (uint32_t s = dom.node(parent).first_child; s != kNoNode; s = dom.node(s).next_sibling) {
      if (removed[s]) continue;
      if (s == best) {
        sel.roots.push_back(s);
        continue;
      }
      if (!dom.node(s).is_element()) continue;
      bool append = false;
      float bonus = (!best_class.empty() && dom.attr(s, "class") == best_class) ? best_score * 0.2f : 0;
      if (scores.is_candidate[s] && scores.score[s] + bonus >= threshold) {
        append = true;
      } else if (dom.node(s).tag == Tag::kP || IsInlineOnlyContainer(dom, removed, s)) {
        const float len = agg.sums[s].text;
        const float ld = agg.LinkDensity(s);
        // A long paragraph with few links, or a short complete sentence with none.
        if (len > 80 && ld < 0.25f) append = true;
        else if (len > 0 && len < 80 && ld == 0) {
          // Readability asks for a sentence end; a date or a label has none.
          append = EndsWithSentencePunctuation(InnerText(dom, s));
        }
      }
      if (append) sel.roots.push_back(s);
    }
  }
  for (uint32_t r : sel.roots) CleanInside(dom, facts, r, class_weights, &agg, &removed);
  sel.removed = std::move(removed);
  return sel;
}

}  // namespace cleaner

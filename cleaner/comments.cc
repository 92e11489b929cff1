// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/comments.h"

#include <algorithm>
#include <string>

namespace cleaner {
namespace {

// A comment section has at least this much text (effective length): less is a "3 comments" link or an empty
// mount point for a script.
constexpr float kMinCommentText = 20;

}  // namespace

uint32_t FindCommentSection(const Dom& dom, const PageFacts& facts,
                            const std::vector<uint32_t>& article_roots, const std::vector<uint8_t>& article_removed) {
  // The roots in document order, and the outermost of them: each match is placed among them by a binary search,
  // not compared with every root (matches x roots steps: 200 000 empty "comments" <div>s beside 40 000 roots took
  // 17 s). The roots are disjoint subtrees already; the sort and the sweep assume nothing about it.
  std::vector<uint32_t> roots(article_roots);
  std::sort(roots.begin(), roots.end());
  std::vector<uint32_t> outermost;
  for (uint32_t r : roots)
    if (outermost.empty() || r >= SubtreeEnd(dom, outermost.back())) outermost.push_back(r);
  uint32_t best = kNoNode;
  const auto n = static_cast<uint32_t>(dom.size());
  for (uint32_t i = 0; i < n; ++i) {
    // Named like a comment section (class_id/comments.txt, matched once in ComputePageFacts).
    if (!dom.node(i).is_element() || !facts.elements[i].comments) continue;
    const uint32_t end = SubtreeEnd(dom, i);
    // A match around the article (a page wrapper named "comments-enabled") is not the section: look inside it.
    const auto around = std::lower_bound(roots.begin(), roots.end(), i);
    if (around != roots.end() && *around < end) continue;
    // Inside the article's subtrees, only what the extraction removed from the article is a candidate (a
    // WordPress <main> holds both the <article> and the comments). Of disjoint subtrees in document order, only the
    // last to start at or before `i` can hold it.
    const auto after = std::upper_bound(outermost.begin(), outermost.end(), i);
    const bool in_article = after != outermost.begin() && dom.Contains(*(after - 1), i);
    if ((!in_article || article_removed[i]) && facts.raw_text[i] >= kMinCommentText &&
        (best == kNoNode || facts.raw_text[i] > facts.raw_text[best])) {
      best = i;
    }
    // The outermost match stands for the section: skip what it holds.
    i = end - 1;
  }
  return best;
}

std::vector<Line> ExtractComments(const Dom& dom, const Rules& rules, const PageFacts& facts,
                                  const std::vector<uint32_t>& article_roots,
                                  const std::vector<uint8_t>& article_removed, std::string_view language,
                                  const SerializeOptions& options) {
  const uint32_t root = FindCommentSection(dom, facts, article_roots, article_removed);
  if (root == kNoNode) return {};
  std::vector<uint8_t> removed = Prune(dom, facts, PruneLevel::kMinimal, nullptr);
  const uint32_t end = SubtreeEnd(dom, root);
  for (uint32_t i = root + 1; i < end; ++i) {
    if (removed[i] || !dom.node(i).is_element()) continue;
    const Tag t = dom.node(i).tag;
    if (t == Tag::kForm || t == Tag::kNav) std::fill(removed.begin() + i, removed.begin() + SubtreeEnd(dom, i), 1);
  }
  std::vector<Line> lines = Serialize(dom, removed, {root}, options);
  if (!lines.empty() && (rules.ClassifyLine(lines.front().text, language) & (Rules::kTail | Rules::kBlock))) {
    lines.erase(lines.begin());
  }
  return lines;
}

}  // namespace cleaner

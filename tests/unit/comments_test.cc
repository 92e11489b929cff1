// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Optional stage, comments: which element is the page's comment section, given the article's roots.

#include "cleaner/comments.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/dom.h"
#include "cleaner/prune.h"
#include "cleaner/rules.h"
#include "cleaner/text.h"

namespace cleaner {
namespace {

struct Page {
  Dom dom;
  PageFacts facts;

  uint32_t ById(std::string_view id) const {
    for (uint32_t i = 0; i < dom.size(); ++i)
      if (dom.node(i).is_element() && dom.attr(i, "id") == id) return i;
    ADD_FAILURE() << "no element with id " << id;
    return kNoNode;
  }
};

Page Load(const std::string& html) {
  static const std::shared_ptr<const Rules> rules = std::move(Rules::Embedded()).value();
  static const std::unique_ptr<TextMeasurer> prototype = TextMeasurer::CreatePrototype();
  auto dom = Dom::Parse(html);
  EXPECT_TRUE(dom.ok());
  Page page{std::move(dom).value(), {}};
  std::unique_ptr<TextMeasurer> measurer = prototype->Clone();
  page.facts = ComputePageFacts(page.dom, *rules, measurer.get());
  return page;
}

constexpr std::string_view kComment = "<p>A reader wrote a long comment about the article and its many sources.</p>";

TEST(CommentsTest, TheSectionIsOutsideTheArticleOrRemovedFromIt) {
  const std::string html = "<body><div id=wrap class=comments-enabled><article id=art><p>Text of the article.</p>"
                           "<div id=inner class=comments>" + std::string(kComment) + "</div></article>"
                           "<div id=side class=comments>" + std::string(kComment) + std::string(kComment) +
                           "</div></div></body>";
  Page page = Load(html);
  std::vector<uint8_t> removed(page.dom.size(), 0);
  const std::vector<uint32_t> roots = {page.ById("art")};
  // The wrapper holds the article: looked into. The larger section outside the article wins.
  EXPECT_EQ(FindCommentSection(page.dom, page.facts, roots, removed), page.ById("side"));
  // Inside the article, a section the extraction kept is part of the article, one it removed is a candidate.
  const std::string inside = "<body><article id=art><p>Text of the article.</p><div id=inner class=comments>" +
                             std::string(kComment) + "</div></article></body>";
  Page in = Load(inside);
  std::vector<uint8_t> kept(in.dom.size(), 0);
  EXPECT_EQ(FindCommentSection(in.dom, in.facts, {in.ById("art")}, kept), kNoNode);
  std::vector<uint8_t> cut = kept;
  cut[in.ById("inner")] = 1;
  EXPECT_EQ(FindCommentSection(in.dom, in.facts, {in.ById("art")}, cut), in.ById("inner"));
  // Roots in any order are the same roots.
  Page two = Load("<body><div id=a><p>One part.</p></div><div id=c class=comments>" + std::string(kComment) +
                  "</div><div id=b><p>Another part.</p><div id=d class=comments>" + std::string(kComment) +
                  std::string(kComment) + "</div></div></body>");
  std::vector<uint8_t> none(two.dom.size(), 0);
  EXPECT_EQ(FindCommentSection(two.dom, two.facts, {two.ById("b"), two.ById("a")}, none), two.ById("c"));
}

// Every element named like a comment section is placed among the article's roots by a binary search: 600 000 empty
// matches beside 600 000 roots were 7 * 10^11 steps (minutes; ctest's timeout stops it) when each match was compared
// with every root.
TEST(CommentsTest, ManyMatchesBesideManyRootsAreFast) {
  constexpr int kRoots = 600'000, kMatches = 600'000;
  std::string html = "<body><div id=article>";
  html.reserve(kRoots * 4 + kMatches * 30 + 1000);
  for (int i = 0; i < kRoots; ++i) html += "<br>";
  html += "</div>";
  for (int i = 0; i < kMatches; ++i) html += "<div class=comments></div>";
  html += "<div id=section class=comments>" + std::string(kComment) + "</div></body>";
  Page page = Load(html);
  std::vector<uint32_t> roots;
  const uint32_t article = page.ById("article");
  for (uint32_t c = page.dom.node(article).first_child; c != kNoNode; c = page.dom.node(c).next_sibling)
    roots.push_back(c);
  ASSERT_EQ(roots.size(), static_cast<size_t>(kRoots));
  std::vector<uint8_t> removed(page.dom.size(), 0);
  EXPECT_EQ(FindCommentSection(page.dom, page.facts, roots, removed), page.ById("section"));
}

}  // namespace
}  // namespace cleaner

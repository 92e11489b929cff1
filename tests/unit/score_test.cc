// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 4, score: subtree sums and Readability-style content scores, with expected values computed by hand
// from the formula in score.h: a paragraph of >= 25 characters scores 1 + commas + min(floor(len / 100), 3),
// credited in full to its parent, half to its grandparent and score / (3 x level) further up, five levels in
// all; candidates start from a tag bonus (div +5) plus their class weight (+-25, positive weights scaled by
// text / 700 below 700 characters), and end multiplied by (1 - link density).

#include "cleaner/score.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/dom.h"
#include "cleaner/prescan.h"
#include "cleaner/prune.h"
#include "cleaner/rules.h"
#include "cleaner/text.h"

namespace cleaner {
namespace {

const Rules& TheRules() {
  static const std::shared_ptr<const Rules> rules = std::move(Rules::Embedded()).value();
  return *rules;
}

// `n` characters of ASCII text with `commas` commas: single spaces, no blank at either end.
std::string Letters(size_t n, int commas = 0) {
  std::string s(n, 'a');
  for (size_t i = 7; i + 1 < n; i += 8) s[i] = ' ';
  for (size_t i = 3; commas > 0 && i < n; i += 8, --commas) s[i] = ',';
  return s;
}

struct Scored {
  Dom dom;
  PageFacts facts;
  std::vector<uint8_t> removed;
  Aggregates agg;
  Scores scores;

  uint32_t ById(std::string_view id) const {
    for (uint32_t i = 0; i < dom.size(); ++i)
      if (dom.node(i).is_element() && dom.attr(i, "id") == id) return i;
    ADD_FAILURE() << "no element with id " << id;
    return 0;
  }
  float Score(std::string_view id) const { return scores.score[ById(id)]; }
  bool IsCandidate(std::string_view id) const { return scores.is_candidate[ById(id)] != 0; }
};

Scored ScorePage(const std::string& html, bool class_weights = true, PruneLevel level = PruneLevel::kStrict) {
  static const std::unique_ptr<TextMeasurer> prototype = TextMeasurer::CreatePrototype();
  auto dom = Dom::Parse(Prescan(html, 400).html);
  EXPECT_TRUE(dom.ok());
  Scored s{std::move(dom).value(), {}, {}, {}, {}};
  std::unique_ptr<TextMeasurer> measurer = prototype->Clone();
  s.facts = ComputePageFacts(s.dom, TheRules(), measurer.get());
  s.removed = Prune(s.dom, s.facts, level, nullptr);
  s.agg = SumSubtrees(s.dom, s.facts, s.removed);
  s.scores = ScoreCandidates(s.dom, s.facts, s.removed, s.agg, class_weights);
  return s;
}

TEST(ScoreTest, LettersHelper) {
  EXPECT_EQ(Letters(10, 1), "aaa,aaa aa");
  const std::string s = Letters(150, 2);
  EXPECT_EQ(s.size(), 150u);
  EXPECT_EQ(std::count(s.begin(), s.end(), ','), 2);
}

TEST(ScoreTest, ParagraphCreditsParentFullyAndGrandparentHalf) {
  // 150 characters, 2 commas: 1 + 2 + floor(150 / 100) = 4.
  Scored s =
      ScorePage("<body><div id=outer><div id=inner><p id=p>" + Letters(150, 2) + "</p></div></div></body>");
  EXPECT_FLOAT_EQ(s.Score("inner"), 5 + 4);
  EXPECT_FLOAT_EQ(s.Score("outer"), 5 + 4 / 2.0f);
  EXPECT_FLOAT_EQ(s.scores.score[s.dom.body()], 0 + 4 / 6.0f);  // <body> has no tag bonus
  EXPECT_FALSE(s.IsCandidate("p"));
  EXPECT_EQ(s.scores.is_candidate[s.dom.root()], 0);  // scoring stops below <html>
  std::vector<uint32_t> candidates = s.scores.candidates;
  std::sort(candidates.begin(), candidates.end());
  EXPECT_EQ(candidates, (std::vector<uint32_t>{s.dom.body(), s.ById("outer"), s.ById("inner")}));
}

TEST(ScoreTest, CreditReachesFiveLevels) {
  // 250 characters, no commas: 1 + 0 + 2 = 3, divided by 1, 2, 6, 9, 12 going up.
  Scored s = ScorePage("<body><div id=d0><div id=d1><div id=d2><div id=d3><div id=d4><p>" + Letters(250) +
                 "</p></div></div></div></div></div></body>");
  EXPECT_FLOAT_EQ(s.Score("d4"), 5 + 3.0f);
  EXPECT_FLOAT_EQ(s.Score("d3"), 5 + 3 / 2.0f);
  EXPECT_FLOAT_EQ(s.Score("d2"), 5 + 3 / 6.0f);
  EXPECT_FLOAT_EQ(s.Score("d1"), 5 + 3 / 9.0f);
  EXPECT_FLOAT_EQ(s.Score("d0"), 5 + 3 / 12.0f);
  EXPECT_EQ(s.scores.is_candidate[s.dom.body()], 0);  // a sixth level up
  EXPECT_EQ(s.scores.candidates.size(), 5u);
}

TEST(ScoreTest, LengthPointsStopAtThree) {
  Scored s = ScorePage("<body><div id=d><p>" + Letters(950) + "</p></div></body>");
  EXPECT_FLOAT_EQ(s.Score("d"), 5 + 1 + 3);
}

TEST(ScoreTest, ParagraphsBelow25CharactersDoNotScore) {
  Scored below = ScorePage("<body><div id=d><p>" + Letters(24) + "</p></div></body>");
  EXPECT_TRUE(below.scores.candidates.empty());
  EXPECT_FALSE(below.IsCandidate("d"));
  Scored at = ScorePage("<body><div id=d><p>" + Letters(25) + "</p></div></body>");
  EXPECT_FLOAT_EQ(at.Score("d"), 5 + 1);
}

TEST(ScoreTest, TagBonuses) {
  const std::string p = "<p>" + Letters(150) + "</p>";  // scores 2
  Scored s =
      ScorePage("<body><article id=a>" + p + "</article><section id=s>" + p + "</section><blockquote id=q>" +
                    p + "</blockquote><form id=f>" + p + "</form><span id=n>" + p + "</span></body>",
                true, PruneLevel::kMinimal);
  EXPECT_FLOAT_EQ(s.Score("a"), 5 + 2);
  EXPECT_FLOAT_EQ(s.Score("s"), 5 + 2);
  EXPECT_FLOAT_EQ(s.Score("q"), 3 + 2);
  EXPECT_FLOAT_EQ(s.Score("f"), -3 + 2);
  EXPECT_FLOAT_EQ(s.Score("n"), 0 + 2);
}

TEST(ScoreTest, PositiveClassWeightIsScaledBelow700Characters) {
  Scored small = ScorePage("<body><div id=d class=article><p>" + Letters(150, 2) + "</p></div></body>");
  EXPECT_NEAR(small.Score("d"), 5 + 25 * (150 / 700.0f) + 4, 1e-4);
  Scored large = ScorePage("<body><div id=d class=article><p>" + Letters(800) + "</p></div></body>");
  EXPECT_FLOAT_EQ(large.Score("d"), 5 + 25 + 4);
}

TEST(ScoreTest, NegativeClassWeightIsNotScaled) {
  Scored s = ScorePage("<body><div id=d class=meta><p>" + Letters(150, 2) + "</p></div></body>");
  EXPECT_FLOAT_EQ(s.Score("d"), 5 - 25 + 4);
}

TEST(ScoreTest, ClassWeightsCanBeIgnored) {
  Scored s = ScorePage("<body><div id=d class=article><p>" + Letters(150, 2) + "</p></div></body>", false);
  EXPECT_FLOAT_EQ(s.Score("d"), 5 + 4);
}

TEST(ScoreTest, LinkDensityMultipliesTheScore) {
  // 100 characters of text and a 50-character link: density 1/3; the paragraph scores 1 + 0 + 1 = 2.
  Scored s = ScorePage("<body><div id=outer><div id=inner><p>" + Letters(100) + "<a href=/x>" + Letters(50) +
                 "</a></p></div></div></body>");
  EXPECT_NEAR(s.agg.LinkDensity(s.ById("inner")), 1 / 3.0f, 1e-6);
  EXPECT_NEAR(s.Score("inner"), (5 + 2) * (2 / 3.0f), 1e-5);
  EXPECT_NEAR(s.Score("outer"), (5 + 1) * (2 / 3.0f), 1e-5);
}

TEST(ScoreTest, AnchorWithoutHrefIsNotALink) {
  Scored s =
      ScorePage("<body><div id=d><p>" + Letters(100) + "<a name=x>" + Letters(50) + "</a></p></div></body>");
  EXPECT_FLOAT_EQ(s.agg.LinkDensity(s.ById("d")), 0);
  EXPECT_FLOAT_EQ(s.Score("d"), 5 + 2);
}

TEST(ScoreTest, ScriptContentIsNeverCounted) {
  // A JSON-LD script survives the pre-scan; its text must not add length or commas.
  Scored s = ScorePage("<body><div id=outer><div id=inner><p>" + Letters(150, 2) +
                       "</p><script type=application/ld+json>"
                       "{\"a\": \"" +
                       Letters(500, 20) + "\"}</script></div></div></body>");
  EXPECT_FLOAT_EQ(s.agg.sums[s.ById("inner")].text, 150);
  EXPECT_EQ(s.agg.sums[s.ById("inner")].commas, 2u);
  EXPECT_FLOAT_EQ(s.Score("inner"), 5 + 4);
  EXPECT_FLOAT_EQ(s.Score("outer"), 5 + 2);
}

TEST(ScoreTest, H1IsNotAParagraphButH2Is) {
  Scored h1 = ScorePage("<body><div id=d><h1>" + Letters(50) + "</h1></div></body>");
  EXPECT_TRUE(h1.scores.candidates.empty());
  Scored h2 = ScorePage("<body><div id=d><h2>" + Letters(50) + "</h2></div></body>");
  EXPECT_FLOAT_EQ(h2.Score("d"), 5 + 1);
}

TEST(ScoreTest, DivWithOnlyInlineContentIsAParagraph) {
  Scored s = ScorePage("<body><div id=outer><div id=leaf>" + Letters(100, 1) + " <b>" + Letters(49) +
                 "</b></div></div></body>");
  // 149 characters (the space between the runs is not counted), 1 comma: 1 + 1 + 1 = 3.
  EXPECT_FLOAT_EQ(s.Score("outer"), 5 + 3);
  EXPECT_FALSE(s.IsCandidate("leaf"));
  EXPECT_FLOAT_EQ(s.scores.score[s.dom.body()], 3 / 2.0f);
}

TEST(ScoreTest, TextBesideBlocksIsAParagraphOfItsContainer) {
  // 60 + 60 characters around a <br> score 1 + 0 + 1 = 2 for the container itself; the <p> adds 1 more.
  Scored s = ScorePage("<body><div id=d>" + Letters(60) + "<br>" + Letters(60) + "<p>" + Letters(30) +
                 "</p></div></body>");
  EXPECT_FLOAT_EQ(s.Score("d"), 5 + 2 + 1);
  EXPECT_FLOAT_EQ(s.scores.score[s.dom.body()], (2 + 1) / 2.0f);
}

TEST(ScoreTest, TextBesideBlocksInALayoutCellIsAParagraphOfTheCell) {
  // Old table layouts put the story straight into a <td> beside a heading and a <p>: the text around the <br>
  // (60 + 60 characters, 1 comma) scores 1 + 1 + 1 = 3 for the cell, which the <p> credits with 1 more; the
  // cell is not itself a paragraph of its row.
  Scored s = ScorePage("<body><table><tr id=r><td id=c><h2>Title</h2>" + Letters(60, 1) + "<br>" + Letters(60) +
                       "<p>" + Letters(30) + "</p></td></tr></table></body>");
  EXPECT_FLOAT_EQ(s.Score("c"), 3 + 3 + 1);
  EXPECT_FLOAT_EQ(s.Score("r"), (3 + 1) / 2.0f);
}

TEST(ScoreTest, DoubleBreaksBesideBlocksSeparateParagraphs) {
  // Readability's _replaceBrs: <br><br> (white space between them ignored) ends a paragraph. Three runs of 150
  // characters with a comma each score 1 + 1 + 1 = 3 apiece for the cell, not 3 once for 450 characters as one
  // paragraph (an old layout's story beside a box of links, l3s-gn1). A single <br> does not split, and the <p>
  // credits 1 more.
  Scored s = ScorePage("<body><table><tr id=r><td id=c><div>" + Letters(30) + "</div>" + Letters(150, 1) +
                       "<br> <br>" + Letters(150, 1) + "<br>\n<br><br>" + Letters(80, 1) + "<br>" +
                       Letters(70) + "<p>" + Letters(30) + "</p></td></tr></table></body>");
  EXPECT_FLOAT_EQ(s.Score("c"), 3 + 3 * 3 + 1 + 1);
}

TEST(ScoreTest, ListItemsAndListsDoNotScore) {
  Scored s = ScorePage("<body><div id=d><ul id=u><li>" + Letters(150) + "</li><li>" + Letters(150) +
                 "</li></ul></div></body>");
  EXPECT_TRUE(s.scores.candidates.empty());
}

TEST(ScoreTest, RemovedSubtreesDoNotScore) {
  // The aside holds less than half of the page's text (the list), so it is removed.
  Scored s = ScorePage("<body><div id=d><aside><p>" + Letters(150) + "</p></aside></div><ul><li>" +
                       Letters(300) + "</li></ul></body>");
  EXPECT_EQ(s.removed[s.dom.node(s.ById("d")).first_child], 1);
  EXPECT_TRUE(s.scores.candidates.empty());
}

TEST(ScoreTest, AggregateSums) {
  Scored s = ScorePage("<body><div id=d><p>" + Letters(40, 3) + "</p><ul><li><a href=/x>" + Letters(10) +
                 "</a></li><li>" + Letters(10) + "</li></ul><h2>" + Letters(20) + "</h2><img src=a.png>"
                 "<table><tr><td>" + Letters(5) + "</td></tr></table></div></body>");
  const Aggregates::Sums& d = s.agg.sums[s.ById("d")];
  EXPECT_FLOAT_EQ(d.text, 40 + 10 + 10 + 20 + 5);
  EXPECT_FLOAT_EQ(d.link, 10);
  EXPECT_FLOAT_EQ(d.list, 20);
  EXPECT_FLOAT_EQ(d.heading, 20);
  EXPECT_EQ(d.commas, 3u);
  EXPECT_EQ(d.p, 1u);
  EXPECT_EQ(d.li, 2u);
  EXPECT_EQ(d.img, 1u);
  EXPECT_EQ(d.table, 1u);
}

TEST(ScoreTest, AggregateCountsImplicitParagraphs) {
  // Readability wraps each run of inline content beside blocks in a <p>: "text<br>text" is one run, then <p>.
  Scored beside = ScorePage("<body><div id=d>" + Letters(30) + "<br>" + Letters(30) + "<p>" + Letters(30) +
                            "</p>" + Letters(30) + "</div></body>");
  EXPECT_EQ(beside.agg.sums[beside.ById("d")].p, 3u);
  // A <div> with only inline content is one paragraph.
  Scored inline_only = ScorePage("<body><div id=d>" + Letters(30) + "<br>" + Letters(30) + "</div></body>");
  EXPECT_EQ(inline_only.agg.sums[inline_only.ById("d")].p, 1u);
}

TEST(ScoreTest, RemoveFromAncestorsStopsAtStop) {
  Scored s = ScorePage("<body><div id=outer><div id=mid><div id=inner><p>" + Letters(100) +
                       "</p></div></div></div></body>");
  Aggregates agg = s.agg;
  agg.RemoveFromAncestors(s.dom, s.ById("inner"), s.ById("mid"));
  EXPECT_FLOAT_EQ(agg.sums[s.ById("inner")].text, 100);  // itself unchanged
  EXPECT_FLOAT_EQ(agg.sums[s.ById("mid")].text, 0);
  EXPECT_EQ(agg.sums[s.ById("mid")].p, 0u);
  EXPECT_FLOAT_EQ(agg.sums[s.ById("outer")].text, 100);  // above the stop: untouched
}

TEST(ScoreTest, BlockForParagraphs) {
  for (Tag t : {Tag::kP, Tag::kDiv, Tag::kImg, Tag::kUl, Tag::kTable, Tag::kH2, Tag::kLi, Tag::kTd}) {
    EXPECT_TRUE(IsBlockForParagraphs(t)) << static_cast<int>(t);
  }
  for (Tag t : {Tag::kSpan, Tag::kA, Tag::kBr, Tag::kB, Tag::kOther}) {
    EXPECT_FALSE(IsBlockForParagraphs(t)) << static_cast<int>(t);
  }
}

}  // namespace
}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 5, select: the top candidate, the siblings merged with it, and the widgets cleaned out of it.
// Scores quoted in comments follow score.h: a <p> of n characters with c commas scores
// 1 + c + min(floor(n / 100), 3).

#include "cleaner/select.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/dom.h"
#include "cleaner/prescan.h"
#include "cleaner/prune.h"
#include "cleaner/rules.h"
#include "cleaner/score.h"
#include "cleaner/serialize.h"
#include "cleaner/text.h"

namespace cleaner {
namespace {

const Rules& TheRules() {
  static const std::shared_ptr<const Rules> rules = std::move(Rules::Embedded()).value();
  return *rules;
}

// `n` characters of ASCII text with `commas` commas: single spaces, no blank at either end, no sentence end.
std::string Letters(size_t n, int commas = 0) {
  std::string s(n, 'a');
  for (size_t i = 7; i + 1 < n; i += 8) s[i] = ' ';
  for (size_t i = 3; commas > 0 && i < n; i += 8, --commas) s[i] = ',';
  return s;
}

struct Selected {
  Dom dom;
  PageFacts facts;
  Scores scores;
  Selection sel;

  uint32_t ById(std::string_view id) const {
    for (uint32_t i = 0; i < dom.size(); ++i)
      if (dom.node(i).is_element() && dom.attr(i, "id") == id) return i;
    ADD_FAILURE() << "no element with id " << id;
    return 0;
  }
  std::vector<uint32_t> Ids(std::initializer_list<const char*> ids) const {
    std::vector<uint32_t> out;
    for (const char* id : ids) out.push_back(ById(id));
    return out;
  }
};

Selected SelectOn(const std::string& html, bool class_weights = true) {
  static const std::unique_ptr<TextMeasurer> prototype = TextMeasurer::CreatePrototype();
  auto dom = Dom::Parse(Prescan(html, 400).html);
  EXPECT_TRUE(dom.ok());
  Selected s{std::move(dom).value(), {}, {}, {}};
  std::unique_ptr<TextMeasurer> measurer = prototype->Clone();
  s.facts = ComputePageFacts(s.dom, TheRules(), measurer.get());
  std::vector<uint8_t> removed = Prune(s.dom, s.facts, PruneLevel::kStrict, nullptr);
  Aggregates agg = SumSubtrees(s.dom, s.facts, removed);
  s.scores = ScoreCandidates(s.dom, s.facts, removed, agg, class_weights);
  s.sel = Select(s.dom, s.facts, std::move(removed), std::move(agg), s.scores, class_weights);
  return s;
}

std::string Para(size_t n, int commas = 0) { return "<p>" + Letters(n, commas) + "</p>"; }

// Cleaning inside the article subtracts each removed widget from the sums of the elements around it, paid when the
// walk reaches each of them rather than up the whole path at every removal (hostile pages nest 400 deep). Either
// way the sums must end as if summed afresh without the widgets: checked here on widgets inside widgets, inside
// kept sections, at several depths.
TEST(SelectTest, CleaningInsideLeavesTheSumsOfWhatRemains) {
  auto linked = [](int n) {  // n paragraphs that are each one link
    std::string out;
    for (int i = 0; i < n; ++i) out += "<p><a href=/x" + std::to_string(i) + ">" + Letters(30) + "</a></p>";
    return out;
  };
  // Link-heavy <div>s (widgets), one inside another and one in a table inside one, in kept sections.
  std::string art = "<div id=art>" + Para(300, 3) + "<section id=kept1>" + Para(900, 9) + "<div>" + linked(3) +
                    "<div>" + linked(3) + "</div><table><tr><td><div>" + linked(2) + "</div></td></tr></table></div>" +
                    Para(900, 9) + "</section>" + Para(300, 3) + "<div id=kept2><div><div>" + linked(5) +
                    "</div></div>" + Para(900, 9) + "</div>" + Para(280, 2) + "</div>";
  Selected s = SelectOn("<body>" + art + "</body>");
  ASSERT_EQ(s.sel.roots.size(), 1u);
  const uint32_t root = s.sel.roots[0];
  const Aggregates fresh = SumSubtrees(s.dom, s.facts, s.sel.removed);
  size_t removed_inside = 0, checked = 0;
  for (uint32_t i = root; i < SubtreeEnd(s.dom, root); ++i) {
    if (s.sel.removed[i]) {
      ++removed_inside;
      continue;
    }
    const Aggregates::Sums &got = s.sel.agg.sums[i], &want = fresh.sums[i];
    EXPECT_NEAR(got.text, want.text, 1e-3) << i;
    EXPECT_NEAR(got.link, want.link, 1e-3) << i;
    EXPECT_NEAR(got.list, want.list, 1e-3) << i;
    EXPECT_EQ(got.commas, want.commas) << i;
    EXPECT_EQ(got.li, want.li) << i;
    EXPECT_EQ(got.table, want.table) << i;
    ++checked;
  }
  EXPECT_GT(removed_inside, 20u) << "the link lists were not removed: the test checks nothing";
  EXPECT_FALSE(s.sel.removed[s.ById("kept1")]) << "a section around removed widgets stays";
  EXPECT_FALSE(s.sel.removed[s.ById("kept2")]);
  EXPECT_GT(checked, 10u);
}

TEST(SelectTest, ArticleBeatsALinkListSidebar) {
  std::string side = "<div id=side>";
  for (int i = 0; i < 5; ++i) side += "<p><a href=/s" + std::to_string(i) + ">" + Letters(80) + "</a></p>";
  side += "</div>";
  // side: 5 + 5 x 1, times (1 - 1) = 0; art: 5 + 2 x (1 + 3 + 3) = 19.
  Selected s = SelectOn("<body>" + side + "<div id=art>" + Para(300, 3) + Para(300, 3) + "</div></body>");
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("art")], 19);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("side")], 0);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.roots, s.Ids({"art"}));
}

TEST(SelectTest, SiblingParagraphsThatReadLikeProseAreMerged) {
  // art scores 5 + 2 x 6 = 17; the threshold for candidate siblings is max(10, 17 x 0.2).
  const std::string html =
      "<body><div id=wrap><div id=art>" + Para(300, 2) + Para(300, 2) + "</div>"
      "<p id=sib>" + Letters(89) + ".</p>"                       // > 80 characters, no links
      "<p id=date>May 3, 2024</p>"                              // short, no sentence end
      "<div id=short>Short sentence here.</div>"                // short, a sentence
      "<p id=linky><a href=/x>" + Letters(90) + "</a></p>"      // long, all links
      "<p id=label>Tags</p>"
      // short, and its sentence end is in a pruned widget: judged by what is kept
      "<p id=pruned>May 4, 2024 <span class=share-buttons>Share this.</span></p>"
      "</div></body>";
  Selected s = SelectOn(html);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.roots, s.Ids({"art", "sib", "short"}));
}

TEST(SelectTest, SiblingCandidateWithTheSameClassGetsABonus) {
  // best: 5 + 2 x 7 = 19, threshold 10; the sibling scores 5 + 4 = 9, plus 19 x 0.2 for sharing the class.
  const std::string html = "<body><div id=w><div id=a class=part>" + Para(300, 3) + Para(300, 3) + "</div>"
                           "<div id=b class=part>" + Para(150, 2) + "</div><div id=c>" + Para(150, 2) +
                           "</div></div></body>";
  Selected s = SelectOn(html);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("b")], 9);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("c")], 9);
  EXPECT_EQ(s.sel.top, s.ById("a"));
  EXPECT_EQ(s.sel.roots, s.Ids({"a", "b"}));
}

TEST(SelectTest, SiblingCandidateIsWeighedAsReadabilityWeighsClassAndIdApart) {
  // art: 5 + 3 x 7 = 26, threshold 10. Both siblings score 5 + 2 x 4 = 13: "footer-content" with id "footer"
  // weighs 0 as one name (footer -25, content +25), but -25 + 25 - 25 with class and id apart, as Readability
  // weighs them (scrapinghub: a footer of labels beside the article). The unnamed sibling stays.
  const std::string html = "<body><div id=w><div id=art>" + Para(300, 3) + Para(300, 3) + Para(300, 3) + "</div>"
                           "<div id=plain>" + Para(150, 2) + Para(150, 2) + "</div>"
                           "<div class=footer-content id=footer>" + Para(150, 2) + Para(150, 2) +
                           "</div></div></body>";
  Selected s = SelectOn(html);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("footer")], 13);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.roots, s.Ids({"art", "plain"}));
}

TEST(SelectTest, SiblingHoldingAStrongCandidateDeepInsideIsMerged) {
  // art: 5 + 3 x 7 = 26, threshold 10. The sibling's paragraphs sit six levels down, beyond the five levels that
  // scoring credits: it is no candidate, but the <div> around its paragraphs scores 5 + 2 x 7 = 19 (wcxb 4657: a
  // calculator page's second half in a box of its own). A link list of the same shape stays out.
  const std::string deep = "<div><div><div><div><div id=inner>" + Para(300, 3) + Para(300, 3) +
                           "</div></div></div></div></div>";
  std::string links = "<div><div><div><div><div>";
  for (int i = 0; i < 2; ++i) links += "<p><a href=/x>" + Letters(300, 3) + "</a></p>";
  links += "</div></div></div></div></div>";
  const std::string html = "<body><div id=wrap><div id=art>" + Para(300, 3) + Para(300, 3) + Para(300, 3) +
                           "</div><div id=sib>" + deep + "</div><div id=nav>" + links + "</div></div></body>";
  Selected s = SelectOn(html);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("art")], 26);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("inner")], 19);
  EXPECT_FALSE(s.scores.is_candidate[s.ById("sib")]);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.roots, s.Ids({"art", "sib"}));
}

// A list of `n` items of one kind (<div>s of one first class name): a 30-character title link, and under it a
// 20-character date unless `bare`.
std::string Items(int n, bool bare = false) {
  std::string out = "<div class=items>";
  for (int i = 0; i < n; ++i) {
    out += "<div class=\"item item-" + std::to_string(i) + "\"><h3><a href=/t" + std::to_string(i) + ">" +
           Letters(30) + "</a></h3>" + (bare ? "" : "<p>" + Letters(20) + "</p>") + "</div>";
  }
  return out + "</div>";
}

TEST(SelectTest, AListingAfterAShortIntroductionIsMergedWhole) {
  // A page without an article: its header (a title and a line about the list: 5 + 2 = 7) is the best candidate, and
  // the list after it scores nothing (no paragraph), its items each mostly a link (wcxb 5097: a forum's threads;
  // 5285: events). Six items of one kind, each a title link with a date beside it, are the page's content: the
  // sibling is merged, and kept whole (each item would look like a widget: 60% links).
  const std::string intro = "<div id=intro><h1>" + Letters(20) + "</h1>" + Para(100) + "</div>";
  Selected s = SelectOn("<body><div id=w>" + intro + "<div id=list>" + Items(6) + "</div></div></body>");
  EXPECT_EQ(s.sel.top, s.ById("intro"));
  EXPECT_EQ(s.sel.roots, s.Ids({"intro", "list"}));
  const uint32_t list = s.ById("list");
  for (uint32_t i = list; i < SubtreeEnd(s.dom, list); ++i) EXPECT_FALSE(s.sel.removed[i]) << i;

  // Links alone are a menu, not a listing.
  Selected menu = SelectOn("<body><div id=w>" + intro + "<div id=list>" + Items(6, true) + "</div></div></body>");
  EXPECT_EQ(menu.sel.roots, menu.Ids({"intro"}));
  // Three items are too few to tell a list from a box of links.
  Selected few = SelectOn("<body><div id=w>" + intro + "<div id=list>" + Items(3) + "</div></div></body>");
  EXPECT_EQ(few.sel.roots, few.Ids({"intro"}));
  // After an article (600 characters: no introduction) the same list is other stories' teasers.
  Selected article = SelectOn("<body><div id=w><div id=art>" + Para(300, 3) + Para(300, 3) + "</div><div id=list>" +
                              Items(12) + "</div></div></body>");
  EXPECT_EQ(article.sel.roots, article.Ids({"art"}));
  // Before the introduction it is no list that the introduction opens.
  Selected before = SelectOn("<body><div id=w><div id=list>" + Items(6) + "</div>" + intro + "</div></body>");
  EXPECT_EQ(before.sel.roots, before.Ids({"intro"}));
}

// Many listings after one introduction are each merged whole, and each root is looked up among them by a binary
// search (a scan of all the listings per root made roots x listings steps: 0.4 s of Select for 64 000 listings).
TEST(SelectTest, ManyListingsAfterAnIntroductionAreEachMergedWhole) {
  constexpr int kListings = 5000;
  // Each a list of 4 events: a title link and its date beside it.
  std::string list = "<ul>";
  for (int i = 0; i < 4; ++i) list += "<li><a href=/e>" + Letters(50) + "</a> 12 May</li>";
  list += "</ul>";
  std::string html = "<body><main><div id=intro><h1>Events</h1>" + Para(90) + "</div>";
  for (int i = 0; i < kListings; ++i) html += list;
  Selected s = SelectOn(html + "</main></body>");
  EXPECT_EQ(s.sel.top, s.ById("intro"));
  ASSERT_EQ(s.sel.roots.size(), static_cast<size_t>(kListings) + 1);
  for (size_t k = 1; k < s.sel.roots.size(); ++k) {
    const uint32_t root = s.sel.roots[k];
    ASSERT_EQ(s.dom.node(root).tag, Tag::kUl);
    for (uint32_t j = root; j < SubtreeEnd(s.dom, root); ++j) ASSERT_FALSE(s.sel.removed[j]) << k << " " << j;
  }
}

TEST(SelectTest, ANewsBriefsTeasersAreNoListing) {
  // A short news story (a title and two paragraphs: 250 characters) followed by other stories' teasers is an
  // article, not a listing's introduction: the teasers stay out.
  const std::string brief = "<div id=intro><h1>" + Letters(20) + "</h1>" + Para(120) + Para(110) + "</div>";
  Selected s = SelectOn("<body><div id=w>" + brief + "<div id=list>" + Items(6) + "</div></div></body>");
  EXPECT_EQ(s.sel.roots, s.Ids({"intro"}));
  // After a true introduction, a list hardly longer than it (200 against 120 characters) is not what the page is
  // about.
  const std::string intro = "<div id=intro><h1>" + Letters(20) + "</h1>" + Para(100) + "</div>";
  Selected short_list = SelectOn("<body><div id=w>" + intro + "<div id=list>" + Items(4) + "</div></div></body>");
  EXPECT_EQ(short_list.sel.roots, short_list.Ids({"intro"}));
}

TEST(SelectTest, StrongCandidatesSharingAnAncestorSelectTheAncestor) {
  // Four equal parts (5 + 1 + 2 + 3 = 11 each) under a container whose negative name sinks its own score
  // (5 - 25 + 4 x 3): the three runners-up are within 75% of the best, so their common ancestor is the
  // article.
  std::string parts;
  for (int i = 0; i < 4; ++i) parts += "<div id=p" + std::to_string(i) + ">" + Para(300, 2) + "</div>";
  Selected s = SelectOn("<body><div id=wrap class=meta>" + parts + "</div></body>");
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("p0")], 11);
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("wrap")], -8);
  EXPECT_EQ(s.sel.top, s.ById("wrap"));
  EXPECT_EQ(s.sel.roots, s.Ids({"wrap"}));
}

TEST(SelectTest, AnOnlyChildGivesWayToItsParent) {
  // inner: 5 + 2 x 6 = 17; outer: 5 + 6 = 11 (lower, so no climb), but inner is outer's only element child.
  Selected s = SelectOn("<body><div id=outer><div id=inner>" + Para(300, 2) + Para(300, 2) + "</div></div>"
                   "<ul><li>" + Letters(30) + "</li></ul></body>");
  EXPECT_EQ(s.sel.top, s.ById("outer"));
  EXPECT_EQ(s.sel.roots, s.Ids({"outer"}));
}

TEST(SelectTest, ALinkHeavyLayoutCellFarUpDoesNotTakeOverTheStory) {
  // The story, 3 x (1 + 5 + 3) = 27 in a cell (td: 3 + 27 = 30), sits in an inner table inside an outer cell
  // that also holds four headline links (4 x 2). Going up, the row (13.5), the tbody (4.5) and the table (3)
  // each fall to no less than a third of the last, and the outer cell scores (3 + 27 / 12 + 8) x (1 - 400 / 1300)
  // = 9.17: higher than the table before it, but with 31% of its text in links against the story's none, and not
  // 5 times its text (ClimbsTo). The story's table stays the article (the cell and row are only children).
  std::string links;
  for (int i = 0; i < 4; ++i) links += "<p><a href=/s" + std::to_string(i) + ">" + Letters(100) + "</a></p>";
  const std::string story = Para(300, 5) + Para(300, 5) + Para(300, 5);
  Selected s = SelectOn("<body><table><tr><td id=c0>" + links + "<table id=t1><tr><td id=c1>" + story +
                        "</td></tr></table></td></tr></table></body>");
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("c1")], 30);
  EXPECT_NEAR(s.scores.score[s.ById("c0")], (3 + 27 / 12.0f + 8) * (1 - 400 / 1300.0f), 1e-4);
  EXPECT_EQ(s.sel.top, s.ById("t1"));
  // The same cell with its four paragraphs as plain text (13.25, none of it links) is the article.
  std::string prose;
  for (int i = 0; i < 4; ++i) prose += Para(100);
  Selected plain = SelectOn("<body><table id=t0><tr><td id=c0>" + prose + "<table id=t1><tr><td id=c1>" +
                            story + "</td></tr></table></td></tr></table></body>");
  EXPECT_EQ(plain.sel.top, plain.ById("t0"));  // the cell is its row's only child, the row its table's
}

// A paragraph of other stories' headlines: 80 characters of link and 70 of text with 2 commas (scores 1 + 2 + 1).
std::string LinkPara() { return "<p><a href=/other>" + Letters(80) + "</a> " + Letters(70, 2) + "</p>"; }

TEST(SelectTest, TheClimbPassesALowWrapperButNotToALinkHeavyAncestor) {
  // a: 5 + 3 x 7 = 26; m: 5 + 21 / 2; w: 5 + 21 / 6 = 8.5, a dip. o gathers the dip's paragraphs (21 / 9) and four
  // headline paragraphs of its own (4 x 4) at a link density of about 0.2, so it outscores the dip: it is the post
  // plus a sidebar, and the climb does not take it (dragnet R267). a is w's only descendant line, so w is the top.
  std::string side;
  for (int i = 0; i < 4; ++i) side += LinkPara();
  Selected s = SelectOn("<body><div id=o><div id=w><div id=m><div id=a>" + Para(300, 3) + Para(300, 3) +
                        Para(300, 3) + "</div></div></div>" + side + "</div></body>");
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("w")], 8.5f);
  EXPECT_GT(s.scores.score[s.ById("o")], 8.5f);
  EXPECT_LT(s.scores.score[s.ById("o")], s.scores.score[s.ById("a")]);
  EXPECT_EQ(s.sel.top, s.ById("w"));
  EXPECT_EQ(s.sel.roots, s.Ids({"w"}));
}

TEST(SelectTest, TheClimbTakesAMuchLargerAncestorWhateverItsLinks) {
  // a: 5 + 7 = 12, a single paragraph; w: 5 + 7 / 6, a dip. o holds 12 headline paragraphs, each two levels down
  // (4 / 6 each), at a link density near 0.45, and 7 times a's text: a is one part of it, and o is taken.
  std::string rest;
  for (int i = 0; i < 12; ++i) rest += "<div><div>" + LinkPara() + "</div></div>";
  Selected s = SelectOn("<body><div id=o><div id=w><div id=m><div id=a>" + Para(300, 3) +
                        "</div></div></div>" + rest + "</div></body>");
  EXPECT_LT(s.scores.score[s.ById("o")], s.scores.score[s.ById("a")]);
  EXPECT_GT(s.scores.score[s.ById("o")], s.scores.score[s.ById("w")]);
  EXPECT_EQ(s.sel.top, s.ById("o"));
}

TEST(SelectTest, TheClimbLeavesADataTableForTheArticleAroundIt) {
  // Seven rows of one 120-character cell (1 + 2 + 1 = 4 each) make the table's row group the top candidate
  // (7 x 4 / 2 = 14); the table scores 8 x 4 / 6 with its header row, a dip. The <div> around it holds the table and
  // three paragraphs with links (link density about 0.2): it is the article, the table one block of it (readability
  // wikipedia-4, a filmography).
  std::string rows;
  for (int i = 0; i < 7; ++i) rows += "<tr><td>" + Letters(120, 2) + "</td></tr>";
  std::string links;
  for (int i = 0; i < 3; ++i) links += "<p><a href=/x>" + Letters(80) + "</a> " + Letters(19) + "</p>";
  Selected s = SelectOn("<body><div id=art>" + links + "<table id=t><thead><tr><th>" + Letters(10) + "</th><td>" +
                        Letters(120, 2) + "</td></tr></thead><tbody id=rows>" + rows + "</tbody></table></div></body>");
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("rows")], 14);
  EXPECT_GT(s.scores.score[s.ById("art")], s.scores.score[s.ById("t")]);
  EXPECT_EQ(s.sel.top, s.ById("art"));
}

TEST(SelectTest, TheClimbPassesTheTableAroundARowGroup) {
  // Cells credit their row, the row group (1/2) and the table (1/6): a table scores a third of its row group, or
  // just under it, and that says nothing about the page, since the table holds nothing else (cleaneval final-430: a
  // list of recalled products, whose table ended the climb before the notice around it).
  std::string rows;
  for (int i = 0; i < 7; ++i) rows += "<tr><td>" + Letters(300, 3) + "</td></tr>";
  Selected s = SelectOn("<body><div id=c>" + Para(300, 3) + "<div id=w><table id=t><tbody id=b>" + rows +
                        "</tbody></table></div></div></body>");
  EXPECT_LT(s.scores.score[s.ById("t")], s.scores.score[s.ById("b")] / 3);
  EXPECT_GT(s.scores.score[s.ById("w")], s.scores.score[s.ById("b")] / 3);
  EXPECT_LT(s.scores.score[s.ById("c")], s.scores.score[s.ById("b")]);
  EXPECT_EQ(s.sel.top, s.ById("c"));
}

TEST(SelectTest, TextMassCanReachTheBody) {
  // The post (a: 5 + 3 x 7 = 26, 900 characters of prose) is one of two top-level boxes of an old layout; the other
  // holds 100 short lines of prose (2000 characters), each too short to score, so it is no candidate and no sibling
  // to merge. The body holds more than three times a's prose at no links: the whole page is the article (cleaneval
  // final-599: testimonials in a second layout table, final-225).
  std::string lines;
  for (int i = 0; i < 100; ++i) lines += "<p>" + Letters(20) + "</p>";
  Selected s = SelectOn("<body><div id=w1><div id=a>" + Para(300, 3) + Para(300, 3) + Para(300, 3) +
                        "</div></div><div id=w2>" + lines + "</div></body>");
  EXPECT_FLOAT_EQ(s.scores.score[s.ById("a")], 26);
  EXPECT_FALSE(s.scores.is_candidate[s.ById("w2")]);
  EXPECT_EQ(s.sel.top, s.dom.body());
  EXPECT_EQ(s.sel.roots, std::vector<uint32_t>{s.dom.body()});
}

TEST(SelectTest, NoCandidateSelectsTheBody) {
  Selected s = SelectOn("<body><div>Short</div><ul><li>" + Letters(100) + "</li></ul></body>");
  EXPECT_TRUE(s.scores.candidates.empty());
  EXPECT_EQ(s.sel.top, s.dom.body());
  EXPECT_EQ(s.sel.roots, std::vector<uint32_t>{s.dom.body()});
}

TEST(SelectTest, LinkHeavyBlockInsideTheArticleIsCleanedOut) {
  const std::string html =
      "<body><div id=art>" + Para(300) + "<div id=rel><a href=/1>" + Letters(30) + "</a> <a href=/2>" +
      Letters(30) + "</a></div>" + Para(300) +
      "<table id=data><tr><th>Year</th><th>Value</th></tr><tr><td><a href=/y>2024</a></td>"
      "<td>1</td></tr></table>"
      "<h2 id=h class=meta>Posted in news</h2><h2 id=k>A real subheading</h2></div></body>";
  Selected s = SelectOn(html);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("rel")], 1);
  EXPECT_EQ(s.sel.removed[s.dom.node(s.ById("rel")).first_child], 1);  // with its subtree
  EXPECT_EQ(s.sel.removed[s.ById("data")], 0);                          // a data table (it has <th>) stays
  EXPECT_EQ(s.sel.removed[s.ById("h")], 1);                             // a heading with a negative name
  EXPECT_EQ(s.sel.removed[s.ById("k")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("art")], 0);
}

TEST(SelectTest, AParagraphInABoxOfItsOwnIsNoWidget) {
  // One <div> per paragraph: a sentence whose source is a link (0.27 of links, more than the 0.2 that the widget test
  // allows a block) stays, through any number of single-child wrappers. A box that is mostly a link, a box with a
  // negative name, and a box of two paragraphs are judged as blocks.
  const std::string html = "<body><div id=art>" + Para(300) + "<div id=box><div id=inner><p>" + Letters(72) + " " +
                           "<a href=/src>" + Letters(27) + "</a>.</p></div></div>" + Para(300) +
                           "<div id=linky><p><a href=/x>" + Letters(60) + "</a> " + Letters(30) + "</p></div>" +
                           "<div id=side class=sidebar><p>" + Letters(72) + " <a href=/src>" + Letters(27) +
                           "</a>.</p></div>" + "<div id=two><p>" + Letters(72) + " <a href=/src>" + Letters(27) +
                           "</a>.</p><p>" + Letters(72) + " <a href=/src>" + Letters(27) + "</a>.</p></div>" +
                           Para(300) + "</div></body>";
  Selected s = SelectOn(html);
  ASSERT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("box")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("inner")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("linky")], 1);
  EXPECT_EQ(s.sel.removed[s.ById("side")], 1);
  EXPECT_EQ(s.sel.removed[s.ById("two")], 1);
}

TEST(SelectTest, AShortBoxedLineIsStillAWidget) {
  // The boxed paragraph must be prose: a box of a short linked line ("Read more: here", "Sign up for our daily
  // newsletter today") is judged as a block, and goes.
  const std::string html = "<body><div id=art>" + Para(300) + "<div id=more><p>Read more: <a href=/r>here</a></p></div>" +
                           Para(300) + "<div id=signup><p>Sign up for our daily newsletter <a href=/nl>today</a></p>"
                           "</div>" + Para(300) + "</div></body>";
  Selected s = SelectOn(html);
  ASSERT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("more")], 1);
  EXPECT_EQ(s.sel.removed[s.ById("signup")], 1);
}

TEST(SelectTest, AHeadlineListLaidOutAsATableIsCleanedOut) {
  // Twelve rows make a data table by Readability's count, but one whose text is all links is other stories'
  // headlines; twelve rows of plain text (or with 15% links, under the limit of 20%) are data and stay, and so is a table
  // with header cells, whatever its links.
  std::string links = "<table id=links>", plain = "<table id=plain>", mixed = "<table id=mixed>",
              headed = "<table id=headed><tr><th>Story</th></tr>";
  for (int i = 0; i < 12; ++i) {
    links += "<tr><td><a href=/s" + std::to_string(i) + ">" + Letters(40) + "</a></td></tr>";
    plain += "<tr><td>" + Letters(40) + "</td></tr>";
    mixed += "<tr><td><a href=/m" + std::to_string(i) + ">" + Letters(6) + "</a></td><td>" + Letters(34) +
             "</td></tr>";
    headed += "<tr><td><a href=/h" + std::to_string(i) + ">" + Letters(40) + "</a></td></tr>";
  }
  links += "</table>";
  headed += "</table>";
  plain += "</table>";
  mixed += "</table>";
  Selected s = SelectOn("<body><div id=art>" + Para(300, 3) + Para(300, 3) + plain + mixed + links + headed +
                        Para(300, 3) + "</div></body>");
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("links")], 1);
  EXPECT_EQ(s.sel.removed[s.ById("plain")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("mixed")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("headed")], 0);
}

TEST(SelectTest, ImageGalleryInsideTheArticleIsCleanedOut) {
  const std::string html = "<body><div id=art>" + Para(300) + "<div id=gallery><img src=1.jpg><img src=2.jpg>"
                           "<img src=3.jpg></div>" + Para(300) + "</div></body>";
  Selected s = SelectOn(html);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("gallery")], 1);
}

TEST(SelectTest, ABoxOfTextWithSeveralImagesIsNoGallery) {
  // Three images and one run of text beside them (one implicit paragraph: fewer than half a paragraph per image):
  // with short captions it is a gallery; with 700 characters of text, over 200 per image, it is a post laid out
  // around its pictures (cleaneval dev-27: news items as tables of text and icons, without <p>s).
  const std::string imgs = "<img src=1.jpg><img src=2.jpg><img src=3.jpg>";
  const std::string html = "<body><div id=art>" + Para(300, 3) + Para(300, 3) + "<div id=k1>" + imgs +
                           Letters(700) + "</div><div id=k2>" + imgs + Letters(90) + "</div>" + Para(300, 3) +
                           "</div></body>";
  Selected s = SelectOn(html);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("k1")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("k2")], 1);
}

TEST(SelectTest, ABlockNamedLikeACaptionWithAStoryInItIsNoWidget) {
  // "caption" weighs negative, and a negative name makes a block inside the article a widget; but 1200 characters of
  // paragraphs are no caption (a wrapper named after the image it opens with). A caption of 500 characters (which
  // the prune stage leaves, being over 300) still goes.
  const std::string html = "<body><div id=art>" + Para(300, 3) + Para(300, 3) +
                           "<div id=big class=image-caption><img src=1.jpg>" + Para(400, 2) + Para(400, 2) +
                           Para(400, 2) + "</div><div id=small class=caption>" + Para(500) + "</div>" +
                           Para(300, 3) + "</div></body>";
  Selected s = SelectOn(html);
  EXPECT_EQ(s.sel.top, s.ById("art"));
  EXPECT_EQ(s.sel.removed[s.ById("big")], 0);
  EXPECT_EQ(s.sel.removed[s.ById("small")], 1);
}

TEST(SelectTest, RemovedMaskKeepsThePruneResult) {
  Selected s = SelectOn("<body><nav id=n>Home</nav><div id=art>" + Para(300) + Para(300) + "</div></body>");
  EXPECT_EQ(s.sel.removed[s.ById("n")], 1);
  EXPECT_EQ(s.sel.removed[s.dom.head()], 1);
  EXPECT_EQ(s.sel.removed.size(), s.dom.size());
}

// RemoveLabelledBlocks: the line rules applied to whole elements. `art` is the article (two long paragraphs
// before the markup under test and one after, so that nothing is in the last part of the text unless said).
struct Labelled {
  Selected s;
  size_t removed_count;
  std::vector<std::string> lines;
  bool Removed(std::string_view id) const { return s.sel.removed[s.ById(id)] != 0; }
};

Labelled LabelsOn(const std::string& inner, std::string_view language = "en", const std::string& after = Para(600)) {
  Labelled l{SelectOn("<body><div id=art>" + Para(600, 2) + Para(600, 2) + inner + after + "</div></body>"), 0, {}};
  EXPECT_EQ(l.s.sel.top, l.s.ById("art"));
  l.removed_count = RemoveLabelledBlocks(l.s.dom, l.s.facts, TheRules(), language, &l.s.sel);
  for (const Line& line : Serialize(l.s.dom, l.s.sel.removed, l.s.sel.roots)) l.lines.push_back(line.text);
  return l;
}

std::string Links(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "<li><a href=/s" + std::to_string(i) + ">Another story headline " + std::to_string(i) + "</a></li>";
  return s;
}

TEST(LabelTest, LabelGoesWithTheLinkListAfterIt) {
  Labelled l = LabelsOn("<h3 id=h>Read more:</h3><ul id=u>" + Links(3) + "</ul><p id=p>Prose after it.</p>");
  EXPECT_TRUE(l.Removed("h"));
  EXPECT_TRUE(l.Removed("u"));
  EXPECT_FALSE(l.Removed("p"));
  EXPECT_EQ(l.removed_count, 2u);
}

TEST(LabelTest, InlineLabelOpeningALineOfLinksTakesTheLine) {
  // "Related: <headline>" is one line, which no line rule matches as a whole; the element shows the label.
  Labelled l = LabelsOn("<p id=p><strong>Related:</strong> <a href=/x>Snapshots of our universe through time</a></p>");
  EXPECT_TRUE(l.Removed("p"));
}

TEST(LabelTest, LabelFollowedByProseIsASectionHeading) {
  Labelled l = LabelsOn("<h2 id=h>Related</h2><p id=p>" + Letters(200) + ".</p>");
  EXPECT_FALSE(l.Removed("h"));
  EXPECT_EQ(l.removed_count, 0u);
}

TEST(LabelTest, LabelWhoseWidgetWasRemovedGoesAlone) {
  // The list under the label was pruned (an "outbrain" widget): the label has nothing left to introduce.
  Labelled l = LabelsOn("<h3 id=h>You may also like</h3><div class=outbrain>" + Links(3) + "</div><p id=p>" +
                        Letters(200) + ".</p>");
  EXPECT_TRUE(l.Removed("h"));
  EXPECT_FALSE(l.Removed("p"));
}

TEST(LabelTest, TailLabelInTheLastPartIsLeftToTheFilter) {
  // "Comments" with most of the text before it starts the comment section: the filter cuts the text there, and
  // needs the label to see where.
  Labelled l = LabelsOn("<h3 id=h>Comments</h3><form><label>Your name</label><input></form><p>" + Letters(100) + ".</p>", "en", "");
  EXPECT_FALSE(l.Removed("h"));
  // Earlier in the text it is a label like any other.
  Labelled early = LabelsOn("<h3 id=h>Comments</h3><form><label>Your name</label><input></form><p>" + Letters(100) + ".</p>", "en",
                            Para(600) + Para(600) + Para(600));
  EXPECT_TRUE(early.Removed("h"));
}

TEST(LabelTest, ElementWhoseLinesTogetherMatchALineRuleGoes) {
  // "Photo:" and the credit on two lines: the filter sees "Photo:" alone, the element the whole credit.
  Labelled l = LabelsOn("<dl id=d><dt>Photo:</dt><dd>Personal archive of Jane Doe</dd></dl>");
  EXPECT_TRUE(l.Removed("d"));
  // One line that a line rule matches is left to the filter, which sees the same line.
  Labelled one = LabelsOn("<p id=p>Advertisement</p>");
  EXPECT_FALSE(one.Removed("p"));
}

TEST(LabelTest, InlineElementWithTextBesideItIsAWordNotALabel) {
  // The "[" of a Wikipedia heading matches the rule for lines without letters, but it is not a line.
  Labelled l = LabelsOn("<h2>History<span><span id=b>[</span><a href=/e>edit</a><span>]</span></span></h2><p>" +
                        Letters(200) + ".</p>");
  EXPECT_FALSE(l.Removed("b"));
  EXPECT_EQ(l.removed_count, 0u);
  // A label-like word that opens an inline element in the middle of a sentence.
  Labelled mid = LabelsOn("<p>See the <span><b id=b>Related</b> <a href=/x>" + Letters(40) + "</a></span> list.</p>");
  EXPECT_EQ(mid.removed_count, 0u);
}

TEST(LabelTest, AnEditLinkIsNotAListOfHeadlines) {
  Labelled l = LabelsOn("<h2 id=h><span>See also</span><span>[<a href=/e>edit</a>]</span></h2><p>" + Letters(200) +
                        ".</p>");
  EXPECT_FALSE(l.Removed("h"));
}

TEST(LabelTest, LanguageChoosesTheRules) {
  const std::string inner =
      "<p id=p><b>\u092F\u0939 \u092D\u0940 \u092A\u0922\u093C\u0947\u0902:</b> <a href=/x>" + Letters(40) +
      "</a></p>";  // "यह भी पढ़ें:" (read also) and another story's headline
  EXPECT_TRUE(LabelsOn(inner, "hi").Removed("p"));
  EXPECT_FALSE(LabelsOn(inner, "de").Removed("p"));
}

TEST(LabelTest, NothingInTables) {
  // A row is one line of output: a cell that reads like a label is a value in a table.
  Labelled l = LabelsOn("<table id=t><tr><th>Kind</th><th>Where</th></tr><tr><td>Related</td><td><a href=/x>" +
                        Letters(40) + "</a></td></tr></table>");
  EXPECT_FALSE(l.Removed("t"));
  EXPECT_EQ(l.removed_count, 0u);
}


// The article's paragraphs as the roots after CutAtCommentsAnchor: 1 where a node is still there.
struct Cut {
  Selected s;
  size_t count;
  bool Kept(std::string_view id) const { return !s.sel.removed[s.ById(id)]; }
};

Cut CutOn(const std::string& html) {
  Cut c{SelectOn(html), 0};
  c.count = CutAtCommentsAnchor(c.s.dom, c.s.facts, &c.s.sel);
  return c;
}

TEST(CommentsAnchorTest, ReaderCommentsAfterTheAnchorGo) {
  // An old blog template prints the comments in the post's own container, after the target of its "12 comments"
  // link (dragnet R535, l3s-gn1: TypePad and Movable Type). The comments are a third of the text: the label's
  // position would not make them a tail (Rules::kTailStart), the anchor does.
  const std::string post = "<p id=a1>" + Letters(300, 3) + ".</p><p id=a2>" + Letters(300, 3) + ".</p>";
  std::string comments;
  for (int i = 0; i < 3; ++i) {
    comments += "<a id=c" + std::to_string(i) + "></a><p id=k" + std::to_string(i) + ">" + Letters(100, 1) +
                ".</p><p class=posted>Posted by: <a href=/u>someone</a> | Mar 20, 2007</p>";
  }
  Cut c = CutOn("<body><div id=post>" + post + "<h2 id=h><a id=comments></a>Comments</h2>" + comments +
                "</div></body>");
  ASSERT_EQ(c.s.sel.roots, c.s.Ids({"post"}));
  EXPECT_TRUE(c.Kept("a1"));
  EXPECT_TRUE(c.Kept("a2"));
  // The anchor is inside the heading: the element stays, and its text, which comes after the anchor, goes with the
  // comments ("Comments" is their label).
  EXPECT_TRUE(c.Kept("h"));
  EXPECT_EQ(c.s.sel.agg.sums[c.s.ById("h")].text, 0);
  EXPECT_FALSE(c.Kept("k0"));
  EXPECT_FALSE(c.Kept("k2"));
  EXPECT_GT(c.count, 0u);
  // The sums follow: the root's text is the post's and the heading's.
  EXPECT_NEAR(c.s.sel.agg.sums[c.s.ById("post")].text,
              c.s.sel.agg.sums[c.s.ById("a1")].text + c.s.sel.agg.sums[c.s.ById("a2")].text +
                  c.s.sel.agg.sums[c.s.ById("h")].text, 1e-3);
  // <a name="comments"> marks the place as well.
  Cut named = CutOn("<body><div id=post>" + post + "<a name=Comments></a>" + comments + "</div></body>");
  EXPECT_FALSE(named.Kept("k0"));
  EXPECT_TRUE(named.Kept("a2"));
}

TEST(CommentsAnchorTest, AnAnchorAtTheTopOrBeforeEachPostCutsNothingOfThePosts) {
  const std::string para = "<p>" + Letters(300, 3) + ".</p>";
  // At the top, beside the headline: the post follows it.
  Cut top = CutOn("<body><div id=post><a name=comments></a><p id=a1>" + Letters(300, 3) + ".</p>" + para + para +
                  "</div></body>");
  EXPECT_EQ(top.count, 0u);
  EXPECT_TRUE(top.Kept("a1"));
  // A blog's front page has one after each post: only the last ends the article (cleaneval final-179).
  Cut front = CutOn("<body><div id=posts><div>" + para + para + "</div><a name=comments></a><div id=p2>" + para +
                    para + "</div><a name=comments></a><p id=last>" + Letters(40) + ".</p></div></body>");
  EXPECT_TRUE(front.Kept("p2"));
  EXPECT_FALSE(front.Kept("last"));
  // An anchor with text is a link, not the place's mark.
  Cut link = CutOn("<body><div id=post>" + para + para + "<a name=comments>Comments</a><p id=k>" + Letters(100) +
                   ".</p></div></body>");
  EXPECT_EQ(link.count, 0u);
}

}  // namespace
}  // namespace cleaner

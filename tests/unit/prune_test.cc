// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 3, prune: which subtrees are removed at each level, on pages small enough that the answer is
// unambiguous. Pages go through the pre-scan and the parser as in the pipeline.

#include "cleaner/prune.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/dom.h"
#include "cleaner/prescan.h"
#include "cleaner/rules.h"
#include "cleaner/text.h"

namespace cleaner {
namespace {

const Rules& TheRules() {
  static const std::shared_ptr<const Rules> rules = std::move(Rules::Embedded()).value();
  return *rules;
}

// `n` characters of ASCII prose-like text: no commas, single spaces, no blank at either end.
std::string Letters(size_t n) {
  std::string s(n, 'a');
  for (size_t i = 7; i + 1 < n; i += 8) s[i] = ' ';
  return s;
}

struct Page {
  Dom dom;
  PageFacts facts;

  uint32_t ById(std::string_view id) const {
    for (uint32_t i = 0; i < dom.size(); ++i)
      if (dom.node(i).is_element() && dom.attr(i, "id") == id) return i;
    ADD_FAILURE() << "no element with id " << id;
    return 0;
  }
};

Page Load(const std::string& html) {
  static const std::unique_ptr<TextMeasurer> prototype = TextMeasurer::CreatePrototype();
  auto dom = Dom::Parse(Prescan(html, 400).html);
  EXPECT_TRUE(dom.ok());
  Page page{std::move(dom).value(), {}};
  std::unique_ptr<TextMeasurer> measurer = prototype->Clone();
  page.facts = ComputePageFacts(page.dom, TheRules(), measurer.get());
  return page;
}

struct Pruned {
  std::vector<uint8_t> removed;
  size_t count = 0;
};

Pruned PruneAt(const Page& page, PruneLevel level) {
  Pruned p;
  p.removed = Prune(page.dom, page.facts, level, &p.count);
  return p;
}

const std::string kArticle = "<div id=story><p>" + Letters(300) + "</p><p>" + Letters(300) + "</p></div>";

TEST(PruneTest, ChromeTagsAreRemovedWithTheirSubtrees) {
  Page page = Load(
      "<html><head><title>T</title></head><body><nav id=n><a href=/>Home</a> <a href=/a>About</a>"
      "</nav>" +
      kArticle +
      "<aside id=s>Sidebar stuff</aside><header id=h>Site name</header>"
      "<footer id=f>Copyright 2026</footer></body></html>");
  Pruned p = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(p.removed[page.ById("n")], 1);
  EXPECT_EQ(p.removed[page.ById("s")], 1);
  EXPECT_EQ(p.removed[page.ById("h")], 1);
  EXPECT_EQ(p.removed[page.ById("f")], 1);
  EXPECT_EQ(p.removed[page.dom.node(page.ById("n")).first_child], 1);  // the subtree goes too
  EXPECT_EQ(p.removed[page.ById("story")], 0);
  EXPECT_EQ(p.removed[page.dom.body()], 0);
  EXPECT_EQ(p.removed[page.dom.root()], 0);
  EXPECT_EQ(p.removed[page.dom.head()], 1);
  // Subtree roots only: <head> (never content), nav, aside, header, footer.
  EXPECT_EQ(p.count, 5u);
}

TEST(PruneTest, MinimalLevelKeepsChromeButNotHead) {
  Page page = Load("<body><nav id=n>Home</nav>" + kArticle + "<aside id=s>Sidebar</aside></body>");
  Pruned p = PruneAt(page, PruneLevel::kMinimal);
  EXPECT_EQ(p.removed[page.ById("n")], 0);
  EXPECT_EQ(p.removed[page.ById("s")], 0);
  EXPECT_EQ(p.removed[page.dom.head()], 1);
  EXPECT_EQ(p.count, 1u);
}

TEST(PruneTest, ChromeRolesAreRemoved) {
  Page page = Load("<body><div role=navigation id=r1>Home</div><div role=Complementary id=r2>Side</div>"
                   "<div role=note id=r3>A note</div>" + kArticle + "</body>");
  Pruned p = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(p.removed[page.ById("r1")], 1);
  EXPECT_EQ(p.removed[page.ById("r2")], 1);
  EXPECT_EQ(p.removed[page.ById("r3")], 0);
}

TEST(PruneTest, ChromeHoldingMostOfThePageTextStays) {
  Page page = Load("<body><aside id=s><p>" + Letters(600) + "</p></aside><div id=x>Short menu</div></body>");
  EXPECT_EQ(PruneAt(page, PruneLevel::kStrict).removed[page.ById("s")], 0);
}

TEST(PruneTest, NeverContentTagsAreRemovedAtEveryLevel) {
  Page page = Load("<body>" + kArticle + "<script id=sc>var a;</script><style id=st>p{}</style>"
                   "<noscript id=ns>Enable JavaScript</noscript><template id=tp><p>t</p></template>"
                   "<select id=se><option>One</option></select><button id=bt>Buy</button></body>");
  for (PruneLevel level : {PruneLevel::kStrict, PruneLevel::kKeepUnlikely, PruneLevel::kMinimal}) {
    SCOPED_TRACE(static_cast<int>(level));
    Pruned p = PruneAt(page, level);
    for (const char* id : {"sc", "st", "ns", "tp", "se", "bt"}) EXPECT_EQ(p.removed[page.ById(id)], 1) << id;
    EXPECT_EQ(p.removed[page.ById("story")], 0);
  }
}

TEST(PruneTest, HiddenElementsAreRemoved) {
  Page page =
      Load("<body>" + kArticle +
           "<div hidden id=h1>Log in</div><div style='display: none' id=h2>x</div>"
           "<div style='color:red; Visibility : Hidden' id=h3>y</div><div aria-hidden=true id=h4>z</div>"
           "<div aria-hidden=false id=v1>visible</div><div style='display:block' id=v2>w</div></body>");
  for (PruneLevel level : {PruneLevel::kStrict, PruneLevel::kMinimal}) {
    Pruned p = PruneAt(page, level);
    for (const char* id : {"h1", "h2", "h3", "h4"}) EXPECT_EQ(p.removed[page.ById(id)], 1) << id;
    for (const char* id : {"v1", "v2"}) EXPECT_EQ(p.removed[page.ById(id)], 0) << id;
  }
}

TEST(PruneTest, HiddenElementHoldingMostOfTheTextStays) {
  // Streaming server rendering: the article arrives in <div hidden> and a script moves it into place.
  Page page = Load("<body><div id=m>Menu</div><div hidden id=s><p>" + Letters(400) + "</p></div>"
                   "<div hidden id=l>Hidden login form</div></body>");
  for (PruneLevel level : {PruneLevel::kStrict, PruneLevel::kMinimal}) {
    Pruned p = PruneAt(page, level);
    EXPECT_EQ(p.removed[page.ById("s")], 0);
    EXPECT_EQ(p.removed[page.ById("l")], 1);
  }
}

TEST(PruneTest, HiddenElementHoldingASmallArticleGoes) {
  // A hidden teaser or pop-up marked up as an <article>, beside the page's real article.
  Page page = Load("<body>" + kArticle + "<aside hidden id=t><article><p>A hidden promotional teaser</p></article>"
                   "</aside><div style='display:none' id=d><article><p>Another</p></article></div></body>");
  for (PruneLevel level : {PruneLevel::kStrict, PruneLevel::kMinimal}) {
    Pruned p = PruneAt(page, level);
    EXPECT_EQ(p.removed[page.ById("t")], 1);
    EXPECT_EQ(p.removed[page.ById("d")], 1);
    EXPECT_EQ(p.removed[page.ById("story")], 0);
  }
}

TEST(PruneTest, ScriptTextDoesNotCountAsPageText) {
  // A JSON-LD block (kept by the pre-scan for its metadata) often repeats the article as "articleBody". It is
  // not page text: the hidden article below still holds all of the page's readable text and must stay.
  Page page = Load("<body><div id=m>Menu</div><div hidden id=s><p>" + Letters(400) + "</p></div>"
                   "<script type=\"application/ld+json\">{\"articleBody\": \"" + Letters(400) + "\"}</script>"
                   "</body>");
  EXPECT_EQ(PruneAt(page, PruneLevel::kStrict).removed[page.ById("s")], 0);
}

TEST(PruneTest, BoilerplateWidgetsAreRemoved) {
  Page page =
      Load("<body>" + kArticle +
           "<div class='share-buttons' id=w1><a href=#>Tweet</a></div>"
           "<div class=newsletter-signup id=w2>Sign up now</div><div class='post-related' id=w3>More</div>"
           "<div class=ad-slot id=w4>Ad</div><div class=badge id=k1>Top writer</div></body>");
  for (PruneLevel level : {PruneLevel::kStrict, PruneLevel::kKeepUnlikely}) {
    Pruned p = PruneAt(page, level);
    for (const char* id : {"w1", "w2", "w3", "w4"}) EXPECT_EQ(p.removed[page.ById(id)], 1) << id;
    EXPECT_EQ(p.removed[page.ById("k1")], 0);
  }
  Pruned minimal = PruneAt(page, PruneLevel::kMinimal);
  EXPECT_EQ(minimal.removed[page.ById("w1")], 0);
}

TEST(PruneTest, TopicClassTokensDoNotMakeAWidget) {
  // The post's categories and tags on its container are not widget names; without dropping them,
  // "category-social" would match boilerplate.txt and "tag-share" negative.txt.
  Page page = Load("<body><div id=post class='post category-social tag-share'><p>" + Letters(200) +
                   "</p></div>"
                   "<div class=share-buttons id=sb><a href=#>Share</a></div><div id=other><p>" +
                   Letters(300) + "</p></div></body>");
  uint32_t post = page.ById("post");
  EXPECT_FALSE(page.facts.elements[post].boilerplate);
  EXPECT_FALSE(page.facts.elements[post].unlikely);
  EXPECT_EQ(page.facts.elements[post].class_weight, 25);
  Pruned p = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(p.removed[post], 0);
  EXPECT_EQ(p.removed[page.ById("sb")], 1);
}

TEST(PruneTest, UnlikelyNamesGoOnlyInTheStrictPass) {
  Page page = Load("<body>" + kArticle + "<div class=sidebar id=u1>Popular now</div>"
                   "<div class='sidebar main-column' id=u2>Rescued by maybe_candidate</div>"
                   "<table><tr><td class=extra id=u3>Cell</td></tr></table></body>");
  Pruned strict = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(strict.removed[page.ById("u1")], 1);
  EXPECT_EQ(strict.removed[page.ById("u2")], 0);
  EXPECT_EQ(strict.removed[page.ById("u3")], 0);  // class names inside tables describe layout
  Pruned keep = PruneAt(page, PruneLevel::kKeepUnlikely);
  EXPECT_EQ(keep.removed[page.ById("u1")], 0);
}

TEST(PruneTest, CaptionsAreRemovedExceptInTheMinimalPass) {
  Page page =
      Load("<body>" + kArticle +
           "<figure><img src=a.jpg><figcaption id=c1>A caption</figcaption></figure>"
           "<img src=b.jpg alt='Flood waters in the old town'> <div id=c2>Flood waters in the old town</div>"
           "<img src=c.jpg alt='Photo'><div id=k1>Photo</div></body>");
  Pruned strict = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(strict.removed[page.ById("c1")], 1);
  EXPECT_EQ(strict.removed[page.ById("c2")], 1);  // repeats the alt text of the image before it
  EXPECT_EQ(strict.removed[page.ById("k1")], 0);  // alt text too short to tell
  EXPECT_TRUE(page.facts.elements[page.ById("c2")].caption);
  Pruned minimal = PruneAt(page, PruneLevel::kMinimal);
  EXPECT_EQ(minimal.removed[page.ById("c1")], 0);
  EXPECT_EQ(minimal.removed[page.ById("c2")], 0);
}

TEST(PruneTest, CaptionClassNamesRemoveOnlyShortElements) {
  Page page = Load("<body>" + kArticle +
                   "<div class=wp-caption-text id=c1>Flooding in 2024. Photo: A. Person</div>"
                   "<div class=feat-image-with-caption id=c2><p>" +
                   Letters(400) + "</p></div></body>");
  EXPECT_TRUE(page.facts.elements[page.ById("c1")].caption_class);
  EXPECT_TRUE(page.facts.elements[page.ById("c2")].caption_class);
  Pruned strict = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(strict.removed[page.ById("c1")], 1);
  EXPECT_EQ(strict.removed[page.ById("c2")], 0);  // 400 characters: more than a caption
  EXPECT_EQ(PruneAt(page, PruneLevel::kMinimal).removed[page.ById("c1")], 0);
}

TEST(PruneTest, SmallFormsGoAPageWideFormStays) {
  Page small = Load("<body>" + kArticle + "<form id=f><label>Email</label></form></body>");
  EXPECT_EQ(PruneAt(small, PruneLevel::kStrict).removed[small.ById("f")], 1);
  EXPECT_EQ(PruneAt(small, PruneLevel::kMinimal).removed[small.ById("f")], 0);
  Page wide = Load("<body><form id=f>" + kArticle + "</form></body>");
  EXPECT_EQ(PruneAt(wide, PruneLevel::kStrict).removed[wide.ById("f")], 0);
}

TEST(PruneTest, HeaderInsideAnArticleStaysOnlyWithProse) {
  Page page = Load("<body><article><header id=h1><h1>Title</h1><p>By A. Writer</p></header>"
                   "<header id=h2><p>" + Letters(150) + "</p></header><p>" + Letters(600) + "</p></article>"
                   "</body>");
  Pruned p = PruneAt(page, PruneLevel::kStrict);
  EXPECT_EQ(p.removed[page.ById("h1")], 1);
  EXPECT_EQ(p.removed[page.ById("h2")], 0);
}

TEST(PruneTest, PageFacts) {
  Page page = Load("<body><div id=w class='Entry-Content'><p id=p1>Hello, world, again.</p><p id=p2>Short</p>"
                   "</div><article id=a>Hi</article><div id=c class=comments>x</div></body>");
  const PageFacts& f = page.facts;
  const uint32_t w = page.ById("w"), p1 = page.ById("p1"), a = page.ById("a"), c = page.ById("c");
  const uint32_t body = page.dom.body();
  const uint32_t t1 = page.dom.node(p1).first_child;
  EXPECT_FLOAT_EQ(f.text_len[t1], 20.0f);
  EXPECT_EQ(f.commas[t1], 2);
  EXPECT_FLOAT_EQ(f.raw_text[p1], 20.0f);
  EXPECT_FLOAT_EQ(f.raw_text[w], 25.0f);
  EXPECT_FLOAT_EQ(f.raw_text[body], 28.0f);
  EXPECT_FLOAT_EQ(f.longest_p[w], 20.0f);
  EXPECT_FLOAT_EQ(f.longest_p[body], 20.0f);
  EXPECT_EQ(f.elements[w].class_weight, 25);  // class names are lower-cased
  EXPECT_FLOAT_EQ(f.named_article[w], 25.0f);
  EXPECT_FLOAT_EQ(f.named_article[body], 25.0f);
  EXPECT_FLOAT_EQ(f.named_article[a], 0.0f);
  EXPECT_EQ(f.has_main[a], 1);
  EXPECT_EQ(f.has_main[body], 1);
  EXPECT_EQ(f.has_main[w], 0);
  EXPECT_EQ(f.elements[c].class_weight, -25);
  EXPECT_TRUE(f.elements[c].unlikely);
  EXPECT_TRUE(f.elements[c].boilerplate);
  EXPECT_FALSE(f.elements[w].unlikely);
  EXPECT_FALSE(f.elements[w].hidden);
}

TEST(PruneTest, TextLengthOfCjkIsMeasuredInWords) {
  // 我们今天去北京。: 4 words -> 24 equivalent characters, not 8.
  Page page = Load(
      "<body><p id=p>\xE6\x88\x91\xE4\xBB\xAC\xE4\xBB\x8A\xE5\xA4\xA9\xE5\x8E\xBB\xE5\x8C\x97\xE4\xBA\xAC"
      "\xE3\x80\x82</p></body>");
  EXPECT_FLOAT_EQ(page.facts.raw_text[page.ById("p")], 24.0f);
}

}  // namespace
}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 2b, parse: the compact tree copied out of Gumbo.

#include "cleaner/dom.h"

#include <string>

#include <gtest/gtest.h>

namespace cleaner {
namespace {

Dom Parse(std::string_view html) {
  auto dom = Dom::Parse(html);
  EXPECT_TRUE(dom.ok()) << dom.status().ToString();
  return std::move(dom).value();
}

// Index of the first element whose id attribute is `id`.
uint32_t ById(const Dom& dom, std::string_view id) {
  for (uint32_t i = 0; i < dom.size(); ++i)
    if (dom.node(i).is_element() && dom.attr(i, "id") == id) return i;
  ADD_FAILURE() << "no element with id " << id;
  return kNoNode;
}

TEST(DomTest, NodesAreStoredInDocumentOrderWithLinks) {
  Dom dom =
      Parse("<html><head><title>T</title></head><body><p id=a>Hi <b>you</b></p><div>d</div></body></html>");
  ASSERT_EQ(dom.size(), 11u);
  struct Want {
    Node::Kind kind;
    Tag tag;
    uint32_t parent, first_child, last_child, next_sibling;
    std::string_view text;
  };
  const Want want[] = {
      {Node::kElement, Tag::kHtml, kNoNode, 1, 4, kNoNode, ""},  // 0 html
      {Node::kElement, Tag::kHead, 0, 2, 2, 4, ""},              // 1 head
      {Node::kElement, Tag::kTitle, 1, 3, 3, kNoNode, ""},       // 2 title
      {Node::kText, Tag::kOther, 2, kNoNode, kNoNode, kNoNode, "T"},
      {Node::kElement, Tag::kBody, 0, 5, 9, kNoNode, ""},        // 4 body
      {Node::kElement, Tag::kP, 4, 6, 7, 9, ""},                 // 5 p
      {Node::kText, Tag::kOther, 5, kNoNode, kNoNode, 7, "Hi "},
      {Node::kElement, Tag::kB, 5, 8, 8, kNoNode, ""},           // 7 b
      {Node::kText, Tag::kOther, 7, kNoNode, kNoNode, kNoNode, "you"},
      {Node::kElement, Tag::kDiv, 4, 10, 10, kNoNode, ""},       // 9 div
      {Node::kText, Tag::kOther, 9, kNoNode, kNoNode, kNoNode, "d"},
  };
  for (uint32_t i = 0; i < dom.size(); ++i) {
    SCOPED_TRACE(i);
    const Node& n = dom.node(i);
    EXPECT_EQ(n.kind, want[i].kind);
    EXPECT_EQ(n.tag, want[i].tag);
    EXPECT_EQ(n.parent, want[i].parent);
    EXPECT_EQ(n.first_child, want[i].first_child);
    EXPECT_EQ(n.last_child, want[i].last_child);
    EXPECT_EQ(n.next_sibling, want[i].next_sibling);
    if (n.is_text()) EXPECT_EQ(dom.text(i), want[i].text);
  }
  EXPECT_EQ(dom.root(), 0u);
  EXPECT_EQ(dom.head(), 1u);
  EXPECT_EQ(dom.body(), 4u);
}

TEST(DomTest, MissingHtmlHeadAndBodyAreImplied) {
  Dom dom = Parse("just text");
  ASSERT_EQ(dom.size(), 4u);
  EXPECT_EQ(dom.node(0).tag, Tag::kHtml);
  EXPECT_EQ(dom.head(), 1u);
  EXPECT_EQ(dom.body(), 2u);
  EXPECT_TRUE(dom.node(3).is_text());
  EXPECT_EQ(dom.node(3).parent, 2u);
  EXPECT_EQ(dom.text(3), "just text");
}

TEST(DomTest, EmptyInputStillHasHtmlHeadBody) {
  Dom dom = Parse("");
  ASSERT_EQ(dom.size(), 3u);
  EXPECT_EQ(dom.node(dom.body()).tag, Tag::kBody);
  EXPECT_EQ(dom.node(dom.head()).tag, Tag::kHead);
  EXPECT_EQ(dom.node(dom.body()).first_child, kNoNode);
}

TEST(DomTest, InterElementWhitespaceBecomesOneSpace) {
  Dom dom = Parse("<body><div id=d>\n   <p>x</p>\n\t</div></body>");
  uint32_t d = ById(dom, "d");
  uint32_t first = dom.node(d).first_child;
  ASSERT_NE(first, kNoNode);
  EXPECT_TRUE(dom.node(first).is_text());
  EXPECT_EQ(dom.text(first), " ");
  EXPECT_EQ(dom.text(dom.node(d).last_child), " ");
}

TEST(DomTest, AttributesAreReadByLowerCaseName) {
  Dom dom = Parse("<div ID=main CLASS='a  b' data-x=1 hidden title=\"x &amp; y\" style=''>t</div>");
  uint32_t d = ById(dom, "main");
  EXPECT_EQ(dom.attr(d, "class"), "a  b");
  EXPECT_EQ(dom.attr(d, "title"), "x & y");
  EXPECT_TRUE(dom.has_attr(d, "hidden"));
  EXPECT_EQ(dom.attr(d, "hidden"), "");
  EXPECT_TRUE(dom.has_attr(d, "style"));  // present, empty
  EXPECT_FALSE(dom.has_attr(d, "lang"));
  EXPECT_EQ(dom.attr(d, "lang"), "");
  // Attributes cleaner never reads are not copied.
  EXPECT_FALSE(dom.has_attr(d, "data-x"));
  // Text nodes have no attributes.
  uint32_t t = dom.node(d).first_child;
  EXPECT_FALSE(dom.has_attr(t, "class"));
  EXPECT_EQ(dom.attr(t, "class"), "");
}

TEST(DomTest, ForEachAttrVisitsKeptAttributesInSourceOrder) {
  Dom dom = Parse("<a href=/x onclick=f() rel=nofollow id=l>t</a>");
  uint32_t a = ById(dom, "l");
  std::string seen;
  dom.ForEachAttr(a, [&](std::string_view name, std::string_view value) {
    seen += std::string(name) + "=" + std::string(value) + ";";
  });
  EXPECT_EQ(seen, "href=/x;rel=nofollow;id=l;");
}

TEST(DomTest, EntitiesAreDecodedInText) {
  Dom dom = Parse("<p id=p>&lt;tag&gt; &amp; &quot;q&quot; &#x41;&#66; caf&eacute;&nbsp;x &copy</p>");
  uint32_t p = ById(dom, "p");
  EXPECT_EQ(dom.text(dom.node(p).first_child), "<tag> & \"q\" AB caf\xC3\xA9\xC2\xA0x \xC2\xA9");
}

TEST(DomTest, ForeignElementsMapToSvgAndMath) {
  Dom dom = Parse("<body><svg><circle></circle></svg><math><mi>x</mi></math><custom-el>c</custom-el></body>");
  uint32_t body = dom.body();
  uint32_t svg = dom.node(body).first_child;
  EXPECT_EQ(dom.node(svg).tag, Tag::kSvg);
  EXPECT_EQ(dom.node(dom.node(svg).first_child).tag, Tag::kSvg);  // <circle> is in the SVG namespace
  uint32_t math = dom.node(svg).next_sibling;
  EXPECT_EQ(dom.node(math).tag, Tag::kMath);
  uint32_t custom = dom.node(math).next_sibling;
  EXPECT_EQ(dom.node(custom).tag, Tag::kOther);
}

TEST(DomTest, ContainsIsReflexiveAndFollowsAncestors) {
  Dom dom = Parse("<body><div id=a><p id=b>x</p></div><div id=c></div></body>");
  uint32_t a = ById(dom, "a"), b = ById(dom, "b"), c = ById(dom, "c");
  uint32_t text = dom.node(b).first_child;
  EXPECT_TRUE(dom.Contains(a, a));
  EXPECT_TRUE(dom.Contains(a, b));
  EXPECT_TRUE(dom.Contains(a, text));
  EXPECT_TRUE(dom.Contains(dom.root(), text));
  EXPECT_TRUE(dom.Contains(dom.body(), c));
  EXPECT_FALSE(dom.Contains(b, a));
  EXPECT_FALSE(dom.Contains(c, b));
  EXPECT_FALSE(dom.Contains(dom.head(), b));
}

TEST(DomTest, SubtreeEndIsOnePastTheLastDescendant) {
  Dom dom = Parse("<body><div id=a><p id=b>x<i>y</i></p><p id=c>z</p></div><div id=d></div></body>");
  const uint32_t a = ById(dom, "a"), b = ById(dom, "b"), c = ById(dom, "c"), d = ById(dom, "d");
  EXPECT_EQ(SubtreeEnd(dom, a), d);
  EXPECT_EQ(SubtreeEnd(dom, b), c);
  EXPECT_EQ(SubtreeEnd(dom, c), d);  // the last child: the end is its parent's next sibling
  EXPECT_EQ(SubtreeEnd(dom, d), dom.size());
  EXPECT_EQ(SubtreeEnd(dom, dom.root()), dom.size());
  for (uint32_t i = a; i < d; ++i) EXPECT_TRUE(dom.Contains(a, i)) << i;
}

// Parse computes every subtree's end once, so that SubtreeEnd and Contains cost O(1) however deep the page nests
// (a chain of 400 only children made each walk up to the next sibling cost 400 steps: Select spent 45% of a
// hostile page's time there). Checked against walks up the parents on a page that nests, repairs and ends open.
TEST(DomTest, SubtreeEndsAndContainsAgreeWithWalksUpTheParents) {
  std::string html = "<body><div><p>a<b>b<i>c</b>d</i><ul><li>x<li>y</ul><table><tr><td>t</table>";
  for (int i = 0; i < 60; ++i) html += i % 3 == 0 ? "<div>" : i % 3 == 1 ? "<span>s" : "<section><p>p";
  Dom dom = Parse(html);
  ASSERT_GT(dom.size(), 100u);
  for (uint32_t i = 0; i < dom.size(); ++i) {
    uint32_t walked = static_cast<uint32_t>(dom.size());
    for (uint32_t x = i; x != kNoNode; x = dom.node(x).parent) {
      if (dom.node(x).next_sibling != kNoNode) {
        walked = dom.node(x).next_sibling;
        break;
      }
    }
    ASSERT_EQ(SubtreeEnd(dom, i), walked) << i;
    for (uint32_t d = 0; d < dom.size(); ++d) {
      bool ancestor = false;
      for (uint32_t x = d; x != kNoNode && !ancestor; x = dom.node(x).parent) ancestor = x == i;
      ASSERT_EQ(dom.Contains(i, d), ancestor) << i << " " << d;
    }
  }
}

TEST(DomTest, GumboRepairsMisnestedMarkup) {
  // The <li>s get implied end tags.
  Dom dom = Parse("<body><ul id=u><li>a<li>b</ul></body>");
  uint32_t u = ById(dom, "u");
  uint32_t li1 = dom.node(u).first_child;
  uint32_t li2 = dom.node(li1).next_sibling;
  EXPECT_EQ(dom.node(li1).tag, Tag::kLi);
  EXPECT_EQ(dom.node(li2).tag, Tag::kLi);
  EXPECT_EQ(dom.node(li2).parent, u);
  EXPECT_EQ(dom.text(dom.node(li2).first_child), "b");
}

TEST(DomTest, InnerTextCollapsesWhitespaceAndSkipsScripts) {
  Dom dom = Parse("<div id=d>  Hello\n <b>big</b>\t world<script>var x;</script><style>p{}</style>! </div>");
  EXPECT_EQ(InnerText(dom, ById(dom, "d")), "Hello big world!");
}

TEST(DomTest, InnerTextWithALimitReadsNoFurtherThanItNeeds) {
  std::string words;
  for (int i = 0; i < 200000; ++i) words += "word ";
  Dom dom = Parse("<div id=d><b>" + words + "</b></div><p id=s>" + std::string(100000, ' ') + "Hi</p>");
  EXPECT_EQ(InnerText(dom, ById(dom, "d")).size(), words.size() - 1);
  const std::string cut = InnerText(dom, ById(dom, "d"), 300);
  EXPECT_GT(cut.size(), 300u);  // longer than the limit: the caller can tell
  EXPECT_LT(cut.size(), 2000u);  // and not the million bytes
  EXPECT_EQ(words.compare(0, 300, cut, 0, 300), 0);
  // White space that collapses to nothing is read past: the text after it still counts.
  EXPECT_EQ(InnerText(dom, ById(dom, "s"), 1), "Hi");
}

TEST(DomTest, InnerTextSeparatesBlocks) {
  Dom dom = Parse("<div id=d><p>First</p><p>Second</p><h2>Third</h2><div>Fourth<br>Fifth</div></div>");
  EXPECT_EQ(InnerText(dom, ById(dom, "d")), "First Second Third Fourth Fifth");
}

TEST(DomTest, InnerTextSeparatesTextAfterAClosedBlock) {
  // dom.h: "blocks separated by a space". The text after a block that has ended is a new run.
  Dom dom = Parse("<div id=d><p>First</p>Second</div>");
  EXPECT_EQ(InnerText(dom, ById(dom, "d")), "First Second");
}

TEST(DomTest, BlockAndHeadingClassification) {
  EXPECT_TRUE(IsHeading(Tag::kH1));
  EXPECT_TRUE(IsHeading(Tag::kH6));
  EXPECT_FALSE(IsHeading(Tag::kP));
  EXPECT_FALSE(IsHeading(Tag::kHeader));
  EXPECT_TRUE(IsBlock(Tag::kP));
  EXPECT_TRUE(IsBlock(Tag::kLi));
  EXPECT_TRUE(IsBlock(Tag::kBr));
  EXPECT_TRUE(IsBlock(Tag::kTd));
  EXPECT_FALSE(IsBlock(Tag::kSpan));
  EXPECT_FALSE(IsBlock(Tag::kA));
  EXPECT_FALSE(IsBlock(Tag::kB));
  EXPECT_FALSE(IsBlock(Tag::kOther));
}

}  // namespace
}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 6, serialize: exact output lines (text and block kind) for small subtrees.

#include "cleaner/serialize.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/dom.h"
#include "cleaner/text_filter.h"

namespace cleaner {
namespace {

Dom Parse(std::string_view html) {
  auto dom = Dom::Parse(html);
  EXPECT_TRUE(dom.ok());
  return std::move(dom).value();
}

uint32_t ById(const Dom& dom, std::string_view id) {
  for (uint32_t i = 0; i < dom.size(); ++i)
    if (dom.node(i).is_element() && dom.attr(i, "id") == id) return i;
  ADD_FAILURE() << "no element with id " << id;
  return 0;
}

// The lines of <body>, nothing removed.
std::vector<Line> Lines(const Dom& dom, const std::vector<uint8_t>* removed = nullptr) {
  std::vector<uint8_t> none(dom.size(), 0);
  return Serialize(dom, removed ? *removed : none, {dom.body()});
}

std::vector<std::string> Texts(std::string_view body_html) {
  Dom dom = Parse(std::string("<body>") + std::string(body_html) + "</body>");
  std::vector<std::string> out;
  for (const Line& l : Lines(dom)) out.push_back(l.text);
  return out;
}

using Strings = std::vector<std::string>;

TEST(SerializeTest, HeadingsAndParagraphs) {
  Dom dom = Parse("<body><h1>The title</h1><p>First paragraph.</p><h3>Sub</h3><p>Second.</p></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "The title");
  EXPECT_EQ(lines[0].block, Tag::kH1);
  EXPECT_EQ(lines[1].text, "First paragraph.");
  EXPECT_EQ(lines[1].block, Tag::kP);
  EXPECT_EQ(lines[2].text, "Sub");
  EXPECT_EQ(lines[2].block, Tag::kH3);
  EXPECT_EQ(lines[3].text, "Second.");
  EXPECT_EQ(lines[3].block, Tag::kP);
}

TEST(SerializeTest, BrAndHrBreakLines) {
  EXPECT_EQ(Texts("<p>one<br>two<br/><br>three</p>"), (Strings{"one", "two", "three"}));
  EXPECT_EQ(Texts("<div>above<hr>below</div>"), (Strings{"above", "below"}));
}

TEST(SerializeTest, LineAfterBrKeepsItsBlock) {
  Dom dom = Parse("<body><h2>Big<br>News</h2><ul><li>a<br>b</li></ul></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].block, Tag::kH2);
  EXPECT_EQ(lines[1].block, Tag::kH2);
  EXPECT_EQ(lines[2].block, Tag::kLi);
  EXPECT_EQ(lines[3].block, Tag::kLi);
  // The line after the <br> goes on the element of the one before it (Block::continues).
  EXPECT_FALSE(lines[0].after_break);
  EXPECT_TRUE(lines[1].after_break);
  EXPECT_FALSE(lines[2].after_break);
  EXPECT_TRUE(lines[3].after_break);
}

// Only a <br>, and empty lines after one, keep the next line in the element; an element's end does not.
TEST(SerializeTest, ALineAfterBrGoesOnItsElement) {
  auto breaks = [](std::string_view body) {
    std::vector<bool> out;
    for (const Line& l : Lines(Parse("<body>" + std::string(body) + "</body>"))) out.push_back(l.after_break);
    return out;
  };
  EXPECT_EQ(breaks("<ul><li>a<br><br>b</li></ul>"), (std::vector<bool>{false, true}));
  EXPECT_EQ(breaks("<ul><li>a<br></li><li>b</li></ul>"), (std::vector<bool>{false, false}));
  EXPECT_EQ(breaks("<ul><li>a</li><li>b</li></ul>"), (std::vector<bool>{false, false}));
  EXPECT_EQ(breaks("<ul><li>a<br><div>b</div></li></ul>"), (std::vector<bool>{false, false}));
  EXPECT_EQ(breaks("<ul><li><br>a</li></ul>"), (std::vector<bool>{false}));
  EXPECT_EQ(breaks("<p>a<hr>b</p>"), (std::vector<bool>{false, false}));
}

TEST(SerializeTest, ListItems) {
  Dom dom = Parse("<body><ul><li>one</li><li>two <b>bold</b></li></ul><ol><li>three</li></ol></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "one");
  EXPECT_EQ(lines[1].text, "two bold");
  EXPECT_EQ(lines[2].text, "three");
  for (const Line& l : lines) EXPECT_EQ(l.block, Tag::kLi);
}

TEST(SerializeTest, ParagraphsInListItemsAndQuotesTakeTheirKind) {
  // WordPress writes quotes as <blockquote><p>, and many sites list items as <li><p>.
  Dom dom = Parse(
      "<body><blockquote><p>First quoted.</p><p>Second quoted.</p></blockquote><ul><li><p>In a p.</p>"
      "<ul><li><p>Nested.</p></li></ul><p>Back in the outer item.</p></li></ul><dl><dd><p>Defined.</p></dd></dl>"
      "<blockquote><h3>A heading</h3><div>A div label</div></blockquote><p>After.</p></body>");
  std::vector<Line> lines = Lines(dom);
  std::vector<std::pair<std::string, Tag>> got;
  for (const Line& l : lines) got.emplace_back(l.text, l.block);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, Tag>>{
                     {"First quoted.", Tag::kBlockquote}, {"Second quoted.", Tag::kBlockquote},
                     {"In a p.", Tag::kLi}, {"Nested.", Tag::kLi}, {"Back in the outer item.", Tag::kLi},
                     {"Defined.", Tag::kDd}, {"A heading", Tag::kH3}, {"A div label", Tag::kDiv},
                     {"After.", Tag::kP}}));
}

TEST(SerializeTest, ABrInADataTablesCellIsASpace) {
  // The row stays one line, its cells where they were; in a layout table (no header, few cells) a cell holds
  // an article, whose <br>s break lines.
  Dom dom = Parse("<body><table><tr><th>Address</th><th>Phone</th><th>Code</th></tr><tr><td>1 Main St<br>"
                  "Springfield</td><td>555</td><td>x</td></tr></table>"
                  "<table><tr><td>First line of a poem<br>Second line of it</td></tr></table></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1].text, "1 Main St Springfield 555 x");
  EXPECT_EQ(lines[1].block, Tag::kTr);
  ASSERT_EQ(lines[1].cells.size(), 3u);
  EXPECT_EQ(lines[2].text, "First line of a poem");
  EXPECT_EQ(lines[3].text, "Second line of it");
}

TEST(SerializeTest, BlocksInADataTablesCellAreSpaces) {
  // Paragraphs, divs, lists and rules in a cell too: the row stays one line with its cells in their columns.
  Dom dom = Parse("<body><table><thead><tr><th>Fruit</th><th>Price</th><th>Notes</th></tr></thead>"
                  "<tr><td><div>Apples</div></td><td><p>3 euros</p><p>per kilo</p></td>"
                  "<td><ul><li>red</li><li>green</li></ul><hr>sweet</td></tr>"
                  "<tr><td>Pears</td><td>4 euros</td><td>-</td></tr></table>"
                  "<table><tr><td><p>An article in a layout table.</p><p>Its second paragraph.</p></td></tr></table>"
                  "</body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[1].text, "Apples 3 euros per kilo red green sweet");
  EXPECT_EQ(lines[1].block, Tag::kTr);
  ASSERT_EQ(lines[1].cells.size(), 3u);
  EXPECT_EQ(lines[2].text, "Pears 4 euros -");
  EXPECT_EQ(lines[3].text, "An article in a layout table.");
  EXPECT_EQ(lines[4].text, "Its second paragraph.");
  // A removed block in a cell (an ad) is a space too.
  Dom ad = Parse("<body><table><thead><tr><th>Fruit</th><th>Price</th></tr></thead>"
                 "<tr><td>Apples<div id=ad>Buy now</div>green</td><td>3 euros</td></tr></table></body>");
  std::vector<uint8_t> removed(ad.size(), 0);
  const uint32_t r = ById(ad, "ad");
  for (uint32_t i = r; i < ad.size() && (i == r || ad.node(i).parent >= r); ++i) removed[i] = 1;
  std::vector<Line> ad_lines = Lines(ad, &removed);
  ASSERT_EQ(ad_lines.size(), 2u);
  EXPECT_EQ(ad_lines[1].text, "Apples green 3 euros");
}

TEST(SerializeTest, TableRowsJoinTheirCellsWithASpace) {
  Dom dom = Parse("<body><table><caption>Prices</caption><tr><th>Item</th><th>Cost</th></tr>"
                  "<tr><td>Tea</td><td>2</td></tr><tr><td>Cake</td><td></td><td>4</td></tr></table></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "Prices");
  EXPECT_EQ(lines[0].block, Tag::kCaption);
  EXPECT_EQ(lines[1].text, "Item Cost");
  EXPECT_EQ(lines[1].block, Tag::kTr);
  EXPECT_EQ(lines[2].text, "Tea 2");
  EXPECT_EQ(lines[3].text, "Cake 4");  // an empty cell adds no extra space
}

TEST(SerializeTest, PreKeepsItsLines) {
  Dom dom = Parse("<body><pre>line one\nline two\n\nline four</pre></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 3u);  // the blank line makes no empty line
  EXPECT_EQ(lines[0].text, "line one");
  EXPECT_EQ(lines[1].text, "line two");
  EXPECT_EQ(lines[2].text, "line four");
  for (const Line& l : lines) EXPECT_EQ(l.block, Tag::kPre);
}

TEST(SerializeTest, PreLinesKeepTheirIndentationApart) {
  // The text is trimmed like every line; the indentation (tabs kept, no-break spaces made spaces) is kept beside
  // it for Markdown and HTML, also when a highlighter puts it in an element of its own.
  std::vector<Line> lines = Lines(Parse(
      "<body><pre>def f():\n\tif x:\n  \xC2\xA0 return a\tb\n<span>    </span><span>pass</span></pre>"
      "<p>  not code</p></body>"));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].text, "def f():");
  EXPECT_EQ(lines[0].indent, "");
  EXPECT_EQ(lines[1].text, "if x:");
  EXPECT_EQ(lines[1].indent, "\t");
  EXPECT_EQ(lines[2].text, "return a b");  // a tab inside the line is a space, as before
  EXPECT_EQ(lines[2].indent, "    ");
  EXPECT_EQ(lines[3].text, "pass");
  EXPECT_EQ(lines[3].indent, "    ");
  EXPECT_EQ(lines[4].indent, "") << "only preformatted lines have one";
  // Bounded: the indentation keeps at most 256 bytes (serialize.cc's kMaxIndent).
  lines = Lines(Parse("<body><pre>" + std::string(100000, ' ') + "x</pre></body>"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].indent, std::string(256, ' '));
}

TEST(SerializeTest, PreLineBreaksBetweenHighlighterSpans) {
  // A highlighter puts each token in an element; the line breaks between them are white-space-only text, which
  // the DOM keeps inside <pre> (elsewhere it is one space).
  EXPECT_EQ(Texts("<pre><code><span>int a;</span>\n<span>int b;</span>\n\n<span>return;</span></code></pre>"),
            (Strings{"int a;", "int b;", "return;"}));
  EXPECT_EQ(Texts("<p><span>one</span>\n\n<span>line</span></p>"), (Strings{"one line"}));
}

TEST(SerializeTest, LineNumberGutterIsDropped) {
  // Chroma and Pygments put the line numbers in a <pre> of their own in the table cell beside the code.
  EXPECT_EQ(Texts("<table><tr><td><pre><code><span>1\n</span><span>2\n</span><span>3</span></code></pre></td>"
                  "<td><pre><code>a = 1\nb = 2\nprint(a + b)</code></pre></td></tr></table>"),
            (Strings{"a = 1", "b = 2", "print(a + b)"}));
  // Numbers that are the code's output stay with it, and so does a <pre> of one number.
  EXPECT_EQ(Texts("<pre>&gt;&gt;&gt; 1 + 1\n2\n3</pre>"), (Strings{">>> 1 + 1", "2", "3"}));
  EXPECT_EQ(Texts("<p>The answer:</p><pre>42</pre>"), (Strings{"The answer:", "42"}));
  EXPECT_EQ(Texts("<pre>3\n5\n8</pre>"), (Strings{"3", "5", "8"}));  // not counting lines
  // Output that counts, in a <pre> of its own after the code, is not a gutter: it is beside no code cell.
  EXPECT_EQ(Texts("<pre>for i in range(1, 4): print(i)</pre><p>Output:</p><pre>1\n2\n3</pre>"),
            (Strings{"for i in range(1, 4): print(i)", "Output:", "1", "2", "3"}));
  EXPECT_EQ(Texts("<table><tr><td><pre>1\n2</pre></td><td>Years</td></tr></table>"), (Strings{"1", "2", "Years"}));
  // Code in the gutter's own cell is not beside it; code in any other cell of the row is, each <pre> of a cell
  // is judged alone, and two cells of numbers are each beside the other's <pre>.
  EXPECT_EQ(Texts("<table><tr><td><pre>1\n2</pre><code>x</code></td><td>Years</td></tr></table>"),
            (Strings{"1", "2", "x Years"}));
  EXPECT_EQ(Texts("<table><tr><td>a</td><td><pre>1\n2</pre><pre>3\n4</pre><pre>5</pre></td><td><b><code>x</code></b>"
                  "</td></tr></table>"),
            (Strings{"a", "5", "x"}));
  EXPECT_EQ(Texts("<table><tr><td><pre>1\n2</pre></td><td><pre>7\n8</pre></td></tr><tr><td><pre>1\n2</pre></td>"
                  "</tr></table>"),
            (Strings{"1", "2"}));
}

// Every gutter-like <pre> asks whether its row holds code in another cell: the row's cells are looked at once, not
// once per <pre>. 400 000 <pre>s beside a cell of 1 000 000 elements without code took 4 * 10^11 steps (minutes;
// ctest's timeout stops it) when each <pre> scanned the other cell.
TEST(SerializeTest, ManyGuttersBesideALargeCellAreLinear) {
  constexpr int kPres = 400'000, kElements = 1'000'000;
  std::string html = "<body><table><tr><td>";
  html.reserve(kPres * 14 + kElements * 7 + 100);
  for (int i = 0; i < kPres; ++i) html += "<pre>1\n2</pre>";
  html += "</td><td>";
  for (int i = 0; i < kElements; ++i) html += "<b></b>";
  html += "</td></tr></table><table><tr><td><pre>1\n2</pre></td><td><code>x</code></td></tr></table></body>";
  Dom dom = Parse(html);
  std::vector<Line> lines = Lines(dom);
  // Beside no code the numbers stay, two lines per <pre>; the last gutter, beside code, goes.
  ASSERT_EQ(lines.size(), 2u * kPres + 1);
  EXPECT_EQ(lines.front().text, "1");
  EXPECT_EQ(lines.back().text, "x");
}

// A document is split into at most kMaxLines lines: each further line joins the last line of text, so that memory
// stays bounded (6 million lines of "1" in a <pre> took 2 GB) and no text is lost; images past the cap go.
TEST(SerializeTest, LinesPastTheCapJoinTheLastLineOfText) {
  const size_t extra = 5;
  std::string html = "<body><pre>";
  for (size_t i = 0; i < kMaxLines - 1; ++i) html += "a\n";
  html += "</pre><p>last</p><img src=/i.png alt=image><p>x<b>y</b></p>";
  for (size_t i = 0; i < extra; ++i) html += "<p>more " + std::to_string(i) + "</p>";
  html += "</body>";
  Dom dom = Parse(html);
  std::vector<uint8_t> none(dom.size(), 0);
  SerializeOptions options;
  options.images = options.formatting = true;
  std::vector<Line> lines = Serialize(dom, none, {dom.body()}, options);
  ASSERT_EQ(lines.size(), kMaxLines);
  EXPECT_EQ(lines[kMaxLines - 2].text, "a");
  EXPECT_EQ(lines.back().text, "last xy more 0 more 1 more 2 more 3 more 4");
  EXPECT_EQ(lines.back().block, Tag::kP);
  EXPECT_TRUE(lines.back().spans.empty());
  // The same for plain text.
  std::string text;
  for (size_t i = 0; i < kMaxLines + extra; ++i) text += "line " + std::to_string(i) + "\n";
  std::vector<Line> split = SplitTextLines(text);
  ASSERT_EQ(split.size(), kMaxLines);
  std::string joined = "line " + std::to_string(kMaxLines - 1);
  for (size_t i = 0; i < extra; ++i) joined += " line " + std::to_string(kMaxLines + i);
  EXPECT_EQ(split.back().text, joined);
}

TEST(SerializeTest, PreTextEndedByABlockInsideIsStillPreformatted) {
  // A highlighter that puts each line in a <div>: the line the </div> ends is code too, with its indentation
  // apart and no tab left in the text.
  std::vector<Line> lines = Lines(Parse("<body><pre><div>\tx\ty\n\tz\tw</div></pre></body>"));
  ASSERT_EQ(lines.size(), 2u);
  for (const Line& l : lines) {
    EXPECT_EQ(l.block, Tag::kPre);
    EXPECT_EQ(l.indent, "\t");
    EXPECT_EQ(l.text.find('\t'), std::string::npos) << l.text;
  }
  EXPECT_EQ(lines[1].text, "z w");
}

TEST(SerializeTest, PreWithInlineMarkup) {
  EXPECT_EQ(Texts("<pre><code>int <b>x</b> = 1;\nreturn x;</code></pre>"),
            (Strings{"int x = 1;", "return x;"}));
}

TEST(SerializeTest, PreKeepsRunsOfSpacesInsideALine) {
  // serialize.h: Line::text is "trimmed, whitespace collapsed (except inside <pre>)": the alignment inside a
  // preformatted line is its content.
  EXPECT_EQ(Texts("<pre>x  =  1\ny  = 22</pre>"), (Strings{"x  =  1", "y  = 22"}));
}

TEST(SerializeTest, InlineElementsJoinWithCorrectSpacing) {
  EXPECT_EQ(Texts("<p>a<b>b</b> c</p>"), (Strings{"ab c"}));
  EXPECT_EQ(Texts("<p>Hello<em> big </em>world</p>"), (Strings{"Hello big world"}));
  EXPECT_EQ(Texts("<p>see <a href=/x>the link</a>, then <span>more</span>.</p>"),
            (Strings{"see the link, then more."}));
  EXPECT_EQ(Texts("<p>  lots \n of \t space  </p>"), (Strings{"lots of space"}));
  EXPECT_EQ(Texts("<p>wo<wbr>rd and <img src=a.png alt=x>image</p>"), (Strings{"word and image"}));
}

TEST(SerializeTest, EntitiesAreDecoded) {
  EXPECT_EQ(Texts("<p>Fish &amp; chips &lt;3 caf&eacute; &#8220;q&#8221; a&nbsp;b</p>"),
            (Strings{"Fish & chips <3 caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D a b"}));
}

TEST(SerializeTest, NestedBlocksProduceNoEmptyLines) {
  EXPECT_EQ(Texts("<div><div><div><p>x</p></div></div></div><div>\n  <section><p>y</p>\n</section>\n</div>"),
            (Strings{"x", "y"}));
  EXPECT_EQ(Texts("<div></div><p> </p><p>\xC2\xA0</p><div><br><br></div>"), Strings{});
}

TEST(SerializeTest, TextAroundABlockMakesSeparateLines) {
  Dom dom = Parse("<body><div id=d>before<p>inside</p>after</div></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "before");
  EXPECT_EQ(lines[1].text, "inside");
  EXPECT_EQ(lines[1].block, Tag::kP);
  EXPECT_EQ(lines[2].text, "after");
}

TEST(SerializeTest, BlockquoteAndFigcaption) {
  Dom dom = Parse(
      "<body><blockquote>Quoted words</blockquote><figure><figcaption>A caption</figcaption></figure>"
      "<dl><dt>Term</dt><dd>Meaning</dd></dl></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].block, Tag::kBlockquote);
  EXPECT_EQ(lines[1].block, Tag::kFigcaption);
  EXPECT_EQ(lines[2].block, Tag::kDt);
  EXPECT_EQ(lines[3].block, Tag::kDd);
}

TEST(SerializeTest, RemovedNodesAreSkipped) {
  Dom dom =
      Parse("<body><p>keep</p><div id=x><p>drop</p></div><p>also <span id=s>not this</span>kept</p></body>");
  std::vector<uint8_t> removed(dom.size(), 0);
  for (uint32_t i = 0; i < dom.size(); ++i) {
    if (dom.Contains(ById(dom, "x"), i) || dom.Contains(ById(dom, "s"), i)) removed[i] = 1;
  }
  std::vector<std::string> texts;
  for (const Line& l : Lines(dom, &removed)) texts.push_back(l.text);
  EXPECT_EQ(texts, (Strings{"keep", "also kept"}));
}

// hindi amarujala: an ad <div> between two paragraphs written as bare text; with the ad removed they were one line.
TEST(SerializeTest, RemovedBlockStillEndsTheLine) {
  Dom dom = Parse("<body><div>First paragraph.<div id=ad><center>Advertisement</center></div>Second "
                  "<b id=b>bold</b> paragraph.</div></body>");
  std::vector<uint8_t> removed(dom.size(), 0);
  for (uint32_t i = 0; i < dom.size(); ++i) {
    if (dom.Contains(ById(dom, "ad"), i) || dom.Contains(ById(dom, "b"), i)) removed[i] = 1;
  }
  std::vector<std::string> texts;
  for (const Line& l : Lines(dom, &removed)) texts.push_back(l.text);
  // A removed inline element joins the text around it; a removed block still separates it.
  EXPECT_EQ(texts, (Strings{"First paragraph.", "Second paragraph."}));
}

TEST(SerializeTest, SeveralRootsInOrderEachEndingItsLine) {
  Dom dom = Parse("<body><span id=a>first</span><span id=b>second</span><p id=c>third</p></body>");
  std::vector<uint8_t> none(dom.size(), 0);
  std::vector<std::string> texts;
  for (const Line& l : Serialize(dom, none, {ById(dom, "a"), ById(dom, "b"), ById(dom, "c")})) {
    texts.push_back(l.text);
  }
  EXPECT_EQ(texts, (Strings{"first", "second", "third"}));
}

TEST(SerializeTest, LinkCharactersAreCounted) {
  Dom dom = Parse("<body><p>plain words</p><p><a href=/x>all link</a></p></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FLOAT_EQ(lines[0].link_chars, 0);
  EXPECT_FLOAT_EQ(lines[1].link_chars, 8);
}

TEST(SerializeTest, ANamedAnchorIsNoLink) {
  // Old pages open each section with <a name=...> and never close it: its text is the section's, not a link's, as
  // the link densities of the selection count it (only <a href>). A link inside it still counts.
  Dom dom = Parse("<body><a name=s1><h2>Section</h2><p><a href=/x>a link</a></p></body>");
  std::vector<Line> lines = Lines(dom);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FLOAT_EQ(lines[0].link_chars, 0);
  EXPECT_FLOAT_EQ(lines[1].link_chars, 6);
}


// --- Inline markup, tables and images (Options::include_formatting, include_links, include_tables,
// include_images).

std::vector<Line> LinesWith(std::string_view body_html, const SerializeOptions& options) {
  Dom dom = Parse(std::string("<body>") + std::string(body_html) + "</body>");
  std::vector<uint8_t> none(dom.size(), 0);
  return Serialize(dom, none, {dom.body()}, options);
}

SerializeOptions Rich(std::string_view base = "https://example.com/news/2024/story.html?x=1") {
  SerializeOptions o;
  o.formatting = o.links = o.images = true;
  o.base_url = base;
  return o;
}

// A span as "kind[text]" for compact comparisons.
std::vector<std::string> SpanTexts(const Line& line) {
  std::vector<std::string> out;
  for (const Span& s : line.spans) {
    const char* kind = s.kind == Span::Kind::kEmphasis ? "em"
                       : s.kind == Span::Kind::kStrong ? "strong"
                       : s.kind == Span::Kind::kCode   ? "code"
                                                       : "link";
    out.push_back(std::string(kind) + "[" + line.text.substr(s.begin, s.end - s.begin) + "]" + s.href);
  }
  return out;
}

TEST(SerializeInlineTest, SpansCoverTheirTextOuterFirst) {
  std::vector<Line> lines =
      LinesWith("<p>  A <b>bold <i>and italic</i></b> word, <code>x&lt;y</code> and <strong><em>both</em></strong>.</p>",
                Rich());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "A bold and italic word, x<y and both.");
  EXPECT_EQ(SpanTexts(lines[0]),
            (Strings{"strong[bold and italic]", "em[and italic]", "code[x<y]", "strong[both]", "em[both]"}));
}

TEST(SerializeInlineTest, SpansAreTrimmedToTheirWords) {
  std::vector<Line> lines = LinesWith("<p>one<b> two </b>three</p>", Rich());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "one two three");
  EXPECT_EQ(SpanTexts(lines[0]), (Strings{"strong[two]"}));
}

TEST(SerializeInlineTest, ASpanCutByALineBreakGoesOnInTheNextLine) {
  std::vector<Line> lines = LinesWith("<p><b>first<br>second</b> plain</p>", Rich());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(SpanTexts(lines[0]), (Strings{"strong[first]"}));
  EXPECT_EQ(SpanTexts(lines[1]), (Strings{"strong[second]"}));
}

TEST(SerializeInlineTest, LinksAreResolvedAndPageAnchorsAndScriptsDropped) {
  std::vector<Line> lines = LinesWith(
      "<p><a href='/a'>root</a> <a href='b.html'>rel</a> <a href='#top'>anchor</a> "
      "<a href='javascript:void(0)'>js</a> <a href='HTTPS://other.org/x'>abs</a> <a>none</a></p>",
      Rich());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(SpanTexts(lines[0]), (Strings{"link[root]https://example.com/a",
                                          "link[rel]https://example.com/news/2024/b.html",
                                          "link[abs]HTTPS://other.org/x"}));
}

TEST(SerializeInlineTest, NothingIsRecordedUnlessAskedFor) {
  std::vector<Line> lines = LinesWith("<p><b>bold</b> <a href='/a'>link</a><img src='/i.jpg' alt='x'></p>", {});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].spans.empty());
  SerializeOptions links_only;
  links_only.links = true;
  lines = LinesWith("<p><b>bold</b> <a href='/a'>link</a></p>", links_only);
  EXPECT_EQ(SpanTexts(lines[0]), (Strings{"link[link]/a"})) << "no base URL: the href as written";
}

TEST(SerializeInlineTest, PreformattedTextHasNoCodeSpan) {
  std::vector<Line> lines = LinesWith("<pre><code>int x;\nint y;</code></pre>", Rich());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].spans.empty());
  EXPECT_TRUE(lines[1].spans.empty());
}

TEST(SerializeTableTest, CellsAreRecordedWithHeaderRows) {
  std::vector<Line> lines = LinesWith(
      "<table><thead><tr><td>Name</td><td>Age</td></tr></thead>"
      "<tr><th>Ann</th><td> 31 </td><td></td></tr></table>",
      {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "Name Age");
  EXPECT_TRUE(lines[0].header) << "a row in <thead>";
  ASSERT_EQ(lines[0].cells.size(), 2u);
  EXPECT_EQ(lines[0].text.substr(lines[0].cells[1]), " Age");
  EXPECT_EQ(lines[1].text, "Ann 31");
  EXPECT_FALSE(lines[1].header) << "a <th> beside <td>s";
  ASSERT_EQ(lines[1].cells.size(), 3u) << "the empty cell keeps its column";
  EXPECT_EQ(lines[1].cells[0], 0u);
  EXPECT_EQ(lines[1].text.substr(lines[1].cells[1], lines[1].cells[2] - lines[1].cells[1]), " 31");
  EXPECT_EQ(lines[1].cells[2], lines[1].text.size());
}

TEST(SerializeTableTest, DataTablesCanBeLeftOutButLayoutTablesStay) {
  SerializeOptions no_tables;
  no_tables.tables = false;
  EXPECT_TRUE(LinesWith("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>", no_tables)
                  .empty());
  std::vector<Line> layout =
      LinesWith("<table><tr><td><p>The article, laid out in a table.</p></td></tr></table>", no_tables);
  ASSERT_EQ(layout.size(), 1u);
  EXPECT_EQ(layout[0].text, "The article, laid out in a table.");
  // The text on either side of a table left out stays two lines, as it was with the table.
  std::vector<Line> around = LinesWith(
      "<div>Intro<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>After</div>", no_tables);
  ASSERT_EQ(around.size(), 2u);
  EXPECT_EQ(around[0].text, "Intro");
  EXPECT_EQ(around[1].text, "After");
}

TEST(SerializeImageTest, ImagesFollowTheLineTheyStandIn) {
  std::vector<Line> lines = LinesWith(
      "<p>Before <img src='cat.jpg' alt=' A  cat '> after.</p>"
      "<img src='/pixel.gif' width='1' height='1'><img src='data:image/gif;base64,AAAA' data-src='/lazy.jpg'>"
      "<img srcset='/small.jpg 480w, /big.jpg 1080w'><img alt='no source'>",
      Rich("https://example.com/a/"));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "Before after.") << "the text is as without images";
  EXPECT_TRUE(lines[1].is_image());
  EXPECT_EQ(lines[1].text, "A cat");
  EXPECT_EQ(lines[1].src, "https://example.com/a/cat.jpg");
  EXPECT_EQ(lines[2].src, "https://example.com/lazy.jpg") << "a lazy loader's placeholder is skipped";
  EXPECT_EQ(lines[3].src, "https://example.com/small.jpg") << "srcset's first candidate";
}

TEST(SerializeInlineTest, NestedSpansOfOneKindAreOneSpan) {
  std::vector<Line> lines = LinesWith("<p><b>a <b>b <strong>c</strong></b></b> d</p>", Rich());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(SpanTexts(lines[0]), (Strings{"strong[a b c]"}));
}

TEST(SerializeInlineTest, TouchingSpansOfOneKindAreJoined) {
  std::vector<Line> lines =
      LinesWith("<p><b>a</b><b>b</b><b>b2</b> <b>c</b> <a href='/x'>d</a><a href='/y'>e</a></p>", Rich());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(SpanTexts(lines[0]),
            (Strings{"strong[abb2]", "strong[c]", "link[d]https://example.com/x", "link[e]https://example.com/y"}));
}

// Joining touching spans keeps the promise that spans nest, outer first (result.h).
TEST(SerializeInlineTest, JoinedSpansStillNest) {
  std::vector<Line> joined = LinesWith("<p><i><b>a</b></i><b>b</b> and more</p>", Rich());
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(SpanTexts(joined[0]), (Strings{"strong[ab]", "em[a]"})) << "the joined span holds the <i>: first";
  std::vector<Line> crossing = LinesWith("<p><i>x<b>a</b></i><b>b</b> and more</p>", Rich());
  ASSERT_EQ(crossing.size(), 1u);
  EXPECT_EQ(SpanTexts(crossing[0]), (Strings{"em[xa]", "strong[a]", "strong[b]"}))
      << "joined, the <b>s would cross the <i>";
}

TEST(SerializeImageTest, SrcsetUrlsMayHoldCommas) {
  std::vector<Line> lines =
      LinesWith("<p>text</p><img srcset='/img/w_300,c_fill/cat.jpg 300w, /img/w_600,c_fill/cat.jpg 600w'>"
                "<img srcset='/only.jpg,'>",
                Rich("https://example.com/"));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].src, "https://example.com/img/w_300,c_fill/cat.jpg");
  EXPECT_EQ(lines[2].src, "https://example.com/only.jpg");
}

// RFC 3986 section 5.4's examples (base http://a/b/c/d;p?q), and the forms pages use.
TEST(ResolveUrlTest, FollowsRfc3986) {
  const std::string_view base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      {"g", "http://a/b/c/g"},        {"./g", "http://a/b/c/g"},     {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},           {"//g", "http://g"},           {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},    {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"},
      {".", "http://a/b/c/"},         {"./", "http://a/b/c/"},       {"..", "http://a/b/"},
      {"../", "http://a/b/"},         {"../g", "http://a/b/g"},      {"../..", "http://a/"},
      {"../../g", "http://a/g"},      {"../../../g", "http://a/g"},  {"/./g", "http://a/g"},
      {"g.", "http://a/b/c/g."},      {"g..", "http://a/b/c/g.."},   {"./../g", "http://a/b/g"},
      {"g;x=1/../y", "http://a/b/c/y"}, {"mailto:x@y.z", "mailto:x@y.z"}, {"", "http://a/b/c/d;p?q"},
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(ResolveUrl(ref, base), want) << ref;
  EXPECT_EQ(ResolveUrl("img.png", "https://example.com"), "https://example.com/img.png");
  EXPECT_EQ(ResolveUrl("img.png", ""), "img.png");
  EXPECT_EQ(ResolveUrl("img.png", "file:///tmp/x.html"), "img.png") << "only http(s) bases";
}

}  // namespace
}  // namespace cleaner

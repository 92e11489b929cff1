// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The renderers (cli/render.cc) on hand-built documents, for what real pages rarely show; the formats on real
// pages, through the binary, are in clean_command_test.cc.

#include "cli/render.h"

#include <string>

#include <gtest/gtest.h>

namespace cleaner::cli {
namespace {

Block Row(std::string text, std::vector<size_t> cells, std::vector<Span> spans) {
  Block b;
  b.kind = Block::Kind::kTableRow;
  b.text = std::move(text);
  b.cells = std::move(cells);
  b.spans = std::move(spans);
  return b;
}

Span Strong(size_t begin, size_t end) {
  Span s;
  s.kind = Span::Kind::kStrong;
  s.begin = begin;
  s.end = end;
  return s;
}

// Whether "**" works as emphasis depends on the characters beside it as printed: in a table cell, the cell's
// own bounds, not those of a span that runs on into the next cell ("ab." is a whole cell here, and "**ab.**"
// works there, though the span goes on to "cd." and stops before "e"; the next cell does not repeat the span).
TEST(RenderMarkdownTest, EmphasisInACellIsJudgedByTheCell) {
  Document doc;
  doc.blocks.push_back(Row("ab. cd.e", {0, 3}, {Strong(0, 7)}));
  doc.text = "ab. cd.e\n";
  const std::string md = Render(doc, "x.html", "markdown");
  EXPECT_EQ(md, "| **ab.** | cd.e |\n| --- | --- |\n") << "not <strong>, which '**cd.**e' would need";
}

Span Link(size_t begin, size_t end, std::string href) {
  Span s;
  s.kind = Span::Kind::kLink;
  s.begin = begin;
  s.end = end;
  s.href = std::move(href);
  return s;
}

Block Paragraph(std::string text, std::vector<Span> spans) {
  Block b;
  b.text = std::move(text);
  b.spans = std::move(spans);
  return b;
}

// A '!' right before a link would make it an image: it is escaped there, and only there.
TEST(RenderMarkdownTest, AnExclamationMarkBeforeALinkStaysText) {
  Document doc;
  doc.blocks.push_back(Paragraph("Wow!click here", {Link(4, 14, "https://example.com/x")}));
  doc.blocks.push_back(Paragraph("Hi! a!b [c]!", {}));
  doc.blocks.push_back(Paragraph("one!two!", {Link(0, 3, "https://a/"), Link(4, 7, "https://b/")}));
  doc.text = "Wow!click here\nHi! a!b [c]!\none!two!\n";
  EXPECT_EQ(Render(doc, "x.html", "markdown"),
            "Wow\\![click here](https://example.com/x)\n\nHi! a!b \\[c\\]!\n\n"
            "[one](https://a/)\\![two](https://b/)!\n");
}

Block Heading(int level, std::string text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.level = level;
  b.text = std::move(text);
  return b;
}

// A heading's trailing run of '#' after a space would be read as its closing sequence and dropped: it is
// escaped, in the title too. "C#" is not a closing sequence and stays as it is.
TEST(RenderMarkdownTest, AHeadingKeepsItsTrailingHashes) {
  Document doc;
  doc.title = "Notes on F ##";
  doc.blocks.push_back(Heading(2, "Learn C #"));
  doc.blocks.push_back(Heading(3, "Learn C#"));
  doc.blocks.push_back(Heading(2, "#"));
  doc.blocks.push_back(Heading(2, "# One #"));
  doc.text = "Learn C #\nLearn C#\n#\n# One #\n";
  EXPECT_EQ(Render(doc, "x.html", "markdown"),
            "# Notes on F \\##\n\n## Learn C \\#\n\n### Learn C#\n\n## \\#\n\n## # One \\#\n");
}

// A <br> in a cell ends the library's line there: "<tr><td>a|b</td><td>c<br>d</td><td>*e*</td></tr>" is the
// rows "a|b c" (cells at 0 and 3) and "d *e*" (its text starts before its one cell, at 1). The second is the
// rest of the first: "d" goes on the cell it continues, after a <br>, and "*e*" stays in the third column.
TEST(RenderMarkdownTest, ABreakInACellKeepsTheRowTogether) {
  Document doc;
  doc.blocks.push_back(Row("One Two Three", {0, 4, 8}, {}));
  doc.blocks.back().header = true;
  doc.blocks.push_back(Row("a|b c", {0, 3}, {}));
  doc.blocks.push_back(Row("d *e*", {1}, {Strong(0, 1)}));
  doc.text = "One Two Three\na|b c\nd *e*\n";
  EXPECT_EQ(Render(doc, "x.html", "markdown"),
            "| One | Two | Three |\n| --- | --- | --- |\n| a\\|b | c<br>**d** | \\*e\\* |\n");
  const std::string html = Render(doc, "x.html", "html");
  EXPECT_NE(html.find("<table>\n<tr><th>One</th><th>Two</th><th>Three</th></tr>\n"
                      "<tr><td>a|b</td><td>c<br><strong>d</strong></td><td>*e*</td></tr>\n</table>\n"),
            std::string::npos)
      << html;
}

// A piece that would make its row wider than the table (the row's first piece was dropped by the line filter,
// or it is not a row's rest at all) stays a row of its own rather than join a row it may not belong to.
TEST(RenderMarkdownTest, APieceThatDoesNotFitIsARowOfItsOwn) {
  Document doc;
  doc.blocks.push_back(Row("One Two", {0, 4}, {}));
  doc.blocks.push_back(Row("a b", {0, 2}, {}));
  doc.blocks.push_back(Row("y z", {2}, {}));
  doc.text = "One Two\na b\ny z\n";
  EXPECT_EQ(Render(doc, "x.html", "markdown"), "| One | Two |\n| --- | --- |\n| a | b |\n| y | z |\n");
  EXPECT_NE(Render(doc, "x.html", "html").find("<tr><td>a</td><td>b</td></tr>\n<tr><td>y</td><td>z</td></tr>\n"),
            std::string::npos);
}

// A run of quoted paragraphs is one quote: one <blockquote> in HTML, "> " lines joined by ">" in Markdown.
TEST(RenderTest, QuotedParagraphsAreOneQuote) {
  Document doc;
  for (const char* text : {"One.", "Two."}) {
    Block b;
    b.kind = Block::Kind::kQuote;
    b.text = text;
    doc.blocks.push_back(b);
  }
  Block p;
  p.kind = Block::Kind::kParagraph;
  p.text = "After.";
  doc.blocks.push_back(p);
  EXPECT_NE(Render(doc, "x.html", "html").find("<blockquote>\n<p>One.</p>\n<p>Two.</p>\n</blockquote>\n<p>After.</p>"),
            std::string::npos)
      << Render(doc, "x.html", "html");
  EXPECT_NE(Render(doc, "x.html", "markdown").find("> One.\n>\n> Two.\n\nAfter.\n"), std::string::npos)
      << Render(doc, "x.html", "markdown");
}

// A list item written over several lines with <br> is one item: a hard line break in Markdown, a <br> in HTML.
TEST(RenderTest, AnItemOverSeveralLinesIsOneItem) {
  Document doc;
  for (const char* text : {"One", "two", "Three", "After.", "four"}) {
    Block b;
    b.kind = Block::Kind::kListItem;
    b.text = text;
    b.continues = text[0] == 't' || text[0] == 'f';
    doc.blocks.push_back(b);
  }
  doc.blocks[3].kind = Block::Kind::kParagraph;
  // Must not fire: "four" continues no item (a paragraph is before it).
  EXPECT_EQ(Render(doc, "x.html", "markdown"), "- One\\\n  two\n- Three\n\nAfter.\n\n- four\n");
  EXPECT_NE(Render(doc, "x.html", "html").find("<ul>\n<li>One<br>two</li>\n<li>Three</li>\n</ul>\n<p>After.</p>\n"
                                               "<ul>\n<li>four</li>\n</ul>\n"),
            std::string::npos)
      << Render(doc, "x.html", "html");
}

TEST(RenderTest, TxtIsTheText) {
  Document doc;
  doc.text = "Title\nBody.\n";
  EXPECT_EQ(Render(doc, "x.html", "txt"), doc.text);
}

}  // namespace
}  // namespace cleaner::cli

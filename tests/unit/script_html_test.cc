// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Article HTML that a page ships only as data for its scripts (cleaner/script_html.h), and the pipeline's fallback
// on it for a page whose served markup has no article.

#include "cleaner/script_html.h"

#include <gtest/gtest.h>

#include <string>

#include "cleaner/cleaner.h"

namespace cleaner {
namespace {

// Three paragraphs of an article, as markup.
const std::string kArticle =
    "<p>The council met on Tuesday evening to vote on the budget for the coming year.</p>"
    "<p>After a long debate the members agreed to spend more on schools and on the roads.</p>"
    "<p>The vote was close: seven in favour, six against, and one member abstained.</p>";

// `s` escaped as a JSON serializer writes it into a script: quotes and backslashes, and '<' and '>' as \u003c and
// \u003e (so that the data cannot end the script).
std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else {
      out += c;
    }
  }
  return out;
}

// A page whose <body> is a shell and whose article is in React Query's dehydrated state (fundus's kr-HankookIlbo).
std::string QueryStatePage(const std::string& body = "<div id=root></div>") {
  return "<!DOCTYPE html><html><head><title>Council votes on the budget</title></head><body>" + body +
         "<script>window[\"__RQ\"]=window[\"__RQ\"]||[];window[\"__RQ\"].push({\"queries\":[{\"state\":{\"data\":"
         "{\"title\":\"Council votes\",\"content\":\"" +
         JsonEscape(kArticle) + "\"}}}]})</script></body></html>";
}

TEST(ScriptHtmlTest, StringsInScriptData) {
  const std::string page = QueryStatePage();
  EXPECT_TRUE(MayHaveScriptHtml(page));
  EXPECT_EQ(ScriptHtml(page), kArticle);
  // Next.js's flight data: the HTML is a JSON string inside the JavaScript string of a chunk.
  const std::string flight_chunk = "5:[\"$\",\"div\",null,{\"dangerouslySetInnerHTML\":{\"__html\":\"" +
                                   JsonEscape(kArticle) + "\"}}]\n";
  const std::string flight =
      "<html><body><script>self.__next_f.push([1,\"" + JsonEscape(flight_chunk) + "\"])</script></body></html>";
  EXPECT_TRUE(MayHaveScriptHtml(flight));
  EXPECT_EQ(ScriptHtml(flight), kArticle);
  // The longest string wins: a teaser's three short paragraphs give way to the article.
  const std::string teaser = "<p>One</p><p>Two</p><p>Three, and a few more words to make it long enough to be "
                             "looked at at all by the scan, which skips short strings.</p>";
  const std::string both = "<script>var a=\"" + JsonEscape(teaser) + "\"; var b=\"" + JsonEscape(kArticle) +
                           "\";</script>";
  EXPECT_EQ(ScriptHtml(both), kArticle);
}

TEST(ScriptHtmlTest, EscapesAreDecoded) {
  const std::string html = "<p>Caf\\u00e9 \\ud83d\\ude00 and a lone \\ud800 surrogate, \\x41, a \\\"quote\\\", "
                           "a tab\\tand a line\\nbreak, long enough to be looked at by the scan, which skips "
                           "strings under 200 bytes.</p><p>Two</p><p>Three</p>";
  const std::string got = ScriptHtml("<script>x=\"" + html + "\"</script>");
  EXPECT_EQ(got, "<p>Caf\xC3\xA9 \xF0\x9F\x98\x80 and a lone \xEF\xBF\xBD surrogate, A, a \"quote\", a tab\tand a "
                 "line\nbreak, long enough to be looked at by the scan, which skips strings under 200 bytes.</p>"
                 "<p>Two</p><p>Three</p>");
}

// Must not fire: markup of fewer than three paragraphs, short strings, strings outside scripts, unterminated
// strings and scripts, and a page without escaped paragraph markup at all.
TEST(ScriptHtmlTest, WhatIsNoArticleMarkup) {
  const std::string two = JsonEscape("<p>A cookie notice with two paragraphs of text that is long enough to be "
                                     "looked at by the scan.</p><p>Accept all cookies or manage your choices in "
                                     "the settings of this site.</p>");
  EXPECT_EQ(ScriptHtml("<script>x=\"" + two + "\"</script>"), "");
  EXPECT_EQ(ScriptHtml("<script>x=\"\\u003cp\\u003ea\\u003cp\\u003eb\\u003cp\\u003ec\"</script>"), "");
  EXPECT_EQ(ScriptHtml("<div data-x=\"" + JsonEscape(kArticle) + "\"></div>"), "");
  EXPECT_EQ(ScriptHtml("<script>x=\"" + JsonEscape(kArticle)), "");
  EXPECT_FALSE(MayHaveScriptHtml("<html><body>" + kArticle + "<script>var x = 1;</script></body></html>"));
  EXPECT_EQ(ScriptHtml(""), "");
  EXPECT_EQ(ScriptHtml("<script"), "");
}

TEST(ScriptHtmlTest, ThePipelineFallsBackOnItForAShell) {
  Extractor extractor;
  auto doc = extractor.Extract(QueryStatePage());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(doc->stats.from_script_data);
  EXPECT_EQ(doc->text,
            "The council met on Tuesday evening to vote on the budget for the coming year.\n"
            "After a long debate the members agreed to spend more on schools and on the roads.\n"
            "The vote was close: seven in favour, six against, and one member abstained.\n");
  EXPECT_EQ(doc->title, "Council votes on the budget");  // the page's metadata, not the data's
}

// Must not fire: a page with an article in its markup keeps it, whatever its scripts hold.
TEST(ScriptHtmlTest, APageWithAnArticleKeepsIt) {
  Extractor extractor;
  const std::string served = "<article><p>The mayor opened the new library on Monday morning with a speech.</p>"
                             "<p>Hundreds of readers came to see the building and borrow their first books.</p>"
                             "<p>The library will be open every day of the week from nine until nine.</p>"
                             "</article>";
  auto doc = extractor.Extract(QueryStatePage(served));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_FALSE(doc->stats.from_script_data);
  EXPECT_EQ(doc->text.find("council"), std::string::npos);
  EXPECT_NE(doc->text.find("The mayor opened"), std::string::npos);
}

}  // namespace
}  // namespace cleaner

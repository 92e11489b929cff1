// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Article HTML that a page ships only as data for its scripts (cleaner/script_html.h), and the pipeline's fallback
// on it for a page whose served markup has no article.

#include "cleaner/script_html.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cleaner/cleaner.h"

namespace cleaner {
namespace {

// An article of five paragraphs, as markup, and as the text cleaner prints for it.
const std::string kArticle =
    "<p>The council met on Tuesday evening to vote on the budget for the coming year.</p>"
    "<p>After a long debate the members agreed to spend more on schools and on the roads.</p>"
    "<p>The vote was close: seven in favour, six against, and one member abstained.</p>"
    "<p>The mayor said the budget would keep taxes where they are for a second year.</p>"
    "<p>Work on the new bridge over the river will start in the spring, the council said.</p>";
const std::string kArticleText =
    "The council met on Tuesday evening to vote on the budget for the coming year.\n"
    "After a long debate the members agreed to spend more on schools and on the roads.\n"
    "The vote was close: seven in favour, six against, and one member abstained.\n"
    "The mayor said the budget would keep taxes where they are for a second year.\n"
    "Work on the new bridge over the river will start in the spring, the council said.\n";

// `s` as the body of a JSON string, as JSON.stringify writes it: quotes and backslashes escaped.
std::string JsonString(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// `s` as the body of a string literal in a script, escaped as frameworks write data into pages: JSON's escapes, and
// '<' and '>' as \u003c and \u003e so that the data cannot end the script.
std::string ScriptString(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

const char kHead[] = "<!DOCTYPE html><html><head><title>Council votes on the budget</title></head><body>";

// A page whose <body> is `body` and whose article is in React Query's dehydrated state (fundus's kr-HankookIlbo).
std::string QueryStatePage(const std::string& body = "<div id=root></div>", const std::string& html = kArticle) {
  return kHead + body +
         "<script>window[\"__RQ\"]=window[\"__RQ\"]||[];window[\"__RQ\"].push({\"queries\":[{\"state\":{\"data\":"
         "{\"title\":\"Council votes\",\"content\":\"" +
         ScriptString(html) + "\"}}}]})</script></body></html>";
}

// A Next.js flight chunk script: `self.__next_f.push([1,"..."])` with `payload` as its string.
std::string FlightChunk(const std::string& payload) {
  return "<script>self.__next_f.push([1,\"" + ScriptString(payload) + "\"])</script>";
}

TEST(ScriptHtmlTest, StringsInScriptData) {
  const std::string page = QueryStatePage();
  EXPECT_TRUE(MayHaveScriptHtml(page));
  EXPECT_EQ(ScriptHtml(page), kArticle);
  // __NEXT_DATA__: JSON, whose strings hold the markup.
  EXPECT_EQ(ScriptHtml("<script id=__NEXT_DATA__ type=application/json>{\"props\":{\"pageProps\":{\"post\":"
                       "{\"body\":\"" + ScriptString(kArticle) + "\"}}}}</script>"),
            kArticle);
  // JSON in a string: its own strings are looked at, not the whole (wcxb 0272, 0456).
  const std::string json = "{\"post\":{\"author\":\"Ann\",\"body\":\"" + JsonString(kArticle) + "\"}}";
  EXPECT_EQ(ScriptHtml("<script>var data = JSON.parse(\"" + ScriptString(json) + "\");</script>"), kArticle);
  // The longest string wins: a teaser's three short paragraphs give way to the article.
  const std::string teaser = "<p>One</p><p>Two</p><p>Three, and a few more words to make it long enough to be "
                             "looked at at all by the scan, which skips short strings.</p>";
  EXPECT_EQ(ScriptHtml("<script>var a=\"" + ScriptString(teaser) + "\"; var b=\"" + ScriptString(kArticle) +
                       "\";</script>"),
            kArticle);
  // PHP's json_encode escapes slashes, not '<'.
  std::string php;
  for (char c : kArticle) php += c == '/' ? std::string("\\/") : std::string(1, c);
  const std::string php_page = "<script>var post = {\"html\":\"" + php + "\"};</script>";
  EXPECT_TRUE(MayHaveScriptHtml(php_page));
  EXPECT_EQ(ScriptHtml(php_page), kArticle);
}

// Next.js's flight data as Next.js writes it: rows of JSON in JavaScript strings, '<' escaped once (in the script
// string), a row split across two chunks, and text rows.
TEST(ScriptHtmlTest, NextJsFlightData) {
  const std::string row = "5:[\"$\",\"div\",null,{\"dangerouslySetInnerHTML\":{\"__html\":\"" +
                          JsonString(kArticle) + "\"}}]\n";
  const std::string page = std::string(kHead) + "<div id=root></div>" + FlightChunk("1:\"$Sreact.fragment\"\n") +
                           FlightChunk(row.substr(0, 100)) + FlightChunk(row.substr(100)) + "</body></html>";
  EXPECT_TRUE(MayHaveScriptHtml(page));
  EXPECT_EQ(ScriptHtml(page), kArticle);
  char length[16];
  std::snprintf(length, sizeof length, "%zx", kArticle.size());
  const std::string text_row = "1a:T" + std::string(length) + "," + kArticle + "1b:[\"$\",\"p\",null,{}]\n";
  EXPECT_EQ(ScriptHtml(FlightChunk("0:[]\n" + text_row)), kArticle);
}

TEST(ScriptHtmlTest, EscapesAreDecoded) {
  const std::string html = "<p>Caf\\u00e9 \\ud83d\\ude00 and a lone \\ud800 surrogate, \\x41, a \\\"quote\\\", "
                           "a tab\\tand a line\\nbreak, long enough to be looked at by the scan, which skips "
                           "strings under 200 bytes.</p><p>Two</p><p>Three</p>";
  EXPECT_EQ(ScriptHtml("<script>x=\"" + html + "\"</script>"),
            "<p>Caf\xC3\xA9 \xF0\x9F\x98\x80 and a lone \xEF\xBF\xBD surrogate, A, a \"quote\", a tab\tand a "
            "line\nbreak, long enough to be looked at by the scan, which skips strings under 200 bytes.</p>"
            "<p>Two</p><p>Three</p>");
  // Cut and malformed escapes, a high surrogate before another character, a lone low one, NULs.
  const std::string tail = "<p>Three paragraphs</p><p>of enough text</p><p>to be looked at by the scan, which "
                           "skips strings under two hundred bytes, so this one goes on for a while longer.</p>";
  EXPECT_EQ(ScriptHtml("<script>x=\"" + tail + " \\ud83d\\u0041 \\udc00 \\u00zz \\x0 \\0 \\u0000 \\u00\"</script>"),
            tail + " \xEF\xBF\xBD" "A \xEF\xBF\xBD u00zz x0     u00");  // \x0 is no escape
}

// Must not fire: markup of fewer than three paragraphs, short strings, strings outside scripts, unterminated
// strings and scripts, and a page without escaped paragraph markup at all.
TEST(ScriptHtmlTest, WhatIsNoArticleMarkup) {
  const std::string two = ScriptString("<p>A cookie notice with two paragraphs of text that is long enough to be "
                                       "looked at by the scan.</p><p>Accept all cookies or manage your choices in "
                                       "the settings of this site.</p>");
  EXPECT_EQ(ScriptHtml("<script>x=\"" + two + "\"</script>"), "");
  EXPECT_EQ(ScriptHtml("<script>x=\"\\u003cp\\u003ea\\u003cp\\u003eb\\u003cp\\u003ec\"</script>"), "");
  EXPECT_EQ(ScriptHtml("<div data-x=\"" + ScriptString(kArticle) + "\"></div>"), "");
  EXPECT_EQ(ScriptHtml("<script>x=\"" + ScriptString(kArticle)), "");
  EXPECT_FALSE(MayHaveScriptHtml("<html><body>" + kArticle + "<script>var x = 1;</script></body></html>"));
  EXPECT_EQ(ScriptHtml(""), "");
  EXPECT_EQ(ScriptHtml("<script"), "");
}

TEST(ScriptHtmlTest, MentionsTitle) {
  EXPECT_TRUE(MentionsTitle(kArticleText, "Council votes on the budget"));
  EXPECT_FALSE(MentionsTitle("We use cookies to improve your experience on this site.", "Council votes on the budget"));
  // Korean words; Chinese by pairs of characters; a title without words to compare.
  EXPECT_TRUE(MentionsTitle("\xEC\x9E\xA5\xEB\x8F\x99\xED\x98\x81 \xEA\xB5\xAD\xEB\xAF\xBC\xEC\x9D\x98\xED\x9E\x98 "
                            "\xEB\x8C\x80\xED\x91\x9C\xEA\xB0\x80",  // 장동혁 국민의힘 대표가
                            "\xEC\x9E\xA5\xEB\x8F\x99\xED\x98\x81, \xEA\xB5\xAD\xEB\xAF\xBC\xEC\x9D\x98\xED\x9E\x98"));
  // 市议会通过预算 ("the city council passes the budget"), 市议会预算 ("city council budget").
  EXPECT_TRUE(MentionsTitle("\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A\xE9\x80\x9A\xE8\xBF\x87\xE9\xA2\x84\xE7\xAE\x97",
                            "\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A\xE9\xA2\x84\xE7\xAE\x97"));
  EXPECT_TRUE(MentionsTitle("anything", ""));
}

TEST(ScriptHtmlTest, ThePipelineFallsBackOnItForAShell) {
  Extractor extractor;
  auto doc = extractor.Extract(QueryStatePage());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(doc->stats.from_script_data);
  EXPECT_EQ(doc->text, kArticleText);
  EXPECT_EQ(doc->title, "Council votes on the budget");  // the page's metadata, not the data's
  // A shell that prints a line of its own: "Loading...".
  doc = extractor.Extract(QueryStatePage("<div id=root><p>Loading...</p></div>"));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, kArticleText);
  // With the reader comments asked for: they are looked for in the HTML the text came from.
  Options with_comments;
  with_comments.include_comments = true;
  const std::string with_thread = kArticle + "<div class=comments><p>First! A comment on the budget vote.</p></div>";
  doc = Extractor(with_comments).Extract(QueryStatePage("<div id=root></div>", with_thread));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, kArticleText);
  EXPECT_EQ(doc->comments, "First! A comment on the budget vote.\n");
}

// A real page (tests/data/script-data/README.md): Hankook Ilbo serves no article in its markup, only in the React
// Query state of a script. Every paragraph and subheading of its truth comes out, each a line; the three summary
// lines the truth starts with are not in the script data's article HTML.
TEST(ScriptHtmlTest, ARealPageWhoseArticleIsOnlyInItsScriptData) {
  const std::string dir = std::string(CLEANER_SOURCE_DIR) + "/tests/data/script-data/";
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  };
  const std::string page = read(dir + "kr-HankookIlbo_2026_01_29.html");
  const std::string truth = read(dir + "kr-HankookIlbo_2026_01_29.truth.txt");
  ASSERT_FALSE(page.empty());
  ASSERT_FALSE(truth.empty());
  auto doc = Extractor().Extract(page);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(doc->stats.from_script_data);
  std::istringstream lines(truth);
  std::string line;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n < 3) continue;
    EXPECT_NE(("\n" + doc->text).find("\n" + line + "\n"), std::string::npos) << "truth line " << n << ": " << line;
  }
}

// Must not fire: a page with an article in its markup keeps it, whatever its scripts hold; and a shell whose script
// data is a cookie notice or a newsletter box as long as an article gives no text.
TEST(ScriptHtmlTest, WhatThePipelineDoesNotTake) {
  Extractor extractor;
  const std::string served = "<article><p>The mayor opened the new library on Monday morning with a speech.</p>"
                             "<p>Hundreds of readers came to see the building and borrow their first books.</p>"
                             "<p>The library will be open every day of the week from nine until nine.</p>"
                             "<p>Its reading room has space for two hundred people and a cafe on the roof.</p>"
                             "</article>";
  auto doc = extractor.Extract(QueryStatePage(served));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_FALSE(doc->stats.from_script_data);
  EXPECT_EQ(doc->text.find("council"), std::string::npos);
  EXPECT_NE(doc->text.find("The mayor opened"), std::string::npos);

  const std::string notice = "<p>We use cookies and similar technologies to run this site and to measure how it "
                             "is used.</p><p>Some of them are set by our partners, who may combine what they learn "
                             "with other data.</p><p>You can accept all of them, refuse those that are not needed, "
                             "or choose in the settings.</p><p>You can change your mind at any time from the link "
                             "at the foot of every page.</p>";
  doc = extractor.Extract(QueryStatePage("<div id=root></div>", notice));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_FALSE(doc->stats.from_script_data);
  EXPECT_EQ(doc->text, "");
}

}  // namespace
}  // namespace cleaner

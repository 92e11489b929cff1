// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Metadata: title, authors, dates, site, language, canonical URL, description, image, tags and categories,
// from JSON-LD, meta tags, microdata, bylines, the URL and the visible text.

#include "cleaner/metadata.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "cleaner/dom.h"
#include "cleaner/rules_data.h"

namespace cleaner {
namespace {

// Every test reads the page as if on 2026-06-15, so that "the future" does not move.
constexpr int kToday = 20260615;

Metadata Read(std::string_view html, std::string_view url = {}) {
  auto dom = Dom::Parse(html);
  EXPECT_TRUE(dom.ok());
  return ReadMetadata(dom.value(), url, kToday);
}

std::string Ld(std::string_view json) {
  return "<script type=\"application/ld+json\">" + std::string(json) + "</script>";
}

TEST(MetadataTest, NothingDeclared) {
  Metadata m = Read("<p>text</p>");
  EXPECT_EQ(m.title, "");
  EXPECT_EQ(m.language, "");
}

TEST(MetadataTest, OgTitleIsPreferred) {
  Metadata m = Read(
      "<html><head><title>Headline words here | Site</title>"
      "<meta property=og:title content='  The  Real\n Headline '></head>"
      "<body><h1>Other</h1></body></html>");
  EXPECT_EQ(m.title, "The Real Headline");
}

TEST(MetadataTest, TwitterTitleByName) {
  Metadata m = Read("<head><title>T</title><meta name=twitter:title content='From Twitter card'></head>");
  EXPECT_EQ(m.title, "From Twitter card");
}

TEST(MetadataTest, FirstOgTitleWins) {
  Metadata m = Read(
      "<head><meta property=og:title content='First'><meta property=og:title content='Second'>"
      "</head>");
  EXPECT_EQ(m.title, "First");
}

TEST(MetadataTest, TitleDropsTheSiteNameAfterASeparator) {
  EXPECT_EQ(Read("<title>Headline words here | Site</title>").title, "Headline words here");
  EXPECT_EQ(Read("<title>Headline words here - Site Name</title>").title, "Headline words here");
  EXPECT_EQ(Read("<title>Headline words here \xE2\x80\x94 Site</title>").title, "Headline words here");
}

TEST(MetadataTest, TitleDropsTheSiteNameBeforeASeparator) {
  EXPECT_EQ(Read("<title>Site | Headline words here</title>").title, "Headline words here");
}

TEST(MetadataTest, ShortTitleIsKeptWhole) {
  EXPECT_EQ(Read("<title>Budget | Site</title>").title, "Budget | Site");
  EXPECT_EQ(Read("<title>Just a title</title>").title, "Just a title");
}

TEST(MetadataTest, TitleEntitiesAndSpacesAreNormalised) {
  EXPECT_EQ(Read("<title>\n  Fish &amp; chips   tonight \n</title>").title, "Fish & chips tonight");
}

TEST(MetadataTest, FirstH1WithoutATitle) {
  EXPECT_EQ(Read("<body><h1>Main <em>heading</em></h1><h1>Second</h1></body>").title, "Main heading");
}

TEST(MetadataTest, LanguageFromHtmlLang) {
  EXPECT_EQ(Read("<html lang=\"hi-IN\"><body>x</body></html>").language, "hi");
  EXPECT_EQ(Read("<html lang=EN_us><body>x</body></html>").language, "en");
  EXPECT_EQ(Read("<html lang=' fr '><body>x</body></html>").language, "fr");
  EXPECT_EQ(Read("<html lang=fil><body>x</body></html>").language, "fil");
  EXPECT_EQ(Read("<html xml:lang=de><body>x</body></html>").language, "de");
}

TEST(MetadataTest, MalformedLanguageIsEmpty) {
  EXPECT_EQ(Read("<html lang=x><body>x</body></html>").language, "");
  EXPECT_EQ(Read("<html lang=english><body>x</body></html>").language, "");
  EXPECT_EQ(Read("<html lang='e1'><body>x</body></html>").language, "");
  EXPECT_EQ(Read("<html lang=''><body>x</body></html>").language, "");
  // A charset declared as the language (fundus's cn-People), and letters that are no language.
  EXPECT_EQ(Read("<head><meta http-equiv=Content-Language content=utf-8></head>").language, "");
  EXPECT_EQ(Read("<html lang=qqq><body>x</body></html>").language, "");
  // Three-letter codes are languages too, in ICU's canonical form (rule files are named so); "undetermined" and
  // "no language" say nothing; retired codes are today's.
  EXPECT_EQ(Read("<html lang=eng><body>x</body></html>").language, "en");
  EXPECT_EQ(Read("<html lang=deu><body>x</body></html>").language, "de");
  EXPECT_EQ(Read("<html lang=yue-HK><body>x</body></html>").language, "yue");
  EXPECT_EQ(Read("<html lang=und><body>x</body></html>").language, "");
  EXPECT_EQ(Read("<html lang=zxx><body>x</body></html>").language, "");
  EXPECT_EQ(Read("<html lang=iw><body>x</body></html>").language, "he");
}

TEST(MetadataTest, LanguageFromContentLanguageMeta) {
  EXPECT_EQ(Read("<head><meta http-equiv=content-language content=hi></head>").language, "hi");
  // <html lang> comes first.
  EXPECT_EQ(Read("<html lang=en><head><meta http-equiv=content-language content=hi></head></html>").language,
            "en");
}

TEST(MetadataTest, ContentLanguageIsMatchedCaseInsensitively) {
  // http-equiv values are ASCII case-insensitive (HTML standard, "pragma directives"), and pages write them
  // capitalised as the HTTP header is: <meta http-equiv="Content-Language" content="hi">.
  EXPECT_EQ(Read("<head><meta http-equiv=\"Content-Language\" content=\"hi\"></head>").language, "hi");
}

// ----- JSON-LD

TEST(MetadataJsonLdTest, GraphWithNewsArticleAndReferencedAuthor) {
  Metadata m =
      Read("<html><head><title>Other | Site</title>" + Ld(R"({"@context":"https://schema.org","@graph":[
                         {"@type":"WebSite","@id":"#site","name":"The Daily Example"},
                         {"@type":"WebPage","@id":"#page","name":"Page name"},
                         {"@type":"Person","@id":"#jane","name":"Jane Doe"},
                         {"@type":"NewsArticle","headline":"Council approves the new bridge",
                          "author":{"@id":"#jane"},"datePublished":"2024-03-12T09:30:00+01:00",
                          "dateModified":"2024-03-13T10:00:00Z","articleSection":["Local","Transport"],
                          "keywords":"bridge, council,  river ","inLanguage":"en-GB",
                          "image":{"@type":"ImageObject","url":"https://example.com/bridge.jpg"}}]})") +
           "</head><body><p>x</p></body></html>");
  EXPECT_EQ(m.title, "Council approves the new bridge");
  EXPECT_EQ(m.authors, std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(m.date, "2024-03-12");
  EXPECT_EQ(m.date_modified, "2024-03-13");
  EXPECT_EQ(m.site, "The Daily Example");
  EXPECT_EQ(m.language, "en");
  EXPECT_EQ(m.image, "https://example.com/bridge.jpg");
  EXPECT_EQ(m.categories, std::vector<std::string>({"Local", "Transport"}));
  EXPECT_EQ(m.tags, std::vector<std::string>({"bridge", "council", "river"}));
}

TEST(MetadataJsonLdTest, TopLevelArrayAndTypeArray) {
  Metadata m = Read(Ld(R"([{"@type":"Organization","name":"Org"},
                           {"@type":["Article","NewsArticle"],"headline":"Array headline",
                            "author":[{"@type":"Person","name":"A. One"},{"@type":"Person","name":"B. Two"}],
                            "publisher":{"@type":"Organization","name":"The Publisher"}}])"));
  EXPECT_EQ(m.title, "Array headline");
  EXPECT_EQ(m.authors, std::vector<std::string>({"A. One", "B. Two"}));
  EXPECT_EQ(m.site, "The Publisher");
}

TEST(MetadataJsonLdTest, BrokenJsonLdIsReadAsFarAsItGoes) {
  // CDATA wrapper, a raw newline inside a string, a trailing comma, an escaped unicode character, an entity.
  Metadata m =
      Read(Ld("<![CDATA[ {\"@type\": \"BlogPosting\", \"headline\": \"Line one\nline two \\u00e9 &amp; co\","
              " \"datePublished\": \"2023-01-02\", } ]]>"));
  EXPECT_EQ(m.title, "Line one line two \xC3\xA9 & co");
  EXPECT_EQ(m.date, "2023-01-02");
  // An unescaped quote ends the string early; what came before is kept.
  m = Read(Ld(R"({"@type":"NewsArticle","datePublished":"2022-05-06","headline":"He said "no" today"})"));
  EXPECT_EQ(m.date, "2022-05-06");
}

TEST(MetadataJsonLdTest, HostileJsonLdIsBounded) {
  std::string deep(200000, '[');
  Metadata m = Read(Ld(deep) + Ld("{\"@type\":\"Article\",\"headline\":\"Still read\"}"));
  EXPECT_EQ(m.title, "Still read");
  std::string many;
  for (int i = 0; i < 200; ++i) many += Ld("{\"@type\":\"Thing\"}");
  m = Read(many +
           Ld("{\"@type\":\"Article\",\"headline\":\"After many\"}"));  // past the script cap: not read
  EXPECT_EQ(m.title, "");
  Read(Ld("{\"a\":\"\\ud800\",\"b\":\"\\u12\",\"c\":\"unterminated"));  // no crash
  Read(Ld(std::string(100000, '"')));
}

// Random mixes of JSON punctuation, quotes, escapes and names: whatever the page holds, the reader returns.
TEST(MetadataJsonLdTest, RandomJsonLdNeverCrashes) {
  // clang-format off
  static constexpr std::string_view kPieces[] = {
      "{", "}", "[", "]", ",", ":", "\"", "'", "\\", "\\u", "\\ud83d", "\\udc00", "@type", "\"@type\"",
      "\"NewsArticle\"", "\"headline\"", "\"author\"", "\"@id\"", "\"datePublished\"", "2024-01-02", "true",
      "null", "-1e9", " ", "\n", "<![CDATA[", "]]>", "&amp;", "<b>", "\xE0\xA4\xAE"};
  // clang-format on
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string body;
    for (int k = 0; k < 40; ++k) {
      state = state * 1103515245u + 12345u;
      body += kPieces[(state >> 16) % std::size(kPieces)];
    }
    Metadata m = Read(Ld(body) + "<p>" + body + "</p>");
    EXPECT_LE(m.title.size(), 8192u);
    // The text functions also take bytes that are not UTF-8 (a cut sequence, a stray 0xFF).
    body += round % 2 ? "\xE0\xA4" : "\xFF";
    FindDateInText(body, kToday);
    SplitAuthors(body);
  }
}

TEST(MetadataJsonLdTest, WikipediaNameIsTheTitleNotTheHeadline) {
  Metadata m =
      Read("<title>Hermitian matrix - Wikipedia</title>" + Ld(R"({"@type":"Article","name":"Hermitian matrix",
                           "headline":"matrix equal to its conjugate-transpose"})"));
  EXPECT_EQ(m.title, "Hermitian matrix");
}

TEST(MetadataJsonLdTest, FaqQuestionsAndListingsAreNotThePage) {
  Metadata m =
      Read("<title>Machine Learning Recruiters</title>" +
           Ld(R"({"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"What is your process?"}]})"));
  EXPECT_EQ(m.title, "Machine Learning Recruiters");
  std::string list;
  for (int i = 0; i < 3; ++i)
    list += Ld("{\"@type\":\"BlogPosting\",\"headline\":\"Post " + std::to_string(i) + "\"}");
  EXPECT_EQ(Read("<title>The blog of someone</title>" + list).title, "The blog of someone");
}

TEST(MetadataJsonLdTest, OgTitleWinsOverTheHeadlineWithAKicker) {
  Metadata m = Read("<head><meta property=og:title content='Chiesa ruft zum Widerstand auf'>" +
                    Ld(R"({"@type":"NewsArticle","headline":"Parteitag: Chiesa ruft zum Widerstand auf"})") +
                    "</head>");
  EXPECT_EQ(m.title, "Chiesa ruft zum Widerstand auf");
}

TEST(MetadataJsonLdTest, OgTitleWinsOverAHeadlineThatThePageDoesNotShow) {
  // The <title> and the <h1> (whose overline is a <span>) carry the og:title's words; the headline lacks them.
  Metadata m = Read("<head><title>Nationale Demo Der 9. Juli naht - Tageblatt.lu</title>"
                    "<meta property=og:title content='Nationale Demo / Der 9. Juli naht'>" +
                    Ld(R"({"@type":"NewsArticle","headline":"Der 9. Juli naht"})") +
                    "</head><body><h1><span>Nationale Demo</span>Der 9. Juli naht</h1></body>");
  EXPECT_EQ(m.title, "Nationale Demo / Der 9. Juli naht");
  // The <h1> shows the headline: it stays, though the <title> repeats the og:title.
  m = Read("<head><title>The social title of the story - Site</title>"
           "<meta property=og:title content='The social title of the story'>" +
           Ld(R"({"@type":"NewsArticle","headline":"Fredrik and Vetle go around Norway"})") +
           "</head><body><h1>Fredrik and Vetle go around Norway</h1></body>");
  EXPECT_EQ(m.title, "Fredrik and Vetle go around Norway");
}

// ----- Titles and site names

TEST(MetadataTitleTest, OgTitleAndTitleWithTheSiteName) {
  Metadata m = Read(
      "<head><title>Council approves bridge | The Daily Example</title>"
      "<meta property=og:site_name content='The Daily Example'></head>");
  EXPECT_EQ(m.title, "Council approves bridge");
  EXPECT_EQ(m.site, "The Daily Example");
  m = Read(
      "<head><title>Budget | The Daily Example</title><meta property=og:site_name content='The Daily "
      "Example'>"
      "</head>");
  EXPECT_EQ(m.title, "Budget");  // short, but the site name is known
  m = Read(
      "<head><meta property=og:title content='Council approves bridge - The Daily Example'>"
      "<meta property=og:site_name content='The Daily Example'></head>");
  EXPECT_EQ(m.title, "Council approves bridge");
  m = Read("<head><meta property=og:title content='Math Tutor | Online Math Tutor'></head>");
  EXPECT_EQ(m.title, "Online Math Tutor");
}

TEST(MetadataTitleTest, TitleAndH1WithDifferentOverlinesAgreeOnTheHeadline) {
  // «Die Zurückhaltung hat viel mit den USA zu tun»
  const std::string headline = "\xC2\xAB" "Die Zur\xC3\xBC" "ckhaltung hat viel mit den USA zu tun\xC2\xBB";
  Metadata m = Read("<head><meta property=og:title content='Iranischer Angriff auf Israel: " + headline +
                    "'></head><body><h1>Eskalation im Nahen Osten - " + headline + "</h1></body>");
  EXPECT_EQ(m.title, headline);
  // One overline written two ways is part of the title.
  m = Read(
      "<head><meta property=og:title content='How we designed Dropbox\xE2\x80\x99s ATF - an async task "
      "framework'></head><body><h1>How we designed Dropbox ATF: an async task framework</h1></body>");
  EXPECT_EQ(m.title, "How we designed Dropbox\xE2\x80\x99s ATF - an async task framework");
}

TEST(MetadataTitleTest, SiteTailWithoutSpacesGoesWhenAnotherSourceHasTheHeadline) {
  // og:title "Headline-Section|Site" beside <meta name=headline> or an <h1> that is the headline alone.
  const std::string head =
      "<meta property=og:title content='Council approves the new bridge-Local\xE3\x85\xA3"
      "Daily Example'>"
      "<meta property=og:site_name content='Daily Example'>";
  EXPECT_EQ(Read("<head>" + head + "<meta name=headline content='Council approves the new bridge'></head>").title,
            "Council approves the new bridge");
  EXPECT_EQ(Read("<head>" + head + "</head><body><h1>Council approves the new bridge</h1></body>").title,
            "Council approves the new bridge");
  // A longer headline is not cut to a source that stops inside it, and a tail without the site stays.
  EXPECT_EQ(Read("<head>" + head + "</head><body><h1>Council approves the new</h1></body>").title,
            "Council approves the new bridge-Local\xE3\x85\xA3" "Daily Example");
  EXPECT_EQ(Read("<head><meta property=og:title content='Council approves the new bridge: what it costs'>"
                 "<meta property=og:site_name content='Daily Example'></head>"
                 "<body><h1>Council approves the new bridge</h1></body>")
                .title,
            "Council approves the new bridge: what it costs");
}

TEST(MetadataTitleTest, ForeignOgTitleAndTheTitlePartTheH1Repeats) {
  // An og:title that shares no word with the <title> that holds the <h1> is the site's default; the <title>'s
  // part that the <h1> repeats is the title, and a twitter:title that is the site's name names no page.
  const std::string head =
      "<head><title>machine-learning \xC2\xB7 Example Topics \xC2\xB7 Example</title>"
      "<meta property=og:site_name content='Example'><meta name=twitter:title content='Example'>";
  EXPECT_EQ(Read(head + "<meta property=og:title content='Build software better, together'></head>"
                        "<body><h1>Machine learning</h1></body>")
                .title,
            "machine-learning");
  // An og:title that shares a word with the <title> stays.
  EXPECT_EQ(Read(head + "<meta property=og:title content='Top machine-learning repositories'></head>"
                        "<body><h1>Machine learning</h1></body>")
                .title,
            "Top machine-learning repositories");
}

// From review: cases the three rules above must leave alone.
TEST(MetadataTitleTest, TheTitleRulesLeaveHeadlinesAlone) {
  auto read = [](std::string_view head, std::string_view body) {
    return Read("<head>" + std::string(head) + "</head><body>" + std::string(body) + "</body>").title;
  };
  // A Chinese <title> with its site tail unspaced is one "word": its og:title, the <h1>, is no site default.
  const std::string zh = "\xE5\x9B\xBD\xE5\x8A\xA1\xE9\x99\xA2\xE5\x8F\x91\xE5\xB8\x83\xE6\x96\xB0"
                         "\xE8\xA7\x84";  // 国务院发布新规
  EXPECT_EQ(read("<title>" + zh + "_\xE6\x96\xB0\xE9\x97\xBB\xE4\xB8\xAD\xE5\xBF\x83</title>"
                 "<meta property=og:title content='" + zh + "'>",
                 "<h1>" + zh + "</h1>"),
            zh);
  // A <title> that is the site's name, beside a masthead <h1>: the og:title is the page's.
  EXPECT_EQ(read("<title>Riverside Courier</title>"
                 "<meta property=og:title content='Council approves new budget after marathon session'>",
                 "<h1>Riverside Courier</h1>"),
            "Council approves new budget after marathon session");
  // A kicker, a section or a brand <h1> that is one part of the <title> is not the title.
  const std::string site = "<meta property=og:site_name content='Pacific Tribune'>";
  EXPECT_EQ(read("<title>Breaking News - Earthquake of magnitude 6.1 strikes off Japan coast | Pacific Tribune"
                 "</title>" + site,
                 "<h1>Breaking News</h1><h2>Earthquake strikes</h2>"),
            "Breaking News - Earthquake of magnitude 6.1 strikes off Japan coast");
  EXPECT_EQ(read("<title>Council approves budget after marathon session - Local News | Pacific Tribune</title>" +
                     site,
                 "<h1>Local News</h1>"),
            "Council approves budget after marathon session - Local News");
  // Must not fire the other way: a section before the headline still goes (from review).
  EXPECT_EQ(read("<title>Opinion | The case for four-day weeks - The Daily</title>"
                 "<meta property=og:site_name content='The Daily'>",
                 "<h1>The case for four-day weeks</h1>"),
            "The case for four-day weeks");
  // An <h1> that shares only a short word with a search <title> is the blog's name, not the post's.
  EXPECT_EQ(read("<title>How to repot a monstera without killing it - Greenhouse Diaries</title>",
                 "<h1>Welcome to the Greenhouse</h1><h2>How to repot a monstera</h2>"),
            "How to repot a monstera without killing it");
  EXPECT_EQ(read("<title>Receta de tortilla de patatas jugosa | Cocina F\xC3\xA1\x63il</title>",
                 "<h1>El blog de cocina casera</h1>"),
            "Receta de tortilla de patatas jugosa");
}

TEST(MetadataTitleTest, OneH1ThatRewordsASearchTitle) {
  auto page = [](std::string_view head, std::string_view h1) {
    return "<head>" + std::string(head) + "</head><body><h1>" + std::string(h1) + "</h1><p>text</p></body>";
  };
  EXPECT_EQ(Read(page("<title>SF Bay Area Concerts, Festivals, Tickets &amp; Tour Dates \xE2\x80\x93 Example</title>",
                      "Concerts in SF Bay Area"))
                .title,
            "Concerts in SF Bay Area");
  // Beside an og:title that repeats the <title>, only the <title>'s words reordered.
  const std::string og = "<title>E-commerce and retail data analytics software | Example</title>"
                         "<meta property=og:title content='E-commerce and retail data analytics software'>";
  EXPECT_EQ(Read(page(og, "Data analytics for retail and e-commerce")).title,
            "Data analytics for retail and e-commerce");
  EXPECT_EQ(Read(page(og, "Retail data that really counts for you")).title,
            "E-commerce and retail data analytics software");
  // Not: a <title> without a site name, an <h1> inside the <title>, an <h1> with a separator, two <h1>s.
  EXPECT_EQ(Read(page("<title>MathJax v3 with MathML input and HTML output</title>",
                      "MathJax v3 beta: MathML input, HTML output test"))
                .title,
            "MathJax v3 with MathML input and HTML output");
  EXPECT_EQ(Read(page("<title>Retirement Planning Calculator | Capital Example</title>",
                      "Retirement Planning Calculator - Example Funds"))
                .title,
            "Retirement Planning Calculator");
  EXPECT_EQ(Read("<head><title>SF Bay Area Concerts and Tour Dates | Example</title></head>"
                 "<body><h1>Concerts in SF Bay Area</h1><h1>Popular tickets</h1></body>")
                .title,
            "SF Bay Area Concerts and Tour Dates");
}

TEST(MetadataTitleTest, SiteNameThatIsTheTitleIsIgnored) {
  Metadata m = Read(
      "<head><meta property=og:title content='A long headline that a site also uses as its name'>"
      "<meta property=og:site_name content='A long headline that a site also uses as its name'>"
      "</head>");
  EXPECT_EQ(m.site, "");
  EXPECT_EQ(m.title, "A long headline that a site also uses as its name");
}

TEST(MetadataTitleTest, H1ThatWritesTheDeclaredTitleOutInFull) {
  auto page = [](std::string_view og, std::string_view h1) {
    return "<head><meta property=og:title content='" + std::string(og) + "'></head><body><h1>" +
           std::string(h1) + "</h1><p>text</p></body>";
  };
  EXPECT_EQ(Read(page("Machine Learning Recruiters", "Machine Learning Recruiters and Executive Search")).title,
            "Machine Learning Recruiters and Executive Search");
  EXPECT_EQ(Read(page("8 Best Zoom Alternatives in 2026",
                      "Best Zoom Alternatives for 2026: Top 8 Video Conferencing Tools"))
                .title,
            "Best Zoom Alternatives for 2026: Top 8 Video Conferencing Tools");
  // A <title> alone is written out the same way.
  EXPECT_EQ(Read("<head><title>Famine risks are badly managed</title></head>"
                 "<body><h1>Chatham House report: Famine risks are badly managed</h1></body>")
                .title,
            "Chatham House report: Famine risks are badly managed");
  // Not: an <h1> with other words, or with 2 words more only, or the title in a heading many times its length.
  EXPECT_EQ(Read(page("Machine Learning Recruiters", "Recruiting for Executive Search Firms Nationwide")).title,
            "Machine Learning Recruiters");
  EXPECT_EQ(Read(page("Machine Learning Recruiters", "Machine Learning Recruiters Nationwide Today")).title,
            "Machine Learning Recruiters");
  EXPECT_EQ(Read(page("Machine Learning Recruiters",
                      "We are the Machine Learning Recruiters that firms call when they need a team fast"))
                .title,
            "Machine Learning Recruiters");
  // Not: a title under 3 words.
  EXPECT_EQ(Read(page("Recruiters", "Recruiters for Learning Teams")).title, "Recruiters");
  // Not: a heading that prints the headline twice, or a title whose repeated words the heading holds once.
  EXPECT_EQ(Read(page("Fed hikes rates again", "Fed hikes rates again Fed hikes rates again")).title,
            "Fed hikes rates again");
  EXPECT_EQ(Read(page("New York, New York", "Hotels in New York for every budget")).title, "New York, New York");
  // Not: a heading with elements inside (a byline, a time), or whose added words hold a digit (a count).
  EXPECT_EQ(Read(page("Fed raises interest rates again",
                      "Fed raises interest rates again <small class=byline>by Jane Doe, Reuters</small>"))
                .title,
            "Fed raises interest rates again");
  EXPECT_EQ(Read(page("The Council That Kicked", "The Council That Kicked Hornets Nest 199 Comments")).title,
            "The Council That Kicked");
  // "१९९ टिप्पणियाँ": 199 comments, in Devanagari digits.
  EXPECT_EQ(Read(page("The Council That Kicked",
                      "The Council That Kicked Hornets Nest \xE0\xA5\xA7\xE0\xA5\xAF\xE0\xA5\xAF "
                      "\xE0\xA4\x9F\xE0\xA4\xBF\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xAA\xE0\xA4\xA3"
                      "\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE\xE0\xA4\x81"))
                .title,
            "The Council That Kicked");
  // Not: a heading with a separator, naming the site or the section.
  EXPECT_EQ(Read(page("The Council That Kicked", "Daily Example | example.com | The Council That Kicked")).title,
            "The Council That Kicked");
  EXPECT_EQ(Read(page("The Council That Kicked",
                      "Daily Example \xE2\x80\x93 example.com \xE2\x80\x93 The Council That Kicked"))
                .title,
            "The Council That Kicked");
  EXPECT_EQ(Read(page("Fed raises interest rates again",
                      "Home \xC2\xBB World \xC2\xBB Fed raises interest rates again"))
                .title,
            "Fed raises interest rates again");
  // Not: beside a JSON-LD headline, which stays the title.
  EXPECT_EQ(Read("<head>" + Ld(R"({"@type":"NewsArticle","headline":"Machine Learning Recruiters"})") +
                 "</head><body><h1>Machine Learning Recruiters and Executive Search</h1></body>")
                .title,
            "Machine Learning Recruiters");
}

TEST(MetadataTitleTest, ArticleH1BeforeTheLogoH1) {
  EXPECT_EQ(Read("<body><header><h1>Logo</h1></header><article><h1>The story</h1></article></body>").title,
            "The story");
}

// ----- Dates

TEST(MetadataDateTest, NormalizesIso8601AndRfc822) {
  EXPECT_EQ(NormalizeDate("2024-03-12T10:00:00Z"), "2024-03-12");
  EXPECT_EQ(NormalizeDate(" 2024-03-12 "), "2024-03-12");
  EXPECT_EQ(NormalizeDate("2024-3-5"), "2024-03-05");
  EXPECT_EQ(NormalizeDate("2024/03/12 10:00"), "2024-03-12");
  EXPECT_EQ(NormalizeDate("20240312"), "2024-03-12");
  EXPECT_EQ(NormalizeDate("2024-03-12T10:00:00.123+05:30"), "2024-03-12");
  EXPECT_EQ(NormalizeDate("Tue, 12 Mar 2024 10:00:00 GMT"), "2024-03-12");
  EXPECT_EQ(NormalizeDate("2024-02-30"), "");
  EXPECT_EQ(NormalizeDate("2024"), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate(""), "");
}

TEST(MetadataDateTest, VisibleDatesInSeveralLanguages) {
  EXPECT_EQ(FindDateInText("Published March 3, 2024 by Jane", kToday), "2024-03-03");
  EXPECT_EQ(FindDateInText("Posted on 3rd March 2024", kToday), "2024-03-03");
  EXPECT_EQ(FindDateInText("Sept. 9, 2023", kToday), "2023-09-09");
  EXPECT_EQ(FindDateInText("Veröffentlicht am 12. März 2024, 10:15 Uhr", kToday), "2024-03-12");
  EXPECT_EQ(FindDateInText("Publié le 3 février 2024", kToday), "2024-02-03");
  EXPECT_EQ(FindDateInText("Publicado el 5 de mayo de 2023", kToday), "2023-05-05");
  EXPECT_EQ(FindDateInText("Pubblicato il 7 luglio 2022", kToday), "2022-07-07");
  EXPECT_EQ(FindDateInText("Publicado em 5 de novembro de 2024", kToday), "2024-11-05");
  EXPECT_EQ(FindDateInText("12.03.2024 um 10:00", kToday), "2024-03-12");
  // French and Spanish abbreviated months (from review).
  EXPECT_EQ(FindDateInText("Le 3 janv. 2024", kToday), "2024-01-03");
  EXPECT_EQ(FindDateInText("12 f\xC3\xA9vr. 2024", kToday), "2024-02-12");
  EXPECT_EQ(FindDateInText("7 juil. 2023", kToday), "2023-07-07");
  EXPECT_EQ(FindDateInText("5 d\xC3\xA9\x63. 2023", kToday), "2023-12-05");
  EXPECT_EQ(FindDateInText("9 avr. 2024", kToday), "2024-04-09");
  EXPECT_EQ(FindDateInText("14 ene. 2024", kToday), "2024-01-14");
  EXPECT_EQ(FindDateInText("2 dic 2023", kToday), "2023-12-02");
  EXPECT_EQ(FindDateInText("Posted 2 hours ago. 14, 2024 edition", kToday), "");  // must not fire (review)
  EXPECT_EQ(FindDateInText("2024年4月24日 08:00", kToday), "2024-04-24");
  EXPECT_EQ(FindDateInText("no date here, only 2024 and 12", kToday), "");
}

TEST(MetadataDateTest, HindiMonthNames) {
  // "Updated: 12 March 2024" in Hindi, with ASCII and with Devanagari digits.
  EXPECT_EQ(FindDateInText("\xE0\xA4\x85\xE0\xA4\xAA\xE0\xA4\xA1\xE0\xA5\x87\xE0\xA4\x9F: 12 "
                           "\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\x9A 2024",
                           kToday),
            "2024-03-12");
  EXPECT_EQ(
      FindDateInText("\xE0\xA5\xA7\xE0\xA5\xA8 \xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\x9A "
                     "\xE0\xA5\xA8\xE0\xA5\xA6\xE0\xA5\xA8\xE0\xA5\xAA",
                     kToday),
      "2024-03-12");
  // फ़रवरी with the precomposed letter and with the combining nukta; सितम्बर and सितंबर.
  EXPECT_EQ(FindDateInText("5 \xE0\xA5\x9E\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80 2024", kToday),
            "2024-02-05");
  EXPECT_EQ(FindDateInText("5 \xE0\xA4\xAB\xE0\xA4\xBC\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80 2024",
                           kToday),
            "2024-02-05");
  EXPECT_EQ(FindDateInText(
                "1 \xE0\xA4\xB8\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0 2023",
                kToday),
            "2023-09-01");
  // अक्‍टूबर (October) with a zero-width joiner after its virama, as some Hindi sites write it.
  EXPECT_EQ(FindDateInText("3 \xE0\xA4\x85\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D"
                           "\xE0\xA4\x9F\xE0\xA5\x82\xE0\xA4\xAC\xE0\xA4\xB0 2023",
                           kToday),
            "2023-10-03");
  // The whole page: the date under the headline, as Hindi news sites print it.
  Metadata m = Read(
      "<html lang=hi><body><h1>\xE0\xA4\x96\xE0\xA4\xAC\xE0\xA4\xB0</h1><p>12 "
      "\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\x9A 2024</p><p>text</p></body></html>");
  EXPECT_EQ(m.date, "2024-03-12");
}

TEST(MetadataDateTest, CopyrightYearsAreNotDates) {
  EXPECT_EQ(FindDateInText("\xC2\xA9 1 January 2020 Example Inc.", kToday), "");
  EXPECT_EQ(FindDateInText("Copyright 12 March 2021", kToday), "");
  // Further from the mark, on its line: 62 bytes.
  EXPECT_EQ(FindDateInText("Copyright Example News Group Limited and its licensors, 1 March 2019. All rights "
                           "reserved.",
                           kToday),
            "");
  // A date on a line of its own after a copyright line is a date.
  EXPECT_EQ(FindDateInText("\xC2\xA9 Example\n1 March 2019", kToday), "2019-03-01");
  Metadata m = Read(
      "<body><h1>Headline</h1><p>Some text.</p><footer>\xC2\xA9 2024 Example. All rights reserved."
      "</footer></body>");
  EXPECT_EQ(m.date, "");
}

TEST(MetadataDateTest, AReadersCommentsTimeIsNotTheArticlesDate) {
  Metadata m = Read(
      "<body><article><h1>Headline</h1><p>Some text.</p></article><section class=comments><div class=comment>"
      "<time datetime=2025-06-01>June 1</time><p>Nice.</p></div></section></body>");
  EXPECT_EQ(m.date, "");
  // A <time> and a byline in an opinion section ("commentary") are the article's.
  m = Read("<body><div class=section-commentary><h1>Headline</h1><div class=byline>By Jane Doe</div>"
           "<time datetime=2025-06-01>June 1</time><p>Some text.</p></div></body>");
  EXPECT_EQ(m.date, "2025-06-01");
  EXPECT_EQ(m.authors, (std::vector<std::string>{"Jane Doe"}));
}

TEST(MetadataDateTest, FutureDatesAreRejected) {
  EXPECT_EQ(FindDateInText("Event on 1 January 2030", kToday), "");
  EXPECT_EQ(FindDateInText("Event on 1 January 2030, posted 2 May 2026", kToday), "2026-05-02");
  Metadata m = Read(
      "<head><meta property=article:published_time content=2031-01-01T00:00:00Z>"
      "<meta name=date content=2025-12-24></head>");
  EXPECT_EQ(m.date, "2025-12-24");
  // One day of slack for time zones ahead of UTC; not two.
  EXPECT_EQ(Read("<head><meta property=article:published_time content=2026-06-16></head>").date,
            "2026-06-16");
  EXPECT_EQ(Read("<head><meta property=article:published_time content=2026-06-17></head>").date, "");
  // Nor the unset timestamp of the Unix epoch.
  EXPECT_EQ(Read("<head><meta property=article:published_time content=1970-01-01></head>").date, "");
}

TEST(MetadataDateTest, SourcesInOrder) {
  const std::string head = "<meta property=article:published_time content=2024-02-02>";
  const std::string time = "<time datetime=2024-03-03>3 March</time>";
  // JSON-LD, then meta tags, then the URL, then <time>, then the visible text.
  EXPECT_EQ(Read(Ld(R"({"@type":"NewsArticle","datePublished":"2024-01-01"})") + head).date, "2024-01-01");
  EXPECT_EQ(Read("<head>" + head + "</head><body>" + time + "</body>", "https://x.org/2024/04/04/a").date,
            "2024-02-02");
  EXPECT_EQ(Read("<body>" + time + "</body>", "https://x.org/2024/04/04/a").date, "2024-04-04");
  EXPECT_EQ(Read("<body>" + time + "</body>", "https://x.org/news/a").date, "2024-03-03");
  EXPECT_EQ(Read("<body><h1>T</h1><p>5 May 2024</p></body>", "https://x.org/a-20240606-b").date,
            "2024-06-06");
  EXPECT_EQ(Read("<body><h1>T</h1><p class=date>Updated 5 May 2024</p></body>").date, "2024-05-05");
  // Only a modification date: it stands in for the publication date.
  Metadata m = Read("<head><meta property=article:modified_time content=2024-07-07T07:00:00Z></head>");
  EXPECT_EQ(m.date_modified, "2024-07-07");
  EXPECT_EQ(m.date, "2024-07-07");
}

// ----- Authors

TEST(MetadataAuthorTest, BylinesAreSplitAndCleaned) {
  EXPECT_EQ(SplitAuthors("By Jane Doe and John Roe"), std::vector<std::string>({"Jane Doe", "John Roe"}));
  EXPECT_EQ(SplitAuthors("by Jane Doe, John Roe & Max Mustermann"),
            std::vector<std::string>({"Jane Doe", "John Roe", "Max Mustermann"}));
  EXPECT_EQ(SplitAuthors("By Nathan Willis March 25, 2015"), std::vector<std::string>({"Nathan Willis"}));
  EXPECT_EQ(SplitAuthors("Von Anna Schmidt | 12.03.2024"), std::vector<std::string>({"Anna Schmidt"}));
  EXPECT_EQ(SplitAuthors("Par Sébastien Farcis"), std::vector<std::string>({"Sébastien Farcis"}));
  EXPECT_EQ(SplitAuthors("Author: Jane Doe"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("Jane Doe, jane@example.com"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("https://www.facebook.com/someone"), std::vector<std::string>());
  EXPECT_EQ(SplitAuthors("jane doe and Jane Doe"), std::vector<std::string>({"jane doe"}));
  // A separator with a single letter on one side is inside a name, not between two.
  EXPECT_EQ(SplitAuthors("Mac & i"), std::vector<std::string>({"Mac & i"}));
  EXPECT_EQ(SplitAuthors("Smith, J"), std::vector<std::string>({"Smith, J"}));
  EXPECT_EQ(SplitAuthors("Dupont, \xC3\x89"), std::vector<std::string>({"Dupont, \xC3\x89"}));  // "É", two bytes
  EXPECT_EQ(SplitAuthors("Jane Doe & Jo Roe"), std::vector<std::string>({"Jane Doe", "Jo Roe"}));
  // "le", "el", "il", "am" before a date end the names; inside a name they are part of it (from review; on the
  // bench, trafilatura's regards.fr gave "Loïc" for "Loïc Le Clerc").
  EXPECT_EQ(SplitAuthors("Jean Dupont le 3 mars 2024"), std::vector<std::string>({"Jean Dupont"}));
  EXPECT_EQ(SplitAuthors("Anna Schmidt am 3. M\xC3\xA4rz 2024"), std::vector<std::string>({"Anna Schmidt"}));
  EXPECT_EQ(SplitAuthors("Ursula K. Le Guin"), std::vector<std::string>({"Ursula K. Le Guin"}));
  EXPECT_EQ(SplitAuthors("Mohamed El Erian"), std::vector<std::string>({"Mohamed El Erian"}));
  EXPECT_EQ(SplitAuthors("Kim Il Sung"), std::vector<std::string>({"Kim Il Sung"}));
}

// What byline elements hold beside the names, seen across the bench pages.
TEST(MetadataAuthorTest, BylineWordsThatAreNoNames) {
  // A "by" inside the text after a label, a section or a date (wcxb 4163, scrapinghub, dragnet R254, l3s-gn1).
  EXPECT_EQ(SplitAuthors("Recipe by PJ Hamel"), std::vector<std::string>({"PJ Hamel"}));
  EXPECT_EQ(SplitAuthors("TECHNOLOGY | 8 Hours Ago By Richard Darell"),
            std::vector<std::string>({"Richard Darell"}));
  EXPECT_EQ(SplitAuthors("Friday, January 11, 2008 By Jalilur Rehman"),
            std::vector<std::string>({"Jalilur Rehman"}));
  EXPECT_EQ(SplitAuthors("Post by Arny \xC2\xBB Mon Jun 02, 2025"), std::vector<std::string>({"Arny"}));
  // Must not fire: the writer before an editor's "by", and a credit after the byline's own "By".
  EXPECT_EQ(SplitAuthors("Rob Ewaschuk Edited by Betsy Beyer"), std::vector<std::string>({"Rob Ewaschuk"}));
  EXPECT_EQ(SplitAuthors("By Ben Bowers on 10.29.12 | Photo by Google"), std::vector<std::string>({"Ben Bowers"}));
  // Days of the week and connectives left by a cut date.
  EXPECT_EQ(SplitAuthors("Associated Press Tuesday"), std::vector<std::string>({"Associated Press"}));
  // A place after one name qualifies that name alone (l3s-gn1).
  EXPECT_EQ(SplitAuthors("HEMMY SO in Los Angeles, BEN WIDDICOMBE and LARRY McSHANE"),
            std::vector<std::string>({"HEMMY SO", "BEN WIDDICOMBE", "LARRY McSHANE"}));
  EXPECT_EQ(SplitAuthors("G\xC3\xBCnter W. Kienitz at 12:00"),
            std::vector<std::string>({"G\xC3\xBCnter W. Kienitz"}));
  EXPECT_EQ(SplitAuthors("Tom Fridayson Friday"), std::vector<std::string>({"Tom Fridayson"}));  // a whole word
  // A sentence's full stop and a full-width slash go; an initial's stop stays.
  EXPECT_EQ(SplitAuthors("By Damien McFerran."), std::vector<std::string>({"Damien McFerran"}));
  EXPECT_EQ(SplitAuthors("By JANE ROE."), std::vector<std::string>({"JANE ROE"}));
  EXPECT_EQ(SplitAuthors("John Smith Jr."), std::vector<std::string>({"John Smith Jr."}));
  EXPECT_EQ(SplitAuthors("Hanns-Seidel-Stiftung e.V."), std::vector<std::string>({"Hanns-Seidel-Stiftung e.V."}));
  EXPECT_EQ(SplitAuthors("Jane Roe in"), std::vector<std::string>({"Jane Roe"}));  // where a link began, cut
  EXPECT_EQ(SplitAuthors("Jane Roe \xEF\xBC\x8F"), std::vector<std::string>({"Jane Roe"}));
  EXPECT_EQ(SplitAuthors("\xC2\xB7 Jane Doe \xC2\xB7 Staff"), std::vector<std::string>({"Jane Doe"}));
  // Must not fire: a connective ends a name only where a date was cut after it; other roles' credits give way to
  // the writers before them.
  EXPECT_EQ(SplitAuthors("Juliet Um"), std::vector<std::string>({"Juliet Um"}));
  EXPECT_EQ(SplitAuthors("Lee In"), std::vector<std::string>({"Lee In"}));
  EXPECT_EQ(SplitAuthors("Jane Um and John Roe"), std::vector<std::string>({"Jane Um", "John Roe"}));
  EXPECT_EQ(SplitAuthors("John Smith and Mary Jones edited by Bob Lee"),
            std::vector<std::string>({"John Smith", "Mary Jones"}));
  EXPECT_EQ(SplitAuthors("Jane Doe, photos by John Roe"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("See more articles by Rosie Einhorn"), std::vector<std::string>({"Rosie Einhorn"}));
  // Words that are never a name alone (dragnet R17, R30, R382; cleaneval final-573; dragnet T41).
  for (const char* s : {"author", "No Primary Author", "About", "Updated: January 21, 2005", "Aug 3, 2012"})
    EXPECT_EQ(SplitAuthors(s), std::vector<std::string>()) << s;
}

// From a review of what real bylines hold beside the names.
TEST(MetadataAuthorTest, RolesAddressesAndLabels) {
  // A job title after the name, with or without a comma, is no second author.
  EXPECT_EQ(SplitAuthors("By John Smith, Staff Writer"), std::vector<std::string>({"John Smith"}));
  EXPECT_EQ(SplitAuthors("Jane Doe, Senior Correspondent"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("By JANE DOE Staff Writer"), std::vector<std::string>({"JANE DOE"}));
  EXPECT_EQ(SplitAuthors("By Jane Doe, Contributor"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("Correspondent"), std::vector<std::string>());
  EXPECT_EQ(SplitAuthors("By OUR SPECIAL CORRESPONDENT"), std::vector<std::string>());  // l3s-gn1
  EXPECT_EQ(SplitAuthors("By our correspondent"), std::vector<std::string>());
  // Must not fire: a sentence about the writer, in a box named like a byline (dragnet R699), gives no name cut
  // before its role.
  EXPECT_EQ(SplitAuthors("Alex Hern is a staff writer at the New Statesman"), std::vector<std::string>());
  // An address printed beside the name goes, and the name stays.
  EXPECT_EQ(SplitAuthors("By John Smith john.smith@example.com"), std::vector<std::string>({"John Smith"}));
  EXPECT_EQ(SplitAuthors("By Jane Doe (jane@example.org)"), std::vector<std::string>({"Jane Doe"}));
  // Labels: "Reporter:", and the Hindi "लेखक" (writer) without a colon.
  EXPECT_EQ(SplitAuthors("Reporter: Jane Doe"), std::vector<std::string>({"Jane Doe"}));
  const std::string ram =
      "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xAE \xE0\xA4\x95\xE0\xA5\x81\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0";
  EXPECT_EQ(SplitAuthors("\xE0\xA4\xB2\xE0\xA5\x87\xE0\xA4\x96\xE0\xA4\x95 " + ram),
            std::vector<std::string>({ram}));
  // A byline that starts with its date names the writer after the date's "by" in its language.
  EXPECT_EQ(SplitAuthors("Publi\xC3\xA9 le 3 mars 2024 par Jean Dupont"), std::vector<std::string>({"Jean Dupont"}));
  EXPECT_EQ(SplitAuthors("Le 3 janv. 2024 par Jean Dupont"), std::vector<std::string>({"Jean Dupont"}));
  EXPECT_EQ(SplitAuthors("Publicado el 3 de marzo de 2024 por Juan P\xC3\xA9rez"),
            std::vector<std::string>({"Juan P\xC3\xA9rez"}));
  EXPECT_EQ(SplitAuthors("3. M\xC3\xA4rz 2024 von Anna Schmidt"), std::vector<std::string>({"Anna Schmidt"}));
  // Must not fire: a role word inside a name, and "von" in a name with no date before it.
  EXPECT_EQ(SplitAuthors("Stafford Writers"), std::vector<std::string>({"Stafford Writers"}));
  EXPECT_EQ(SplitAuthors("Ursula von der Leyen"), std::vector<std::string>({"Ursula von der Leyen"}));
  // Nor in a name after an English "by", or after a word between the date and it (from review).
  EXPECT_EQ(SplitAuthors("March 3, 2024 by Ursula von der Leyen"), std::vector<std::string>({"Ursula von der Leyen"}));
  EXPECT_EQ(SplitAuthors("Updated 10:00 AM by Antonio Di Natale"), std::vector<std::string>({"Antonio Di Natale"}));
  EXPECT_EQ(SplitAuthors("Updated 12:30 by Hilma af Klint"), std::vector<std::string>({"Hilma af Klint"}));
  EXPECT_NE(SplitAuthors("3. M\xC3\xA4rz 2024 Klaus von Beispiel"), std::vector<std::string>({"Beispiel"}));
  EXPECT_EQ(SplitAuthors("3. M\xC3\xA4rz 2024, 10:00 Uhr von Anna Schmidt"), std::vector<std::string>({"Anna Schmidt"}));
  // A job title before the name, and a name with a particle in lower case before one (from review).
  EXPECT_EQ(SplitAuthors("By Staff Writer Jane Doe"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("Contributor: Jane Doe"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("By Khanh le Staff Writer"), std::vector<std::string>({"Khanh le"}));
  // An address beside the name with a comma, a bar or a semicolon, and one between two names (from review).
  EXPECT_EQ(SplitAuthors("Jane Doe,jane@x.com"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("By Jane Doe|jane@example.com"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("By Jane Doe;jane.doe@example.com"), std::vector<std::string>({"Jane Doe"}));
  EXPECT_EQ(SplitAuthors("By Jane Doe jane.doe@example.com, John Roe"),
            std::vector<std::string>({"Jane Doe", "John Roe"}));
  EXPECT_EQ(SplitAuthors("By Jane Doe, John Roe"), std::vector<std::string>({"Jane Doe", "John Roe"}));
}

// Dublin Core and Highwire Press (citation_author) tags name one author each, written "Last, First"
// (cleaneval final-422: "Page, Jeffrey C", "Newswander, Brad"...).
TEST(MetadataAuthorTest, SurnameFirstInCitationTags) {
  EXPECT_EQ(Read("<head><meta name=DC.creator content='Page, Jeffrey C'>"
                 "<meta name=DC.creator content='Newswander, Brad'></head>")
                .authors,
            std::vector<std::string>({"Jeffrey C Page", "Brad Newswander"}));
  EXPECT_EQ(Read("<head><meta name=citation_author content='Hossain, Md Najmul'></head>").authors,
            std::vector<std::string>({"Md Najmul Hossain"}));
  // Must not fire: a name written first name first, and a list of names in a tag that may hold several.
  EXPECT_EQ(Read("<head><meta name=citation_author content='Md Najmul Hossain'></head>").authors,
            std::vector<std::string>({"Md Najmul Hossain"}));
  EXPECT_EQ(Read("<head><meta name=author content='Jane Doe, John Roe'></head>").authors,
            std::vector<std::string>({"Jane Doe", "John Roe"}));
  EXPECT_EQ(Read("<head><meta name=DC.creator content='Jane Doe, John Roe'></head>").authors,
            std::vector<std::string>({"Jane Doe", "John Roe"}));
  // Nor agencies, lists, or a role (from review).
  EXPECT_EQ(Read("<head><meta name=DC.creator content='Reuters, AFP'></head>").authors,
            std::vector<std::string>({"Reuters", "AFP"}));
  EXPECT_EQ(Read("<head><meta name=DC.creator content='Smith, Jones and Brown'></head>").authors,
            std::vector<std::string>({"Smith", "Jones", "Brown"}));
  EXPECT_EQ(Read("<head><meta name=DC.creator content='Doe, Jane; Roe'></head>").authors,
            std::vector<std::string>({"Doe", "Jane", "Roe"}));
  EXPECT_EQ(Read("<head><meta name=DC.creator content='Staff, Reuters'></head>").authors,
            std::vector<std::string>({"Staff", "Reuters"}));
}

// A photographer's credit named like a byline ("imageByline", l3s-gn1's thestate.com and latimes.com) names no
// author.
TEST(MetadataAuthorTest, ImageBylineIsACredit) {
  EXPECT_EQ(Read("<body><h1>T</h1><div class=imageByline>Tracy Glantz</div><p>Text.</p></body>").authors,
            std::vector<std::string>());
  EXPECT_EQ(Read("<body><h1>T</h1><div class=photo-byline>Tracy Glantz</div><p>Text.</p></body>").authors,
            std::vector<std::string>());
  // Nor does a box about the author, whatever its separators (dragnet R699: "block-views-about_author").
  EXPECT_EQ(Read("<body><h1>T</h1><div id=block-about_author>Tracy Glantz</div><p>Text.</p></body>").authors,
            std::vector<std::string>());
  // Must not fire: the article's byline.
  EXPECT_EQ(Read("<body><h1>T</h1><div class=byline>Tracy Glantz</div><p>Text.</p></body>").authors,
            std::vector<std::string>({"Tracy Glantz"}));
}

// The byline phrases are data (rules/metadata/bylines.txt): the embedded file parses, and a malformed line is
// an error that names it.
TEST(MetadataAuthorTest, BylinePhrasesFile) {
  auto file = std::find_if(EmbeddedRuleFiles().begin(), EmbeddedRuleFiles().end(),
                           [](const EmbeddedFile& f) { return f.path == "metadata/bylines.txt"; });
  ASSERT_NE(file, EmbeddedRuleFiles().end());
  Result<BylinePhrases> parsed = ParseBylinePhrases(file->content);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const BylinePhrases& p = parsed.value();
  for (const auto* list : {&p.prefixes, &p.stops, &p.weekdays, &p.name_stops, &p.separators, &p.not_names,
                           &p.credits, &p.roles, &p.after_date})
    EXPECT_FALSE(list->empty());
  for (size_t i = 1; i < p.prefixes.size(); ++i) EXPECT_GE(p.prefixes[i - 1].size(), p.prefixes[i].size());
  // Spaces inside the quotes are kept.
  EXPECT_NE(std::find(p.stops.begin(), p.stops.end(), " on "), p.stops.end());

  Result<BylinePhrases> sorted = ParseBylinePhrases("# c\nprefix: \"by\"\n\nprefix: \"written by\"\n");
  ASSERT_TRUE(sorted.ok());
  EXPECT_EQ(sorted.value().prefixes, std::vector<std::string>({"written by", "by"}));
  for (const char* bad : {"stop: on", "stop: \"\"", "colour: \"red\"", "stop: \"By\""}) {
    Result<BylinePhrases> r = ParseBylinePhrases(std::string("# header\n") + bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("bylines.txt:2:"), std::string::npos) << r.status().message();
  }
}

TEST(MetadataAuthorTest, HindiDwara) {
  const std::string ram =
      "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xAE \xE0\xA4\x95\xE0\xA5\x81\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0";
  const std::string dwara = "\xE0\xA4\xA6\xE0\xA5\x8D\xE0\xA4\xB5\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xBE";
  EXPECT_EQ(SplitAuthors(dwara + " " + ram), std::vector<std::string>({ram}));  // "द्वारा राम कुमार"
  EXPECT_EQ(SplitAuthors(dwara + ": " + ram), std::vector<std::string>({ram}));
  EXPECT_EQ(SplitAuthors(ram + " " + dwara), std::vector<std::string>({ram}));  // "राम कुमार द्वारा"
}

TEST(MetadataAuthorTest, SourcesInOrder) {
  EXPECT_EQ(Read("<head><meta name=author content='Meta Author'></head><body><span class=byline>By Byline "
                 "Person</span></body>")
                .authors,
            std::vector<std::string>({"Meta Author"}));
  EXPECT_EQ(Read("<body><p class=byline>By Byline Person</p><p>text</p></body>").authors,
            std::vector<std::string>({"Byline Person"}));
  EXPECT_EQ(Read("<body><a rel=author href=/a>Link Person</a></body>").authors,
            std::vector<std::string>({"Link Person"}));
  EXPECT_EQ(Read("<body><span itemprop=author><span itemprop=name>Micro Data</span></span></body>").authors,
            std::vector<std::string>({"Micro Data"}));
  // Comment authors and photo credits are marked up like bylines.
  EXPECT_EQ(Read("<body><div class=comments><cite class=author>Commenter</cite></div>"
                 "<div class=author>Foto: AP</div></body>")
                .authors,
            std::vector<std::string>());
  // An article:author that is a profile URL is not a name.
  EXPECT_EQ(Read("<head><meta property=article:author content='https://facebook.com/x'></head>").authors,
            std::vector<std::string>());
  // A site that names itself as the author gives way to the byline it prints.
  EXPECT_EQ(
      Read("<head><meta property=og:site_name content=VnExpress><meta name=author content=VnExpress></head>"
           "<body><p class=author>L\xC3\xAA Ph\xC6\xB0\xC6\xA1ng</p></body>")
          .authors,
      std::vector<std::string>({"L\xC3\xAA Ph\xC6\xB0\xC6\xA1ng"}));
}

// A byline in side content (a right rail's "follow these authors" box, readability's yahoo-2) names other
// articles' writers: the article's own byline after it in document order wins.
TEST(MetadataAuthorTest, BylineInSideContentGivesWayToTheArticles) {
  EXPECT_EQ(Read("<body><div role=complementary><ul><li class=author-follow>Rail Writer</li></ul></div>"
                 "<div class=story><div class=author-name>Story Writer</div><p>text</p></div></body>")
                .authors,
            std::vector<std::string>({"Story Writer"}));
  EXPECT_EQ(Read("<body><aside><span class=author>Rail Writer</span></aside>"
                 "<main><p class=byline>By Story Writer</p></main></body>")
                .authors,
            std::vector<std::string>({"Story Writer"}));
  // Rails list teasers as <article>s; ARIA roles are token lists, in any case.
  EXPECT_EQ(Read("<body><aside><article><span class=author>Rail Writer</span></article></aside>"
                 "<div class=story><p class=byline>By Story Writer</p></div></body>")
                .authors,
            std::vector<std::string>({"Story Writer"}));
  EXPECT_EQ(Read("<body><div role='Complementary region'><span class=author>Rail Writer</span></div>"
                 "<div class=story><p class=byline>By Story Writer</p></div></body>")
                .authors,
            std::vector<std::string>({"Story Writer"}));
  // However many author links a rail holds ahead of the article, its byline is still found.
  std::string rail = "<body><aside><ul>";
  for (int k = 0; k < 40; ++k) rail += "<li><a rel=author href=/a>Rail Writer " + std::string(1, 'A' + k % 26) + "</a>";
  EXPECT_EQ(Read(rail + "</ul></aside><div class=story><p class=byline>By Story Writer</p></div></body>").authors,
            std::vector<std::string>({"Story Writer"}));
  // Must not fire: an article's own <aside> or <footer> holds its byline (hpd.de, WordPress's entry-meta), and a
  // page whose only byline is in side content still has it.
  EXPECT_EQ(Read("<body><nav><a href=/>Home</a></nav><article><aside class=meta><p class=authors>Von: "
                 "Own Writer</p></aside><p>text</p></article><footer><span class=author>Site Team</span>"
                 "</footer></body>")
                .authors,
            std::vector<std::string>({"Own Writer"}));
  EXPECT_EQ(Read("<body><div class=body><aside><p class=article-meta__author>von <strong>Only Writer"
                 "</strong></p></aside><p>text</p></div></body>")
                .authors,
            std::vector<std::string>({"Only Writer"}));
}

// A byline printed under the headline in plain markup (fundus's pt-ThePortugalNews: `<p class="text-sm">By TPN, in
// <a>News</a>`), taken when the page names no author otherwise.
TEST(MetadataAuthorTest, VisibleBylineUnderTheHeadline) {
  EXPECT_EQ(Read("<body><h1>Council votes</h1><p class=text-sm>By TPN, in <a href=/n>News</a></p><p>text</p></body>")
                .authors,
            std::vector<std::string>({"TPN"}));
  EXPECT_EQ(Read("<body><h1>Council votes</h1><div><span>Jan 3</span><br>By Jane Roe in Lisbon</div></body>").authors,
            std::vector<std::string>({"Jane Roe"}));
  // Must not fire: a "by" inside a sentence, after a link; lines that are no byline; far below the headline; and
  // a page that names its author in its markup.
  EXPECT_EQ(Read("<body><h1>Notes</h1><p>A new article <a href=/a>on strings</a> by Michael Douglas.</p></body>")
                .authors,
            std::vector<std::string>());
  EXPECT_EQ(Read("<body><h1>Budget</h1><p>By the numbers</p><p>By 2030 the city will grow.</p></body>").authors,
            std::vector<std::string>());
  EXPECT_EQ(Read("<body><h1>Budget</h1><aside><p>Related</p><p>By Other Writer</p></aside><div style='display: "
                 "none'><p>By Hidden Person</p></div><p>text</p></body>")
                .authors,
            std::vector<std::string>());
  std::string far = "<body><h1>Budget</h1>";
  for (int k = 0; k < 20; ++k) far += "<p>Paragraph " + std::to_string(k) + "</p>";
  EXPECT_EQ(Read(far + "<p>By Jane Roe</p></body>").authors, std::vector<std::string>());
  EXPECT_EQ(Read("<head><meta name=author content='Meta Writer'></head><body><h1>Budget</h1><p>By Jane Roe</p>"
                 "</body>")
                .authors,
            std::vector<std::string>({"Meta Writer"}));
}

// An element named a dateline holds a place and a date (l3s-gn1: "GENEVA", "RENO, Nev."), and its writer only
// after a "By" (dragnet R459).
TEST(MetadataAuthorTest, DatelineNamesTheWriterOnlyAfterBy) {
  EXPECT_EQ(Read("<body><span class=dateline>RENO, Nev.</span><p>text</p></body>").authors,
            std::vector<std::string>());
  // A place can start with a word that is a label in another language ("door" is Dutch for "by").
  EXPECT_EQ(Read("<body><span class=dateline>DOOR COUNTY, Wis.</span><p>text</p></body>").authors,
            std::vector<std::string>());
  EXPECT_EQ(Read("<body><span class=dateline>GENEVA</span><span class=author>Ann Writer</span></body>").authors,
            std::vector<std::string>({"Ann Writer"}));
  // Must not fire: a dateline with its "By", and an element that is also named a byline.
  EXPECT_EQ(Read("<body><p class=dateline>By Ed Silverman // <a href=/d>November 13</a></p></body>").authors,
            std::vector<std::string>({"Ed Silverman"}));
  EXPECT_EQ(Read("<body><p class='byline dateline'>Jane Roe</p></body>").authors,
            std::vector<std::string>({"Jane Roe"}));
  EXPECT_EQ(Read("<body><p class=dateline id=story-byline>Jane Roe</p></body>").authors,
            std::vector<std::string>({"Jane Roe"}));
}

// Three paragraphs of an article body, to put a signed paragraph before or after.
constexpr char kBody3[] = "<p>The council met on Tuesday evening.</p><p>It voted on the budget.</p>"
                          "<p>The vote was close.</p>";

TEST(MetadataAuthorsTest, SiteAsAuthorGivesWayToTheSignedName) {
  const std::string site_author =
      "<head><meta property=og:site_name content=vnexpress.net><meta name=author content=VnExpress></head>";
  // Signed at the end, as a bold paragraph of its own.
  EXPECT_EQ(Read(site_author + "<body><div>" + kBody3 + "<p style='text-align:right'> <strong>Le Phuong</strong>"
                 "</p></div></body>")
                .authors,
            std::vector<std::string>({"Le Phuong"}));
  // Or at the start, after a blank paragraph, when the description starts with it too.
  EXPECT_EQ(Read("<head><meta property=og:site_name content='Lesotho Times'><meta name=author content='Lesotho "
                 "Times'><meta property=og:description content='Mohloai Mpesi IN the heart of Lesotho'></head>"
                 "<body><div><p>&nbsp;</p><p><b>Mohloai Mpesi</b></p>" +
                 std::string(kBody3) + "</div></body>")
                .authors,
            std::vector<std::string>({"Mohloai Mpesi"}));
  // A subdomain is no name of the site.
  EXPECT_EQ(Read("<head><meta property=og:site_name content=edition.cnn.com><meta name=author content=Edition></head>"
                 "<body><div>" + std::string(kBody3) + "<p><b>Jane Doe</b></p></div></body>")
                .authors,
            std::vector<std::string>({"Edition"}));
  // A site named by a domain with several labels is the site too.
  EXPECT_EQ(Read("<head><meta property=og:site_name content=bbc.co.uk><meta name=author content=BBC></head><body><div>" +
                 std::string(kBody3) + "<p><b>Jane Doe</b></p></div></body>")
                .authors,
            std::vector<std::string>({"Jane Doe"}));
}

TEST(MetadataAuthorsTest, BoldParagraphsThatAreNoSignature) {
  const std::string site_author =
      "<head><meta property=og:site_name content='Daily Planet'><meta name=author content='Daily Planet'></head>";
  const std::vector<std::string> site = {"Daily Planet"};
  // Two bold lead paragraphs of sections: which one would sign the article?
  EXPECT_EQ(Read(site_author + "<body><div><p><b>Key Findings</b></p>" + kBody3 + "</div><div><p><b>Next "
                 "Steps</b></p>" + kBody3 + "</div></body>")
                .authors,
            site);
  // One bold subheading first, without a description that starts with it; one last, with a list after it.
  EXPECT_EQ(Read(site_author + "<body><div><p><b>Key Takeaways</b></p>" + kBody3 + "</div></body>").authors, site);
  EXPECT_EQ(Read(site_author + "<body><div>" + kBody3 + "<p><strong>Related Stories</strong></p><ul><li><a href=/a>"
                 "Another story</a></li></ul></div></body>")
                .authors,
            site);
  // A bold name in the middle of the article, a bold sentence, a name with more around it, too few paragraphs.
  for (const char* body : {"<p>One.</p><p><b>Jane Doe</b></p><p>Two.</p><p>Three.</p>",
                           "<p>One.</p><p>Two.</p><p><b>Read More Here.</b></p>",
                           "<p>One.</p><p>Two.</p><p><b>Jane Doe</b>, in Paris</p>",
                           "<p>One.</p><p><b>Jane Doe</b></p>"}) {
    EXPECT_EQ(Read(site_author + "<body><div>" + body + "</div></body>").authors, site) << body;
  }
  // A real author stays, whatever the page signs.
  EXPECT_EQ(Read("<head><meta property=og:site_name content='Daily Planet'><meta name=author content='Lois Lane'>"
                 "</head><body><div>" + std::string(kBody3) + "<p><b>Clark Kent</b></p></div></body>")
                .authors,
            std::vector<std::string>({"Lois Lane"}));
  // So does a site named like its domain, with no signature.
  EXPECT_EQ(Read("<head><meta property=og:site_name content=vnexpress.net><meta name=author content=VnExpress>"
                 "</head><body><div>" + std::string(kBody3) + "</div></body>")
                .authors,
            std::vector<std::string>({"VnExpress"}));
}

// ----- The other fields

TEST(MetadataFieldsTest, CanonicalDescriptionImageTags) {
  Metadata m = Read(
      "<head><link rel=canonical href=/news/story-1>"
      "<meta property=og:description content='  A short   summary. '>"
      "<meta name=description content='Other'>"
      "<meta property=og:image content=//cdn.example.com/i.jpg>"
      "<meta property=article:tag content=Bridges><meta property=article:tag content=Rivers>"
      "<meta property=article:section content=Local>"
      "<meta name=keywords content='ignored, because, article:tag, exists'></head>",
      "https://www.example.com/path?q=1");
  EXPECT_EQ(m.canonical_url, "https://www.example.com/news/story-1");
  EXPECT_EQ(m.description, "A short summary.");
  EXPECT_EQ(m.image, "https://cdn.example.com/i.jpg");
  EXPECT_EQ(m.tags, std::vector<std::string>({"Bridges", "Rivers"}));
  EXPECT_EQ(m.categories, std::vector<std::string>({"Local"}));
  m = Read("<head><meta name=keywords content='one, two,,two, three'></head>");
  EXPECT_EQ(m.tags, std::vector<std::string>({"one", "two", "three"}));
  m = Read("<body><a rel=tag href=/t/x>Tag X</a><a rel='category tag' href=/c/y>Cat Y</a></body>");
  EXPECT_EQ(m.tags, std::vector<std::string>({"Tag X", "Cat Y"}));
  EXPECT_EQ(m.categories, std::vector<std::string>({"Cat Y"}));
}

TEST(MetadataFieldsTest, LanguageFromOgLocaleAndJsonLd) {
  EXPECT_EQ(Read("<head><meta property=og:locale content=de_DE></head>").language, "de");
  EXPECT_EQ(Read(Ld(R"({"@type":"Article","headline":"x","inLanguage":"fr-FR"})")).language, "fr");
  EXPECT_EQ(Read("<html lang=hi><head><meta property=og:locale content=en_US></head></html>").language, "hi");
}

}  // namespace
}  // namespace cleaner

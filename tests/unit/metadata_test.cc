// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Metadata: the title (og:title, else the cleaned <title>, else the first <h1>) and the primary language tag.

#include "cleaner/metadata.h"

#include <string>

#include <gtest/gtest.h>

#include "cleaner/dom.h"

namespace cleaner {
namespace {

Metadata Read(std::string_view html) {
  auto dom = Dom::Parse(html);
  EXPECT_TRUE(dom.ok());
  return ReadMetadata(dom.value());
}

TEST(MetadataTest, NothingDeclared) {
  Metadata m = Read("<p>text</p>");
  EXPECT_EQ(m.title, "");
  EXPECT_EQ(m.language, "");
}

TEST(MetadataTest, OgTitleIsPreferred) {
  Metadata m = Read("<html><head><title>Headline words here | Site</title>"
                    "<meta property=og:title content='  The  Real\n Headline '></head>"
                    "<body><h1>Other</h1></body></html>");
  EXPECT_EQ(m.title, "The Real Headline");
}

TEST(MetadataTest, TwitterTitleByName) {
  Metadata m = Read("<head><title>T</title><meta name=twitter:title content='From Twitter card'></head>");
  EXPECT_EQ(m.title, "From Twitter card");
}

TEST(MetadataTest, FirstOgTitleWins) {
  Metadata m = Read("<head><meta property=og:title content='First'><meta property=og:title content='Second'>"
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

}  // namespace
}  // namespace cleaner

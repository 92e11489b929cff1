// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The rule files of cleaner/rules/: every entry compiles on its own, none is empty or duplicated, and the
// compiled matchers behave as their comments say.

#include "cleaner/rules.h"

#include <re2/re2.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/rules_data.h"

namespace cleaner {
namespace {

const Rules& TheRules() {
  static const std::shared_ptr<const Rules> rules = [] {
    auto r = Rules::Embedded();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  if (rules == nullptr) std::abort();
  return *rules;
}

bool IsLineRuleFile(std::string_view path) { return path.substr(0, 6) == "lines/"; }

// An entry's regular expression: class_id/ files hold bare patterns, lines/ files "KIND: PATTERN".
std::string PatternOf(std::string_view path, const std::string& entry) {
  if (!IsLineRuleFile(path)) return entry;
  size_t colon = entry.find(':');
  if (colon == std::string::npos) return entry;
  size_t start = entry.find_first_not_of(" \t", colon + 1);
  return start == std::string::npos ? std::string() : entry.substr(start);
}

TEST(RulesTest, EmbeddedRuleFilesAreThere) {
  std::set<std::string> paths;
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) paths.insert(std::string(f.path));
  for (const char* want :
       {"class_id/unlikely.txt", "class_id/maybe_candidate.txt", "class_id/boilerplate.txt",
        "class_id/positive.txt", "class_id/negative.txt", "class_id/ignored_tokens.txt",
        "class_id/kept_tokens.txt", "class_id/caption.txt", "class_id/comments.txt", "lines/neutral.txt", "lines/en.txt", "lines/hi.txt"}) {
    EXPECT_EQ(paths.count(want), 1u) << want;
  }
}

TEST(RulesTest, EveryEmbeddedFileHasEntries) {
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    RuleFile file = ParseRuleFile(f.path, f.content);
    EXPECT_EQ(file.path, f.path);
    EXPECT_GE(file.entries.size(), 1u) << f.path;
  }
}

TEST(RulesTest, EveryLineRuleNamesAKind) {
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    if (!IsLineRuleFile(f.path)) continue;
    for (const auto& [line, entry] : ParseRuleFile(f.path, f.content).entries) {
      std::string kind = entry.substr(0, entry.find(':'));
      EXPECT_TRUE(kind == "line" || kind == "edge" || kind == "block" || kind == "tail" || kind == "meta")
          << f.path << ":" << line << ": " << entry;
      EXPECT_FALSE(PatternOf(f.path, entry).empty()) << f.path << ":" << line << ": " << entry;
    }
  }
}

// Heuristics are data with a reason: every line rule, or the group of rules it belongs to (rules on consecutive
// lines), has a comment above it that says why, apart from the file's own heading comment.
TEST(RulesTest, EveryLineRuleHasAComment) {
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    if (!IsLineRuleFile(f.path)) continue;
    std::vector<std::string> lines;
    std::string_view content = f.content;
    while (!content.empty()) {
      const size_t nl = content.find('\n');
      lines.emplace_back(content.substr(0, nl));
      content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    }
    auto is_comment = [&](size_t k) { return !lines[k].empty() && lines[k][0] == '#'; };
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].empty() || is_comment(i)) continue;
      size_t k = i;
      while (k > 0 && !lines[k - 1].empty() && !is_comment(k - 1)) --k;  // up over the group's rules
      const bool commented = k > 0 && is_comment(k - 1);
      size_t top = k;
      while (top > 0 && is_comment(top - 1)) --top;  // the comment's first line
      EXPECT_TRUE(commented && top > 0) << f.path << ":" << i + 1 << " has no comment saying why: " << lines[i];
    }
  }
}

TEST(RulesTest, EveryEntryCompilesOnItsOwn) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    for (const auto& [line, entry] : ParseRuleFile(f.path, f.content).entries) {
      const std::string pattern = PatternOf(f.path, entry);
      RE2 re(pattern, options);
      EXPECT_TRUE(re.ok()) << f.path << ":" << line << ": " << re.error() << ": " << pattern;
    }
  }
}

// RE2 copies a character class once per bounded repetition, and \pL's UTF-8 form alone is about a thousand
// instructions: "[\pL ]{1,30}" compiled to 36 000 and three such entries took 65 of the Extractor's 110 ms to
// build (neutral.txt says how to write a run of letters instead). No entry may grow that large again.
TEST(RulesTest, EveryEntryCompilesToASmallProgram) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    for (const auto& [line, entry] : ParseRuleFile(f.path, f.content).entries) {
      const std::string pattern = PatternOf(f.path, entry);
      RE2 re(pattern, options);
      EXPECT_LE(re.ProgramSize(), 10000) << f.path << ":" << line << ": " << pattern;
    }
  }
}

// The entries written with neutral.txt's cheap run of letters still match what their comments say.
TEST(RulesTest, RunsOfLettersInFollowAndMoreFromLabels) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("More from The Portugal News", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("More from S\xC3\xA3o Paulo", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("More from 2024: the year in review", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Follow Jane Doe on Twitter", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Follow St. Louis Public Radio on Facebook.", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Follow the money, she said, and you find the lobby on X", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Gef\xC3\xA4llt Ihnen unser Online-Magazin? Dann abonnieren Sie es.", "de"), Rules::kTail);
  EXPECT_EQ(r.ClassifyLine("Gef\xC3\xA4llt Ihnen der 3. Teil? Dann lesen Sie weiter.", "de"), 0);
}

TEST(RulesTest, NoEntryIsDuplicatedWithinAFile) {
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    std::set<std::string> seen;
    for (const auto& [line, entry] : ParseRuleFile(f.path, f.content).entries) {
      // The same pattern under two kinds counts too: its lines would be handled by both.
      EXPECT_TRUE(seen.insert(PatternOf(f.path, entry)).second)
          << f.path << ":" << line << " repeats " << entry;
    }
  }
}

TEST(RulesTest, NoEntryEndsInABlankTheParserWouldTrim) {
  // ParseRuleFile trims trailing blanks, so an entry written as " hid " is matched as " hid" (which also
  // matches " hidden", " hide-mobile"): an entry whose meaning depends on a trailing blank is silently
  // changed.
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    std::string_view text = f.content;
    int line_no = 0;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      ++line_no;
      size_t first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos || line[first] == '#') continue;
      EXPECT_TRUE(line.back() != ' ' && line.back() != '\t')
          << f.path << ":" << line_no << ": \"" << line << "\" ends in a blank that ParseRuleFile drops";
    }
  }
}

TEST(RulesTest, EmbeddedRulesCompile) {
  auto rules = Rules::Embedded();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_NE(rules.value(), nullptr);
}

TEST(RulesTest, ParseRuleFileDropsCommentsAndBlankLines) {
  RuleFile f = ParseRuleFile("x/y.txt", "# a comment\n\nfirst\n   # indented comment\n \t \nsecond\r\nthird");
  EXPECT_EQ(f.path, "x/y.txt");
  ASSERT_EQ(f.entries.size(), 3u);
  EXPECT_EQ(f.entries[0], (std::pair<int, std::string>(3, "first")));
  EXPECT_EQ(f.entries[1], (std::pair<int, std::string>(6, "second")));  // "\r" trimmed
  EXPECT_EQ(f.entries[2], (std::pair<int, std::string>(7, "third")));   // no final newline
}

TEST(RulesTest, ParseRuleFileKeepsLeadingBlanksAndTrimsTrailingOnes) {
  RuleFile f = ParseRuleFile("p", " hid$\nfoo \t\n a#b\n");
  ASSERT_EQ(f.entries.size(), 3u);
  EXPECT_EQ(f.entries[0].second, " hid$");
  EXPECT_EQ(f.entries[1].second, "foo");
  EXPECT_EQ(f.entries[2].second, " a#b");  // '#' after the first character is not a comment
}

TEST(RulesTest, ParseRuleFileOfNothing) {
  EXPECT_TRUE(ParseRuleFile("p", "").entries.empty());
  EXPECT_TRUE(ParseRuleFile("p", "\n\n# only comments\n").entries.empty());
}

TEST(RulesTest, FromFilesReportsAMissingFile) {
  auto rules = Rules::FromFiles({ParseRuleFile("class_id/unlikely.txt", "x\n")});
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(rules.status().message().find("missing rule file"), std::string::npos)
      << rules.status().message();
}

TEST(RulesTest, FromFilesRejectsALineRuleWithoutAKind) {
  std::vector<RuleFile> files;
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) files.push_back(ParseRuleFile(f.path, f.content));
  for (RuleFile& f : files) {
    if (f.path == "lines/en.txt") f = ParseRuleFile(f.path, "line: ^ok$\n^no kind$\n");
  }
  auto rules = Rules::FromFiles(files);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().message().rfind("lines/en.txt:2: ", 0), 0u) << rules.status().message();
}

TEST(RulesTest, FromFilesNamesTheFileAndLineOfABadPattern) {
  std::vector<RuleFile> files;
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) files.push_back(ParseRuleFile(f.path, f.content));
  for (RuleFile& f : files) {
    if (f.path == "class_id/negative.txt") f = ParseRuleFile(f.path, "# c\nok\n(unclosed\n");
  }
  auto rules = Rules::FromFiles(files);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rules.status().message().rfind("class_id/negative.txt:3: ", 0), 0u) << rules.status().message();
}

TEST(RulesTest, ClassWeight) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassWeight(""), 0);
  EXPECT_EQ(r.ClassWeight("article-body "), 25);
  EXPECT_EQ(r.ClassWeight("entry-content post"), 25);
  EXPECT_EQ(r.ClassWeight(" sidebar"), -25);
  EXPECT_EQ(r.ClassWeight("site-footer "), -25);
  EXPECT_EQ(r.ClassWeight("hid"), -25);
  EXPECT_EQ(r.ClassWeight("comment-content"), 0);  // both match: they cancel out
  EXPECT_EQ(r.ClassWeight("wrapper"), 0);
  // "header" and "shadow" hold "ad" but not "-ad-".
  EXPECT_EQ(r.ClassWeight("header shadow"), 0);
  EXPECT_EQ(r.ClassWeight("top-ad-slot"), -25);
}

TEST(RulesTest, ClassWeightHidOnlyAsAWholeToken) {
  // negative.txt has "hid" as a whole token (Readability's "^hid$| hid$| hid |^hid "), not as a prefix:
  // "hide-on-mobile" or "hidpi" are not chrome names.
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassWeight("post hid"), 0);
  EXPECT_EQ(r.ClassWeight("post hide-on-mobile"), 25);
  EXPECT_EQ(r.ClassWeight("entry hidpi-images"), 25);
}

TEST(RulesTest, ClassWeightMediaOnlyAsAWholePart) {
  // negative.txt has "media" bounded by separators: a name glued to it is a layout box (wcxb 1520), not a widget.
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassWeight("panel panel_medialaptop bg-white "), 0);
  EXPECT_EQ(r.ClassWeight(" mediabox"), 0);
  EXPECT_EQ(r.ClassWeight("media "), -25);
  EXPECT_EQ(r.ClassWeight("media-left "), -25);
  EXPECT_EQ(r.ClassWeight("hero__media "), -25);
  EXPECT_EQ(r.ClassWeight(" social-media"), -25);
}

TEST(RulesTest, ClassWeightHiddenAnywhere) {
  // Readability's negative pattern has "hidden" as a substring; losing it in 9b89ef9 cost wcxb 0.009.
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassWeight("hidden-xs"), -25);
  EXPECT_EQ(r.ClassWeight("post visually-hidden"), 0);  // positive "post" and negative "hidden" cancel out
}

TEST(RulesTest, IsUnlikelyAndMaybeCandidate) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsUnlikely("sidebar-left "));
  EXPECT_TRUE(r.IsUnlikely(" comments"));
  EXPECT_TRUE(r.IsUnlikely("site-header "));
  EXPECT_FALSE(r.IsUnlikely("entry-content "));
  EXPECT_TRUE(r.IsUnlikely("share-tools "));
  EXPECT_TRUE(r.IsUnlikely("sharebar "));
  EXPECT_FALSE(r.IsUnlikely("section example-1-amend-a-shared-changeset"));
  EXPECT_FALSE(r.IsUnlikely(""));
  EXPECT_TRUE(r.IsMaybeCandidate("main-column "));
  EXPECT_TRUE(r.IsMaybeCandidate("article-header "));
  EXPECT_FALSE(r.IsMaybeCandidate("sidebar "));
}

TEST(RulesTest, IsCommentSectionMatchesWholeNameParts) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsCommentSection(" comments"));
  EXPECT_TRUE(r.IsCommentSection("comment-list "));
  EXPECT_TRUE(r.IsCommentSection(" comment_list"));  // Thesis (dragnet 60)
  EXPECT_TRUE(r.IsCommentSection("comments_area "));
  EXPECT_FALSE(r.IsCommentSection("comment-count "));
  EXPECT_FALSE(r.IsCommentSection("commentary "));
  EXPECT_FALSE(r.IsCommentSection("comment_listing "));
}

TEST(RulesTest, IsBoilerplateMatchesWholeNameParts) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsBoilerplate("share-buttons "));
  EXPECT_TRUE(r.IsBoilerplate("post-share "));
  EXPECT_TRUE(r.IsBoilerplate(" disqus_thread"));
  EXPECT_TRUE(r.IsBoilerplate("related-posts "));
  EXPECT_TRUE(r.IsBoilerplate("ad-slot "));
  EXPECT_TRUE(r.IsBoilerplate("cookie-banner "));
  EXPECT_TRUE(r.IsBoilerplate("outbrain_widget "));
  EXPECT_TRUE(r.IsBoilerplate("commentbody by-drno "));  // one comment, named without a separator (dragnet R684)
  EXPECT_TRUE(r.IsBoilerplate("commentcontent "));
  EXPECT_TRUE(r.IsBoilerplate("box module nocontent "));  // NYT blogs' sidebar modules (dragnet R172)
  EXPECT_TRUE(r.IsBoilerplate("robots-nocontent sd-sharing "));
  EXPECT_TRUE(r.IsBoilerplate("expand-icon__a11y-open h-offscreen "));  // screen-reader text (fundus ch-SRF)
  EXPECT_TRUE(r.IsBoilerplate("sr-only "));
  EXPECT_TRUE(r.IsBoilerplate("u-visually-hidden "));
  EXPECT_TRUE(r.IsBoilerplate("screen-reader-text "));
  EXPECT_FALSE(r.IsBoilerplate("no-content "));
  EXPECT_FALSE(r.IsBoilerplate("commentary-body "));
  // Not a name part: "shared", "header", "badge", "loads".
  EXPECT_FALSE(r.IsBoilerplate("shared-content "));
  EXPECT_FALSE(r.IsBoilerplate("site-header "));
  EXPECT_FALSE(r.IsBoilerplate("badge "));
  EXPECT_FALSE(r.IsBoilerplate("loads "));
  EXPECT_FALSE(r.IsBoilerplate("post-content "));
  EXPECT_FALSE(r.IsBoilerplate(""));
}

TEST(RulesTest, IsCaption) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsCaption("wp-caption-text "));
  EXPECT_TRUE(r.IsCaption("photo-credit "));
  EXPECT_TRUE(r.IsCaption(" image-caption"));
  EXPECT_FALSE(r.IsCaption("post-content "));
  EXPECT_FALSE(r.IsCaption("incredible "));  // "credit" only as a name part
}

TEST(RulesTest, IsIgnoredClassToken) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsIgnoredClassToken("category-social"));
  EXPECT_TRUE(r.IsIgnoredClassToken("entry-category-social_media"));
  EXPECT_TRUE(r.IsIgnoredClassToken("post-tag-share"));
  EXPECT_TRUE(r.IsIgnoredClassToken("tag-42"));
  EXPECT_TRUE(r.IsIgnoredClassToken("cat-7"));
  EXPECT_TRUE(r.IsIgnoredClassToken("author-admin"));
  EXPECT_TRUE(r.IsIgnoredClassToken("format-standard"));
  EXPECT_TRUE(r.IsIgnoredClassToken("author-boxer"));  // a user name
  // Author boxes are widgets, not topics (dragnet R464 "author_info", T118, R453).
  EXPECT_FALSE(r.IsIgnoredClassToken("author_info"));
  EXPECT_FALSE(r.IsIgnoredClassToken("author-bio-container"));
  // Scroll and overflow utilities say how an element scrolls, not what it is (wcxb 5372: "scroll-mt-20").
  EXPECT_TRUE(r.IsIgnoredClassToken("scroll-mt-20"));
  EXPECT_TRUE(r.IsIgnoredClassToken("lg:scroll-pt-4"));
  EXPECT_TRUE(r.IsIgnoredClassToken("overflow-hidden"));
  EXPECT_TRUE(r.IsIgnoredClassToken("overflow-x-hidden"));
  EXPECT_FALSE(r.IsIgnoredClassToken("scroll"));
  EXPECT_FALSE(r.IsIgnoredClassToken("scroller"));
  EXPECT_FALSE(r.IsIgnoredClassToken("hidden"));
  // Drupal's publishing flag on the article's node (wcxb 4163), not a promotion widget.
  EXPECT_TRUE(r.IsIgnoredClassToken("node--promoted"));
  EXPECT_TRUE(r.IsIgnoredClassToken("node-promoted"));
  EXPECT_FALSE(r.IsIgnoredClassToken("promoted-content"));
  EXPECT_FALSE(r.IsIgnoredClassToken("social"));
  EXPECT_FALSE(r.IsIgnoredClassToken("categories"));
  EXPECT_FALSE(r.IsIgnoredClassToken("share-buttons"));
  EXPECT_FALSE(r.IsIgnoredClassToken("cat-food"));
  EXPECT_FALSE(r.IsIgnoredClassToken("my-category-list"));
}

TEST(RulesTest, IsNoiseLineEnglish) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsNoiseLine("Leave a Reply", "en"));
  EXPECT_TRUE(r.IsNoiseLine("LEAVE A COMMENT", "en"));
  EXPECT_TRUE(r.IsNoiseLine("Your email address will not be published. Required fields are marked *", "en"));
  EXPECT_TRUE(r.IsNoiseLine("Related Posts", "en"));
  EXPECT_TRUE(r.IsNoiseLine("Share this article:", "en"));
  EXPECT_TRUE(r.IsNoiseLine("Advertisement", "en"));
  EXPECT_FALSE(r.IsNoiseLine("The council voted to approve the new budget for schools.", "en"));
  EXPECT_FALSE(r.IsNoiseLine("Related posts on this topic appeared last year.", "en"));
  EXPECT_FALSE(r.IsNoiseLine("Please leave a reply below.", "en"));
}

// scrapinghub (7 pages), wcxb 2833: a gallery's or carousel's counter is no line of the article.
TEST(RulesTest, GalleryCounters) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Image 1 of 5", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Image 1 of / 23", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Slide 1 of 8", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Photo 3/12", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Image 1 of 5 shows the damage to the bridge.", "en"), 0);
}

// fundus kr-HankookIlbo, read from its script data: template placeholders its scripts fill in ("$$ARTICLEAD$$").
TEST(RulesTest, TemplatePlaceholders) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("$$ARTICLEAD$$", "ko"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("%%BANNER_2%%", "de"), Rules::kLine);
  // Must not fire: a line that says more, prices, and a template tutorial's code.
  EXPECT_EQ(r.ClassifyLine("{{ user.name }}", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("$$ARTICLEAD$$ The council met on Tuesday.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("$$ 40 $$", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Prices rose 5%% in May.", "en"), 0);
}

// scrapinghub ("Advert"), l3s-gn1 ("SPONSORED LINKS"), cleaneval ("Top of Page", "[ Back To The Top ]").
TEST(RulesTest, AdvertLabelsAndBackToTopLinks) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Advert", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("SPONSORED LINKS", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Top of Page", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("[ Back To The Top ]", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Back to top.", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("TOP", "en"), 0);  // a heading in one truth
}

// l3s-gn1, dragnet 60, cleaneval: image controls, a sponsor's label and a lone "Home" link are no lines of an article.
TEST(RulesTest, ImageControlsSponsorLabelAndLoneHome) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Click photo to enlarge", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Click here for a larger image.", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("View larger image", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Brought to you by", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Home", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Enlarge Photo", "en"), 0);  // kept by dragnet truths
  EXPECT_EQ(r.ClassifyLine("Home sales fell again in March.", "en"), 0);
}

// scrapinghub cc03ddb5, trafilatura set munich2022.com: "Tags" labels the post's tag links.
TEST(RulesTest, TagListLabel) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Tags", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Tagged with:", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Tags", "de"), Rules::kBlock) << "the English rules apply to every language";
  EXPECT_EQ(r.ClassifyLine("Topics", "en"), 0);
}

// cleaneval final-323, wcxb 3021: a shop's recommendations label the other products after it.
TEST(RulesTest, ShopRecommendationLabels) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Customers Who Bought This Also Bought:", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("People who viewed this item also viewed", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Similar items", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Related products", "en"), 0);
}

// cleaneval, l3s-gn1, scrapinghub: a bare "More" link and a printer-friendly link are no lines of an article.
TEST(RulesTest, BareMoreAndPrinterFriendlyLinks) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("More", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("More...", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("MORE \u00bb", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Printer-friendly version", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("More information", "en"), 0);  // a heading in cleaneval and dragnet truths
  EXPECT_EQ(r.ClassifyLine("More . . .", "en"), 0);
}

// l3s-gn1 (British news sites): prompts to comment.
TEST(RulesTest, HaveYourSayPrompts) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Have your say", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Have your say Read comments", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Have your say on this story", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Login to have your say here", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Have your say in the consultation, the council urged residents.", "en"), 0);
}

// dragnet, l3s-gn1, cleaneval: links to the neighbouring posts with their titles, WordPress's note under a post, and
// links back to a document's contents.
TEST(RulesTest, PostNavigationAndContentsLinks) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Previous post: Nine steps to transform yourself into a river", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Next story: Canadian ball players in 'no-win situation'", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Previous posts in the series", "en"), 0);  // a heading in a dragnet truth
  EXPECT_EQ(r.ClassifyLine("You can follow any responses to this entry through the RSS 2.0 feed. You can leave a "
                           "response, or trackback from your own site.", "en"),
            Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Return to Table of Contents", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Return to top of page", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Return to the scene of the crime, the detective said.", "en"), 0);
}

// Story tools of old news sites, one per line (l3s-gn1, scrapinghub, cleanportaleval), a blog's trackback label
// (dragnet) and a comment form's prompt (scrapinghub).
TEST(RulesTest, StoryToolsTrackbackAndCommentPrompt) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Email this story to a friend", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Send this article to Friends by E-Mail", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Write to The Editor about this article", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Adjust font size:", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Text size", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Site Tools", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("TrackBack URL for this entry:", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Tell us what YOU think...", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Send this article to a friend who needs it, the author asks.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Tell us what you think of the new park by Friday.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Font size matters less than contrast.", "en"), 0);
}

// Headline labels that trail off in an ellipsis (scrapinghub, cleaneval), but not a "Read more..." link, which a
// cleaneval truth keeps.
TEST(RulesTest, HeadlineLabelsWithAnEllipsis) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("You may also like...", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("See also\xE2\x80\xA6", "en"), Rules::kBlock);  // See also…
  EXPECT_EQ(r.ClassifyLine("Read More...", "en") & Rules::kBlock, 0);
  EXPECT_EQ(r.ClassifyLine("You may also like... the sequel, she joked.", "en"), 0);
}

// A photo credit under an image is often written in brackets (trafilatura set, salon.com).
TEST(RulesTest, PhotoCreditInBrackets) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("(Credit: Clayton Aldern / Grist)", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("[Photo: Jane Doe/AP]", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("(Foto: dpa)", "de"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("(Credit where credit is due, the council voted for it.)", "en"), 0);
}

// fundus: The Portugal News heads its list of other stories "More in News" and ends with an empty comment section's
// prompt; Nikkei writes its labels in lenticular brackets or with a qualifier after them.
TEST(RulesTest, MoreInSectionAndBracketedJapaneseLabels) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("More in News", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("More in the new budget, the council said, is spent on schools.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Be the first to comment on this article", "en"), Rules::kTail);
  EXPECT_EQ(r.ClassifyLine("\xE3\x80\x90\xE9\x96\xA2\xE9\x80\xA3\xE8\xA8\x98\xE4\xBA\x8B\xE3\x80\x91", "ja"),
            Rules::kBlock);  // 【関連記事】
  EXPECT_EQ(r.ClassifyLine("\xE3\x81\x93\xE3\x81\xA1\xE3\x82\x89\xE3\x82\x82\xE3\x81\x8A\xE3\x81\x99\xE3\x81\x99"
                           "\xE3\x82\x81(\xE8\x87\xAA\xE5\x8B\x95\xE6\xA4\x9C\xE7\xB4\xA2)",
                           "ja"),
            Rules::kBlock);  // こちらもおすすめ(自動検索)
}

// wcxb 0514: XenForo prints "Click to expand..." and "Click to shrink..." under each quoted post. Must not fire on
// a sentence that starts the same way.
TEST(RulesTest, ForumQuoteToggles) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Click to expand...", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Click to shrink...", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Click to expand\xE2\x80\xA6", "en"), Rules::kLine);  // Click to expand…
  EXPECT_EQ(r.ClassifyLine("Click to expand the menu, then choose Settings.", "en"), 0);
}

// l3s-gn1: old news sites head other stories' headlines and summaries "Also In The News", "Also in UK News", "Other
// news", "Today's Most Read Stories". A sentence that starts the same way is prose, and "More games news:" stays
// (the readability truth keeps that list).
TEST(RulesTest, AlsoInAndOtherNewsLabels) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Also In The News", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Also in UK News", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Other news", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("Today\xE2\x80\x99s Most Read Stories", "en"), Rules::kBlock);  // curly apostrophe
  EXPECT_EQ(r.ClassifyLine("Also in attendance were the mayor and two of her deputies.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Other news outlets reported the same figures on Tuesday.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("More games news:", "en"), 0);
}

// fundus: Israel Nachrichten; trafilatura set: lacrux.com. An appeal for support starts the page's trailing widgets.
TEST(RulesTest, GermanSupportAppealIsATail) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Hat Ihnen dieser Artikel gefallen? Dann unterst\xC3\xBCtzen Sie uns bitte mit einer Spende.", "de"),
            Rules::kTail);
  EXPECT_EQ(r.ClassifyLine("Gef\xC3\xA4llt dir unser Klettermagazin? Bei der Lancierung haben wir entschieden, keine "
                           "Bezahlschranke einzuf\xC3\xBChren.",
                           "de"),
            Rules::kTail);
  EXPECT_EQ(r.ClassifyLine("Hat Ihnen der Arzt gesagt, was zu tun ist?", "de"), 0);
}

TEST(RulesTest, ClassifyLineKinds) {
  const Rules& r = TheRules();
  EXPECT_EQ(r.ClassifyLine("Advertisement", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("---", "en"), Rules::kLine);
  EXPECT_EQ(r.ClassifyLine("Leave a Reply", "en"), Rules::kTail);
  EXPECT_EQ(r.ClassifyLine("Read also:", "en"), Rules::kBlock);
  // washingtonpost.com pages (cleanportaleval) head their list of other pages so.
  EXPECT_EQ(r.ClassifyLine("You may also be interested in:", "en"), Rules::kBlock);
  EXPECT_EQ(r.ClassifyLine("You may also be interested in the new budget.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Related Posts", "en"), Rules::kBlock | Rules::kTail);
  EXPECT_EQ(r.ClassifyLine("3 May 2024", "en"), Rules::kMeta);
  EXPECT_EQ(r.ClassifyLine("\xC2\xA9 2024 Example News Ltd", "en"), Rules::kEdge);  // © ...
  EXPECT_EQ(r.ClassifyLine("The council voted to approve the new budget.", "en"), 0);
}

TEST(RulesTest, IsNoiseLineNeutralHasNoLettersOrDigits) {
  const Rules& r = TheRules();
  EXPECT_TRUE(r.IsNoiseLine("---", ""));
  EXPECT_TRUE(r.IsNoiseLine("\xE2\x80\xA2 \xC2\xB7 |", "fr"));  // • · |
  EXPECT_TRUE(r.IsNoiseLine("", "en"));
  EXPECT_FALSE(r.IsNoiseLine("1.", ""));
  EXPECT_FALSE(r.IsNoiseLine("\xE4\xB8\xAD", ""));  // 中
}

TEST(RulesTest, IsNoiseLineHindi) {
  const Rules& r = TheRules();
  const std::string read_too = "\xE0\xA4\xAF\xE0\xA4\xB9 \xE0\xA4\xAD\xE0\xA5\x80 "
                               "\xE0\xA4\xAA\xE0\xA4\xA2\xE0\xA4\xBC\xE0\xA5\x87\xE0\xA4\x82";  // यह भी पढ़ें
  EXPECT_TRUE(r.IsNoiseLine(read_too, "hi"));
  EXPECT_TRUE(r.IsNoiseLine(read_too + ":", "hi"));
  // Language rules apply only to their language...
  EXPECT_FALSE(r.IsNoiseLine(read_too, "en"));
  EXPECT_FALSE(r.IsNoiseLine(read_too, ""));
  // ...but English labels are noise on pages in every language.
  EXPECT_TRUE(r.IsNoiseLine("Leave a Reply", "hi"));
  EXPECT_TRUE(r.IsNoiseLine("Leave a Reply", ""));
  // An ordinary Hindi sentence that mentions "read" is not: "उसने यह भी पढ़ें कहा।".
  EXPECT_FALSE(r.IsNoiseLine("\xE0\xA4\x89\xE0\xA4\xB8\xE0\xA4\xA8\xE0\xA5\x87 " + read_too +
                                 " \xE0\xA4\x95\xE0\xA4\xB9\xE0\xA4\xBE\xE0\xA5\xA4",
                             "hi"));
}

// From review: rules that took ordinary sentences now need what makes a line a label: a colon or a platform
// after "share" (zh), no sentence punctuation in a credit line (an interview's question), a platform after
// "follow" (hi, en), the imperative "download" (hi), what cookies are for or a consent word (en). The cases are
// in tests/data/rules/labels.tsv: "noise" or "keep", a language, a line.
TEST(RulesTest, LabelRulesSpareSentencesThatStartTheSameWay) {
  const Rules& r = TheRules();
  std::ifstream in(std::string(CLEANER_SOURCE_DIR) + "/tests/data/rules/labels.tsv");
  ASSERT_TRUE(in) << "tests/data/rules/labels.tsv";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t'), b = line.find('\t', a + 1);
    ASSERT_NE(b, std::string::npos) << line;
    const std::string want = line.substr(0, a), language = line.substr(a + 1, b - a - 1), text = line.substr(b + 1);
    EXPECT_EQ(r.IsNoiseLine(text, language), want == "noise") << language << ": " << text;
    ++cases;
  }
  EXPECT_GE(cases, 16);
  // "Copyright" starts a banner with a year, a © or rights reserved, or when it is no sentence.
  EXPECT_EQ(r.ClassifyLine("Copyright 2024 Example News. All rights reserved.", "en"), Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("Copyright and Trade Mark Notice", "en"), Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("COPYRIGHT", "en"), Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("Copyright holders have until March to respond.", "en"), 0);
  EXPECT_EQ(r.ClassifyLine("Copyright law is changing fast.", "en"), 0);
  // "(c)" starts a banner with a year, without a sentence's end, or with rights reserved; not the third item of
  // a legal list (from review).
  EXPECT_EQ(r.ClassifyLine("(c) 2024 Example News", "en"), Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("(c) Example News. All rights reserved.", "en"), Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("\xC2\xA9 Example News", "en"), Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("(c) a cooperative of which the owner is a member.", "en"), 0);
  // The Hindi agency sign-off "इनपुट: आईएएनएस" (input: IANS) needs its colon, or one word after "इनपुट": "इनपुट
  // लागत घटने से किसानों को राहत मिलेगी।" (falling input costs will bring farmers relief) is a sentence.
  EXPECT_EQ(r.ClassifyLine("\xE0\xA4\x87\xE0\xA4\xA8\xE0\xA4\xAA\xE0\xA5\x81\xE0\xA4\x9F: "
                           "\xE0\xA4\x86\xE0\xA4\x88\xE0\xA4\x8F\xE0\xA4\xA8\xE0\xA4\x8F\xE0\xA4\xB8",
                           "hi"),
            Rules::kEdge);
  EXPECT_EQ(r.ClassifyLine("\xE0\xA4\x87\xE0\xA4\xA8\xE0\xA4\xAA\xE0\xA5\x81\xE0\xA4\x9F "
                           "\xE0\xA4\xB2\xE0\xA4\xBE\xE0\xA4\x97\xE0\xA4\xA4 "
                           "\xE0\xA4\x98\xE0\xA4\x9F\xE0\xA4\xA8\xE0\xA5\x87 \xE0\xA4\xB8\xE0\xA5\x87 "
                           "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xB9\xE0\xA4\xA4 "
                           "\xE0\xA4\xAE\xE0\xA4\xBF\xE0\xA4\xB2\xE0\xA5\x87\xE0\xA4\x97\xE0\xA5\x80\xE0\xA5\xA4",
                           "hi"),
            0);
}

}  // namespace
}  // namespace cleaner

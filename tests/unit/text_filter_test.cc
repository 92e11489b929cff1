// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 7, filter: rule-matched noise lines by kind (line, edge, block, tail), the title repeated at the
// start, and long duplicate lines; plus the plain-text helpers.

#include "cleaner/text_filter.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/rules.h"

namespace cleaner {
namespace {

using Strings = std::vector<std::string>;

const Rules& TheRules() {
  static const std::shared_ptr<const Rules> rules = std::move(Rules::Embedded()).value();
  return *rules;
}

std::vector<Line> ToLines(const Strings& texts) {
  std::vector<Line> lines;
  for (const std::string& t : texts) {
    Line l;
    l.text = t;
    lines.push_back(l);
  }
  return lines;
}

Strings Filter(const Strings& texts, std::string_view title = "", std::string_view language = "en",
               bool plain_text = false) {
  std::vector<Line> lines = ToLines(texts);
  FilterOptions options;
  options.drop_meta_lines = plain_text;  // as the pipeline does for plain text
  FilterLines(TheRules(), language, title, options, &lines);
  Strings out;
  for (const Line& l : lines) out.push_back(l.text);
  return out;
}

// Prose lines: long, ending with a full stop.
const std::string kLong1 = "The council voted on Tuesday to approve the new budget for schools.";
const std::string kLong2 = "Teachers said the money would pay for smaller classes next year.";
const std::string kLong3 = "Parents welcomed the decision but asked for more details on timing.";
const std::string kLong4 = "The mayor said the plan would be reviewed again in the spring.";
const std::string kLong5 = "Opposition members voted against it, citing the cost of new buildings.";

// यह भी पढ़ें ("read this too"), a block label in hi.txt.
const std::string kReadToo =
    "\xE0\xA4\xAF\xE0\xA4\xB9 \xE0\xA4\xAD\xE0\xA5\x80 "
    "\xE0\xA4\xAA\xE0\xA4\xA2\xE0\xA4\xBC\xE0\xA5\x87\xE0\xA4\x82";

TEST(TextFilterTest, NothingToDrop) {
  EXPECT_EQ(Filter({kLong1, kLong2, "Short."}), (Strings{kLong1, kLong2, "Short."}));
  EXPECT_EQ(Filter({}), Strings{});
}

TEST(TextFilterTest, LineRulesDropTheLineWhereverItStands) {
  EXPECT_EQ(Filter({kLong1, "Advertisement", kLong2, "---", kLong3, "* * *", kLong4}),
            (Strings{kLong1, kLong2, kLong3, kLong4}));
}

// A line that went on the element of a line after a <br> starts its own when that line is dropped.
TEST(TextFilterTest, ALineAfterADroppedLineGoesOnNothing) {
  std::vector<Line> lines = ToLines({kLong1, "Advertisement", kLong2, kLong3});
  lines[2].after_break = true;
  lines[3].after_break = true;
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[1].after_break) << lines[1].text;
  EXPECT_TRUE(lines[2].after_break) << lines[2].text;
}

TEST(TextFilterTest, ReportCountsDroppedLines) {
  std::vector<Line> lines = ToLines({kLong1, "Advertisement", kLong2, kLong1});
  FilterReport report = FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(report.dropped, 2u);
  EXPECT_EQ(lines.size(), 2u);
}

TEST(TextFilterTest, SentencesMentioningNoiseWordsStay) {
  const Strings keep = {"Related research on this topic was published last year.",
                        "She asked readers to leave a reply with their views.",
                        "Advertisement revenue fell 5%.", "The vote on 3 May 2024 was close."};
  EXPECT_EQ(Filter(keep), keep);
}

TEST(TextFilterTest, EdgeRulesDropDateBannersAtTheEdgesOnly) {
  EXPECT_EQ(Filter({"22/11/2024", kLong1, kLong2, kLong3, kLong4, kLong5, "22/11/2024"}),
            (Strings{kLong1, kLong2, kLong3, kLong4, kLong5}));
  // Fourth of seven lines: not at an edge.
  const Strings middle = {kLong1, kLong2, kLong3, "22/11/2024", kLong4, kLong5, "Short end."};
  EXPECT_EQ(Filter(middle), middle);
}

// A short copyright banner is the site's footer; a long syndication notice after an agency story ("Copyright
// 2008 The Associated Press. All rights reserved. This material may not be published, ...") is kept by the truths
// that have one (l3s-gn1, scrapinghub: +0.0007 and +0.0004 when the rule stopped at 60 characters).
TEST(TextFilterTest, CopyrightBannersGoLongSyndicationNoticesStay) {
  const std::string notice =
      "Copyright 2008 The Wire Service. All rights reserved. This material may not be published, broadcast, "
      "rewritten or redistributed.";
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, "\xC2\xA9 2025 City Press. All rights reserved."}),
            (Strings{kLong1, kLong2, kLong3}));
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, notice}), (Strings{kLong1, kLong2, kLong3, notice}));
}

// Code keeps its braces, fences and repeated lines (readability 001 and mercurial, wcxb 0415 and 4403 gained).
TEST(TextFilterTest, PreformattedLinesAreNotJudged) {
  const std::string repeated = "    return compute_the_value(first_argument, second_argument);";
  std::vector<Line> lines = ToLines({kLong1, "int f() {", repeated, "}", "```", repeated, "}", kLong2});
  for (size_t i = 1; i <= 6; ++i) lines[i].block = Tag::kPre;
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  Strings out;
  for (const Line& l : lines) out.push_back(l.text);
  EXPECT_EQ(out, (Strings{kLong1, "int f() {", repeated, "}", "```", repeated, "}", kLong2}));
}

TEST(TextFilterTest, MetaRulesApplyToPlainTextOnly) {
  // A dateline with a month name is the article's own in extracted HTML (several truths keep it), a banner in
  // scraped plain text.
  const Strings lines = {"3 May 2024", kLong1, kLong2, kLong3, kLong4, "By Jane Doe"};
  EXPECT_EQ(Filter(lines), lines);
  EXPECT_EQ(Filter(lines, "", "en", /*plain_text=*/true), (Strings{kLong1, kLong2, kLong3, kLong4}));
}

// Must not fire: a short sentence at an edge that starts like a stamp or a dateline ends like a sentence, and
// stays; a stamp that ends with a time or an abbreviation still goes (found in review).
TEST(TextFilterTest, MetaRulesSpareShortSentencesAtTheEdges) {
  const Strings lines = {kLong1, kLong2, kLong3, "Published in 1851, the novel sold poorly."};
  EXPECT_EQ(Filter(lines, "", "en", /*plain_text=*/true), lines);
  // "रिपोर्ट में यह बात सामने आई।": "This came out in the report." (hi.txt's "report" byline rule).
  const Strings hindi = {"\xE0\xA4\xB0\xE0\xA4\xBF\xE0\xA4\xAA\xE0\xA5\x8B\xE0\xA4\xB0"
                         "\xE0\xA5\x8D\xE0\xA4\x9F "
                         "\xE0\xA4\xAE\xE0\xA5\x87\xE0\xA4\x82 \xE0\xA4\xAF\xE0\xA4\xB9 "
                         "\xE0\xA4\xAC\xE0\xA4\xBE\xE0\xA4\xA4 "
                         "\xE0\xA4\xB8\xE0\xA4\xBE\xE0\xA4\xAE\xE0\xA4\xA8\xE0\xA5\x87 "
                         "\xE0\xA4\x86\xE0\xA4\x88\xE0\xA5\xA4",
                         kLong1, kLong2, kLong3};
  EXPECT_EQ(Filter(hindi, "", "hi", /*plain_text=*/true), hindi);
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, "Updated: 10:45 a.m."}, "", "en", /*plain_text=*/true),
            (Strings{kLong1, kLong2, kLong3}));
  // A sentence that ends in a number is still a sentence (from review).
  for (const char* sentence : {"Published in 1851, the novel had sold only 3,000 copies by 1855.",
                               "Updated figures show unemployment fell to 3.9 percent in 2024."}) {
    const Strings with = {kLong1, kLong2, kLong3, sentence};
    EXPECT_EQ(Filter(with, "", "en", /*plain_text=*/true), with) << sentence;
  }
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, "Published November 3, 2024."}, "", "en", /*plain_text=*/true),
            (Strings{kLong1, kLong2, kLong3}));
  // Datelines with a time or a date written otherwise still go (from review).
  for (const auto& [language, dateline] : std::vector<std::pair<std::string, std::string>>{
           {"en", "Updated 9 a.m."},
           {"en", "Published 22/11/24."},
           {"de", "Aktualisiert: 22.11.24."},
           {"hi", "\xE0\xA4\x85\xE0\xA4\xAA\xE0\xA4\xA1\xE0\xA5\x87\xE0\xA4\x9F: 22 "
                  "\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0, 10.45 AM."}}) {
    EXPECT_EQ(Filter({kLong1, kLong2, kLong3, dateline}, "", language, /*plain_text=*/true),
              (Strings{kLong1, kLong2, kLong3}))
        << dateline;
  }
  // Must not fire: figures that look like times or dates (from review).
  for (const char* sentence : {"Updated prices start at $12.99.", "Updated figures show the rate at 4.15.",
                               "Posted in the forum, the fix is in version 2.10.", "Posted earlier, the score was 2-1.",
                               "Published research puts the ratio at 50/50.",
                               "Published in 2019, the survey found 1 in 4 adults read 24/7."}) {
    const Strings with = {kLong1, kLong2, kLong3, sentence};
    EXPECT_EQ(Filter(with, "", "en", /*plain_text=*/true), with) << sentence;
  }
}

TEST(TextFilterTest, BlockLabelGoesWithTheHeadlinesAfterIt) {
  EXPECT_EQ(
      Filter({kLong1, kLong2, kReadToo, "First other story headline", "Second other story headline", kLong3},
             "", "hi"),
      (Strings{kLong1, kLong2, kLong3}));
  EXPECT_EQ(Filter({kLong1, kLong2, "Read also:", "First other story headline", kLong3}),
            (Strings{kLong1, kLong2, kLong3}));
}

// Must not fire: a section of the article that happens to be called "Other news" and goes on in prose.
TEST(TextFilterTest, OtherNewsHeadingBeforeProseStays) {
  const Strings lines = {kLong1, kLong2, "Other news", kLong3, kLong4};
  EXPECT_EQ(Filter(lines), lines);
}

TEST(TextFilterTest, BlockLabelFollowedByProseStays) {
  // A heading that reads like a label ("Related") but introduces prose is a section heading.
  const Strings lines = {kLong1, kReadToo, kLong2, kLong3};
  EXPECT_EQ(Filter(lines, "", "hi"), lines);
}

TEST(TextFilterTest, LanguageRulesNeedTheirLanguage) {
  const Strings lines = {kLong1, kLong2, kReadToo, "First other story headline", kLong3};
  EXPECT_EQ(Filter(lines, "", "en"), lines);
  EXPECT_EQ(Filter(lines, "", "hi"), (Strings{kLong1, kLong2, kLong3}));
}

TEST(TextFilterTest, TailRuleDropsEverythingAfterItLateInTheText) {
  EXPECT_EQ(
      Filter({kLong1, kLong2, kLong3, "Leave a Reply", "Great post!", "Thanks for sharing this with us."}),
      (Strings{kLong1, kLong2, kLong3}));
  // English widget labels apply on pages in every language.
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, "Leave a Reply", "Great post!"}, "", "hi"),
            (Strings{kLong1, kLong2, kLong3}));
}

TEST(TextFilterTest, ATailLabelRepeatedAfterEachPostCutsOnlyAtItsLast) {
  // A blog's front page ends every post with "Comments (n)": the first such line late in the text is not where the
  // comments start, the last one is (cleaneval final-179, a page of seven posts cut after the fifth).
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, kLong4, "Comments (1)", kLong5, "Comments (0)", "Great post!"}),
            (Strings{kLong1, kLong2, kLong3, kLong4, "Comments (1)", kLong5}));
}

TEST(TextFilterTest, TailRuleEarlyInTheTextDoesNotCutTheArticle) {
  const Strings lines = {"Leave a Reply", kLong1, kLong2, kLong3};
  EXPECT_EQ(Filter(lines), lines);
}

TEST(TextFilterTest, RepeatedTitleAtTheStartIsDropped) {
  EXPECT_EQ(Filter({"Budget Approved for Schools", kLong1}, "Budget Approved for Schools"),
            (Strings{kLong1}));
  // Case, punctuation and permalink signs do not hide the repeat.
  EXPECT_EQ(Filter({"budget approved for schools \xC2\xB6", kLong1}, "Budget Approved, for Schools!"),
            (Strings{kLong1}));
  // Among the first lines kept, not only the very first.
  EXPECT_EQ(
      Filter({"World", "Education", "Budget Approved for Schools", kLong1}, "Budget Approved for Schools"),
      (Strings{"World", "Education", kLong1}));
}

TEST(TextFilterTest, TitleFurtherDownStays) {
  const Strings lines = {kLong1, kLong2, "Short.", "Budget Approved for Schools", kLong3};
  EXPECT_EQ(Filter(lines, "Budget Approved for Schools"), lines);
}

TEST(TextFilterTest, EmptyTitleDropsNothing) {
  EXPECT_EQ(Filter({"Budget", kLong1}, ""), (Strings{"Budget", kLong1}));
  EXPECT_EQ(Filter({"Budget", kLong1}, "!!!"), (Strings{"Budget", kLong1}));
}

TEST(TextFilterTest, HindiTitleWithVowelSignsIsMatched) {
  // बजट मंज़ूर: the key keeps combining vowel signs and the nukta, so the title matches itself...
  const std::string title = "\xE0\xA4\xAC\xE0\xA4\x9C\xE0\xA4\x9F \xE0\xA4\xAE\xE0\xA4\x82\xE0\xA4\x9C"
                            "\xE0\xA4\xBC\xE0\xA5\x82\xE0\xA4\xB0";
  EXPECT_EQ(Filter({title + " |", kLong1}, title, "hi"), (Strings{kLong1}));
  // ...and बजट मंजर (no nukta, no vowel sign) is not the title.
  const std::string other = "\xE0\xA4\xAC\xE0\xA4\x9C\xE0\xA4\x9F \xE0\xA4\xAE\xE0\xA4\x82\xE0\xA4\x9C"
                            "\xE0\xA4\xB0";
  EXPECT_EQ(Filter({other, kLong1}, title, "hi"), (Strings{other, kLong1}));
}

TEST(TextFilterTest, LongDuplicateLinesAreDropped) {
  EXPECT_EQ(Filter({kLong1, kLong2, kLong1, kLong2, kLong1}), (Strings{kLong1, kLong2}));
}

TEST(TextFilterTest, ARepeatedPassageStays) {
  // A story that the page prints twice (three paragraphs in a row, over 300 bytes) is the page's text both times;
  // a single paragraph repeated on its own (a teaser) still goes, and so does a repeated run of short lines (a
  // headline and its dateline, under 300 bytes).
  const std::string p1 = kLong1 + " " + kLong2, p2 = kLong3 + " " + kLong4, p3 = kLong5;
  ASSERT_GE(p1.size() + p2.size() + p3.size(), 300u);
  ASSERT_LT(kLong1.size() + kLong2.size(), 300u);
  EXPECT_EQ(Filter({p1, p2, p3, kLong4, p1, p2, p3}), (Strings{p1, p2, p3, kLong4, p1, p2, p3}));
  EXPECT_EQ(Filter({p1, p2, p3, kLong4, p2}), (Strings{p1, p2, p3, kLong4}));
  EXPECT_EQ(Filter({kLong1, kLong2, kLong3, kLong1, kLong2}), (Strings{kLong1, kLong2, kLong3}));
  // Lines in a row that repeat lines from different places are no passage.
  EXPECT_EQ(Filter({p1, kLong4, p2, p3, p2, p1}), (Strings{p1, kLong4, p2, p3}));
  // The second copy stays, not the third and later ones (a spam page that prints a passage 2000 times).
  EXPECT_EQ(Filter({p1, p2, p3, p1, p2, p3, p1, p2, p3, p1, p2, p3}), (Strings{p1, p2, p3, p1, p2, p3}));
}

TEST(TextFilterTest, AHeadingNamedByATableOfContentsStays) {
  // "Jump to" contents list the headings as in-page links before the sections: the heading that repeats a link line
  // stays (wcxb 4877). A heading repeating a line of plain text, or a link line repeating a heading, is a duplicate.
  const std::string heading = "How to identify the best tax prep software";
  ASSERT_GE(heading.size(), 40u);
  std::vector<Line> lines = ToLines({heading, kLong1, heading, kLong2, heading});
  lines[0].link_chars = static_cast<float>(heading.size());
  lines[2].block = Tag::kH2;
  lines[4].link_chars = static_cast<float>(heading.size());
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  Strings out;
  for (const Line& l : lines) out.push_back(l.text);
  EXPECT_EQ(out, (Strings{heading, kLong1, heading, kLong2}));
  lines = ToLines({heading, kLong1, heading});
  lines[2].block = Tag::kH2;
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(lines.size(), 2u);
}

// Lines that are links alone (Line::link_chars covers all of them).
std::vector<Line> WithLinks(const Strings& texts, std::initializer_list<size_t> links) {
  std::vector<Line> lines = ToLines(texts);
  for (size_t i : links) lines[i].link_chars = static_cast<float>(lines[i].text.size());
  return lines;
}

Strings Texts(const std::vector<Line>& lines) {
  Strings out;
  for (const Line& l : lines) out.push_back(l.text);
  return out;
}

// A paragraph: prose longer than a label.
const std::string kParagraph = kLong1 + " " + kLong2;

TEST(TextFilterTest, UnnamedLinksAfterTheLastParagraphGo) {
  // Three headlines of other stories after the last paragraph, with no label: they go, and a short sign-off after
  // them does not hide them.
  std::vector<Line> lines =
      WithLinks({kLong1, kParagraph, "Sri Lanka ends truce", "Rebel chief killed", "Floods wreak havoc", "Tags: news"},
                {2, 3, 4});
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(Texts(lines), (Strings{kLong1, kParagraph, "Tags: news"}));
  // Two links are not yet a list of headlines.
  lines = WithLinks({kLong1, kParagraph, "Sri Lanka ends truce", "Rebel chief killed"}, {2, 3});
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(lines.size(), 4u);
}

TEST(TextFilterTest, NamedOrFollowedLinksStay) {
  const Strings links = {"Sri Lanka ends truce", "Rebel chief killed", "Floods wreak havoc"};
  auto filter = [&](const Strings& before, const Strings& after, Tag last_block = Tag::kP) {
    Strings texts = before;
    texts.insert(texts.end(), links.begin(), links.end());
    texts.insert(texts.end(), after.begin(), after.end());
    std::vector<Line> lines = WithLinks(texts, {before.size(), before.size() + 1, before.size() + 2});
    lines[before.size() - 1].block = last_block;
    FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
    return lines.size();
  };
  EXPECT_EQ(filter({kLong1, kParagraph}, {}), 2u);  // as above
  // A label names the list ("Popular projects:", a heading, a short line): the dragnet truths keep such lists.
  EXPECT_EQ(filter({kLong1, "Popular projects:"}, {}), 5u);
  EXPECT_EQ(filter({kLong1, "Community picks (tested by you!)"}, {}), 5u);
  EXPECT_EQ(filter({kLong1, kParagraph}, {}, Tag::kH2), 5u);
  EXPECT_EQ(filter({kLong1, kParagraph + " Read more:"}, {}), 5u);
  // Prose after the links: they stand inside the article (a list of sources, of sections).
  EXPECT_EQ(filter({kLong1, kParagraph}, {kLong3, kLong4}), 7u);
}

TEST(TextFilterTest, LinksThatArePostsContentStay) {
  // A roundup post: two short paragraphs, then the eight links it is about (more bytes than the text before them,
  // which must hold twice the run for it to go). They stay.
  Strings texts = {kLong1, kParagraph};
  for (int i = 0; i < 8; ++i) texts.push_back("An interesting article about cities number " + std::to_string(i));
  std::vector<Line> lines = WithLinks(texts, {2, 3, 4, 5, 6, 7, 8, 9});
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(lines.size(), texts.size());
}

// After a "Related stories:" label, teasers of other stories to the end of the text: each a headline link, a
// summary sentence and a source line. The summaries end like sentences, so the block rule alone stops at them.
Strings Teasers(int n) {
  Strings t;
  for (int i = 0; i < n; ++i) {
    t.push_back("Other story headline number " + std::to_string(i));
    t.push_back("The government said on day " + std::to_string(i) + " that it would press ahead with the plan.");
    t.push_back("Canadian Press, January " + std::to_string(20 + i));
  }
  return t;
}

std::vector<Line> WithTeasers(const Strings& before, int n, const Strings& after = {}) {
  Strings texts = before;
  const Strings teasers = Teasers(n);
  texts.insert(texts.end(), teasers.begin(), teasers.end());
  texts.insert(texts.end(), after.begin(), after.end());
  std::vector<Line> lines = ToLines(texts);
  for (int i = 0; i < n; ++i) {
    Line& headline = lines[before.size() + 3 * static_cast<size_t>(i)];
    headline.link_chars = static_cast<float>(headline.text.size());
  }
  return lines;
}

TEST(TextFilterTest, TeasersAfterALabelGoToTheEnd) {
  std::vector<Line> lines = WithTeasers({kLong1, kParagraph, kLong3, "Related stories:"}, 4);
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(Texts(lines), (Strings{kLong1, kParagraph, kLong3}));
}

// l3s-gn1 35ece29f, 85e7a96f: "Also In The News" heads other stories, each a headline link and a summary.
TEST(TextFilterTest, AlsoInTheNewsGoesWithTheTeasersAfterIt) {
  std::vector<Line> lines = WithTeasers({kLong1, kParagraph, kLong3, "Also In The News"}, 4);
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(lines.size(), 3u);
}

TEST(TextFilterTest, TwoTeaserSectionsInARowBothGo) {
  // "Related stories" and then "Most popular", each with its teasers, end the text: the first section's run ends
  // at the second label, and both go.
  std::vector<Line> first = WithTeasers({kLong1, kParagraph, kLong3, "Related stories:"}, 3);
  std::vector<Line> second = WithTeasers({"Most popular"}, 3);
  first.insert(first.end(), second.begin(), second.end());
  FilterLines(TheRules(), "en", "", FilterOptions(), &first);
  EXPECT_EQ(Texts(first), (Strings{kLong1, kParagraph, kLong3}));
}

TEST(TextFilterTest, TeasersTheArticleGoesOnAfterStay) {
  // The article goes on after the list: its last paragraphs are no summary of the last teaser. Only the label
  // and the first headline go (the block rule), as before.
  for (const Strings& after : {Strings{kLong3}, Strings{kLong3, kLong4}}) {
    std::vector<Line> lines = WithTeasers({kLong1, "Related stories:"}, 3, after);
    const size_t n = lines.size();
    FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
    EXPECT_EQ(lines.size(), n - 2);
    EXPECT_EQ(lines.back().text, after.back());
  }
  // A listing whose "Read More" links follow each teaser: the label is a link, the teasers are the page.
  std::vector<Line> lines = WithTeasers({kLong1, "Read More"}, 3);
  lines[1].link_chars = static_cast<float>(lines[1].text.size());
  const size_t m = lines.size();
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(lines.size(), m - 2);
  // Two teasers are not yet a list; bare headlines (no summaries) take the block rule alone.
  lines = WithTeasers({kLong1, kParagraph, "Related stories:"}, 2);
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  EXPECT_EQ(lines.back().text, "Canadian Press, January 21");
}

TEST(TextFilterTest, ReadMoreBoxesBetweenParagraphsAreNoTeaserList) {
  // A story with a "Read more:" box (a label and one short link) every two paragraphs: from the first label, each
  // link and the two paragraphs after it look like a teaser and its summary, but the next label shows that the
  // article goes on. The story's paragraphs stay.
  const Strings paragraphs = {kLong1, kLong2, kLong3, kLong4, kParagraph, kLong1 + " And more.", kLong2 + " Yes."};
  Strings texts = {paragraphs[0]};
  std::vector<size_t> links;
  for (size_t p = 1; p < paragraphs.size(); p += 2) {
    texts.push_back("Read more:");
    links.push_back(texts.size());
    texts.push_back("Budget " + std::to_string(p));
    texts.push_back(paragraphs[p]);
    if (p + 1 < paragraphs.size()) texts.push_back(paragraphs[p + 1]);
  }
  std::vector<Line> lines = ToLines(texts);
  for (size_t i : links) lines[i].link_chars = static_cast<float>(lines[i].text.size());
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  const Strings kept = Texts(lines);
  for (const std::string& p : paragraphs) EXPECT_NE(std::find(kept.begin(), kept.end(), p), kept.end()) << p;
}

// wcxb 2833: a hero heading printed twice in a row (desktop and mobile markup); l3s-gn1 693c707d: a date label under
// each screenshot of a gallery. The copy right after the line goes.
TEST(TextFilterTest, AShortLineRepeatedRightAfterItselfGoes) {
  // A hero heading in its desktop and mobile versions.
  std::vector<Line> hero =
      ToLines({"Make anything possible, all in Figma", "Make anything possible, all in Figma", kLong1, kLong2});
  for (size_t i : {0, 1}) hero[i].block = Tag::kH2;
  FilterLines(TheRules(), "en", "", FilterOptions(), &hero);
  EXPECT_EQ(hero.size(), 3u);
  // A date under each thumbnail of a gallery (paragraphs, but with digits).
  EXPECT_EQ(Filter({kLong1, "10th Oct 2007", "10th Oct 2007", "10th Oct 2007", kLong2}),
            (Strings{kLong1, "10th Oct 2007", kLong2}));
}

// Must not fire: the same short line with other text between (a refrain, a label of each section), a single word
// in a row ("Yes", "Yes": answers in a list), a link line repeated (a list may name one page twice), a line of
// code, and a heading followed by the same words as a paragraph.
TEST(TextFilterTest, RepeatsThatAreNotCopiesStay) {
  const Strings refrain = {kLong1, "Row, row, row your boat", kLong2, "Row, row, row your boat", kLong3};
  EXPECT_EQ(Filter(refrain), refrain);
  const Strings answers = {kLong1, "Yes", "Yes", kLong2};
  EXPECT_EQ(Filter(answers), answers);
  std::vector<Line> links = ToLines({kLong1, "See the council minutes", "See the council minutes", kLong2});
  for (size_t i : {1, 2}) links[i].link_chars = static_cast<float>(links[i].text.size());
  FilterLines(TheRules(), "en", "", FilterOptions(), &links);
  EXPECT_EQ(links.size(), 4u);
  std::vector<Line> code = ToLines({kLong1, "x = x + 1", "x = x + 1", kLong2});
  for (size_t i : {1, 2}) code[i].block = Tag::kPre;
  FilterLines(TheRules(), "en", "", FilterOptions(), &code);
  EXPECT_EQ(code.size(), 4u);
  // In paragraphs, list items and quotes, lines without digits: a refrain, a list that says one thing twice.
  const Strings song = {kLong1, "Na na na, na-na-na na", "Na na na, na-na-na na", kLong2};
  EXPECT_EQ(Filter(song), song);
  std::vector<Line> items = ToLines({kLong1, "Order shipped today", "Order shipped today", kLong2});
  for (size_t i : {1, 2}) items[i].block = Tag::kLi;
  FilterLines(TheRules(), "en", "", FilterOptions(), &items);
  EXPECT_EQ(items.size(), 4u);
  // The same in quotes and definitions (a poem's refrain in <blockquote><p>).
  for (Tag kind : {Tag::kBlockquote, Tag::kDd, Tag::kDt}) {
    std::vector<Line> quoted = ToLines({kLong1, "Na na na, na-na-na na", "Na na na, na-na-na na", kLong2});
    for (size_t i : {1, 2}) quoted[i].block = kind;
    FilterLines(TheRules(), "en", "", FilterOptions(), &quoted);
    EXPECT_EQ(quoted.size(), 4u) << static_cast<int>(kind);
  }
  std::vector<Line> heading = ToLines({kLong1, "The new budget", "The new budget", kLong2});
  heading[1].block = Tag::kH2;
  heading[2].block = Tag::kP;
  FilterLines(TheRules(), "en", "", FilterOptions(), &heading);
  EXPECT_EQ(heading.size(), 4u);
}

TEST(TextFilterTest, ShortDuplicateLinesStay) {
  // Under 40 bytes a repeat is ordinary ("Yes.", a refrain).
  EXPECT_EQ(Filter({"Yes.", kLong1, "Yes."}), (Strings{"Yes.", kLong1, "Yes."}));
  const std::string just_under = std::string(38, 'x') + ".", at = std::string(39, 'y') + ".";
  EXPECT_EQ(Filter({kLong1, just_under, just_under, at, at, kLong2}),
            (Strings{kLong1, just_under, just_under, at, kLong2}));
}

TEST(TextFilterTest, LineFieldsArePreserved) {
  std::vector<Line> lines = ToLines({kLong1, "Advertisement", kLong2});
  lines[2].block = Tag::kLi;
  lines[2].link_chars = 7;
  FilterLines(TheRules(), "en", "", FilterOptions(), &lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].text, kLong2);
  EXPECT_EQ(lines[1].block, Tag::kLi);
  EXPECT_FLOAT_EQ(lines[1].link_chars, 7);
}

TEST(TextFilterTest, SplitTextLines) {
  std::vector<Line> lines = SplitTextLines("  First   line \n\n\t\nsecond\xC2\xA0line\r\nthird");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "First line");
  EXPECT_EQ(lines[1].text, "second line");
  EXPECT_EQ(lines[2].text, "third");
  EXPECT_TRUE(SplitTextLines("").empty());
  EXPECT_TRUE(SplitTextLines("\n \n").empty());
}

TEST(TextFilterTest, LooksLikeHtml) {
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><html>"));
  EXPECT_TRUE(LooksLikeHtml("text then <P>a paragraph"));
  EXPECT_TRUE(LooksLikeHtml("<!-- comment -->"));
  EXPECT_TRUE(LooksLikeHtml("<CENTER><FONT size=2>An old page</FONT></CENTER>"));
  EXPECT_TRUE(LooksLikeHtml("<tr><td>a table fragment</td></tr>"));
  EXPECT_TRUE(LooksLikeHtml("<frameset cols=50%><frame src=a.html></frameset>"));
  EXPECT_TRUE(LooksLikeHtml("<html>"));
  EXPECT_TRUE(LooksLikeHtml("<td"));
  // Words in angle brackets are not tags: an e-mail address, a placeholder.
  EXPECT_FALSE(LooksLikeHtml("Questions go to Oliver Smith <oliver@example.org> or Lisa <lisa@example.org>."));
  EXPECT_FALSE(LooksLikeHtml("Usage: export <format> <true|false> <header-name>"));
  EXPECT_FALSE(LooksLikeHtml("Plain text, 3 < 4 and a > b."));
  EXPECT_FALSE(LooksLikeHtml(""));
}

}  // namespace
}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The options that choose what an article keeps (Options::include_*, Options::focus), through Extractor::Extract:
// the extras never change Document::text, comments come out on their own, and each focus moves the text the way
// it says.

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cleaner/cleaner.h"
#include "tests/unit/fixture_pages.h"

namespace cleaner {
namespace {

std::string Prose(const std::string& seed, int sentences = 4) {
  std::string s;
  for (int i = 0; i < sentences; ++i) {
    s += "The " + seed + " report number " + std::to_string(i) +
         " explains, in some detail, why the council voted to approve the new budget for schools. ";
  }
  return s;
}

Document Extract(const std::string& html, const Options& options, std::string_view url = {}) {
  Extractor extractor(options);
  auto doc = extractor.Extract(html, url);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : Document();
}

bool Has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Formatting, links and images add to Document::blocks; the text stays what the default extraction gives, on
// every fixture page (the promise that every output format carries the same article).
TEST(OptionsTest, ExtrasLeaveTheTextAsItIs) {
  Options rich;
  rich.include_formatting = rich.include_links = rich.include_images = rich.include_comments = true;
  const Extractor plain_extractor{Options{}}, rich_extractor{rich};
  size_t pages = 0, spans = 0, images = 0;
  for (const fixtures::FixturePage& page : fixtures::FindPages()) {
    const std::string html = ReadFile(page.dir + "/input.html");
    auto plain = plain_extractor.Extract(html, "https://example.com/a/page.html");
    auto with = rich_extractor.Extract(html, "https://example.com/a/page.html");
    ASSERT_TRUE(plain.ok() && with.ok()) << page.folder;
    if (plain->text != with->text) {
      // Name the first line that differs rather than print two whole articles.
      size_t at = 0;
      while (at < plain->text.size() && at < with->text.size() && plain->text[at] == with->text[at]) ++at;
      const size_t line_start = plain->text.rfind('\n', at == 0 ? 0 : at - 1);
      ADD_FAILURE() << page.folder << ": the text differs from byte " << at << ", in the line starting \""
                    << plain->text.substr(line_start == std::string::npos ? 0 : line_start + 1, 80) << "\"";
    }
    size_t text_blocks = 0;
    for (const Block& b : with->blocks) {
      spans += b.spans.size();
      if (b.kind == Block::Kind::kImage) {
        ++images;
        EXPECT_EQ(b.src.rfind("http", 0), 0u) << page.folder << ": " << b.src;
      } else {
        ++text_blocks;
      }
    }
    EXPECT_EQ(text_blocks, plain->blocks.size()) << page.folder;
    ++pages;
  }
  EXPECT_GE(pages, 30u);
  EXPECT_GT(spans, 100u) << "the fixture pages have links and emphasis";
  EXPECT_GT(images, 5u) << "and images";
}

const std::string kBlogWithComments =
    "<html><body><article><h1>Budget news</h1><p>" + Prose("first") + "</p><p>" + Prose("second") +
    "</p></article>"
    "<div id='comments' class='comments-area'><h2>2 Comments</h2><ol class='comment-list'>"
    "<li><p>Thanks for this clear summary of the budget vote.</p><a class='comment-reply-link' href='#'>Reply</a>"
    "</li><li><p>The schools will be glad to hear about it.</p><a href='#'>Reply</a></li></ol>"
    "<div id='respond'><h3>Leave a Reply</h3><form><p>Your email address will not be published.</p>"
    "<textarea></textarea><input type='submit' value='Post Comment'></form></div></div>"
    "<footer><a class='comment-count' href='#comments'>2 comments</a></footer></body></html>";

TEST(OptionsTest, CommentsAreExtractedOnTheirOwn) {
  Options options;
  options.include_comments = true;
  const Document doc = Extract(kBlogWithComments, options);
  EXPECT_EQ(doc.comments,
            "Thanks for this clear summary of the budget vote.\nThe schools will be glad to hear about it.\n")
      << "without the section's label, the reply buttons and the reply form";
  EXPECT_FALSE(Has(doc.text, "Thanks for this")) << "the article keeps out the comments";
  EXPECT_EQ(doc.text, Extract(kBlogWithComments, Options{}).text);
}

// WordPress themes put the comments beside the <article> inside <main>: the selection climbs to <main> (its only
// visible child is the article once the comments are pruned), and the comments are then inside the selected root.
TEST(OptionsTest, CommentsBesideTheArticleInsideMain) {
  const std::string html =
      "<html><body><main><article><h1>Budget news</h1><p>" + Prose("first") + "</p><p>" + Prose("second") +
      "</p></article><div id='comments' class='comments-area'><h2>2 Comments</h2><ol class='comment-list'>"
      "<li><p>Thanks for this clear summary of the budget vote.</p></li>"
      "<li><p>The schools will be glad to hear about it.</p></li></ol></div></main></body></html>";
  Options options;
  options.include_comments = true;
  const Document doc = Extract(html, options);
  EXPECT_EQ(doc.comments,
            "Thanks for this clear summary of the budget vote.\nThe schools will be glad to hear about it.\n");
  EXPECT_FALSE(Has(doc.text, "Thanks for this"));
}

TEST(OptionsTest, CommentsAreOnlyExtractedWhenAskedFor) {
  EXPECT_TRUE(Extract(kBlogWithComments, Options{}).comments.empty());
  Options options;
  options.include_comments = true;
  const std::string no_comments = "<html><body><article><p>" + Prose("first") + "</p><p class='comment-count'>" +
                                  "3 comments</p></article></body></html>";
  EXPECT_TRUE(Extract(no_comments, options).comments.empty()) << "a comment counter is not a comment section";
}

TEST(OptionsTest, TablesCanBeLeftOut) {
  const std::string html = "<html><body><article><p>" + Prose("first") +
                           "</p><table><tr><th>School</th><th>Budget</th></tr><tr><td>North</td><td>12</td></tr>"
                           "</table><p>" + Prose("second") + "</p></article></body></html>";
  EXPECT_TRUE(Has(Extract(html, Options{}).text, "\nNorth 12\n"));
  Options options;
  options.include_tables = false;
  const Document doc = Extract(html, options);
  EXPECT_FALSE(Has(doc.text, "North"));
  EXPECT_TRUE(Has(doc.text, "second report"));
}

// A dateline, a byline and a line of links around the article: the precision focus drops them, the default keeps
// them (half the benchmark truths do).
const std::string kArticleWithMetaLines =
    "<html><body><article><h1>Budget news</h1><p>March 3, 2024</p><p>By Jane Doe</p><p>" + Prose("first") +
    "</p><p>" + Prose("second") + "</p><p><a href='/a'>Schools</a>, <a href='/b'>Budget</a></p><p>" +
    Prose("third") + "</p></article></body></html>";

TEST(OptionsTest, PrecisionDropsDatelinesBylinesAndLinkLines) {
  const Document balanced = Extract(kArticleWithMetaLines, Options{});
  EXPECT_TRUE(Has(balanced.text, "March 3, 2024\n"));
  EXPECT_TRUE(Has(balanced.text, "By Jane Doe\n"));
  EXPECT_TRUE(Has(balanced.text, "Schools, Budget\n"));
  Options options;
  options.focus = Focus::kPrecision;
  const Document precise = Extract(kArticleWithMetaLines, options);
  EXPECT_FALSE(Has(precise.text, "March 3, 2024"));
  EXPECT_FALSE(Has(precise.text, "Jane Doe"));
  EXPECT_FALSE(Has(precise.text, "Schools, Budget"));
  EXPECT_TRUE(Has(precise.text, "third report"));
}

// The recall focus keeps what a "Related posts" label near the end would cut, elements whose class names look
// like widgets, and figure captions.
TEST(OptionsTest, RecallKeepsTheTailAndUnlikelyNamedElements) {
  const std::string html = "<html><body><article><p>" + Prose("first", 8) +
                           "</p><figure><img src='/v.jpg'><figcaption>The council during the vote</figcaption>"
                           "</figure><div class='supplemental-note'><p>" +
                           Prose("boxed") + "</p></div><h3>Related posts</h3><p>" +
                           "An update on the budget was given after the vote, with a long explanation of how the "
                           "schools will spend it over the coming years.</p></article></body></html>";
  const Document balanced = Extract(html, Options{});
  EXPECT_FALSE(Has(balanced.text, "An update on the budget"));
  EXPECT_FALSE(Has(balanced.text, "boxed report"));
  EXPECT_FALSE(Has(balanced.text, "The council during the vote"));
  Options options;
  options.focus = Focus::kRecall;
  const Document recall = Extract(html, options);
  EXPECT_TRUE(Has(recall.text, "An update on the budget"));
  EXPECT_TRUE(Has(recall.text, "boxed report"));
  EXPECT_TRUE(Has(recall.text, "The council during the vote")) << "captions stay";
  EXPECT_TRUE(Has(recall.text, "first report"));
}

// A list item written over two lines with <br> gives two blocks, the second going on the first (Block::continues);
// a paragraph's lines after a <br> are paragraphs of their own.
TEST(OptionsTest, AnItemsSecondLineContinuesIt) {
  const std::string html = "<html><body><article><p>" + Prose("first") + "</p><ul><li>" + Prose("item") + "<br>" +
                           Prose("more") + "</li><li>" + Prose("next") + "</li></ul><p>" + Prose("last") + "<br>" +
                           Prose("after") + "</p></article></body></html>";
  const Document doc = Extract(html, Options());
  ASSERT_EQ(doc.blocks.size(), 6u) << doc.text;
  EXPECT_EQ(doc.blocks[1].kind, Block::Kind::kListItem);
  EXPECT_FALSE(doc.blocks[1].continues);
  EXPECT_EQ(doc.blocks[2].kind, Block::Kind::kListItem);
  EXPECT_TRUE(doc.blocks[2].continues);
  EXPECT_FALSE(doc.blocks[3].continues);
  EXPECT_FALSE(doc.blocks[5].continues) << "only list items go on";
}

TEST(OptionsTest, ImagesAreBlocksWithAbsoluteUrls) {
  Options options;
  options.include_images = true;
  const std::string html = "<html><head><link rel=canonical href='https://news.example/2024/budget'></head><body>"
                           "<article><p>" + Prose("first") + "</p><figure><img src='/img/vote.jpg' alt='The vote'>"
                           "</figure><p>" + Prose("second") + "</p></article></body></html>";
  const Document doc = Extract(html, options);
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[1].kind, Block::Kind::kImage);
  EXPECT_EQ(doc.blocks[1].text, "The vote");
  EXPECT_EQ(doc.blocks[1].src, "https://news.example/img/vote.jpg") << "resolved against the canonical URL";
  EXPECT_EQ(Extract(html, options, "http://mirror.example/x/y").blocks[1].src, "http://mirror.example/img/vote.jpg")
      << "the URL the caller gives comes first";
  EXPECT_FALSE(Has(doc.text, "The vote")) << "alt text is not article text";
  EXPECT_EQ(Extract(html, options, "HTTPS://Mirror.example/x/y").blocks[1].src, "HTTPS://Mirror.example/img/vote.jpg")
      << "a scheme in capitals is still http(s)";
  // <base href> is what relative addresses resolve against, itself resolved against the page's URL.
  const std::string with_base = "<html><head><base href='/static/v2/'></head><body><article><p>" + Prose("first") +
                                "</p><img src='vote.jpg' alt='The vote'><p>" + Prose("second") +
                                "</p></article></body></html>";
  EXPECT_EQ(Extract(with_base, options, "https://news.example/2024/budget").blocks[1].src,
            "https://news.example/static/v2/vote.jpg");
}

// Options::language takes BCP 47 tags as people write them: "hi-IN" or "HI" chooses the Hindi rules (rule files
// are named by the primary subtag), and the document reports the primary subtag.
TEST(OptionsTest, LanguageTagsChooseRulesByTheirPrimarySubtag) {
  const std::string text =
      "राज्य सरकार ने आज नई शिक्षा नीति की घोषणा की, जिससे लाखों छात्रों को लाभ होगा और स्कूलों में सुधार आएगा।\n"
      "विज्ञापन\n"
      "मुख्यमंत्री ने कहा कि यह योजना अगले वर्ष से पूरे प्रदेश में लागू की जाएगी और इसके लिए बजट तय हो चुका है।\n";
  for (const char* tag : {"hi", "hi-IN", "HI_in"}) {
    Options options;
    options.language = tag;
    auto doc = Extractor(options).CleanText(text);
    ASSERT_TRUE(doc.ok());
    EXPECT_EQ(doc->language, "hi") << tag;
    EXPECT_FALSE(Has(doc->text, "विज्ञापन\n")) << tag << ": the Hindi rule for an advertisement label applies";
  }
}

// A page's lang attribute stands unless its text is in another script: a Hindi page marked lang="en" by its
// template is Hindi, and the Hindi rules apply. A German text marked "en" stays "en" (one script: the markup may
// know better), and the user's Options::language always stands.
TEST(OptionsTest, AMarkedLanguageInAnotherScriptThanTheTextGivesWay) {
  const std::string hindi =
      "<p>राज्य सरकार ने आज नई शिक्षा नीति की घोषणा की, जिससे लाखों छात्रों को लाभ होगा और स्कूलों में सुधार आएगा।</p>"
      "<p>विज्ञापन</p>"
      "<p>मुख्यमंत्री ने कहा कि यह योजना अगले वर्ष से पूरे प्रदेश में लागू की जाएगी और इसके लिए बजट तय हो चुका है।</p>";
  Document doc = Extract("<html lang=en><body><article>" + hindi + "</article></body></html>", Options());
  EXPECT_EQ(doc.language, "hi");
  EXPECT_FALSE(Has(doc.text, "विज्ञापन\n"));
  Options english;
  english.language = "en";
  EXPECT_EQ(Extract("<html lang=en><body><article>" + hindi + "</article></body></html>", english).language, "en");
  Document german = Extract("<html lang=en><body><article><p>" + std::string("Die Landesregierung hat heute eine neue "
                            "Bildungspolitik angekündigt, von der viele Schüler profitieren werden.") +
                            "</p></article></body></html>",
                            Options());
  EXPECT_EQ(german.language, "en");
}

// A page without an article gives an empty text, also when the title is asked for: a title alone is not a cleaned
// page (the CLI warns about empty results by their text).
TEST(OptionsTest, WithTitleAPageWithoutAnArticleIsEmpty) {
  Options options;
  options.with_title = true;
  Document doc = Extract("<html><head><title>A page about nothing</title></head><body><div><img src=a.png>"
                         "</div></body></html>",
                         options);
  EXPECT_EQ(doc.title, "A page about nothing");
  EXPECT_EQ(doc.text, "");
  EXPECT_FALSE(doc.stats.empty_reason.empty());
}

// Images are blocks but not text: an article of images alone has an empty text, and says why like any other page
// without text (the CLI's warning prints the reason).
TEST(OptionsTest, AnArticleOfImagesAloneSaysWhyItsTextIsEmpty) {
  Options options;
  options.include_images = true;
  options.filter_lines = false;
  Document doc = Extract("<html><body><article><p><img src=a.jpg alt='A picture of a lighthouse'></p></article>"
                         "</body></html>",
                         options);
  ASSERT_EQ(doc.text, "");
  EXPECT_FALSE(doc.stats.empty_reason.empty());
}

}  // namespace
}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The `cleaner` binary's default command, run as a person runs it: every output format on fixture pages (JSON
// parses and has its fields, JSON Lines has one record per input, Markdown and HTML render the blocks'
// structure, every format carries the same article text as txt), the options, and the exit statuses.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/fixture_pages.h"
#include "tests/unit/shell.h"

namespace cleaner {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using shell::Quote;
using CliRun = shell::Run;

// Runs `cleaner -q ARGS`; standard error is dropped, or, with `merge_stderr`, kept after standard output (and
// then -q is left out, so that warnings show).
CliRun Cleaner(const std::string& args, bool merge_stderr = false) {
  return shell::RunCommand(Quote(CLEANER_BINARY) +
                           (merge_stderr ? " " + args + " 2>&1" : " -q " + args + " 2>/dev/null"));
}

std::string Page(const std::string& folder) { return fixtures::PagesDir() + "/" + folder + "/input.html"; }

const char* const kNews = "fr/fundus-fr-EuronewsFR_2024_04_30";  // title, authors, date, tags, headings
const char* const kHindi = "hi/hindi-ind-Bhaskar_2024_09_04";
const char* const kTable = "en/wcxb-0415";  // tables

TEST(RenderTest, JsonHasEveryField) {
  CliRun run = Cleaner("-f json --url https://fr.euronews.com/2024/04/30/x " + Quote(Page(kNews)));
  ASSERT_EQ(run.status, 0);
  const json j = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << run.out.substr(0, 300);
  for (const char* field :
       {"url", "hostname", "title", "author", "authors", "date", "date_modified", "language", "site",
        "sitename", "description", "image", "tags", "categories", "canonical_url", "text", "stats"}) {
    EXPECT_TRUE(j.contains(field)) << field;
  }
  EXPECT_EQ(j["hostname"], "fr.euronews.com");
  EXPECT_EQ(j["date"], "2024-04-30");
  EXPECT_EQ(j["authors"], json::array({"Denis Loctier"}));
  EXPECT_EQ(j["author"], "Denis Loctier");
  EXPECT_EQ(j["language"], "fr");
  EXPECT_TRUE(j["tags"].is_array());
  EXPECT_FALSE(j["title"].get<std::string>().empty());
  EXPECT_FALSE(j["description"].get<std::string>().empty());
  EXPECT_EQ(j["image"].get<std::string>().rfind("https://", 0), 0u);
  EXPECT_TRUE(j["stats"].contains("total_ms"));
  EXPECT_EQ(j["text"], Cleaner(Quote(Page(kNews))).out) << "json carries the same article as txt";
}

TEST(RenderTest, JsonLinesHasOneRecordPerInput) {
  CliRun run =
      Cleaner("-f jsonl " + Quote(Page(kNews)) + " " + Quote(Page(kHindi)) + " /nonexistent/page.html");
  EXPECT_EQ(run.status, 1);  // one input failed
  std::vector<json> records;
  size_t start = 0;
  while (start < run.out.size()) {
    size_t nl = run.out.find('\n', start);
    records.push_back(json::parse(run.out.substr(start, nl - start), nullptr, false));
    start = nl == std::string::npos ? run.out.size() : nl + 1;
  }
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1]["language"], "hi");
  EXPECT_EQ(records[1]["date"], "2024-09-04");
  EXPECT_TRUE(records[2].contains("error"));
}

// A page written to a temporary file for the CLI, removed when the test ends.
struct TempPage {
  TempPage(const std::string& name, const std::string& html)
      : path(::testing::TempDir() + "/cleaner_render_" + name + "_" + std::to_string(getpid()) + ".html") {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      ADD_FAILURE() << "cannot write " << path;
      return;
    }
    std::fwrite(html.data(), 1, html.size(), f);
    std::fclose(f);
  }
  ~TempPage() { std::remove(path.c_str()); }
  std::string path;
};

// Markdown's inline markup taken away: backslash escapes, emphasis, code fences, link brackets and targets.
std::string MarkdownToText(const std::string& md) {
  std::string out;
  for (size_t i = 0; i < md.size(); ++i) {
    const char c = md[i];
    if (c == '\\' && i + 1 < md.size()) {
      out.push_back(md[++i]);
    } else if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      i = md.find(')', i);
      if (i == std::string::npos) break;
    } else if (c != '*' && c != '`' && c != '[') {
      out.push_back(c);
    }
  }
  return out;
}

TEST(RenderTest, MarkdownToTextUndoesInlineMarkup) {
  EXPECT_EQ(MarkdownToText("a **b** *c* [d](http://e/f) `g` \\*h\\["), "a b c d g *h[");
}

TEST(RenderTest, MarkdownRendersTheStructure) {
  const std::string md = Cleaner("-f markdown " + Quote(Page(kNews))).out;
  ASSERT_FALSE(md.empty());
  EXPECT_EQ(md.rfind("# ", 0), 0u) << "the title comes first, as a level-1 heading";
  EXPECT_NE(md.find("\n## "), std::string::npos) << "the article's sub-headings";
  EXPECT_NE(md.find(" **la surpêche massive"), std::string::npos) << "<strong> as **";
  // A GFM table with one column per cell, its first row as the header.
  const std::string table = Cleaner("-f markdown " + Quote(Page(kTable))).out;
  EXPECT_NE(table.find("\n| Codepoint Range | Byte 1 | Byte 2 | Byte 3 | Byte 4 |\n| --- | --- | --- | --- | --- |\n"
                       "| `U+0000`–`U+007F` | 0xxxxxxx |  |  |  |\n"),
            std::string::npos)
      << table.substr(0, 3000);
  // Every line of txt is in the Markdown once its inline markup and escapes are taken away.
  const std::string txt = Cleaner(Quote(Page(kNews))).out;
  const std::string unescaped = MarkdownToText(md);
  size_t start = 0;
  while (start < txt.size()) {
    size_t nl = txt.find('\n', start);
    std::string line = txt.substr(start, nl - start);
    EXPECT_NE(unescaped.find(line), std::string::npos) << line;
    start = nl + 1;
  }
}

TEST(RenderTest, HtmlIsAMinimalEscapedArticle) {
  const std::string html = Cleaner("-f html " + Quote(Page(kNews))).out;
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("<article>"), std::string::npos);
  EXPECT_NE(html.find("<h1>"), std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2024-04-30\">"), std::string::npos);
  EXPECT_NE(html.find("</article>\n</body>\n</html>\n"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const std::string table = Cleaner("-f html " + Quote(Page(kTable))).out;
  EXPECT_NE(table.find("<table>\n<tr><th>Codepoint Range</th><th>Byte 1</th>"), std::string::npos) << table;
  EXPECT_NE(table.find("<tr><td><code>U+0000</code>–<code>U+007F</code></td><td>0xxxxxxx</td><td></td>"),
            std::string::npos)
      << table;
}

// Text that looks like markup stays text: escaped in HTML, backslashed in Markdown.
TEST(RenderTest, MarkupInTextIsEscaped) {
  const std::string page =
      "<html><head><title>Fish &amp; chips &lt;b&gt; night</title></head><body><article>"
      "<h1>Fish &amp; chips &lt;b&gt; night</h1>"
      "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; and a*b*c with 5 &gt; 3 &amp; \"quotes\" in a "
      "paragraph long "
      "enough to be the article of this small test page, which needs some words to be kept at all.</p>"
      "<p># not a heading, and 1. not a list item, in a second paragraph that is long enough as well.</p>"
      "<ul><li>first item of a list</li><li>second item of a list</li></ul></article></body></html>";
  const TempPage temp("escape", page);
  const std::string& path = temp.path;
  const std::string html = Cleaner("-f html " + Quote(path)).out;
  EXPECT_NE(html.find("<title>Fish &amp; chips &lt;b&gt; night</title>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<ul>\n<li>first item of a list</li>\n<li>second item of a list</li>\n</ul>"),
            std::string::npos)
      << html;
  const std::string md = Cleaner("-f markdown " + Quote(path)).out;
  EXPECT_EQ(md.rfind("# Fish & chips \\<b\\> night\n", 0), 0u) << md;
  EXPECT_NE(md.find("a\\*b\\*c"), std::string::npos) << md;
  EXPECT_NE(md.find("\n\\# not a heading"), std::string::npos) << md;
  EXPECT_NE(md.find("\n- first item of a list\n- second item of a list\n"), std::string::npos) << md;
}

// The options that choose what the article keeps, through the command line.
TEST(RenderTest, OptionsChooseWhatTheArticleKeeps) {
  const std::string table_page = Quote(Page(kTable));
  const std::string md = Cleaner("-f markdown " + table_page).out;
  EXPECT_NE(md.find("]("), std::string::npos) << "markdown shows links by default";
  EXPECT_NE(md.find("| --- |"), std::string::npos);
  const std::string bare = Cleaner("-f markdown --no-links --no-formatting --no-tables " + table_page).out;
  EXPECT_EQ(bare.find("]("), std::string::npos);
  EXPECT_EQ(bare.find("**"), std::string::npos);
  EXPECT_EQ(bare.find("| --- |"), std::string::npos);
  EXPECT_EQ(Cleaner("--no-tables " + table_page).out.find("Codepoint Range"), std::string::npos);
  EXPECT_NE(Cleaner(table_page).out.find("Codepoint Range"), std::string::npos);
  const std::string images = Cleaner("-f markdown --images --url https://example.com/post/ " + table_page).out;
  EXPECT_NE(images.find("](https://"), std::string::npos);
  EXPECT_NE(images.find("\n!["), std::string::npos) << images.substr(0, 2000);
  json j = json::parse(Cleaner("-f json --images --comments " + table_page).out, nullptr, false);
  ASSERT_TRUE(j.is_object());
  EXPECT_TRUE(j["comments"].is_string());
  ASSERT_TRUE(j["images"].is_array());
  EXPECT_FALSE(j["images"].empty());
  EXPECT_TRUE(j["images"][0]["src"].is_string());
  EXPECT_EQ(Cleaner("--precision --recall " + table_page).status, 2) << "a usage error";
  EXPECT_EQ(Cleaner("--precision " + table_page).status, 0);
}

// Markdown that renders as the article says: each case once failed in a CommonMark renderer (markdown-it).
TEST(RenderTest, MarkdownEdgeCases) {
  const std::string page =
      "<html><head><title>Edges</title></head><body><article>"
      "<p>A paragraph long enough to be the article of this small test page, which needs some words to be "
      "kept at all, with <b>Note:</b>text after a bold label and &amp;copy; written out.</p>"
      "<ul><li>1. not an ordered list</li><li># not a heading</li></ul>"
      "<table><tr><th>Address</th><th>Phone</th><th>Code</th></tr>"
      "<tr><td>1 Main St<br>Springfield</td><td>555</td><td><code>a|b</code></td></tr></table>"
      "<ul><li>an item before code</li></ul><pre>    indented();\n```\nfenced</pre>"
      "<p>A second paragraph of the page, long enough as well to be kept as part of the article text.</p>"
      "</article></body></html>";
  const TempPage temp("edges", page);
  const std::string& path = temp.path;
  const std::string md = Cleaner("-f markdown " + Quote(path)).out;
  EXPECT_NE(md.find("<strong>Note:</strong>text"), std::string::npos) << md;
  EXPECT_NE(md.find("\\&copy;"), std::string::npos) << md;
  EXPECT_NE(md.find("\n- 1\\. not an ordered list\n- \\# not a heading\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n| 1 Main St Springfield | 555 | `a\\|b` |\n"), std::string::npos)
      << "a <br> in a data table's cell is a space: the row stays one, its cells in their columns\n" << md;
  EXPECT_NE(md.find("`a\\|b`"), std::string::npos) << md;
  EXPECT_NE(md.find("\n````\n"), std::string::npos) << "a fence longer than the ``` inside\n" << md;
  const std::string html = Cleaner("-f html " + Quote(path)).out;
  EXPECT_NE(html.find("<tr><td>1 Main St Springfield</td><td>555</td><td><code>a|b</code></td></tr>"),
            std::string::npos)
      << html;
}

// Code keeps its indentation in Markdown and HTML (the text output trims every line), and HTML puts a run of
// preformatted lines in one <pre>.
TEST(RenderTest, CodeKeepsItsIndentation) {
  const std::string page =
      "<html><body><article><p>A paragraph long enough to be the article of this small test page, which needs "
      "some words to be kept at all, and a few more.</p><pre><code>def f(x):\n    if x:\n\treturn x &lt; 1"
      "</code></pre><p>A second paragraph, long enough as well to be kept as part of the article text.</p>"
      "</article></body></html>";
  const TempPage temp("code", page);
  const std::string md = Cleaner("-f markdown " + Quote(temp.path)).out;
  EXPECT_NE(md.find("```\ndef f(x):\n    if x:\n\treturn x < 1\n```\n"), std::string::npos) << md;
  const std::string html = Cleaner("-f html " + Quote(temp.path)).out;
  EXPECT_NE(html.find("<pre>\ndef f(x):\n    if x:\n\treturn x &lt; 1\n</pre>\n"), std::string::npos) << html;
  const std::string txt = Cleaner(Quote(temp.path)).out;
  EXPECT_NE(txt.find("\nif x:\nreturn x < 1\n"), std::string::npos) << txt;
}

// --comments: Markdown ends with a "## Comments" section, HTML with <section class="comments">, JSON has the field.
TEST(RenderTest, CommentsInEveryFormat) {
  const std::string page =
      "<html><body><article><p>A paragraph long enough to be the article of this small test page, which needs "
      "some words to be kept at all, and a few more.</p><p>A second paragraph, long enough as well to be kept "
      "as part of the article text of the page.</p></article><div id='comments'><ol class='comment-list'>"
      "<li><p>A reader's <b>first</b> comment &amp; a &lt;tag&gt;.</p></li></ol></div></body></html>";
  const TempPage temp("comments", page);
  const std::string& path = temp.path;
  const std::string md = Cleaner("-f markdown --comments " + Quote(path)).out;
  EXPECT_NE(md.find("\n## Comments\n\nA reader's first comment & a \\<tag\\>.\n"), std::string::npos) << md;
  const std::string html = Cleaner("-f html --comments " + Quote(path)).out;
  EXPECT_NE(html.find("<section class=\"comments\">\n<h2>Comments</h2>\n<p>A reader's first comment &amp; a "
                      "&lt;tag&gt;.</p>\n</section>\n"),
            std::string::npos)
      << html;
  EXPECT_EQ(Cleaner("-f markdown " + Quote(path)).out.find("Comments"), std::string::npos) << "only when asked";
}

// Two inputs with one name (a/index.html, b/index.html) are two output files, not one overwritten.
TEST(RenderTest, OutputDirKeepsInputsThatShareAName) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_same_name_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  fs::copy_file(Page(kNews), dir / "a" / "index.html");
  fs::copy_file(Page(kHindi), dir / "b" / "index.html");
  const CliRun run = Cleaner("-q -o " + Quote((dir / "out").string()) + " " + Quote((dir / "a" / "index.html").string()) +
                             " " + Quote((dir / "b" / "index.html").string()));
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(fs::exists(dir / "out" / "index.txt"));
  EXPECT_TRUE(fs::exists(dir / "out" / "index-2.txt"));
  EXPECT_NE(fs::file_size(dir / "out" / "index.txt"), fs::file_size(dir / "out" / "index-2.txt"));
  fs::remove_all(dir);
}

// Exit statuses: 0 when every input was processed (a page without an article too, with a warning), 1 when any
// input failed, 2 for a usage error.
TEST(CleanCommandTest, ExitStatuses) {
  EXPECT_EQ(Cleaner("--version").status, 0);
  EXPECT_EQ(Cleaner("--help").status, 0);
  EXPECT_EQ(Cleaner("--no-such-option " + Quote(Page(kNews))).status, 2);
  EXPECT_EQ(Cleaner("-f yaml " + Quote(Page(kNews))).status, 2);
  EXPECT_EQ(Cleaner(Quote(Page(kNews)) + " /no/such/file.html -f jsonl").status, 1);

  const fs::path empty = fs::temp_directory_path() / ("cleaner_empty_" + std::to_string(getpid()) + ".html");
  { std::ofstream(empty) << "<html><head><title>Nothing here</title></head><body><div></div></body></html>"; }
  CliRun run = Cleaner("--with-title " + Quote(empty.string()), /*merge_stderr=*/true);
  EXPECT_EQ(run.status, 0) << "a page without an article is not a failure";
  EXPECT_NE(run.out.find("warning"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("Nothing here"), std::string::npos) << "not its title alone, with --with-title either";
  fs::remove(empty);
}

// Several documents in one stream have a shape only as JSON Lines: other formats need --output-dir.
TEST(CleanCommandTest, SeveralInputsOnStdoutNeedJsonLines) {
  const std::string two = Quote(Page(kNews)) + " " + Quote(Page(kHindi));
  for (const char* format : {"txt", "json", "markdown", "html"})
    EXPECT_EQ(Cleaner(std::string("-f ") + format + " " + two).status, 2) << format;
  CliRun jsonl = Cleaner("-f jsonl " + two);
  EXPECT_EQ(jsonl.status, 0);
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 2);
}

// --url is the address of one page: with several inputs every page would resolve its links against it, and
// fetched pages have their own. Both are usage errors rather than a silently wrong or ignored URL.
TEST(CleanCommandTest, UrlNamesOneInputFile) {
  const std::string two = Quote(Page(kNews)) + " " + Quote(Page(kHindi));
  CliRun several = Cleaner("-f jsonl --url https://news.example/a " + two, /*merge_stderr=*/true);
  EXPECT_EQ(several.status, 2);
  EXPECT_NE(several.out.find("--url"), std::string::npos) << several.out;
  EXPECT_EQ(Cleaner("-f jsonl --url https://news.example/a http://127.0.0.1:9/").status, 2);
  EXPECT_EQ(Cleaner("--url https://news.example/a " + Quote(Page(kNews))).status, 0);
}

// Inputs that are not regular files have no size to go by: a pipe through /dev/stdin, a FIFO and a /proc file
// are read to their end, and --max-bytes still bounds them.
TEST(CleanCommandTest, ReadsPipesFifosAndProcFiles) {
  const std::string page = Quote(Page(kNews));
  const std::string expected = Cleaner(page).out;
  ASSERT_FALSE(expected.empty());
  CliRun piped = shell::RunCommand("cat " + page + " | " + Quote(CLEANER_BINARY) + " -q /dev/stdin 2>/dev/null");
  EXPECT_EQ(piped.status, 0);
  EXPECT_EQ(piped.out, expected);

  const fs::path fifo = fs::path(::testing::TempDir()) / ("cleaner_fifo_" + std::to_string(getpid()));
  fs::remove(fifo);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // The writer gives up after 10 s, and its output is not the test's pipe: a cleaner that never opens the FIFO
  // fails the test rather than hanging it.
  CliRun from_fifo = shell::RunCommand("timeout 10 sh -c 'cat \"$1\" > \"$2\"' sh " + page + " " +
                                       Quote(fifo.string()) + " >/dev/null 2>&1 & " + Quote(CLEANER_BINARY) +
                                       " -q " + Quote(fifo.string()) + " 2>/dev/null; wait");
  EXPECT_EQ(from_fifo.status, 0);
  EXPECT_EQ(from_fifo.out, expected);
  fs::remove(fifo);

  CliRun proc = Cleaner("--input text --no-filter /proc/self/status");
  EXPECT_EQ(proc.status, 0);
  EXPECT_NE(proc.out.find("Pid"), std::string::npos) << proc.out;

  // Over --max-bytes through a pipe: refused after max_bytes + 1 bytes, without reading all of /dev/zero.
  CliRun big = Cleaner("-f jsonl --max-bytes 1000 /dev/zero");
  EXPECT_EQ(big.status, 1);
  EXPECT_NE(big.out.find("\"too_large\""), std::string::npos) << big.out;
}

// Splits JSON Lines output into its records.
std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> records;
  size_t start = 0;
  while (start < out.size()) {
    size_t nl = out.find('\n', start);
    if (nl == std::string::npos) nl = out.size();
    records.push_back(json::parse(out.substr(start, nl - start), nullptr, false));
    start = nl + 1;
  }
  return records;
}

// Standard input can be read once: "-" given twice is a usage error, not a second input read empty.
TEST(CleanCommandTest, StandardInputIsReadOnce) {
  const std::string page = Quote(Page(kNews));
  const CliRun twice =
      shell::RunCommand(Quote(CLEANER_BINARY) + " -f jsonl - - < " + page + " 2>&1 >/dev/null");
  EXPECT_EQ(twice.status, 2) << twice.out;
  EXPECT_NE(twice.out.find("standard input"), std::string::npos) << twice.out;
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_stdin_twice_" + std::to_string(getpid()));
  fs::remove_all(dir);
  EXPECT_EQ(shell::RunCommand(Quote(CLEANER_BINARY) + " -q -o " + Quote(dir.string()) + " - " + page + " - < " + page +
                              " 2>/dev/null")
                .status,
            2);
  EXPECT_FALSE(fs::exists(dir)) << "a usage error writes nothing";
  const CliRun once = shell::RunCommand(Quote(CLEANER_BINARY) + " -q -f jsonl - " + page + " < " + page);
  EXPECT_EQ(once.status, 0);
  EXPECT_EQ(JsonLines(once.out).size(), 2u);
}

// An exception while cleaning one input (here std::bad_alloc: /dev/zero read under a memory limit) fails that
// input alone, with its error record, whether the main thread or a worker meets it: it neither ends the process
// nor loses the other inputs.
TEST(CleanCommandTest, AnExceptionFailsItsInputAlone) {
  const std::string limited = "ulimit -v 600000 && " + Quote(CLEANER_BINARY);
  if (shell::RunCommand(limited + " --version >/dev/null 2>&1").status != 0) {
    GTEST_SKIP() << "cleaner does not start under ulimit -v (a sanitizer build?)";
  }
  const std::string inputs = " --max-bytes 1073741824 /dev/zero " + Quote(Page(kNews)) + " 2>/dev/null";
  const CliRun jsonl = shell::RunCommand(limited + " -q -f jsonl" + inputs);
  EXPECT_EQ(jsonl.status, 1);
  const std::vector<json> records = JsonLines(jsonl.out);
  ASSERT_EQ(records.size(), 2u) << jsonl.out.substr(0, 500);
  EXPECT_EQ(records[0]["error"]["code"], "internal") << records[0].dump();
  EXPECT_TRUE(records[1].contains("text")) << records[1].dump();

  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_exception_" + std::to_string(getpid()));
  for (int run = 0; run < 3; ++run) {  // either thread may take /dev/zero
    fs::remove_all(dir);
    const CliRun threads = shell::RunCommand(limited + " -q -j 2 -o " + Quote(dir.string()) + inputs);
    EXPECT_EQ(threads.status, 1) << "a failed input, not a crash";
    EXPECT_TRUE(fs::exists(dir / "input.txt"));
  }
  fs::remove_all(dir);
}

// Memory running out inside the HTML parser fails the page with kInternal, as anywhere else: the parser's
// allocator aborted the process (exit 134, no word; from review). 900 000 paragraphs, under max_elements, need
// some 300 MB of parse tree.
TEST(CleanCommandTest, MemoryRunningOutInTheParserFailsThePage) {
  const std::string limited = "ulimit -v 250000 && " + Quote(CLEANER_BINARY);
  if (shell::RunCommand(limited + " --version >/dev/null 2>&1").status != 0) {
    GTEST_SKIP() << "cleaner does not start under ulimit -v (a sanitizer build?)";
  }
  std::string html = "<html><body><article>";
  for (int i = 0; i < 900000; ++i) html += "<p>a b c";
  const TempPage page("parser_oom", html + "</article></body></html>");
  const CliRun run = shell::RunCommand(limited + " -q -f jsonl " + Quote(page.path) + " 2>/dev/null");
  EXPECT_EQ(run.status, 1) << "a failed page, not an abort";
  const std::vector<json> records = JsonLines(run.out);
  ASSERT_EQ(records.size(), 1u) << run.out.substr(0, 500);
  EXPECT_EQ(records[0]["error"]["code"], "internal") << records[0].dump();
}

// A result that cannot be written is a failure: stdout on a full disk fails the run, and says so.
TEST(CleanCommandTest, FailedWritesToStdoutFail) {
  const std::string page = Quote(Page(kNews));
  // stderr to the pipe, stdout to the full device.
  const CliRun one = shell::RunCommand(Quote(CLEANER_BINARY) + " " + page + " 2>&1 >/dev/full");
  EXPECT_EQ(one.status, 1);
  EXPECT_NE(one.out.find("cannot write standard output"), std::string::npos) << one.out;
  const CliRun two = shell::RunCommand(Quote(CLEANER_BINARY) + " -f jsonl " + page + " " + page + " 2>&1 >/dev/full");
  EXPECT_EQ(two.status, 1);
  EXPECT_NE(two.out.find("cannot write standard output"), std::string::npos) << two.out;
  EXPECT_NE(two.out.find("2 inputs: 0 cleaned, 0 without an article, 2 failed"), std::string::npos) << two.out;
}

// A closed stdout, or a pipe whose reader has gone (`| head`), is a failed write: exit status 1 and a message,
// not a kill by SIGPIPE (status 141, no word) nor output lost into whatever took the closed descriptor.
TEST(CleanCommandTest, ClosedOrBrokenStdoutFails) {
  const std::string page = Quote(Page(kNews));
  const CliRun closed = shell::RunCommand(Quote(CLEANER_BINARY) + " " + page + " 2>&1 >&-");
  EXPECT_EQ(closed.status, 1);
  EXPECT_NE(closed.out.find("cannot write standard output"), std::string::npos) << closed.out;
  // More than a pipe's buffer (64 KiB) of records, so that writes go on after `head` has left.
  std::string pages;
  for (int k = 0; k < 40; ++k) pages += " " + page;
  const CliRun broken = shell::RunCommand("bash -c " + Quote(Quote(CLEANER_BINARY) + " -f jsonl" + pages +
                                                               " 2>/dev/null | head -c 1 >/dev/null; "
                                                               "echo ${PIPESTATUS[0]}"));
  EXPECT_EQ(broken.out, "1\n");
}

// The summary's counts partition the inputs: an empty result is "without an article", not also "cleaned".
TEST(CleanCommandTest, SummaryCountsAddUpToTheInputs) {
  const TempPage empty("summary_empty", "<html><body><div></div></body></html>");
  const std::string page = Quote(Page(kNews));
  const CliRun run = shell::RunCommand(Quote(CLEANER_BINARY) + " -f jsonl " + page + " " + Quote(empty.path) +
                                      " /no/such/a.html " + page + " /no/such/b.html 2>&1 >/dev/null");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("cleaner: 5 inputs: 2 cleaned, 1 without an article, 2 failed"), std::string::npos)
      << run.out;
}

// --output FILE takes what would go to stdout, for files as for URLs; never with --output-dir, never over an input.
TEST(CleanCommandTest, OutputFileTakesWhatStdoutWouldGet) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_output_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string page = Quote(Page(kNews)), hindi = Quote(Page(kHindi));
  const fs::path lines = dir / "x.jsonl";
  const CliRun run = Cleaner("-f jsonl --output " + Quote(lines.string()) + " " + page + " " + hindi);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "") << "nothing on stdout";
  std::ifstream in(lines);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::vector<json> records = JsonLines(written);
  ASSERT_EQ(records.size(), 2u) << written.substr(0, 300);
  EXPECT_EQ(records[1]["language"], "hi");
  const fs::path txt = dir / "one.txt";
  EXPECT_EQ(Cleaner("--output " + Quote(txt.string()) + " " + page).status, 0);
  EXPECT_EQ(fs::file_size(txt), Cleaner(page).out.size());

  EXPECT_EQ(Cleaner("--output " + Quote(txt.string()) + " -o " + Quote((dir / "d").string()) + " " + page).status,
            2);
  EXPECT_FALSE(fs::exists(dir / "d")) << "a usage error leaves no folder behind";
  const fs::path input = dir / "input.html";
  fs::copy_file(Page(kNews), input);
  EXPECT_EQ(Cleaner("--output " + Quote(input.string()) + " " + Quote(input.string())).status, 2);
  EXPECT_EQ(fs::file_size(input), fs::file_size(Page(kNews))) << "the input is left as it was";
  fs::remove_all(dir);
}

// --output-dir never writes over an input: a result file that would be one (same name and extension, the
// result of another input, standard input's file, a link to one) is a usage error before anything is written.
TEST(CleanCommandTest, OutputDirNeverOverwritesAnInput) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_overwrite_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string original = "Some notes that are already plain text.\nA second line of them, long enough.\n";
  auto reset = [&] {
    for (const char* name : {"page.html", "b.html"}) {
      fs::remove(dir / name);
      fs::copy_file(Page(kNews), dir / name);
    }
    for (const char* name : {"notes.txt", "b.txt"}) std::ofstream(dir / name, std::ios::binary) << original;
  };
  auto unchanged = [&](const std::string& what) {
    EXPECT_EQ(fs::file_size(dir / "page.html"), fs::file_size(Page(kNews))) << what;
    EXPECT_EQ(fs::file_size(dir / "b.html"), fs::file_size(Page(kNews))) << what;
    EXPECT_EQ(fs::file_size(dir / "notes.txt"), original.size()) << what;
    EXPECT_EQ(fs::file_size(dir / "b.txt"), original.size()) << what;
  };
  const std::string in = "cd " + Quote(dir.string()) + " && " + Quote(CLEANER_BINARY) + " ";
  for (const std::string& args : std::vector<std::string>{"-f html -o . page.html", "--input text -o . notes.txt", "-o . b.html b.txt",
                                 "-o . b.txt b.html", "-o ../" + dir.filename().string() + " notes.txt",
                                 "-f html -o . -j 1 notes.txt page.html"}) {
    reset();
    const CliRun run = shell::RunCommand(in + args + " 2>&1");
    EXPECT_EQ(run.status, 2) << args << "\n" << run.out;
    EXPECT_NE(run.out.find("--output-dir"), std::string::npos) << args << "\n" << run.out;
    unchanged(args);
  }
  reset();
  std::ofstream(dir / "stdin.txt", std::ios::binary) << original;
  const CliRun from_stdin = shell::RunCommand(in + "--input text -o . - < stdin.txt 2>&1");
  EXPECT_EQ(from_stdin.status, 2) << "stdin.txt, the result of -, is standard input\n" << from_stdin.out;
  EXPECT_NE(from_stdin.out.find("standard input"), std::string::npos) << from_stdin.out;
  EXPECT_EQ(fs::file_size(dir / "stdin.txt"), original.size());
  fs::create_symlink("page.html", dir / "link.html");
  EXPECT_EQ(shell::RunCommand(in + "-f html -o . link.html 2>/dev/null").status, 2);
  unchanged("link.html");
  // Results beside their inputs, under other names, are fine.
  EXPECT_EQ(shell::RunCommand(in + "-q -f markdown -o . page.html notes.txt").status, 0);
  EXPECT_TRUE(fs::exists(dir / "page.md"));
  fs::remove_all(dir);
}

// The "-2" given to a second a.html is not taken if another input is called a-2.html: every input gets a file
// of its own.
TEST(CleanCommandTest, OutputNamesNeverCollide) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_collide_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "s1");
  fs::create_directories(dir / "s2");
  fs::copy_file(Page(kNews), dir / "s1" / "a.html");
  fs::copy_file(Page(kHindi), dir / "s1" / "a.htm");
  fs::copy_file(Page(kTable), dir / "s2" / "a-2.html");
  fs::copy_file(Page(kTable), dir / "s2" / "A.html");  // one file with a.txt on a case-insensitive file system
  const fs::path out = dir / "out";
  const CliRun run = Cleaner("-o " + Quote(out.string()) + " " + Quote((dir / "s1" / "a.html").string()) + " " +
                             Quote((dir / "s1" / "a.htm").string()) + " " + Quote((dir / "s2" / "a-2.html").string()) +
                             " " + Quote((dir / "s2" / "A.html").string()));
  EXPECT_EQ(run.status, 0);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"A-4.txt", "a-2.txt", "a-3.txt", "a.txt"}));
  EXPECT_EQ(fs::file_size(out / "a-2.txt"), Cleaner(Quote(Page(kTable))).out.size()) << "a-2.html's own name";
  fs::remove_all(dir);
}

// With --output-dir in the JSON formats a failed input's file is its error record, as in a JSON Lines stream;
// text formats have no shape for an error and write no file for it. Either way it is on stderr and fails the run.
TEST(CleanCommandTest, OutputDirHasARecordForEveryInputInJson) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_records_" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string inputs = " " + Quote(Page(kNews)) + " /no/such/missing.html";
  for (const char* format : {"json", "jsonl"}) {
    const fs::path out = dir / format;
    const CliRun run = Cleaner(std::string("-f ") + format + " -o " + Quote(out.string()) + inputs);
    EXPECT_EQ(run.status, 1) << format;
    std::ifstream in(out / "missing.json");
    const json record = json::parse(in, nullptr, false);
    ASSERT_TRUE(record.is_object()) << format;
    EXPECT_EQ(record["input"], "/no/such/missing.html");
    EXPECT_EQ(record["error"]["code"], "io_error");
    EXPECT_TRUE(fs::exists(out / "input.json"));
  }
  const fs::path txt = dir / "txt";
  const CliRun run = Cleaner("-o " + Quote(txt.string()) + inputs, /*merge_stderr=*/true);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("/no/such/missing.html: io_error"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(txt / "input.txt"));
  EXPECT_FALSE(fs::exists(txt / "missing.txt"));
  fs::remove_all(dir);
}

// On stdout too a failed input's JSON is its error record, so that `cleaner -f json page | jq` sees why.
TEST(CleanCommandTest, FailedInputPrintsItsErrorRecordInJsonOnStdout) {
  for (const char* format : {"json", "jsonl"}) {
    const CliRun run = Cleaner(std::string("-f ") + format + " /no/such/missing.html");
    EXPECT_EQ(run.status, 1) << format;
    const json record = json::parse(run.out, nullptr, false);
    ASSERT_TRUE(record.is_object()) << format << ": " << run.out;
    EXPECT_EQ(record["input"], "/no/such/missing.html");
    EXPECT_EQ(record["error"]["code"], "io_error");
  }
  EXPECT_EQ(Cleaner("/no/such/missing.html").out, "");  // text has no shape for an error
}

// Numeric options have sane bounds and say them readably: no 300-digit limit, no "-1" taken as a huge count.
TEST(CleanCommandTest, NumericOptionsHaveReadableBounds) {
  const std::string page = " " + Quote(Page(kNews));
  for (const char* bad : {"--max-bytes 0", "--max-bytes -5", "--max-bytes 99999999999999999999999", "--timeout 0",
                          "--timeout -1", "--timeout nan", "-j -1", "-j 99999999999999999999999", "-j 100000"}) {
    const CliRun run = shell::RunCommand(Quote(CLEANER_BINARY) + " " + bad + page + " 2>&1 >/dev/null");
    EXPECT_EQ(run.status, 2) << bad;
    EXPECT_LT(run.out.size(), 200u) << bad << ": " << run.out;
    EXPECT_NE(run.out.find("is not a"), std::string::npos) << bad << ": " << run.out;
  }
  for (const char* good : {"--max-bytes 1000000", "--timeout 0.5", "-j 0", "-j 2"})
    EXPECT_EQ(Cleaner(good + page).status, 0) << good;
  EXPECT_EQ(shell::RunCommand(Quote(CLEANER_BINARY) + " eval -j -1 " + Quote(CLEANER_SOURCE_DIR) + " 2>/dev/null").status,
            2);
}

// A batch of files shows a progress line when stderr is a terminal (here script(1)'s), and none with -q or when
// stderr is not a terminal.
TEST(CleanCommandTest, FileBatchesShowProgressOnATerminal) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("cleaner_progress_" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string batch = " -o " + Quote((dir / "out").string()) + " " + Quote(Page(kNews)) + " " +
                            Quote(Page(kHindi)) + " " + Quote(Page(kTable));
  const CliRun plain = shell::RunCommand(Quote(CLEANER_BINARY) + batch + " 2>&1");
  EXPECT_EQ(plain.status, 0);
  EXPECT_EQ(plain.out.find("\033[K"), std::string::npos) << "no progress into a pipe";
  if (shell::RunCommand("script -qec true /dev/null >/dev/null 2>&1").status != 0) {
    fs::remove_all(dir);
    GTEST_SKIP() << "no script(1) to give cleaner a terminal";
  }
  auto on_terminal = [&](const std::string& args) {
    return shell::RunCommand("script -qec " + Quote(Quote(CLEANER_BINARY) + args) + " /dev/null </dev/null");
  };
  const CliRun shown = on_terminal(batch);
  EXPECT_NE(shown.out.find("] 3/3 "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("3 inputs: 3 cleaned"), std::string::npos) << shown.out;
  EXPECT_EQ(on_terminal(" -q" + batch).out.find("3/3"), std::string::npos);
  fs::remove_all(dir);
}

// A local TCP port that nothing listens on: one the system just gave out and that was closed again.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 9;  // discard, closed on most hosts, if the system will not say
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  if (fd >= 0) close(fd);
  return port;
}

// A URL's scheme is case-insensitive: "HTTP://..." is fetched (here from a closed port: a network error), not
// opened as a file.
TEST(CleanCommandTest, UpperCaseUrlsAreUrls) {
  CliRun run = Cleaner("-f jsonl HTTP://127.0.0.1:" + std::to_string(ClosedPort()) + "/page --timeout 5");
  EXPECT_EQ(run.status, 1);
  const json j = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << run.out;
  EXPECT_EQ(j["error"]["code"], "network_error") << run.out;
}

}  // namespace
}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Golden pages: every fixtures/pages/<lang>/<dataset>-<id>/input.html is extracted with default Options and
// compared with expected.txt beside it, which is cleaner's own earlier output reviewed by a person (written
// by scripts/update-golden). Any change of output fails here on purpose: a change that is intended is
// accepted by re-running scripts/update-golden and committing the reviewed diff of expected.txt with the
// code. Whether the output is *good* is quality_gate_test.cc's job (against the datasets' human truth).

#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cleaner/cleaner.h"
#include "gtest/gtest.h"
#include "tests/unit/fixture_pages.h"

namespace cleaner {
namespace {

using fixtures::FixturePage;

// Extractor construction compiles the rules (milliseconds); one instance serves every page, as the API
// intends.
const Extractor& SharedExtractor() {
  static const Extractor* const extractor = new Extractor(Options{});
  return *extractor;
}

// Cuts a line for display without splitting a UTF-8 sequence, so the diff stays readable for Hindi or
// Chinese.
std::string Clip(const std::string& line, std::size_t max_bytes = 160) {
  if (line.size() <= max_bytes) return line;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return line.substr(0, end) + " [...]";
}

// A short report a person can act on: where the outputs first part, then which lines disappeared and which
// appeared (as multisets, so moved lines are not reported). A full diff is one `scripts/update-golden` +
// `git diff` away.
std::string DescribeDifference(const std::vector<std::string>& expected,
                               const std::vector<std::string>& actual) {
  constexpr int kMaxListed = 8;
  std::ostringstream out;
  out << "expected " << expected.size() << " lines, got " << actual.size() << "\n";
  std::size_t first = 0;
  while (first < expected.size() && first < actual.size() && expected[first] == actual[first]) ++first;
  out << "first difference at line " << first + 1 << ":\n";
  out << "  expected: " << (first < expected.size() ? Clip(expected[first]) : "<end of text>") << "\n";
  out << "  actual:   " << (first < actual.size() ? Clip(actual[first]) : "<end of text>") << "\n";

  std::map<std::string, int> balance;  // > 0: more in expected; < 0: more in actual
  for (const std::string& line : expected) ++balance[line];
  for (const std::string& line : actual) --balance[line];
  auto list = [&](const char* title, const std::vector<std::string>& lines, int sign) {
    std::map<std::string, int> left = balance;
    std::vector<std::string> listed;
    int total = 0;
    for (const std::string& line : lines) {
      int& n = left[line];
      if (n * sign <= 0) continue;
      n -= sign;
      ++total;
      if (static_cast<int>(listed.size()) < kMaxListed) listed.push_back(line);
    }
    out << title << " (" << total << "):\n";
    for (const std::string& line : listed) out << "  " << Clip(line) << "\n";
    if (total > kMaxListed) out << "  ... and " << total - kMaxListed << " more\n";
  };
  list("missing lines, in expected.txt but not in the output", expected, +1);
  list("extra lines, in the output but not in expected.txt", actual, -1);
  out << "If the change is intended: scripts/update-golden, then review `git diff fixtures/pages`.";
  return out.str();
}

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF); returns the offset of the first bad
// byte, or npos.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

// Length in bytes of the Unicode White_Space character (or zero-width space / BOM, which are just as
// invisible) that starts (at_end = false) or ends (at_end = true) `line`, else 0. A line that starts with
// U+00A0 looks indented to a reader and breaks "one block per line, stripped" for programs that split on it.
std::size_t EdgeSpaceBytes(std::string_view line, bool at_end) {
  // clang-format off
  static const char* const kSpaces[] = {
      " ", "\t", "\r", "\f", "\v", "\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81",
      "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87",
      "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xA8", "\xE2\x80\xA9",
      "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF"};
  // clang-format on
  for (const char* space : kSpaces) {
    const std::string_view sp(space);
    if (line.size() < sp.size()) continue;
    const std::string_view edge = at_end ? line.substr(line.size() - sp.size()) : line.substr(0, sp.size());
    if (edge == sp) return sp.size();
  }
  return 0;
}

// Document::text promises one block per line, UTF-8, ending with '\n' unless empty; consumers split on '\n'
// and rely on every line being a non-empty, stripped block. Returns what is wrong (at most a few lines'
// worth, since a broken serializer would otherwise report thousands).
std::vector<std::string> ShapeProblems(std::string_view text) {
  std::vector<std::string> problems;
  const std::size_t bad = FirstInvalidUtf8(text);
  if (bad != std::string_view::npos) problems.push_back("invalid UTF-8 at byte " + std::to_string(bad));
  if (text.empty()) return problems;
  if (text.back() != '\n') problems.push_back("text does not end with a newline");
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size() && problems.size() < 5) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    ++line_no;
    if (line.empty()) {
      problems.push_back("blank line " + std::to_string(line_no));
    } else if (EdgeSpaceBytes(line, false) > 0 || EdgeSpaceBytes(line, true) > 0) {
      problems.push_back("line " + std::to_string(line_no) + " has leading or trailing white space: [" +
                         Clip(std::string(line)) + "]");
    }
    start = end + 1;
  }
  return problems;
}

class GoldenTest : public ::testing::TestWithParam<FixturePage> {};

TEST_P(GoldenTest, MatchesExpectedOutput) {
  const FixturePage& page = GetParam();
  std::string html;
  ASSERT_TRUE(fixtures::ReadFile(page.dir + "/input.html", &html)) << page.dir;
  std::string expected;
  ASSERT_TRUE(fixtures::ReadFile(page.dir + "/expected.txt", &expected))
      << page.dir << "/expected.txt is missing: run scripts/update-golden and review the new file";

  const Result<Document> doc = SharedExtractor().Extract(html);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();

  const std::vector<std::string> want = NormalizedLines(expected);
  const std::vector<std::string> got = NormalizedLines(doc->text);
  if (want != got) ADD_FAILURE() << page.lang << "/" << page.folder << "\n" << DescribeDifference(want, got);
}

TEST_P(GoldenTest, OutputHasTheDocumentedShape) {
  const FixturePage& page = GetParam();
  std::string html;
  ASSERT_TRUE(fixtures::ReadFile(page.dir + "/input.html", &html)) << page.dir;
  const Result<Document> doc = SharedExtractor().Extract(html);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  for (const std::string& problem : ShapeProblems(doc->text)) ADD_FAILURE() << problem;
}

// An empty fixtures/ must fail through GoldenFixturesTest below, not through gtest's own check of
// parameterized suites without instances (which says nothing about where the pages should be).
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);
INSTANTIATE_TEST_SUITE_P(Pages, GoldenTest, ::testing::ValuesIn(fixtures::FindPages()),
                         [](const ::testing::TestParamInfo<FixturePage>& info) {
                           return info.param.test_name;
                         });

// Without pages the suite above would silently run nothing (a checkout without fixtures/, or a broken
// CLEANER_SOURCE_DIR); this makes that a failure instead. 30 is below the ~35 pages scripts/make-fixtures
// picks.
TEST(GoldenFixturesTest, PagesArePresent) {
  const std::vector<FixturePage> pages = fixtures::FindPages();
  EXPECT_GE(pages.size(), 30u) << "page fixtures not found under " << fixtures::PagesDir();
  std::map<std::string, int> per_lang;
  for (const FixturePage& page : pages) ++per_lang[page.lang];
  // The fixtures exist to catch regressions outside English too (Hindi in particular).
  EXPECT_GE(per_lang.size(), 6u);
  EXPECT_GT(per_lang["hi"], 0);
}

// The checks above must be able to fail: each helper is shown a case it has to catch.
TEST(GoldenHelpersTest, ShapeProblemsCatchesEveryBrokenPromise) {
  EXPECT_TRUE(ShapeProblems("").empty());
  EXPECT_TRUE(ShapeProblems("One.\nहिन्दी पाठ\n").empty());
  EXPECT_EQ(ShapeProblems("no newline").size(), 1u);
  EXPECT_EQ(ShapeProblems("a\n\nb\n").size(), 1u);
  EXPECT_EQ(ShapeProblems("\na\n").size(), 1u);
  EXPECT_EQ(ShapeProblems(" a\n").size(), 1u);
  EXPECT_EQ(ShapeProblems("a\t\n").size(), 1u);
  EXPECT_EQ(ShapeProblems("a\r\n").size(), 1u);
  EXPECT_EQ(ShapeProblems("\u00A0a\n").size(), 1u);        // U+00A0
  EXPECT_EQ(ShapeProblems("a\xE3\x80\x80\n").size(), 1u);  // U+3000
  EXPECT_EQ(ShapeProblems("caf\xC3\n").size(), 1u);        // truncated sequence
  EXPECT_EQ(ShapeProblems("\xC0\xAF\n").size(), 1u);       // overlong '/'
  EXPECT_EQ(ShapeProblems("\xED\xA0\x80\n").size(), 1u);   // surrogate
}

TEST(GoldenHelpersTest, NormalizationIgnoresOnlyWhitespace) {
  EXPECT_EQ(NormalizedLines("a  b\t c \r\n\n  d\n"), NormalizedLines("a b c\nd"));
  EXPECT_NE(NormalizedLines("a b\nc\n"), NormalizedLines("a b c\n"));
  EXPECT_NE(NormalizedLines("ab\n"), NormalizedLines("a b\n"));
}

TEST(GoldenHelpersTest, DifferenceNamesMissingAndExtraLines) {
  const std::string report = DescribeDifference({"same", "old line", "kept"}, {"same", "kept", "new line"});
  EXPECT_NE(report.find("first difference at line 2"), std::string::npos) << report;
  EXPECT_NE(report.find("(1):\n  old line"), std::string::npos) << report;
  EXPECT_NE(report.find("(1):\n  new line"), std::string::npos) << report;
}

}  // namespace
}  // namespace cleaner

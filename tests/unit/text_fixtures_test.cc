// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Plain-text fixtures: fixtures/text/<name>/ holds input.txt (already-scraped text), expected.txt (what cleaner must
// print) and options.txt ("with_title", "language=xx", "# comments"). The four seeds of shared/seeds are here with
// their reviewed outputs; the other cases cover one rule family each in several languages, and the *-clean-* cases
// are articles that must come out unchanged. The *-html-* cases hold page.html instead: the same rules applied to
// whole elements of a page (select.h, RemoveLabelledBlocks), where the lines alone do not show the widget.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cleaner/cleaner.h"

namespace cleaner {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Cases() {
  std::vector<std::string> names;
  const fs::path root = fs::path(CLEANER_SOURCE_DIR) / "fixtures" / "text";
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// page.html, not input.html: `cleaner eval fixtures` takes <dir>/input.html for a page with a truth.
bool IsHtmlCase(const fs::path& dir) { return fs::exists(dir / "page.html"); }

std::string Input(const fs::path& dir) { return ReadFile(dir / (IsHtmlCase(dir) ? "page.html" : "input.txt")); }

Options OptionsFor(const fs::path& dir) {
  Options options;
  options.input = IsHtmlCase(dir) ? InputKind::kHtml : InputKind::kText;
  std::istringstream in(ReadFile(dir / "options.txt"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line == "with_title") options.with_title = true;
    if (line.rfind("language=", 0) == 0) options.language = line.substr(9);
  }
  return options;
}

class TextFixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(TextFixtureTest, CleansToExpected) {
  const fs::path dir = fs::path(CLEANER_SOURCE_DIR) / "fixtures" / "text" / GetParam();
  Extractor extractor(OptionsFor(dir));
  auto doc = extractor.Extract(Input(dir));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, ReadFile(dir / "expected.txt")) << "language guessed: " << doc->language;
}

TEST_P(TextFixtureTest, AutoDetectsPlainText) {
  // Without --input text, text without markup takes the same path (and a page the HTML path).
  const fs::path dir = fs::path(CLEANER_SOURCE_DIR) / "fixtures" / "text" / GetParam();
  Options options = OptionsFor(dir);
  options.input = InputKind::kAuto;
  auto doc = Extractor(options).Extract(Input(dir));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, ReadFile(dir / "expected.txt"));
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Text, TextFixtureTest, testing::ValuesIn(Cases()), TestName);

TEST(TextFixtureSetTest, HasSeedsAndEnoughCases) {
  std::vector<std::string> cases = Cases();
  EXPECT_GE(cases.size(), 24u);
  EXPECT_EQ(std::count_if(cases.begin(), cases.end(), [](const std::string& c) { return c.rfind("seed-", 0) == 0; }),
            4);
}

TEST(TextCleanTest, SeedTitleIsPrintedOnlyWhenAskedFor) {
  const fs::path dir = fs::path(CLEANER_SOURCE_DIR) / "fixtures" / "text" / "seed-003-signoff";
  const std::string input = ReadFile(dir / "input.txt");
  auto with = Extractor(OptionsFor(dir)).CleanText(input);
  Options plain;
  auto without = Extractor(plain).CleanText(input);
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_EQ(with->title, without->title);
  EXPECT_FALSE(without->title.empty());
  EXPECT_EQ(with->text, with->title + "\n" + without->text);
  EXPECT_EQ(without->language, "hi");
}

}  // namespace
}  // namespace cleaner

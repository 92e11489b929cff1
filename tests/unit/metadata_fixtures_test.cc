// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Metadata on the real pages of fixtures/: every page folder with a metadata.json is extracted and its title,
// date, authors and language are compared with the values there, which are the benchmark sets' own (copied
// from ../shared/bench/DATASET/meta.jsonl: fundus gives title, authors and date; readability title and byline;
// hindi title and date; wcxb title; all give the language). They are compared as
// ../shared/bench/metadata-score does: a title after white-space and case folding, or once a trailing " |
// Site" is cut from both; a date by its day; authors when every expected name is among them. A field listed
// in "known_misses" (with the reason) is where cleaner and the set's convention differ on purpose; it is not
// checked, and the test says when it starts to agree.

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cleaner/cleaner.h"
#include "gtest/gtest.h"
#include "tests/unit/fixture_pages.h"

namespace cleaner {
namespace {

using fixtures::FixturePage;
using json = nlohmann::json;

const Extractor& SharedExtractor() {
  static const Extractor* const extractor = new Extractor(Options{});
  return *extractor;
}

// White space collapsed, ASCII case folded (metadata-score folds all of Unicode; the expected values that are
// not ASCII are compared as written).
std::string Norm(const std::string& s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    // ASCII white space, U+00A0 and U+202F (the no-break spaces that titles hold), as Python's \s.
    size_t nbsp = s.compare(i, 2, "\xC2\xA0") == 0 ? 2 : s.compare(i, 3, "\xE2\x80\xAF") == 0 ? 3 : 0;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || nbsp > 0) {
      space = !out.empty();
      if (nbsp > 0) i += nbsp - 1;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
  }
  return out;
}

// The part before the first " | ", " - ", " – ", " — ", " _ ", " :: " or " » " (metadata-score's site cut).
std::string SiteCut(const std::string& s) {
  size_t cut = std::string::npos;
  for (const char* sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " _ ", " :: ", " \xC2\xBB "}) {
    size_t pos = s.find(sep);
    if (pos < cut) cut = pos;
  }
  return s.substr(0, cut);
}

bool TitleMatches(const std::string& got, const std::string& want) {
  std::string a = Norm(got), b = Norm(want);
  return !a.empty() && (a == b || SiteCut(a) == SiteCut(b));
}

std::vector<FixturePage> PagesWithMetadata() {
  std::vector<FixturePage> pages;
  for (FixturePage& p : fixtures::FindPages())
    if (std::filesystem::exists(p.dir + "/metadata.json")) pages.push_back(p);
  return pages;
}

class MetadataFixtureTest : public ::testing::TestWithParam<FixturePage> {};

TEST_P(MetadataFixtureTest, MatchesTheSetsMetadata) {
  const FixturePage& page = GetParam();
  std::string html, text;
  ASSERT_TRUE(fixtures::ReadFile(page.dir + "/input.html", &html));
  ASSERT_TRUE(fixtures::ReadFile(page.dir + "/metadata.json", &text));
  const json want = json::parse(text, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(want.is_object()) << "metadata.json does not parse";
  const json misses = want.value("known_misses", json::object());
  auto doc = SharedExtractor().Extract(html);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();

  auto check = [&](const char* field, bool ok, const std::string& got) {
    if (misses.contains(field)) {
      if (ok)
        std::printf("[ NOTE ] %s: %s now agrees with the set; drop it from known_misses\n",
                    page.folder.c_str(), field);
      return;
    }
    EXPECT_TRUE(ok) << field << ": got \"" << got << "\", the set says " << want[field].dump();
  };
  if (want.contains("title")) {
    check("title", TitleMatches(doc->title, want["title"].get<std::string>()), doc->title);
  }
  if (want.contains("date")) {
    const std::string day = want["date"].get<std::string>().substr(0, 10);
    check("date", doc->date.substr(0, 10) == day, doc->date);
  }
  if (want.contains("authors")) {
    std::string joined;
    for (const std::string& a : doc->authors) joined += a + " ";
    bool all = true;
    for (const json& name : want["authors"])
      all = all && Norm(joined).find(Norm(name.get<std::string>())) != std::string::npos;
    check("authors", all, joined);
  }
  if (want.contains("language")) {
    check("language", doc->language == want["language"].get<std::string>(), doc->language);
  }
  // Shapes every page must have, whatever the set says.
  if (!doc->date.empty()) {
    EXPECT_EQ(doc->date.size(), 10u);
    EXPECT_EQ(doc->date[4], '-');
    EXPECT_EQ(doc->date[7], '-');
  }
  for (const std::string& a : doc->authors) {
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a.rfind("By ", 0), std::string::npos) << a;
  }
}

INSTANTIATE_TEST_SUITE_P(Pages, MetadataFixtureTest, ::testing::ValuesIn(PagesWithMetadata()),
                         [](const ::testing::TestParamInfo<FixturePage>& info) {
                           return info.param.test_name;
                         });

// Every page with a metadata.json has at least a language to check, so the list above is never empty.
TEST(MetadataFixtureTest, EveryPageHasExpectations) { EXPECT_GE(PagesWithMetadata().size(), 30u); }

}  // namespace
}  // namespace cleaner

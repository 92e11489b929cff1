// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Quality gate: cleaner's F1 against the datasets' human truth (fixtures/pages/*/*/truth.txt), per dataset
// and over all pages, must not fall below the floors pinned in fixtures/floors.txt. The golden test catches
// any change of output; this one says whether a change made extraction worse, with the benchmark's own metric
// (cleaner::ScorePage / Aggregate, the same as shared/bench/score), and needs nothing outside the repository.
// A floor is only ever raised by hand after a measured improvement; lowering one needs a reason in the commit
// (trafilatura's tests/eval_gate.py refuses to lower floors silently for the same reason).

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleaner/cleaner.h"
#include "cleaner/evaluate.h"
#include "gtest/gtest.h"
#include "tests/unit/fixture_pages.h"

namespace cleaner {
namespace {

constexpr char kOverall[] = "overall";  // the floors.txt name of the floor over all pages together

struct ScoredPage {
  std::string name;     // "<lang>/<dataset>-<id>", for messages
  std::string dataset;  // the folder name up to its first '-' (no dataset name used here contains one)
  std::string truth;
  std::string output;  // cleaner's text with default Options
};

// Extracting all pages takes about a second; both tests below use the same outputs.
const std::vector<ScoredPage>& Pages() {
  static const std::vector<ScoredPage>* const pages = [] {
    auto* out = new std::vector<ScoredPage>;
    const Extractor extractor{Options{}};
    for (const fixtures::FixturePage& page : fixtures::FindPages()) {
      ScoredPage scored;
      scored.name = page.lang + "/" + page.folder;
      scored.dataset = page.folder.substr(0, page.folder.find('-'));
      std::string html;
      if (!fixtures::ReadFile(page.dir + "/input.html", &html) ||
          !fixtures::ReadFile(page.dir + "/truth.txt", &scored.truth)) {
        ADD_FAILURE() << "cannot read input.html or truth.txt in " << page.dir;
        continue;
      }
      const Result<Document> doc = extractor.Extract(html);
      if (!doc.ok()) {
        // A page that errors scores as an empty prediction (as the benchmark script counts a missing one), so
        // the gate sees the loss; the failure is reported too.
        ADD_FAILURE() << scored.name << ": " << doc.status().ToString();
      } else {
        scored.output = doc->text;
      }
      out->push_back(std::move(scored));
    }
    return out;
  }();
  return *pages;
}

// Parses floors.txt: `NAME F1` per line, '#' starts a comment. Errors name the line, because a floor that
// fails to parse must stop the gate rather than disable it.
bool ParseFloors(std::string_view text, std::map<std::string, double>* floors, std::string* error) {
  std::istringstream in{std::string(text)};
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    const std::size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::string name;
    std::string value;
    std::string rest;
    if (!(fields >> name)) continue;  // blank or comment-only
    char* end = nullptr;
    const double f1 = (fields >> value) ? std::strtod(value.c_str(), &end) : NAN;
    if (value.empty() || end != value.c_str() + value.size() || !(f1 >= 0 && f1 <= 1) || (fields >> rest)) {
      *error = "floors.txt line " + std::to_string(line_no) + ": expected `DATASET F1` with F1 in [0, 1]";
      return false;
    }
    if (!floors->emplace(name, f1).second) {
      *error = "floors.txt line " + std::to_string(line_no) + ": second floor for " + name;
      return false;
    }
  }
  return true;
}

std::map<std::string, double> LoadFloors() {
  std::map<std::string, double> floors;
  std::string text;
  std::string error;
  const std::string path = std::string(CLEANER_SOURCE_DIR) + "/fixtures/floors.txt";
  if (!fixtures::ReadFile(path, &text)) {
    ADD_FAILURE() << "cannot read " << path;
  } else if (!ParseFloors(text, &floors, &error)) {
    ADD_FAILURE() << error;
    floors.clear();
  }
  return floors;
}

// Aggregate scores per dataset and over all pages, of `transform(output)` for every page. The gate and the
// test that proves it can fail both go through this one function, so they measure the same thing.
std::map<std::string, PageScore> GroupScores(
    const std::vector<ScoredPage>& pages, const std::function<std::string(const std::string&)>& transform) {
  std::map<std::string, std::vector<PageScore>> per_group;
  for (const ScoredPage& page : pages) {
    const PageScore score = ScorePage(transform(page.output), page.truth);
    per_group[page.dataset].push_back(score);
    per_group[kOverall].push_back(score);
  }
  std::map<std::string, PageScore> result;
  for (const auto& [group, scores] : per_group) result[group] = Aggregate(scores);
  return result;
}

// Every way the gate can be violated, one message each: a group below its floor, a floor without pages (a
// dataset that disappeared from fixtures/ must not leave a floor that guards nothing) and pages without a
// floor.
std::vector<std::string> GateViolations(const std::map<std::string, PageScore>& scores,
                                        const std::map<std::string, double>& floors) {
  std::vector<std::string> violations;
  for (const auto& [group, floor] : floors) {
    const auto it = scores.find(group);
    if (it == scores.end()) {
      violations.push_back(group + ": has a floor but no pages in fixtures/pages");
    } else if (it->second.f1 < floor) {
      char buffer[160];
      std::snprintf(buffer, sizeof buffer, "%s: F1 %.4f is below its floor %.2f", group.c_str(),
                    it->second.f1, floor);
      violations.push_back(buffer);
    }
  }
  for (const auto& [group, score] : scores) {
    if (floors.count(group) == 0) {
      violations.push_back(group + ": has pages but no floor in fixtures/floors.txt");
    }
  }
  return violations;
}

std::string Identity(const std::string& text) { return text; }

// The degraded extractor of the can-fail test: keeps only the first line, as a broken serializer or a
// selection that stops at the first block would.
std::string FirstLineOnly(const std::string& text) {
  const std::size_t newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline + 1);
}

TEST(QualityGateTest, F1IsAtOrAboveEveryFloor) {
  const std::map<std::string, double> floors = LoadFloors();
  ASSERT_FALSE(floors.empty());
  const std::map<std::string, PageScore> scores = GroupScores(Pages(), Identity);

  // Printed on success too, so that a person sees the margin before raising a floor or after a change.
  std::printf("%-12s %5s %9s %7s %7s %6s %7s\n", "group", "pages", "precision", "recall", "F1", "floor",
              "margin");
  for (const auto& [group, score] : scores) {
    const auto floor = floors.find(group);
    if (floor == floors.end()) {
      std::printf("%-12s %5d %9.4f %7.4f %7.4f %6s\n", group.c_str(), score.pages, score.precision,
                  score.recall, score.f1, "-");
    } else {
      std::printf("%-12s %5d %9.4f %7.4f %7.4f %6.2f %+7.4f\n", group.c_str(), score.pages, score.precision,
                  score.recall, score.f1, floor->second, score.f1 - floor->second);
    }
  }
  for (const std::string& violation : GateViolations(scores, floors)) ADD_FAILURE() << violation;
}

TEST(QualityGateTest, GateFailsWhenOutputIsTruncatedToItsFirstLine) {
  // A gate whose floors are too low to notice a gross regression protects nothing: keeping only the first
  // line of every output must break every floor, not just the overall one.
  const std::map<std::string, double> floors = LoadFloors();
  ASSERT_FALSE(floors.empty());
  const std::map<std::string, PageScore> degraded = GroupScores(Pages(), FirstLineOnly);
  for (const auto& [group, floor] : floors) {
    const auto it = degraded.find(group);
    ASSERT_NE(it, degraded.end()) << group;
    std::printf("%-12s first line only: F1 %.4f (floor %.2f)\n", group.c_str(), it->second.f1, floor);
    EXPECT_LT(it->second.f1, floor) << group << ": the gate would not notice output cut to its first line";
  }
  EXPECT_EQ(GateViolations(degraded, floors).size(), floors.size());
}

TEST(QualityGateTest, GateFailsWhenOutputIsEmpty) {
  const std::map<std::string, double> floors = LoadFloors();
  const std::map<std::string, PageScore> degraded =
      GroupScores(Pages(), [](const std::string&) { return std::string(); });
  EXPECT_EQ(GateViolations(degraded, floors).size(), floors.size());
}

TEST(QualityGateTest, GateReportsFloorsWithoutPagesAndPagesWithoutFloors) {
  std::map<std::string, PageScore> scores;
  scores["scrapinghub"].f1 = 0.9;
  EXPECT_EQ(GateViolations(scores, {{"scrapinghub", 0.8}, {"gone", 0.5}}).size(), 1u);
  EXPECT_EQ(GateViolations(scores, {}).size(), 1u);
  EXPECT_TRUE(GateViolations(scores, {{"scrapinghub", 0.9}}).empty());  // at the floor passes
}

TEST(FloorsFileTest, ParsesNamesValuesAndComments) {
  std::map<std::string, double> floors;
  std::string error;
  ASSERT_TRUE(ParseFloors("# comment\n\nscrapinghub 0.85  # why\noverall\t0.80\n", &floors, &error)) << error;
  EXPECT_EQ(floors.size(), 2u);
  EXPECT_DOUBLE_EQ(floors["scrapinghub"], 0.85);
  EXPECT_DOUBLE_EQ(floors["overall"], 0.80);
}

TEST(FloorsFileTest, RejectsMalformedLines) {
  // A typo must not turn into a floor of 0 that passes everything.
  for (const char* text :
       {"wcxb\n", "wcxb 0.8x\n", "wcxb 1.5\n", "wcxb 0.8 0.9\n", "wcxb 0.8\nwcxb 0.7\n", "wcxb nan\n"}) {
    std::map<std::string, double> floors;
    std::string error;
    EXPECT_FALSE(ParseFloors(text, &floors, &error)) << text;
    EXPECT_NE(error.find("floors.txt line"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace cleaner

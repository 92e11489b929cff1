// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// `cleaner eval DIR`: runs the extractor over a page set, scores it with the benchmark's metric
// (cleaner/evaluate.h, whose figures are shared/bench/score's), and says what changed: the worst pages, the
// pages that got worse or better than their reviewed expected.txt, a line diff for one page, golden outputs
// that changed, and groups that fell below the F1 floors pinned in a floors file. Issue 6.
//
// Two layouts are read, wherever they sit under DIR, so that DIR can be one dataset or a folder of them:
//   fixtures   .../<page>/{input.html, truth.txt, expected.txt, meta.json[, snippets.json]}: cleaner's
//              fixtures/pages/<lang>/<dataset>-<id>/; the group is meta.json's "dataset".
//   benchmark  <dataset>/{html/ID.html, truth/ID.txt, snippets/ID.json}: shared/bench/<dataset>/; the group
//              is the folder name. Page ids come from truth/ when it exists, else from snippets/, as in
//              score.
// Pages are scored against truth (4-gram shingles) and, where snippets exist, the way trafilatura scores them
// (a group's headline figure is the truth score when it has truth, as in score).
//
// Floors use fixtures/floors.txt's format (`GROUP F1` lines; quality_gate_test.cc reads the same file, so
// there is one source of truth) and its rules: a floor is the measured F1 minus 0.01 rounded down;
// --raise-floors only raises, and lowering needs --lower-floors, so that a drop is always a decision.
// Golden updates (--update) write expected.txt for a person to review; they and the floor moves refuse to run in
// CI.
//
// Exit status: 0 when every page was read and extracted (an empty output is no error: it scores 0), every group
// is at or above its floor and every golden page matches its expected.txt; 1 otherwise; 2 for a usage error (no pages, an unreadable floors file, an unknown page).

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "cleaner/cleaner.h"
#include "cleaner/evaluate.h"
#include "cli/commands.h"
#include "cli/progress.h"

namespace cleaner::cli {

struct EvalArgs {
  std::string dir;
  std::string format = "txt";  // -f/--format: txt or json
  bool json = false;            // --json, the same as --format json
  int worst = 10;
  bool all_pages = false;
  std::string diff_page;
  std::string against;  // what --diff compares with: "expected" or "truth"; empty: expected.txt if any
  std::string floors_file;
  bool raise_floors = false;
  bool lower_floors = false;
  double slack = 0.01;
  bool no_golden = false;
  CLI::Option* update = nullptr;  // given at all (with or without page ids)
  std::vector<std::string> update_pages;
  std::string compare;
  size_t jobs = 0;
  bool with_title = false;
  bool quiet = false;
};

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kOverall[] = "overall";  // the floors-file name of the figure over all pages together
const double kNone = std::numeric_limits<double>::quiet_NaN();

// A change of a page's F1 smaller than this is float noise from reordered lines, not a change worth listing.
constexpr double kChangeEpsilon = 1e-4;
// Lines of diff shown per page in the summaries; --diff shows up to kMaxDiffLines.
constexpr int kSummaryDiffLines = 10;
constexpr int kMaxDiffLines = 400;
// Pages of a group below its floor shown with a diff; the rest of the five listed are named only.
constexpr size_t kDiffsPerGroup = 2;
// The LCS table is (n+1)(m+1) 16-bit cells after the common head and tail are cut off: 4M cells is 8 MB and
// a few milliseconds. Longer pairs (two unrelated 3000-line texts) fall back to a line multiset difference.
constexpr size_t kMaxLcsCells = 4u << 20;

// False if `path` is not a regular file (a directory opens and reads as empty) or cannot be read.
bool ReadFile(const fs::path& path, std::string* out) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return !in.bad();
}

// Writes through a temporary file and a rename, so that an interrupted run never leaves half a file behind.
bool WriteFile(const fs::path& path, std::string_view data) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

// Cuts a line for display without splitting a UTF-8 sequence, so that a diff of Hindi stays readable.
std::string Clip(std::string_view line, size_t max_bytes = 240) {
  if (line.size() <= max_bytes) return std::string(line);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return std::string(line.substr(0, end)) + " [...]";
}

// ---------------------------------------------------------------------------------------------------------
// Line diff.

struct DiffLine {
  char op;          // '-': only in the expected text, '+': only in the produced one, ' ': in both
  size_t old_line;  // 1-based line in the expected text (of the line, or where an insertion goes)
  size_t new_line;  // the same in the produced text
  std::string text;
};

// A longest-common-subsequence line diff: the smallest set of missing and extra lines, in order.
std::vector<DiffLine> LineDiff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const size_t n = a.size() - head - tail;
  const size_t m = b.size() - head - tail;
  std::vector<DiffLine> out;
  for (size_t i = 0; i < head; ++i) out.push_back({' ', i + 1, i + 1, a[i]});
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxLcsCells) {
    // lcs[i][j]: LCS length of a[head+i..] and b[head+j..]; fits 16 bits since min(n, m) <= 2048 here.
    std::vector<uint16_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint16_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[head + i] == b[head + j] ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                                              : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        out.push_back({' ', head + i + 1, head + j + 1, a[head + i]});
        ++i, ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        // On a tie the missing line goes first, as diff(1) prints a replaced line: - old, then + new.
        out.push_back({'-', head + i + 1, head + j + 1, a[head + i]});
        ++i;
      } else {
        out.push_back({'+', head + i + 1, head + j + 1, b[head + j]});
        ++j;
      }
    }
  } else {
    // Too long for the table (or one side empty): lines missing from the produced text, then extra ones,
    // counted as multisets so that a line present on both sides is never reported.
    std::map<std::string, int> balance;
    for (size_t i = head; i < head + n; ++i) ++balance[a[i]];
    for (size_t j = head; j < head + m; ++j) --balance[b[j]];
    std::map<std::string, int> left = balance;
    for (size_t i = head; i < head + n; ++i) {
      int& k = left[a[i]];
      if (k > 0) {
        --k;
        out.push_back({'-', i + 1, head + 1, a[i]});
      } else {
        out.push_back({' ', i + 1, head + 1, a[i]});
      }
    }
    left = balance;
    for (size_t j = head; j < head + m; ++j) {
      int& k = left[b[j]];
      if (k < 0) {
        ++k;
        out.push_back({'+', head + n + 1, j + 1, b[j]});
      }
    }
  }
  for (size_t k = 0; k < tail; ++k) {
    out.push_back({' ', head + n + k + 1, head + m + k + 1, a[head + n + k]});
  }
  return out;
}

// The changed lines of a diff, in hunks headed by where they are, at most `max_lines` of them. `old_name`
// names the side lines go missing from ("expected" or "truth").
std::string FormatDiff(const std::vector<DiffLine>& diff, std::string_view old_name, int max_lines,
                       std::string_view indent) {
  std::string out;
  int shown = 0, missing = 0, extra = 0;
  bool in_hunk = false;
  for (const DiffLine& line : diff) {
    if (line.op == ' ') {
      in_hunk = false;
      continue;
    }
    (line.op == '-' ? missing : extra) += 1;
    if (shown >= max_lines) continue;
    if (!in_hunk) {
      out += fmt::format("{}@@ {} line {}, produced line {} @@\n", indent, old_name, line.old_line,
                         line.new_line);
      in_hunk = true;
    }
    out += fmt::format("{}{} {}\n", indent, line.op, Clip(line.text));
    ++shown;
  }
  if (missing + extra > shown) {
    out += fmt::format("{}... {} more changed lines\n", indent, missing + extra - shown);
  }
  out += fmt::format("{}{} missing, {} extra lines\n", indent, missing, extra);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Page sets.

enum class Layout { kFixtures, kBenchmark };

struct Page {
  // Where it is.
  std::string id;     // how it is named in reports and on the command line
  std::string group;  // the dataset: a floors-file name
  Layout layout = Layout::kBenchmark;
  fs::path html, truth, expected, snippets;  // empty: none; expected is where --update writes

  // What the run found.
  std::string error;  // reading or extracting failed; produced is then empty, as score counts a missing file
  std::string produced;
  std::string truth_text;
  std::string expected_text;
  bool has_truth = false;  // a truth file was read (it may have no tokens)
  bool has_expected = false;
  bool has_snippets = false;
  std::vector<std::string> with, without;
  PageScore score;  // against truth; pages == 0 when there is none or it has no tokens
  SnippetCounts snippet_counts;
  double f1 = kNone;            // the page's headline figure: truth F1, else snippet F1
  double reference_f1 = kNone;  // the same of expected.txt, or of the --compare report
  bool golden_changed = false;

  bool scored() const { return score.pages > 0; }
};

// The page's headline F1 for any text: against truth when it has some, else by its snippets; NaN when the
// page has neither (a golden-only fixture) or its snippets are empty.
double HeadlineF1(const Page& page, std::string_view text) {
  if (page.scored()) return ScorePage(text, page.truth_text).f1;
  if (page.has_snippets) {
    const SnippetCounts counts = ScoreSnippets(text, page.with, page.without);
    if (counts.true_positives + counts.false_positives + counts.false_negatives == 0) return kNone;
    return SnippetScore(counts).f1;
  }
  return kNone;
}

bool IsBenchmarkDataset(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "html", ec) &&
         (fs::is_directory(dir / "truth", ec) || fs::is_directory(dir / "snippets", ec));
}

bool IsFixturePage(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "input.html", ec);
}

// The stems of DIR/*EXT, sorted by bytes (= by code point, as Python's sorted() orders the script's ids).
std::vector<std::string> Stems(const fs::path& dir, std::string_view ext) {
  std::vector<std::string> stems;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > ext.size() && name[0] != '.' &&
        name.compare(name.size() - ext.size(), ext.size(), ext) == 0 && it->is_regular_file()) {
      stems.push_back(name.substr(0, name.size() - ext.size()));
    }
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

void AddBenchmarkDataset(const fs::path& dir, const std::string& prefix, std::vector<Page>* pages) {
  const bool has_truth_dir = fs::is_directory(dir / "truth");
  const std::string group = dir.filename().string();
  for (const std::string& stem :
       Stems(has_truth_dir ? dir / "truth" : dir / "snippets", has_truth_dir ? ".txt" : ".json")) {
    Page page;
    page.id = prefix + stem;
    page.group = group;
    page.layout = Layout::kBenchmark;
    page.html = dir / "html" / (stem + ".html");
    if (has_truth_dir) page.truth = dir / "truth" / (stem + ".txt");
    const fs::path snippets = dir / "snippets" / (stem + ".json");
    if (fs::is_regular_file(snippets)) page.snippets = snippets;
    pages->push_back(std::move(page));
  }
}

void AddFixturePage(const fs::path& dir, const std::string& id, std::vector<Page>* pages) {
  Page page;
  page.id = id;
  page.layout = Layout::kFixtures;
  page.html = dir / "input.html";
  if (fs::is_regular_file(dir / "truth.txt")) page.truth = dir / "truth.txt";
  page.expected = dir / "expected.txt";
  if (fs::is_regular_file(dir / "snippets.json")) page.snippets = dir / "snippets.json";
  // The group is the dataset the page came from; without meta.json, the folder name up to its first '-'
  // (scripts/make-fixtures names folders <dataset>-<id>), which is what quality_gate_test.cc uses.
  const std::string folder = dir.filename().string();
  page.group = folder.substr(0, folder.find('-'));
  std::string meta_text;
  if (ReadFile(dir / "meta.json", &meta_text)) {
    const json meta = json::parse(meta_text, nullptr, false);
    if (meta.is_object() && meta.contains("dataset") && meta["dataset"].is_string() &&
        !meta["dataset"].get<std::string>().empty()) {
      page.group = meta["dataset"].get<std::string>();
    }
  }
  pages->push_back(std::move(page));
}

// Every page under `root`, in either layout, sorted by id. Benchmark ids are the file stems when `root` is
// itself a dataset (so they read as score's) and "<dataset>/<stem>" otherwise; fixture ids are the folder's
// path under root without a leading "pages/", "en/wcxb-0415" for `cleaner eval fixtures`.
std::vector<Page> FindPages(const fs::path& root) {
  std::vector<Page> pages;
  if (IsBenchmarkDataset(root)) {
    AddBenchmarkDataset(root, "", &pages);
    return pages;
  }
  if (IsFixturePage(root)) {
    AddFixturePage(root, root.filename().string(), &pages);
    return pages;
  }
  // Depth-first with an explicit stack; 6 levels reach fixtures/pages/<lang>/<page> from well above it.
  std::vector<std::pair<fs::path, int>> stack = {{root, 0}};
  while (!stack.empty()) {
    const auto [dir, depth] = stack.back();
    stack.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_directory(ec2) || it->path().filename().string().rfind('.', 0) == 0) continue;
      const fs::path& sub = it->path();
      // Lexically: fs::relative resolves symbolic links, and a linked page folder got an id "../elsewhere/p1",
      // which --update and --diff could not name and a bare --update wrote outside the tree through.
      std::string rel = sub.lexically_relative(root).generic_string();
      if (rel.rfind("pages/", 0) == 0) rel = rel.substr(6);
      if (IsBenchmarkDataset(sub)) {
        AddBenchmarkDataset(sub, rel + "/", &pages);
      } else if (IsFixturePage(sub)) {
        AddFixturePage(sub, rel, &pages);
      } else if (depth < 6) {
        stack.push_back({sub, depth + 1});
      }
    }
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.id < b.id; });
  return pages;
}

// Reads a snippets file: {"with": [...], "without": [...]}, strings only.
bool ReadSnippets(const fs::path& path, std::vector<std::string>* with, std::vector<std::string>* without,
                  std::string* error) {
  std::string text;
  if (!ReadFile(path, &text)) {
    *error = "cannot read " + path.string();
    return false;
  }
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) {
    *error = path.string() + ": not a JSON object";
    return false;
  }
  for (const auto& [key, out] : {std::pair{"with", with}, std::pair{"without", without}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_array()) {
      *error = path.string() + ": \"" + key + "\" is not a list";
      return false;
    }
    for (const json& s : j[key]) {
      if (!s.is_string()) {
        *error = path.string() + ": \"" + key + "\" holds a non-string";
        return false;
      }
      out->push_back(s.get<std::string>());
    }
  }
  return true;
}

// Extracts one page and scores it: everything a report needs, so that nothing is re-read afterwards.
void EvaluatePage(const Extractor& extractor, bool read_expected, Page* page) {
  std::string html;
  if (!ReadFile(page->html, &html)) {
    page->error = "cannot read " + page->html.string();
  } else {
    Result<Document> doc = extractor.Extract(html);
    if (doc.ok()) {
      page->produced = std::move(doc->text);
    } else {
      page->error = doc.status().ToString();
    }
  }
  if (!page->truth.empty()) page->has_truth = ReadFile(page->truth, &page->truth_text);
  if (page->has_truth) {
    page->score = ScorePage(page->produced, page->truth_text);
  } else {
    page->score = PageScore{};
    page->score.pages = 0;
  }
  if (!page->snippets.empty()) {
    std::string error;
    page->has_snippets = ReadSnippets(page->snippets, &page->with, &page->without, &error);
    if (page->has_snippets) {
      page->snippet_counts = ScoreSnippets(page->produced, page->with, page->without);
    } else if (page->error.empty()) {
      page->error = error;
    }
  }
  page->f1 = HeadlineF1(*page, page->produced);
  if (read_expected && !page->expected.empty() && ReadFile(page->expected, &page->expected_text)) {
    page->has_expected = true;
    page->reference_f1 = HeadlineF1(*page, page->expected_text);
    page->golden_changed = NormalizedLines(page->produced) != NormalizedLines(page->expected_text);
  }
}

// Runs EvaluatePage over all pages on `jobs` threads sharing one Extractor, with a progress line on stderr
// when `show_progress`.
void EvaluateAll(const Extractor& extractor, bool read_expected, size_t jobs, bool show_progress,
                 std::vector<Page>* pages) {
  Progress progress(pages->size(), show_progress);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k = next++; k < pages->size(); k = next++) {
      Page& page = (*pages)[k];
      // An exception (std::bad_alloc on a huge page) fails its page alone: let out of a worker thread it would
      // end the process (std::terminate).
      try {
        EvaluatePage(extractor, read_expected, &page);
      } catch (const std::exception& e) {
        page.error = std::string("internal error: ") + e.what();
      } catch (...) {
        page.error = "internal error: unknown exception";
      }
      progress.Add(!page.error.empty());
    }
  };
  jobs = std::max<size_t>(1, std::min(jobs, pages->size()));
  std::vector<std::thread> threads;
  for (size_t t = 0; t < jobs; ++t) threads.emplace_back(work);
  for (std::thread& t : threads) t.join();
  progress.Stop();
}

// ---------------------------------------------------------------------------------------------------------
// Groups.

struct Group {
  std::string name;
  int pages = 0;                  // pages found, scored or not
  std::vector<PageScore> scores;  // against truth
  SnippetCounts snippets;
  PageScore truth_score;
  PageScore snippet_score;
  bool has_truth = false;
  bool has_snippets = false;

  // What a floor applies to and score prints: the truth score when the group has truth, as in score.
  const PageScore& headline() const { return has_truth ? truth_score : snippet_score; }
  int headline_pages() const { return has_truth ? truth_score.pages : snippets.pages; }
};

void FinishGroup(Group* group) {
  group->has_truth = !group->scores.empty();
  group->has_snippets = group->snippets.pages > 0;
  if (group->has_truth) group->truth_score = Aggregate(group->scores);
  if (group->has_snippets) group->snippet_score = SnippetScore(group->snippets);
}

void AddToGroup(const Page& page, Group* group) {
  ++group->pages;
  if (page.scored()) group->scores.push_back(page.score);
  if (page.has_snippets) group->snippets += page.snippet_counts;
}

// ---------------------------------------------------------------------------------------------------------
// Floors: the format of fixtures/floors.txt (read by tests/unit/quality_gate_test.cc too): `NAME F1` per
// line, '#' starts a comment.

struct Floors {
  struct Location {
    size_t line;   // index into lines
    size_t start;  // of the value in the line
    size_t size;
  };
  fs::path path;
  bool exists = false;
  std::vector<std::string> lines;  // the file as it was, so that a rewrite keeps its comments and layout
  std::map<std::string, double> values;
  std::map<std::string, Location> where;
};

// Strict like the gate's parser: a floor that fails to parse must stop the run rather than disable a check.
bool ParseFloors(const std::string& text, Floors* floors, std::string* error) {
  std::istringstream in(text);
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    floors->lines.push_back(line);
    const std::string content = line.substr(0, line.find('#'));
    std::vector<std::pair<size_t, size_t>> fields;  // start, length
    for (size_t i = 0; i < content.size();) {
      while (i < content.size() && std::isspace(static_cast<unsigned char>(content[i]))) ++i;
      const size_t start = i;
      while (i < content.size() && !std::isspace(static_cast<unsigned char>(content[i]))) ++i;
      if (i > start) fields.push_back({start, i - start});
    }
    if (fields.empty()) continue;
    const std::string name = content.substr(fields[0].first, fields[0].second);
    double f1 = kNone;
    if (fields.size() == 2) {
      const std::string value = content.substr(fields[1].first, fields[1].second);
      char* end = nullptr;
      f1 = std::strtod(value.c_str(), &end);
      if (end != value.c_str() + value.size()) f1 = kNone;
    }
    if (!(f1 >= 0 && f1 <= 1)) {
      *error =
          fmt::format("{} line {}: expected `GROUP F1` with F1 in [0, 1]", floors->path.string(), line_no);
      return false;
    }
    if (!floors->values.emplace(name, f1).second) {
      *error = fmt::format("{} line {}: second floor for {}", floors->path.string(), line_no, name);
      return false;
    }
    floors->where[name] = {floors->lines.size() - 1, fields[1].first, fields[1].second};
  }
  return true;
}

// The floor a measured F1 supports: minus the slack, rounded down to 0.01, as fixtures/floors.txt explains
// ("the slack absorbs rounding, not regressions").
double FloorFor(double f1, double slack) {
  const double floor = std::floor((f1 - slack) * 100 + 1e-9) / 100;
  return std::clamp(floor, 0.0, 1.0);
}

std::string FloorsText(const Floors& floors) {
  std::string text;
  for (const std::string& line : floors.lines) text += line + "\n";
  return text;
}

void SetFloor(const std::string& name, double value, Floors* floors) {
  const std::string formatted = fmt::format("{:.2f}", value);
  const auto it = floors->where.find(name);
  if (it != floors->where.end()) {
    Floors::Location& at = it->second;
    floors->lines[at.line].replace(at.start, at.size, formatted);
    at.size = formatted.size();
  } else {
    // New names are aligned as in fixtures/floors.txt: the value in column 13 after a short name.
    floors->lines.push_back(fmt::format("{:<12} {}", name, formatted));
    floors->where[name] = {floors->lines.size() - 1, std::max<size_t>(12, name.size()) + 1, formatted.size()};
  }
  floors->values[name] = value;
}

struct FloorChange {
  std::string group;
  double from;  // NaN: the group had no floor
  double to;
};

struct Verdict {
  std::vector<std::string> violations;  // groups below floors and the floors file's other complaints
  std::vector<std::string> below;       // the groups below their floor
  std::vector<FloorChange> floor_changes;
  std::vector<std::string> refused;  // floors that would have to be lowered without --lower-floors
  std::vector<std::string> golden_changed;
  std::vector<std::string> golden_missing;
  std::vector<std::string> updated;
  bool ok() const { return violations.empty() && golden_changed.empty() && golden_missing.empty(); }
};

// The groups a floors file must cover: every group, and `overall` when there are several (with one group it
// is the same figure, so a floor for it is optional).
std::map<std::string, const Group*> GatedGroups(const std::vector<Group>& groups, const Group& overall,
                                                const Floors& floors) {
  std::map<std::string, const Group*> gated;
  for (const Group& g : groups) gated[g.name] = &g;
  if (groups.size() > 1 || floors.values.count(kOverall) > 0) gated[kOverall] = &overall;
  return gated;
}

// Raises floors (and with --lower-floors lowers the ones a group is below) to FloorFor(F1); returns the
// changes. Floors only ever move toward the measured figure, and down only on request.
std::vector<FloorChange> MoveFloors(const std::map<std::string, const Group*>& gated, const EvalArgs& args,
                                    Floors* floors, std::vector<std::string>* refused) {
  std::vector<FloorChange> changes;
  for (const auto& [name, group] : gated) {
    const double f1 = group->headline().f1;
    const double target = FloorFor(f1, args.slack);
    const auto it = floors->values.find(name);
    if (it == floors->values.end()) {
      changes.push_back({name, kNone, target});
    } else if (target > it->second + 1e-9) {
      changes.push_back({name, it->second, target});
    } else if (f1 < it->second) {
      if (args.lower_floors) {
        changes.push_back({name, it->second, target});
      } else {
        refused->push_back(name);
      }
    }
  }
  for (const FloorChange& change : changes) SetFloor(change.group, change.to, floors);
  return changes;
}

// As quality_gate_test.cc's GateViolations: a group below its floor, a floor without pages (a dataset that
// disappeared must not leave a floor that guards nothing) and pages without a floor.
void CheckFloors(const std::map<std::string, const Group*>& gated, const Floors& floors, Verdict* verdict) {
  for (const auto& [name, floor] : floors.values) {
    const auto it = gated.find(name);
    if (it == gated.end()) {
      verdict->violations.push_back(name + ": has a floor in " + floors.path.string() + " but no pages here");
    } else if (it->second->headline().f1 < floor) {
      verdict->violations.push_back(
          fmt::format("{}: F1 {:.4f} is below its floor {:.2f}", name, it->second->headline().f1, floor));
      verdict->below.push_back(name);
    }
  }
  // The datasets first, `overall` last: the pages it names are mostly those of the datasets above it.
  std::stable_partition(verdict->below.begin(), verdict->below.end(),
                        [](const std::string& name) { return name != kOverall; });
  for (const auto& [name, group] : gated) {
    if (floors.values.count(name) == 0) {
      verdict->violations.push_back(name + ": has pages but no floor in " + floors.path.string() +
                                    " (add one with --raise-floors)");
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reports.

// The pages of a group (all pages for `overall`) that explain a drop: those that lost the most against
// their reference (expected.txt or --compare) when any lost, else the lowest-scoring ones.
std::vector<const Page*> LosingPages(const std::vector<Page>& pages, const std::string& group, size_t limit) {
  std::vector<const Page*> lost, low;
  for (const Page& page : pages) {
    if (group != kOverall && page.group != group) continue;
    if (std::isnan(page.f1)) continue;
    low.push_back(&page);
    if (!std::isnan(page.reference_f1) && page.f1 < page.reference_f1 - kChangeEpsilon) lost.push_back(&page);
  }
  std::vector<const Page*>& chosen = lost.empty() ? low : lost;
  if (lost.empty()) {
    std::stable_sort(low.begin(), low.end(), [](const Page* a, const Page* b) { return a->f1 < b->f1; });
  } else {
    std::stable_sort(lost.begin(), lost.end(), [](const Page* a, const Page* b) {
      return a->f1 - a->reference_f1 < b->f1 - b->reference_f1;
    });
  }
  if (chosen.size() > limit) chosen.resize(limit);
  return chosen;
}

// The diff a person reads for a page: against expected.txt when there is one (what changed), else against
// the truth (what is wrong); for a page judged by snippets, the snippets missed and the ones wrongly kept.
std::string PageDiff(const Page& page, const std::string& against, int max_lines, std::string_view indent) {
  const bool use_expected = against == "expected" || (against.empty() && page.has_expected);
  if (use_expected && page.has_expected) {
    return fmt::format("{}expected.txt (-) against produced (+):\n", indent) +
           FormatDiff(LineDiff(NormalizedLines(page.expected_text), NormalizedLines(page.produced)),
                      "expected", max_lines, indent);
  }
  if (page.has_truth) {
    return fmt::format("{}truth (-) against produced (+):\n", indent) +
           FormatDiff(LineDiff(NormalizedLines(page.truth_text), NormalizedLines(page.produced)), "truth",
                      max_lines, indent);
  }
  if (page.has_snippets) {
    std::string out =
        fmt::format("{}snippets: - a \"with\" snippet not found, + a \"without\" snippet found:\n", indent);
    int shown = 0;
    for (const std::string& s : page.with) {
      if (ScoreSnippets(page.produced, {s}, {}).true_positives == 0 && shown++ < max_lines) {
        out += fmt::format("{}- {}\n", indent, Clip(s));
      }
    }
    for (const std::string& s : page.without) {
      if (ScoreSnippets(page.produced, {}, {s}).false_positives > 0 && shown++ < max_lines) {
        out += fmt::format("{}+ {}\n", indent, Clip(s));
      }
    }
    const SnippetCounts& c = page.snippet_counts;
    out += fmt::format("{}{} of {} with found, {} of {} without found\n", indent, c.true_positives,
                       c.true_positives + c.false_negatives, c.false_positives, page.without.size());
    return out;
  }
  return fmt::format("{}nothing to compare with (no expected.txt, truth or snippets)\n", indent);
}

std::string PageLine(const Page& page) {
  std::string line = std::isnan(page.f1) ? fmt::format("  {:>6}", "-") : fmt::format("  {:.4f}", page.f1);
  if (page.scored()) {
    line += fmt::format("  P {:.4f} R {:.4f}{}", page.score.precision, page.score.recall,
                        page.score.exact ? " exact" : "      ");
  } else if (page.has_snippets) {
    const SnippetCounts& c = page.snippet_counts;
    line += fmt::format("  with {}/{} without {}/{}", c.true_positives, c.true_positives + c.false_negatives,
                        c.false_positives, page.without.size());
  }
  line += "  " + page.id;
  if (!std::isnan(page.reference_f1) && std::abs(page.f1 - page.reference_f1) > kChangeEpsilon) {
    line += fmt::format("  (was {:.4f}, {:+.4f})", page.reference_f1, page.f1 - page.reference_f1);
  }
  if (!page.error.empty()) {
    line += "  error: " + page.error;
  } else if (page.produced.empty()) {
    line += "  (empty output)";
  }
  return line + "\n";
}

std::string Plural(size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::string FormatNumber(double value) { return std::isnan(value) ? "-" : fmt::format("{:.4f}", value); }

std::string GroupRow(const std::string& label, const PageScore& s, int pages, bool truth,
                     const Floors& floors, const std::string& floor_name) {
  const auto floor = floors.values.find(floor_name);
  return fmt::format("{:<28} {:>5} {:>7} {:>7} {:>7} {:>7} {:>6}\n", label, pages, FormatNumber(s.f1),
                     FormatNumber(s.precision), FormatNumber(s.recall),
                     truth ? FormatNumber(s.accuracy) : "-",
                     floor == floors.values.end() ? "-" : fmt::format("{:.2f}", floor->second));
}

json ScoreJson(const PageScore& s, bool truth) {
  json j = {{"f1", s.f1}, {"precision", s.precision}, {"recall", s.recall}};
  j["exact"] = truth ? json(s.accuracy) : json(nullptr);
  return j;
}

json SnippetJson(const SnippetCounts& c, const PageScore& s) {
  return {{"pages", c.pages},
          {"f1", s.f1},
          {"precision", s.precision},
          {"recall", s.recall},
          {"true_positives", c.true_positives},
          {"false_positives", c.false_positives},
          {"false_negatives", c.false_negatives}};
}

// The mean of the groups' headline F1, as score prints for ALL; and without hindi, which is score's and
// PEERS.md's headline figure (the three-page hindi set is a check, not a benchmark).
std::pair<double, double> GroupMeans(const std::vector<Group>& groups) {
  double all = 0, without = 0;
  int n_without = 0;
  for (const Group& g : groups) {
    all += g.headline().f1;
    if (g.name != "hindi") without += g.headline().f1, ++n_without;
  }
  return {groups.empty() ? kNone : all / groups.size(), n_without == 0 ? kNone : without / n_without};
}

bool HasHindi(const std::vector<Group>& groups) {
  return std::any_of(groups.begin(), groups.end(), [](const Group& g) { return g.name == "hindi"; });
}

// Per-page F1 of an earlier report, keyed by page id: `cleaner eval --json` ("per_page": [{"id", "f1"}]) or
// score's --json (a list of datasets with "per_page_f1"), keyed by "<dataset>/<id>".
bool ReadCompareReport(const std::string& path, std::map<std::string, double>* f1, std::string* error) {
  std::string text;
  if (!ReadFile(path, &text)) {
    *error = "cannot read " + path;
    return false;
  }
  const json j = json::parse(text, nullptr, false);
  if (j.is_object() && j.contains("per_page") && j["per_page"].is_array()) {
    for (const json& page : j["per_page"]) {
      if (page.contains("id") && page["id"].is_string() && page.contains("f1") && page["f1"].is_number()) {
        (*f1)[page["id"].get<std::string>()] = page["f1"].get<double>();
      }
    }
  } else if (j.is_array()) {
    for (const json& dataset : j) {
      if (!dataset.is_object() || !dataset.contains("per_page_f1") || !dataset["per_page_f1"].is_object() ||
          !dataset.contains("dataset") || !dataset["dataset"].is_string()) {
        continue;
      }
      const std::string name = dataset["dataset"].get<std::string>();
      for (const auto& [id, value] : dataset["per_page_f1"].items()) {
        if (value.is_number()) (*f1)[name + "/" + id] = value.get<double>();
      }
    }
  } else {
    *error = path + ": neither a `cleaner eval --json` report nor score's --json output";
    return false;
  }
  if (f1->empty()) {
    *error = path + ": no page's F1 in it";
    return false;
  }
  return true;
}

// Whether a --update or --diff argument names the page: its id, its last path component, or (for --update)
// its group; shell patterns (`en/*`, `*`) match ids too.
bool Matches(const Page& page, const std::string& pattern, bool allow_group) {
  if (page.id == pattern) return true;
  const size_t slash = page.id.rfind('/');
  const std::string leaf = slash == std::string::npos ? page.id : page.id.substr(slash + 1);
  if (leaf == pattern) return true;
  if (allow_group && page.group == pattern) return true;
  return fnmatch(pattern.c_str(), page.id.c_str(), 0) == 0;
}

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::string_view(ci) != "false" && std::string_view(ci) != "0";
}

// --update: writes the produced text to expected.txt for new pages (no expected.txt yet) or those named.
bool UpdateGolden(const std::vector<std::string>& patterns, std::vector<Page>* pages, Verdict* verdict,
                  std::string* report) {
  bool ok = true;
  for (Page& page : *pages) {
    if (page.layout != Layout::kFixtures) continue;
    bool chosen = !page.has_expected;
    if (!patterns.empty()) {
      chosen = std::any_of(patterns.begin(), patterns.end(),
                           [&](const std::string& p) { return Matches(page, p, true); });
    }
    if (!chosen) continue;
    if (!page.error.empty()) {
      *report += fmt::format("not updated (extraction failed): {}: {}\n", page.id, page.error);
      ok = false;
      continue;
    }
    if (page.has_expected && page.expected_text == page.produced) continue;
    std::string what = "new";
    if (page.has_expected) {
      int minus = 0, plus = 0;
      for (const DiffLine& line :
           LineDiff(NormalizedLines(page.expected_text), NormalizedLines(page.produced))) {
        minus += line.op == '-';
        plus += line.op == '+';
      }
      what = fmt::format("-{} +{} lines", minus, plus);
    }
    if (!WriteFile(page.expected, page.produced)) {
      *report += fmt::format("cannot write {}\n", page.expected.string());
      ok = false;
      continue;
    }
    *report += fmt::format("wrote {} ({})\n", page.expected.string(), what);
    verdict->updated.push_back(page.id);
    page.has_expected = true;
    page.expected_text = page.produced;
    page.golden_changed = false;
  }
  if (verdict->updated.empty()) {
    *report += "--update: no expected.txt needed writing\n";
  } else {
    *report += fmt::format("--update wrote {} expected.txt: review with `git diff` before committing\n",
                           Plural(verdict->updated.size(), "page's"));
  }
  return ok;
}

// Everything one run found, for the reports.
struct Evaluation {
  std::vector<Page> pages;
  std::map<std::string, const Page*> by_id;
  std::vector<Group> groups;
  Group overall;
  Floors floors;
  Verdict verdict;
  bool golden = false;  // outputs were compared with expected.txt
  bool update = false;
  bool update_ok = true;
  bool floors_moving = false;  // --raise-floors or --lower-floors
  std::string update_report;
  std::string reference;  // where reference_f1 comes from: "expected.txt" or the --compare report
  double seconds = 0;
  size_t jobs = 0;

  // The pages that could not be read or extracted (or whose snippets file is broken): each fails the run. A page
  // that was extracted to nothing is not among them; it scores 0.
  std::vector<const Page*> failed_pages() const {
    std::vector<const Page*> failed;
    for (const Page& page : pages)
      if (!page.error.empty()) failed.push_back(&page);
    return failed;
  }
  bool ok() const { return verdict.ok() && update_ok && failed_pages().empty(); }
  bool has_fixtures() const {
    return std::any_of(pages.begin(), pages.end(),
                       [](const Page& p) { return p.layout == Layout::kFixtures; });
  }
};

std::string JsonReport(const EvalArgs& args, const Evaluation& e) {
  json report = {{"dir", args.dir}, {"pages", e.overall.headline_pages()}, {"pages_found", e.pages.size()}};
  // The whole set's figure: over all pages with truth, or by snippets when no page has truth.
  report.update(ScoreJson(e.overall.headline(), e.overall.has_truth));
  report["metric"] = e.overall.has_truth ? "truth" : "snippets";
  report["seconds"] = e.seconds;
  report["jobs"] = e.jobs;
  report["ok"] = e.ok();
  json groups = json::array();
  auto add_group = [&](const Group& g) {
    json jg = {{"name", g.name},
               {"pages", g.headline_pages()},
               {"pages_found", g.pages},
               {"metric", g.has_truth ? "truth" : "snippets"}};
    jg.update(ScoreJson(g.headline(), g.has_truth));
    if (g.has_snippets) jg["snippets"] = SnippetJson(g.snippets, g.snippet_score);
    const auto floor = e.floors.values.find(g.name);
    jg["floor"] = floor == e.floors.values.end() ? json(nullptr) : json(floor->second);
    groups.push_back(jg);
  };
  for (const Group& g : e.groups) add_group(g);
  add_group(e.overall);
  report["groups"] = groups;
  const auto [mean_f1, mean_without_hindi] = GroupMeans(e.groups);
  report["mean_f1"] = mean_f1;
  if (e.groups.size() > 1 && HasHindi(e.groups)) report["mean_f1_without_hindi"] = mean_without_hindi;
  json pages = json::array();
  for (const Page& page : e.pages) {
    json jp = {{"id", page.id}, {"group", page.group}};
    jp["f1"] = std::isnan(page.f1) ? json(nullptr) : json(page.f1);
    if (page.scored()) {
      jp["precision"] = page.score.precision;
      jp["recall"] = page.score.recall;
      jp["exact"] = page.score.exact;
    }
    if (page.has_snippets) {
      const SnippetCounts& c = page.snippet_counts;
      jp["snippets"] = {{"with_found", c.true_positives},
                        {"with", c.true_positives + c.false_negatives},
                        {"without_found", c.false_positives},
                        {"without", page.without.size()}};
    }
    if (!std::isnan(page.reference_f1)) jp["reference_f1"] = page.reference_f1;
    if (page.layout == Layout::kFixtures && e.golden) {
      jp["golden"] = !page.has_expected ? "missing" : page.golden_changed ? "changed" : "same";
    }
    if (page.produced.empty()) jp["empty"] = true;
    if (!page.error.empty()) jp["error"] = page.error;
    pages.push_back(jp);
  }
  report["per_page"] = pages;
  json failed = json::array();
  for (const Page* page : e.failed_pages()) failed.push_back({{"id", page->id}, {"error", page->error}});
  report["failed_pages"] = failed;
  json changes = json::array();
  for (const FloorChange& c : e.verdict.floor_changes) {
    changes.push_back(
        {{"group", c.group}, {"from", std::isnan(c.from) ? json(nullptr) : json(c.from)}, {"to", c.to}});
  }
  report["floors"] = {{"file", e.floors.exists ? json(e.floors.path.string()) : json(nullptr)},
                      {"violations", e.verdict.violations},
                      {"changes", changes},
                      {"refused_to_lower", e.verdict.refused}};
  if (e.golden && e.has_fixtures()) {
    report["golden"] = {{"changed", e.verdict.golden_changed}, {"missing", e.verdict.golden_missing}};
  }
  if (e.update) report["updated"] = e.verdict.updated;
  return report.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string GroupTable(const Evaluation& e) {
  std::string out = fmt::format("{:<28} {:>5} {:>7} {:>7} {:>7} {:>7} {:>6}\n", "group", "pages", "F1",
                                "prec", "recall", "exact", "floor");
  for (const Group& g : e.groups) {
    if (g.has_truth) out += GroupRow(g.name, g.truth_score, g.truth_score.pages, true, e.floors, g.name);
    if (g.has_snippets) {
      // A group with truth is gated on it, so its snippet row shows no floor.
      out += GroupRow(g.name + " (snippets)", g.snippet_score, g.snippets.pages, false, e.floors,
                      g.has_truth ? "" : g.name);
    }
    if (!g.has_truth && !g.has_snippets) {
      out += fmt::format("{:<28} {:>5}  (no truth or snippets)\n", g.name, 0);
    }
  }
  if (e.groups.size() > 1) {
    out += GroupRow(kOverall, e.overall.headline(), e.overall.headline_pages(), e.overall.has_truth, e.floors,
                    kOverall);
    const auto [mean_f1, mean_without_hindi] = GroupMeans(e.groups);
    out += fmt::format("{:<28} {:>5} {:>7}\n", "mean F1 of the groups", "", FormatNumber(mean_f1));
    if (HasHindi(e.groups)) {
      out +=
          fmt::format("{:<28} {:>5} {:>7}\n", "mean F1 without hindi", "", FormatNumber(mean_without_hindi));
    }
  }
  return out;
}

// The worst pages, and the pages whose F1 moved against their reference, most changed first.
std::string PagesSection(const EvalArgs& args, const Evaluation& e) {
  std::string out;
  const size_t limit = static_cast<size_t>(args.worst);
  if (args.all_pages) {
    out += "\npages (F1, precision, recall):\n";
    for (const Page& page : e.pages) out += PageLine(page);
  }
  if (limit == 0) return out;
  std::vector<const Page*> ranked;
  for (const Page& page : e.pages) {
    if (!std::isnan(page.f1)) ranked.push_back(&page);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Page* a, const Page* b) { return a->f1 < b->f1; });
  if (ranked.size() > limit) ranked.resize(limit);
  if (!ranked.empty() && !args.all_pages) {
    out += fmt::format("\nworst {} (F1):\n", Plural(ranked.size(), "page"));
    for (const Page* page : ranked) out += PageLine(*page);
  }
  std::vector<const Page*> worse, better;
  size_t with_reference = 0;
  for (const Page& page : e.pages) {
    if (std::isnan(page.reference_f1) || std::isnan(page.f1)) continue;
    ++with_reference;
    if (page.f1 < page.reference_f1 - kChangeEpsilon) worse.push_back(&page);
    if (page.f1 > page.reference_f1 + kChangeEpsilon) better.push_back(&page);
  }
  if (with_reference == 0) {
    // Said, not silent: score's --json has no per-page F1 for a dataset scored by snippets (trafilatura).
    if (e.reference != "expected.txt")
      out += fmt::format("\nagainst {}: no page of this run has an F1 there (a dataset scored by snippets has none "
                         "per page)\n", e.reference);
    return out;
  }
  auto delta = [](const Page* p) { return p->f1 - p->reference_f1; };
  std::stable_sort(worse.begin(), worse.end(),
                   [&](const Page* a, const Page* b) { return delta(a) < delta(b); });
  std::stable_sort(better.begin(), better.end(),
                   [&](const Page* a, const Page* b) { return delta(a) > delta(b); });
  out +=
      fmt::format("\nagainst {}: {} worse, {} better, {} the same F1\n", e.reference,
                  Plural(worse.size(), "page"), better.size(), with_reference - worse.size() - better.size());
  for (size_t i = 0; i < worse.size() && i < limit; ++i) out += PageLine(*worse[i]);
  for (size_t i = 0; i < better.size() && i < limit; ++i) out += PageLine(*better[i]);
  return out;
}

// Pages whose output is not their expected.txt any more, each with its diff. `diffed` collects the pages
// whose diff was shown, so that the floors section does not repeat it.
std::string GoldenSection(const EvalArgs& args, const Evaluation& e, std::set<std::string>* diffed) {
  if (!e.golden || !e.has_fixtures()) return "";
  const Verdict& v = e.verdict;
  if (v.golden_changed.empty() && v.golden_missing.empty()) {
    return "\ngolden: every page matches its expected.txt\n";
  }
  std::string out = fmt::format("\ngolden: {} changed against expected.txt, {} without one\n",
                                Plural(v.golden_changed.size(), "page"), v.golden_missing.size());
  // The pages that lost the most F1 first: they are the ones to look at.
  std::vector<const Page*> changed;
  for (const std::string& id : v.golden_changed) changed.push_back(e.by_id.at(id));
  auto loss = [](const Page* p) {
    return std::isnan(p->f1) || std::isnan(p->reference_f1) ? 0.0 : p->f1 - p->reference_f1;
  };
  std::stable_sort(changed.begin(), changed.end(),
                   [&](const Page* a, const Page* b) { return loss(a) < loss(b); });
  const size_t limit = static_cast<size_t>(std::max(args.worst, 3));
  for (size_t i = 0; i < changed.size(); ++i) {
    if (i == limit) {
      out +=
          fmt::format("  ... and {} more (cleaner eval DIR --diff PAGE shows one)\n", changed.size() - limit);
      break;
    }
    const Page& page = *changed[i];
    out += fmt::format("  changed: {}", page.id);
    if (!std::isnan(page.f1) && !std::isnan(page.reference_f1)) {
      out += fmt::format("  F1 {:.4f} -> {:.4f} ({:+.4f})", page.reference_f1, page.f1,
                         page.f1 - page.reference_f1);
    }
    out += "\n";
    out += PageDiff(page, "expected", kSummaryDiffLines, "    ");
    diffed->insert(page.id);
  }
  for (const std::string& id : v.golden_missing) out += fmt::format("  no expected.txt: {}\n", id);
  out +=
      "  if the change is intended: cleaner eval DIR --update PAGE... (a bare --update writes new pages), "
      "then "
      "review `git diff`\n";
  return out;
}

// Floors moved, refused and violated; for every group below its floor, the pages that explain it.
std::string FloorsSection(const Evaluation& e, std::set<std::string>* diffed) {
  const Verdict& v = e.verdict;
  std::string out;
  if (!v.floor_changes.empty()) {
    out += fmt::format("\nfloors written to {}:\n", e.floors.path.string());
    for (const FloorChange& c : v.floor_changes) {
      out += std::isnan(c.from) ? fmt::format("  {}: new floor {:.2f}\n", c.group, c.to)
                                : fmt::format("  {}: {:.2f} -> {:.2f}\n", c.group, c.from, c.to);
    }
  }
  if (v.floor_changes.empty() && e.floors_moving) out += "\nfloors: none to raise\n";
  for (const std::string& group : v.refused) {
    out += fmt::format("\n{}: floor not lowered: that needs --lower-floors (and the reason in the commit)\n",
                       group);
  }
  if (!e.floors.exists) return out + "\nfloors: no floors file (--floors FILE; --raise-floors creates one)\n";
  if (v.violations.empty()) {
    return out + fmt::format("\nfloors ({}): every group is at or above its floor\n", e.floors.path.string());
  }
  out += fmt::format("\nfloors ({}):\n", e.floors.path.string());
  for (const std::string& violation : v.violations) out += "  FAIL " + violation + "\n";
  for (const std::string& group : v.below) {
    const std::vector<const Page*> losing = LosingPages(e.pages, group, 5);
    if (losing.empty()) continue;
    const bool lost = !std::isnan(losing.front()->reference_f1) &&
                      losing.front()->f1 < losing.front()->reference_f1 - kChangeEpsilon;
    out += fmt::format("  {}: the pages that {}:\n", group, lost ? "lost the most" : "score lowest");
    for (size_t i = 0; i < losing.size(); ++i) {
      const Page& page = *losing[i];
      out += "  " + PageLine(page);
      if (i >= kDiffsPerGroup) continue;
      if (diffed->insert(page.id).second) {
        // Against expected.txt when the output changed (what broke), else against the truth (what is wrong).
        out += PageDiff(page, page.golden_changed ? "expected" : "truth", kSummaryDiffLines, "      ");
      } else {
        out += "      (diff above)\n";
      }
    }
  }
  return out;
}

std::string TextReport(const EvalArgs& args, const Evaluation& e) {
  const std::vector<const Page*> failed = e.failed_pages();
  const size_t errors = failed.size();
  std::string out = fmt::format("cleaner eval {}: {} in {}, {:.1f} s on {}{}\n\n", args.dir,
                                Plural(e.pages.size(), "page"), Plural(e.groups.size(), "group"), e.seconds,
                                Plural(e.jobs, "thread"), errors ? fmt::format(", {} failed", errors) : "");
  out += GroupTable(e);
  out += PagesSection(args, e);
  if (!e.update_report.empty()) out += "\n" + e.update_report;
  std::set<std::string> diffed;
  out += GoldenSection(args, e, &diffed);
  out += FloorsSection(e, &diffed);
  if (!failed.empty()) {
    out += fmt::format("\n{} could not be read or extracted:\n", Plural(failed.size(), "page"));
    for (const Page* page : failed) out += fmt::format("  FAIL {}: {}\n", page->id, page->error);
  }
  out += e.ok() ? "\ncleaner eval: OK\n" : "\ncleaner eval: FAILED\n";
  return out;
}

// The floors file: --floors, else the one that belongs to DIR (fixtures/floors.txt for `cleaner eval
// fixtures` or `cleaner eval fixtures/pages`). A subset such as fixtures/pages/en gets none by default: its
// groups are not the page sets the floors were measured on. Returns false (with a message) on a file that
// cannot be read or parsed.
bool LoadFloors(const EvalArgs& args, Floors* floors) {
  const fs::path root = args.dir;
  const bool moving = args.raise_floors || args.lower_floors;
  if (!args.floors_file.empty()) {
    floors->path = args.floors_file;
  } else if (fs::is_regular_file(root / "floors.txt")) {
    floors->path = root / "floors.txt";
  } else if (fs::absolute(root).lexically_normal().filename() == "pages" &&
             fs::is_regular_file(root / ".." / "floors.txt")) {
    floors->path = (root / ".." / "floors.txt").lexically_normal();
  } else if (moving) {
    floors->path = root / "floors.txt";
  } else {
    return true;
  }
  std::string text;
  floors->exists = ReadFile(floors->path, &text);
  if (!floors->exists) {
    if (!moving) {
      fmt::print(stderr, "cleaner eval: cannot read floors file {}\n", floors->path.string());
      return false;
    }
    text = fmt::format(
        "# Quality floors for `cleaner eval`: `GROUP F1_FLOOR` per line, '#' starts a comment.\n"
        "# Each floor is a measured F1 minus {:.2f}, rounded down to 0.01 (cleaner eval --raise-floors).\n\n",
        args.slack);
  }
  std::string error;
  if (!ParseFloors(text, floors, &error)) {
    fmt::print(stderr, "cleaner eval: {}\n", error);
    return false;
  }
  return true;
}

// Groups every page by dataset, and all of them into `overall`.
void GroupPages(Evaluation* e) {
  std::map<std::string, Group> by_name;
  e->overall = Group{};
  e->overall.name = kOverall;
  for (const Page& page : e->pages) {
    Group& group = by_name[page.group];
    group.name = page.group;
    AddToGroup(page, &group);
    AddToGroup(page, &e->overall);
  }
  for (auto& [name, group] : by_name) {
    FinishGroup(&group);
    e->groups.push_back(std::move(group));
  }
  FinishGroup(&e->overall);
}

// Writes the report to stdout and flushes it; false, with a line on stderr, if it could not be written (a full
// disk, a closed pipe): a report nobody got is no pass.
bool WriteReport(const std::string& out) {
  if (std::fwrite(out.data(), 1, out.size(), stdout) == out.size() && std::fflush(stdout) == 0) return true;
  fmt::print(stderr, "cleaner eval: cannot write standard output: {}\n", ErrorText(errno));
  return false;
}

}  // namespace

std::shared_ptr<EvalArgs> AddEvalCommand(CLI::App* eval) {
  auto args = std::make_shared<EvalArgs>();
  // The subcommand list of `cleaner --help` shows main.cc's one-line description; `cleaner eval --help` adds this.
  eval->footer(
      "Score extraction against a page set, with ../shared/bench/score's figures. DIR holds cleaner's "
      "fixtures\n"
      "layout (<page>/input.html, truth.txt, expected.txt, meta.json) or benchmark datasets "
      "(<dataset>/html,\n"
      "truth, snippets), or folders of either (fixtures/, ../shared/bench).\n"
      "Exit status: 0 when every page was read and extracted, every group is at or above its floor and every\n"
      "page matches its expected.txt; 1 otherwise (a page that fails to read or extract too); 2 for a usage error.");
  eval->add_option("dir", args->dir, "A page set, a dataset, or a folder of them")->required();
  CLI::Option* format =
      eval->add_option("-f,--format", args->format,
                       "Report shape: txt (a table and the failures), or json (one object: the whole set's f1, "
                       "precision, recall, exact; groups; per_page)")
          ->check(CLI::IsMember({"txt", "json"}));
  eval->add_flag("--json", args->json, "The same as --format json")->excludes(format);
  eval->add_option("--worst", args->worst, "List this many worst and most changed pages (0: none)")
      ->check(WholeNumberIn(0, 1000000));
  eval->add_flag("--pages", args->all_pages, "List every page's figures");
  eval->add_option("--diff", args->diff_page,
                   "Show one page's line diff (expected.txt, else truth, against the output); runs only it");
  eval->add_option("--against", args->against, "What --diff compares with: expected or truth")
      ->check(CLI::IsMember({"expected", "truth"}));
  eval->add_option(
          "--floors", args->floors_file,
          "Floors file (`GROUP F1` lines); default: DIR/floors.txt, or ../floors.txt for DIR pages/")
      ->type_name("FILE");
  eval->add_flag("--raise-floors", args->raise_floors,
                 "Raise floors to the measured F1 minus --slack, rounded down to 0.01; add missing ones; never in CI");
  eval->add_flag("--lower-floors", args->lower_floors,
                 "As --raise-floors, and also lower the floors of groups that fell below them");
  eval->add_option("--slack", args->slack, "How far below the measured F1 a raised floor goes")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_flag("--no-golden", args->no_golden, "Do not compare outputs with expected.txt");
  args->update = eval->add_option("--update", args->update_pages,
                                  "Write expected.txt for pages without one, or for the pages named (ids, "
                                  "folder names, groups, or patterns such as 'en/*'); never in CI. Put DIR "
                                  "first.")
                     // A bare --update must count as given; main.cc's always_capture_default would capture
                     // "[]" as the default and make it parse as absent.
                     ->default_str("")
                     ->expected(0, CLI::detail::expected_max_vector_size);
  eval->add_option("--compare", args->compare,
                   "An earlier `cleaner eval --json` report (or score --json output): list pages that changed")
      ->type_name("FILE");
  eval->add_option("-j,--jobs", args->jobs, "Pages extracted at once (0, the default: all cores)")
      ->check(WholeNumberIn(0, kMaxJobs));
  eval->add_flag("--with-title", args->with_title,
                 "Put the title first, as cleaner --with-title (no golden check)");
  eval->add_flag("-q,--quiet", args->quiet, "No progress line, and with --json no FAIL lines on stderr");
  return args;
}

int RunEval(const EvalArgs& given) {
  EvalArgs args = given;
  args.json = args.json || args.format == "json";
  // "DIR/" (as shells complete it), "DIR/." and "." are DIR: its last component names the dataset and finds
  // the floors file.
  {
    fs::path dir = fs::path(args.dir).lexically_normal();
    if (dir.filename() == "." || dir.filename() == ".." || dir.filename().empty())
      dir = fs::absolute(dir).lexically_normal();
    std::string s = dir.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    args.dir = s;
  }
  const bool update = args.update != nullptr && args.update->count() > 0;
  std::vector<std::string> update_patterns;  // a bare --update leaves one empty string
  for (const std::string& p : args.update_pages) {
    if (!p.empty()) update_patterns.push_back(p);
  }
  std::error_code ec;
  if (!fs::is_directory(args.dir, ec)) {
    fmt::print(stderr, "cleaner eval: {} is not a folder\n", args.dir);
    return kExitUsage;
  }
  if ((update || args.raise_floors || args.lower_floors) && InCi()) {
    // A test that rewrites its own expectations cannot fail: golden and floor updates are for a person to review.
    fmt::print(stderr, "cleaner eval: {} never runs in CI (the CI environment variable is set)\n",
               update ? "--update" : args.raise_floors ? "--raise-floors" : "--lower-floors");
    return kExitUsage;
  }
  if (update && (args.with_title || !args.diff_page.empty())) {
    fmt::print(stderr, "cleaner eval: --update cannot be combined with --with-title or --diff\n");
    return kExitUsage;
  }
  Evaluation e;
  e.pages = FindPages(args.dir);
  if (e.pages.empty()) {
    fmt::print(stderr,
               "cleaner eval: no pages under {}: expected <page>/input.html folders (fixtures layout) or "
               "<dataset>/html with truth/ or snippets/ (benchmark layout)\n",
               args.dir);
    return kExitUsage;
  }
  if (!args.diff_page.empty()) {
    // Only the page asked for is run, so that looking at one page of a large set is instant.
    std::vector<Page> chosen;
    for (Page& page : e.pages) {
      if (Matches(page, args.diff_page, false)) chosen.push_back(std::move(page));
    }
    if (chosen.size() != 1) {
      std::string names;
      for (size_t i = 0; i < chosen.size() && i < 10; ++i) names += (i ? ", " : ": ") + chosen[i].id;
      fmt::print(stderr, "cleaner eval: --diff {}: {} match{}\n", args.diff_page,
                 Plural(chosen.size(), "page"), names);
      return kExitUsage;
    }
    e.pages = std::move(chosen);
  }
  e.update = update;
  if (update) {
    if (!e.has_fixtures()) {
      fmt::print(stderr,
                 "cleaner eval: --update writes expected.txt into fixture page folders; {} has none\n",
                 args.dir);
      return kExitUsage;
    }
    for (const std::string& pattern : update_patterns) {
      if (std::none_of(e.pages.begin(), e.pages.end(), [&](const Page& p) {
            return p.layout == Layout::kFixtures && Matches(p, pattern, true);
          })) {
        fmt::print(stderr, "cleaner eval: --update {}: no fixture page matches\n", pattern);
        return kExitUsage;
      }
    }
  }
  if (args.diff_page.empty() && !LoadFloors(args, &e.floors)) return kExitUsage;
  std::map<std::string, double> compare;
  if (!args.compare.empty()) {
    std::string error;
    if (!ReadCompareReport(args.compare, &compare, &error)) {
      fmt::print(stderr, "cleaner eval: --compare: {}\n", error);
      return kExitUsage;
    }
  }

  Options options;
  options.with_title = args.with_title;
  const Extractor extractor(options);
  e.jobs = args.jobs > 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  e.golden = !args.no_golden && !args.with_title && args.diff_page.empty();
  const auto start = std::chrono::steady_clock::now();
  EvaluateAll(extractor, e.golden || update || !args.diff_page.empty(), e.jobs,
              Progress::Wanted(e.pages.size(), args.quiet, /*results_on_stdout=*/false), &e.pages);
  e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  e.reference = "expected.txt";
  if (!compare.empty()) {
    e.reference = args.compare;
    for (Page& page : e.pages) {
      auto it = compare.find(page.id);
      if (it == compare.end()) it = compare.find(page.group + "/" + page.id);
      page.reference_f1 = it == compare.end() ? kNone : it->second;
    }
  }
  for (const Page& page : e.pages) e.by_id[page.id] = &page;

  if (!args.diff_page.empty()) {
    const Page& page = e.pages.front();
    const std::string out = fmt::format("{} ({})\n", page.id, page.group) + PageLine(page) +
                            PageDiff(page, args.against, kMaxDiffLines, "");
    if (!WriteReport(out)) return kExitFailure;
    return page.error.empty() ? kExitOk : kExitFailure;
  }

  if (update) e.update_ok = UpdateGolden(update_patterns, &e.pages, &e.verdict, &e.update_report);
  GroupPages(&e);
  // Floors are moved first when asked, then checked against what the file now says.
  const std::map<std::string, const Group*> gated = GatedGroups(e.groups, e.overall, e.floors);
  e.floors_moving = args.raise_floors || args.lower_floors;
  if (e.floors_moving) {
    e.verdict.floor_changes = MoveFloors(gated, args, &e.floors, &e.verdict.refused);
    if (!e.verdict.floor_changes.empty()) {
      if (!WriteFile(e.floors.path, FloorsText(e.floors))) {
        fmt::print(stderr, "cleaner eval: cannot write {}\n", e.floors.path.string());
        return kExitFailure;
      }
      e.floors.exists = true;
    }
  }
  if (e.floors.exists) CheckFloors(gated, e.floors, &e.verdict);
  if (e.golden) {
    for (const Page& page : e.pages) {
      if (page.layout != Layout::kFixtures) continue;
      if (!page.has_expected) {
        e.verdict.golden_missing.push_back(page.id);
      } else if (page.golden_changed) {
        e.verdict.golden_changed.push_back(page.id);
      }
    }
  }

  const std::string out = args.json ? JsonReport(args, e) : TextReport(args, e);
  if (!WriteReport(out)) return kExitFailure;
  if (args.json && !e.ok() && !args.quiet) {
    // stdout is for the machine; a person running --json in a terminal still sees why it failed.
    for (const std::string& v : e.verdict.violations) fmt::print(stderr, "cleaner eval: FAIL {}\n", v);
    for (const Page* page : e.failed_pages()) fmt::print(stderr, "cleaner eval: FAIL {}: {}\n", page->id, page->error);
    if (!e.verdict.golden_changed.empty() || !e.verdict.golden_missing.empty()) {
      fmt::print(stderr, "cleaner eval: FAIL {} changed against expected.txt, {} without one\n",
                 Plural(e.verdict.golden_changed.size(), "page"), e.verdict.golden_missing.size());
    }
  }
  return e.ok() ? kExitOk : kExitFailure;
}

}  // namespace cleaner::cli

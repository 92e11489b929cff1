// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// bench_speed: cleaner's end-to-end speed and peak memory, measured against Gumbo's parse alone.
//
// Gumbo's parse (gumbo_parse_with_options + gumbo_destroy_output, default options, the same UTF-8 bytes) is
// the floor: cleaner parses with Gumbo too, so "cleaner / Gumbo" is what everything cleaner does on top of a
// plain parse costs. This is a program, not a test: timings belong in a report, never in a unit test.
//
//   bench_speed [--repeat N] [--warmup N] [--threads N] [--stage-breakdown] [--json] DIR_OR_FILES...
//   bench_speed --hostile [--repeat N] [--json]
//
// --hostile times generated hostile pages instead (deep nesting, unclosed chains, huge flat pages, many
// attributes, widgets, <br> runs ...), each at a base size and at 4x it: a stage that is linear in the input
// grows about 4x between the two, a quadratic one about 16x. Gumbo's own growth on the same bytes is printed
// beside cleaner's, since Gumbo is itself quadratic on some of these (../shared/GUMBO.md).
//
// Method, chosen because the machines are shared and noisy:
//   - Every page is read into memory before anything is timed, so disk I/O and the page cache are out of it.
//   - One untimed warm-up pass per side faults in code and data and lets malloc grow its arenas.
//   - Then N rounds; each round times a Gumbo pass over all pages and a cleaner pass over all pages, in
//     alternating order, so a slow spell of the machine hits both sides rather than one.
//   - The headline ratio divides the best-of-N totals (noise only ever adds time, so the best round is the
//     least disturbed one); the per-round ratios are printed next to it to show how stable the figure is.
//   - Medians use each page's best time over the rounds.
//   - Peak RSS is measured in forked children, one per side, so neither side's heap inflates the other's
//     figure (see MeasureInChild).

#include <fmt/format.h>
#include <gumbo.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cleaner/cleaner.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Memory bounds: the whole corpus is held in memory at once, so refuse runaway inputs rather than swap. (A
// page over cleaner's own input limit is refused too, in LoadPages: it would only time that refusal.)
constexpr std::uintmax_t kMaxTotalBytes = std::uintmax_t{2} << 30;  // 2 GiB
constexpr int kMaxRepeat = 1000;
constexpr int kMaxThreads = 256;
constexpr int kSlowestShown = 10;

struct Flags {
  int repeat = 3;
  int warmup = 1;
  int threads = 0;  // 0: no multi-threaded measurement
  bool stage_breakdown = false;
  bool json = false;
  bool hostile = false;
  std::vector<std::string> inputs;
};

struct Page {
  std::string name;  // file name without the directory
  std::string html;
};

// What one cleaner call reported about itself; kept per page (small, no strings) for the breakdown.
struct PageStats {
  bool ok = false;
  std::size_t parsed_bytes = 0;
  std::size_t nodes = 0;
  std::size_t pass = 0;
  bool empty = false;
  double parse_ms = 0;
  double total_ms = 0;
};

// One timed pass of one side over all pages.
struct Pass {
  double seconds = 0;           // wall time of the whole pass
  std::vector<double> page_ms;  // wall time per page
  double parse_ms_sum = 0;      // cleaner only: sum of Stats::parse_ms
  double total_ms_sum = 0;      // cleaner only: sum of Stats::total_ms
};

// Summary of one side over all rounds.
struct Side {
  std::vector<double> round_seconds;
  std::size_t best_round = 0;
  std::vector<double> best_page_ms;  // per page: its best time over the rounds
  double best_seconds() const { return round_seconds[best_round]; }
};

// What a forked child reports back through a pipe.
struct ChildReport {
  bool ok = false;
  std::string error;       // why not ok
  double max_rss_kib = 0;  // getrusage(RUSAGE_SELF).ru_maxrss of the child, in KiB on Linux
  double seconds = 0;      // wall time of the child's work
};

[[noreturn]] void Usage(int code) {
  std::fputs(
      "usage: bench_speed [--repeat N] [--warmup N] [--threads N] [--stage-breakdown] [--json]\n"
      "                   DIR_OR_FILES...\n"
      "       bench_speed --hostile [--repeat N] [--json]\n"
      "  Times Gumbo's parse alone and cleaner's Extract on the same pages, interleaved in rounds, and\n"
      "  prints a Markdown table (or JSON with --json).\n"
      "  --repeat N          timed rounds (default 3); figures are the best round's\n"
      "  --warmup N          untimed passes per side before timing (default 1)\n"
      "  --threads N         also measure pages/s with N threads sharing one Extractor\n"
      "  --stage-breakdown   add cleaner's per-stage figures and the slowest pages\n"
      "  --json              machine-readable output instead of Markdown\n"
      "  --hostile           time generated hostile pages at 1x and 4x their base size instead of files,\n"
      "                      and print how each side's time grows (linear: about 4x, quadratic: 16x)\n"
      "  A directory contributes its *.html and *.htm files, sorted by name.\n",
      code == 0 ? stdout : stderr);
  std::exit(code);
}

int ParseCount(std::string_view flag, const char* value, int min, int max) {
  if (value == nullptr) {
    std::fprintf(stderr, "bench_speed: %.*s needs a value\n", static_cast<int>(flag.size()), flag.data());
    Usage(2);
  }
  char* end = nullptr;
  errno = 0;
  long n = std::strtol(value, &end, 10);
  if (errno != 0 || end == value || *end != '\0' || n < min || n > max) {
    std::fprintf(stderr, "bench_speed: %.*s wants a whole number in [%d, %d], got '%s'\n",
                 static_cast<int>(flag.size()), flag.data(), min, max, value);
    Usage(2);
  }
  return static_cast<int>(n);
}

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  bool flags_done = false;  // after "--", everything is a path
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (flags_done || arg == "--") {
      if (flags_done) flags.inputs.emplace_back(arg);
      flags_done = true;
      continue;
    }
    // Accept both "--flag N" and "--flag=N".
    const char* inline_value = nullptr;
    std::string name(arg);
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string_view::npos) {
      name = std::string(arg.substr(0, eq));
      inline_value = argv[i] + eq + 1;
    }
    auto value = [&]() -> const char* {
      return inline_value ? inline_value : (i + 1 < argc ? argv[++i] : nullptr);
    };
    if (name == "--repeat") {
      flags.repeat = ParseCount(name, value(), 1, kMaxRepeat);
    } else if (name == "--warmup") {
      flags.warmup = ParseCount(name, value(), 0, kMaxRepeat);
    } else if (name == "--threads") {
      flags.threads = ParseCount(name, value(), 1, kMaxThreads);
    } else if (name == "--stage-breakdown") {
      flags.stage_breakdown = true;
    } else if (name == "--json") {
      flags.json = true;
    } else if (name == "--hostile") {
      flags.hostile = true;
    } else if (name == "-h" || name == "--help") {
      Usage(0);
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "bench_speed: unknown flag '%s'\n", argv[i]);
      Usage(2);
    } else {
      flags.inputs.emplace_back(arg);
    }
  }
  if (flags.hostile && (!flags.inputs.empty() || flags.threads > 0 || flags.stage_breakdown)) {
    std::fprintf(stderr,
                 "bench_speed: --hostile generates its pages; it takes no files, --threads or "
                 "--stage-breakdown\n");
    Usage(2);
  }
  if (flags.inputs.empty() && !flags.hostile) Usage(2);
  return flags;
}

// Reads every page into memory (the only disk I/O of the run). Exits with a message on any error: a benchmark
// over a silently different set of pages would not be comparable with earlier runs.
std::vector<Page> LoadPages(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(input, ec)) {
        std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".html" || ext == ".htm")) found.push_back(entry.path());
      }
      if (ec) {
        std::fprintf(stderr, "bench_speed: cannot list %s: %s\n", input.c_str(), ec.message().c_str());
        std::exit(1);
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.emplace_back(input);
    }
  }
  const std::uintmax_t max_page_bytes = cleaner::Options().max_input_bytes;
  std::vector<Page> pages;
  pages.reserve(files.size());
  std::uintmax_t total = 0;
  for (const fs::path& file : files) {
    std::error_code ec;
    std::uintmax_t size = fs::file_size(file, ec);
    if (ec) {
      std::fprintf(stderr, "bench_speed: cannot read %s: %s\n", file.c_str(), ec.message().c_str());
      std::exit(1);
    }
    if (size > max_page_bytes) {
      std::fprintf(stderr,
                   "bench_speed: %s is %ju bytes, over cleaner's default limit of %ju; leave it out\n",
                   file.c_str(), size, max_page_bytes);
      std::exit(1);
    }
    total += size;
    if (total > kMaxTotalBytes) {
      std::fprintf(stderr, "bench_speed: the pages exceed %ju bytes in total; benchmark a smaller set\n",
                   kMaxTotalBytes);
      std::exit(1);
    }
    std::ifstream in(file, std::ios::binary);
    std::string html(static_cast<std::size_t>(size), '\0');
    if (!in.read(html.data(), static_cast<std::streamsize>(size))) {
      std::fprintf(stderr, "bench_speed: cannot read %s\n", file.c_str());
      std::exit(1);
    }
    pages.push_back({file.filename().string(), std::move(html)});
  }
  if (pages.empty()) {
    std::fprintf(stderr, "bench_speed: no .html pages found\n");
    std::exit(1);
  }
  return pages;
}

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The floor: exactly what the project calls "Gumbo's parse alone".
void GumboParse(const std::string& html) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

Pass GumboPass(const std::vector<Page>& pages) {
  Pass pass;
  pass.page_ms.reserve(pages.size());
  Clock::time_point pass_start = Clock::now();
  for (const Page& page : pages) {
    Clock::time_point start = Clock::now();
    GumboParse(page.html);
    pass.page_ms.push_back(MsSince(start));
  }
  pass.seconds = MsSince(pass_start) / 1000;
  return pass;
}

// `stats`, if given, receives what each call reported about itself.
Pass CleanerPass(const cleaner::Extractor& extractor, const std::vector<Page>& pages,
                 std::vector<PageStats>* stats) {
  Pass pass;
  pass.page_ms.reserve(pages.size());
  Clock::time_point pass_start = Clock::now();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    Clock::time_point start = Clock::now();
    PageStats page_stats;
    {
      cleaner::Result<cleaner::Document> result = extractor.Extract(pages[i].html);
      if (result.ok()) {
        const cleaner::Stats& s = result->stats;
        page_stats = {true, s.parsed_bytes, s.nodes, s.pass, result->text.empty(), s.parse_ms, s.total_ms};
        pass.parse_ms_sum += s.parse_ms;
        pass.total_ms_sum += s.total_ms;
      }
    }  // The Document is freed inside the timed region on purpose: freeing it is part of the cost per page.
    pass.page_ms.push_back(MsSince(start));
    if (stats != nullptr) (*stats)[i] = page_stats;
  }
  pass.seconds = MsSince(pass_start) / 1000;
  return pass;
}

// Runs work(i) for every page index on `threads` threads pulling indices from a shared counter (pages differ
// in size by 60x, so static slices would leave threads idle). Returns the wall time in seconds. std::thread
// gets the process's default stack (RLIMIT_STACK, 8 MiB on Debian), which Gumbo's recursion needs.
double ThreadedPass(int threads, std::size_t n, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  Clock::time_point start = Clock::now();
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) work(i);
    });
  }
  for (std::thread& thread : pool) thread.join();
  return MsSince(start) / 1000;
}

// Runs `work` (returning seconds) in a forked child and reports the child's peak resident set size.
//
// What the figure means: ru_maxrss is the high-water mark of the child's resident memory, in KiB. A forked
// child starts out with the parent's resident anonymous memory already counted (Linux seeds the child's
// high-water mark with the RSS it inherits), i.e. the program plus the in-memory copy of every page. That is
// why the report also shows a baseline child that does no work at all: "peak - baseline" is what the measured
// side adds on top, which for a sequential pass is the largest single page's working set plus whatever the
// side keeps between pages (cleaner's rule tables, allocator slack). All children are forked from the same
// lean parent state, before the parent has run anything, so their baselines agree.
ChildReport MeasureInChild(const std::function<double()>& work) {
  ChildReport report;
  int fds[2];
  if (pipe(fds) != 0) {
    report.error = std::string("pipe: ") + std::strerror(errno);
    return report;
  }
  std::fflush(stdout);  // or the child would flush the parent's buffered output a second time
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    report.error = std::string("fork: ") + std::strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return report;
  }
  if (pid == 0) {
    close(fds[0]);
    double values[2] = {0, 0};
    try {
      values[1] = work();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_speed: child failed: %s\n", e.what());
      _exit(1);
    }
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    values[0] = static_cast<double>(usage.ru_maxrss);
    ssize_t written = write(fds[1], values, sizeof(values));
    _exit(written == static_cast<ssize_t>(sizeof(values)) ? 0 : 1);
  }
  close(fds[1]);
  double values[2] = {0, 0};
  std::size_t got = 0;
  while (got < sizeof(values)) {
    ssize_t r = read(fds[0], reinterpret_cast<char*>(values) + got, sizeof(values) - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    report.error = fmt::format("killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got != sizeof(values)) {
    report.error = fmt::format("exited with status {}", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  } else {
    report.ok = true;
    report.max_rss_kib = values[0];
    report.seconds = values[1];
  }
  return report;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  double lower = *std::max_element(values.begin(), values.begin() + mid);
  return (lower + upper) / 2;
}

Side Summarize(const std::vector<Pass>& rounds) {
  Side side;
  std::size_t pages = rounds.front().page_ms.size();
  side.best_page_ms.assign(pages, INFINITY);
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    side.round_seconds.push_back(rounds[r].seconds);
    if (rounds[r].seconds < rounds[side.best_round].seconds) side.best_round = r;
    for (std::size_t i = 0; i < pages; ++i) {
      side.best_page_ms[i] = std::min(side.best_page_ms[i], rounds[r].page_ms[i]);
    }
  }
  return side;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  }
  return "unknown CPU";
}

// The 1-minute load average when the run started: a reader can tell a quiet machine from a busy one.
std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one_minute;
  return in >> one_minute ? one_minute : "unknown";
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out += c;  // UTF-8 passes through: JSON text is UTF-8
    }
  }
  return out + "\"";
}

// JSON has no NaN or infinity; a missing figure is null.
std::string JsonNumber(double value) { return std::isfinite(value) ? fmt::format("{:.6g}", value) : "null"; }

std::string JsonArray(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + JsonNumber(values[i]);
  return out + "]";
}

double Mib(double kib) { return kib / 1024; }

// -----------------------------------------------------------------------------------------------------------
// --hostile: generated pages that stress one shape each.

// One kind of hostile page: `make(n)` builds it from `n` repetitions of its unit.
struct HostileKind {
  const char* name;
  const char* shape;  // what the page is, for the report (Markdown: tags in backquotes)
  int base;           // n at 1x; the page is also timed at 4x
  std::function<std::string(int)> make;
};

// `unit(i)` for i in [0, n), concatenated.
std::string Repeat(int n, const std::function<std::string(int)>& unit) {
  std::string out;
  for (int i = 0; i < n; ++i) out += unit(i);
  return out;
}

// A sentence that differs from its neighbours by its number: identical lines would only time the line
// filter's removal of duplicates.
std::string Sentence(int i) {
  return fmt::format(
      "The committee met on day {} to discuss the budget, and its members agreed on most of "
      "the proposals. ",
      i);
}

// The base sizes keep each 1x page between about 5 KB and 400 KB, and the 4x Gumbo parse under two seconds,
// so a run takes under a minute. Deep nesting (written, or made by misnested formatting elements and unknown end
// tags), unclosed chains and many attributes are the shapes Gumbo itself is quadratic on; cleaner's pre-scan caps
// nesting depth and attributes before Gumbo sees them.
std::vector<HostileKind> HostileKinds() {
  auto page = [](const std::string& body) {
    return "<!DOCTYPE html><html><head><title>t</title></head><body>" + body;
  };
  auto paragraph = [](int i) { return "<p>" + Sentence(i) + "</p>"; };
  return {
      {"deep-div", "`<div>` nested n deep around a paragraph", 2500,
       [=](int n) { return page(Repeat(n, [](int) { return "<div>"; }) + paragraph(0)); }},
      {"unclosed-b-i", "n unclosed `<b><i>` pairs, then text", 1000,
       [=](int n) { return page(Repeat(n, [](int) { return "<b><i>"; }) + Sentence(0)); }},
      {"list-table-chain", "n unclosed `<ul><li><table><tr><td>`", 300,
       [=](int n) { return page(Repeat(n, [](int i) { return "<ul><li><table><tr><td>" + Sentence(i); })); }},
      {"misnested-formatting", "n `<b><i><u><s><em><div>x</b></i></u></s></em>` (the adoption agency)", 300,
       [=](int n) { return page(Repeat(n, [](int) { return "<b><i><u><s><em><div>x</b></i></u></s></em>"; })); }},
      {"unknown-end-tags", "n `<x><y>t</x>` (Gumbo closes the `<y>`)", 2000,
       [=](int n) { return page(Repeat(n, [](int) { return "<x><y>t</x>"; })); }},
      {"nested-tables", "n nested one-cell tables, text in each", 400,
       [=](int n) { return page(Repeat(n, [](int i) { return "<table><tr><td>" + Sentence(i); })); }},
      {"flat-paragraphs", "n sibling paragraphs in an `<article>`", 2500,
       [=](int n) { return page("<article>" + Repeat(n, paragraph) + "</article>"); }},
      {"widgets", "n share widgets between paragraphs", 2000,
       [=](int n) {
         return page(Repeat(n, [&](int i) {
           return R"(<div class="share-buttons"><a href="#a">Share</a> <a href="#b">Tweet</a></div>)" +
                  paragraph(i);
         }));
       }},
      {"br-runs", "one `<div>` of n lines split by `<br><br>`", 2500,
       [=](int n) {
         return page("<div>" + Repeat(n, [](int i) { return Sentence(i) + "<br><br>"; }) + "</div>");
       }},
      {"link-list", "n list items of one link each, then 20 paragraphs", 2500,
       [=](int n) {
         return page("<ul>" +
                     Repeat(n,
                            [](int i) {
                              return fmt::format(R"(<li><a href="/story/{0}">Headline {0}</a></li>)", i);
                            }) +
                     "</ul>" + Repeat(20, paragraph));
       }},
      {"table-rows", "one table of n three-cell rows", 2500,
       [=](int n) {
         return page("<table>" +
                     Repeat(n,
                            [](int i) {
                              return fmt::format("<tr><td>cell {}</td><td>cell two</td><td>3</td></tr>", i);
                            }) +
                     "</table>");
       }},
      {"attributes", "one element with n attributes", 5000,
       [=](int n) {
         return page("<p" + Repeat(n, [](int i) { return fmt::format(" data-a{}=\"v\"", i); }) + ">" +
                     Sentence(0) + "</p>");
       }},
      {"one-text-node", "n sentences with no tag at all", 2500,
       [=](int n) { return page(Repeat(n, Sentence)); }},
      {"long-word", "one word of 100n letters", 2500,
       [=](int n) { return page("<p>" + std::string(static_cast<std::size_t>(n) * 100, 'a') + "</p>"); }},
      {"scripts", "n script elements between paragraphs", 2500,
       [=](int n) {
         return page(
             Repeat(n, [&](int i) { return "<script>var x = '<p>not text</p>';</script>" + paragraph(i); }));
       }},
  };
}

// Best-of-`repeat` milliseconds of `work`.
double BestMs(int repeat, const std::function<void()>& work) {
  double best = INFINITY;
  for (int r = 0; r < repeat; ++r) {
    Clock::time_point start = Clock::now();
    work();
    best = std::min(best, MsSince(start));
  }
  return best;
}

int RunHostile(const Flags& flags) {
  const cleaner::Extractor extractor;
  struct Row {
    const HostileKind* kind;
    std::size_t bytes[2];
    double gumbo_ms[2], cleaner_ms[2];
    std::string error;  // Extract's error on either size, if any
  };
  const std::vector<HostileKind> kinds = HostileKinds();
  std::vector<Row> rows;
  for (const HostileKind& kind : kinds) {
    Row row{&kind, {}, {}, {}, {}};
    for (int s = 0; s < 2; ++s) {
      const std::string html = kind.make(s == 0 ? kind.base : 4 * kind.base);
      std::fprintf(stderr, "bench_speed: %s at %dx (%.0f KB)\n", kind.name, s == 0 ? 1 : 4,
                   html.size() / 1000.0);
      row.bytes[s] = html.size();
      GumboParse(html);  // warm-up
      row.gumbo_ms[s] = BestMs(flags.repeat, [&] { GumboParse(html); });
      row.cleaner_ms[s] = BestMs(flags.repeat, [&] {
        cleaner::Result<cleaner::Document> result = extractor.Extract(html);
        if (!result.ok() && row.error.empty()) row.error = result.status().ToString();
      });
    }
    rows.push_back(std::move(row));
  }

  if (flags.json) {
    std::string out =
        fmt::format("{{\n  \"cleaner_version\": {},\n  \"cpu\": {},\n  \"repeat\": {},\n  \"hostile\": [\n",
                    JsonString(CLEANER_VERSION), JsonString(CpuModel()), flags.repeat);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      out += fmt::format(
          "    {{\"page\": {}, \"bytes\": [{}, {}], \"gumbo_ms\": {}, \"cleaner_ms\": {}, \"gumbo_growth\": "
          "{}, "
          "\"cleaner_growth\": {}, \"error\": {}}}{}\n",
          JsonString(r.kind->name), r.bytes[0], r.bytes[1], JsonArray({r.gumbo_ms[0], r.gumbo_ms[1]}),
          JsonArray({r.cleaner_ms[0], r.cleaner_ms[1]}), JsonNumber(r.gumbo_ms[1] / r.gumbo_ms[0]),
          JsonNumber(r.cleaner_ms[1] / r.cleaner_ms[0]), r.error.empty() ? "null" : JsonString(r.error),
          i + 1 < rows.size() ? "," : "");
    }
    std::fputs((out + "  ]\n}\n").c_str(), stdout);
    return 0;
  }
  std::string out = fmt::format(
      "### Hostile pages: cleaner {} vs Gumbo 0.10.1 parse alone\n\n"
      "Each page at its base size (1x) and at 4x; best of {} runs; {}. Growth is the 4x time over the 1x "
      "time: about 4x for work linear in the input, 16x for quadratic work.\n\n"
      "| page | shape | KB at 1x / 4x | Gumbo ms 1x / 4x | Gumbo growth | cleaner ms 1x / 4x | cleaner growth "
      "| cleaner / Gumbo at 4x |\n|---|---|---:|---:|---:|---:|---:|---:|\n",
      CLEANER_VERSION, flags.repeat, CpuModel());
  std::string errors;  // below the table: a cell of its own would break the table's columns
  for (const Row& r : rows) {
    out += fmt::format(
        "| {}{} | {} | {:.0f} / {:.0f} | {:.1f} / {:.1f} | {:.1f}x | {:.1f} / {:.1f} | {:.1f}x | {:.2f}x |\n",
        r.kind->name, r.error.empty() ? "" : " (error)", r.kind->shape, r.bytes[0] / 1000.0, r.bytes[1] / 1000.0,
        r.gumbo_ms[0], r.gumbo_ms[1], r.gumbo_ms[1] / r.gumbo_ms[0], r.cleaner_ms[0], r.cleaner_ms[1],
        r.cleaner_ms[1] / r.cleaner_ms[0], r.cleaner_ms[1] / r.gumbo_ms[1]);
    if (!r.error.empty()) errors += fmt::format("\n{}: Extract failed: {}", r.kind->name, r.error);
  }
  if (!errors.empty()) out += "\n**Errors** (their times are of the refusal):" + errors + "\n";
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  if (flags.hostile) return RunHostile(flags);
  const std::string load_average = LoadAverage();
  std::vector<Page> pages = LoadPages(flags.inputs);
  const std::size_t n = pages.size();
  std::size_t total_bytes = 0;
  std::vector<double> page_kb;
  for (const Page& page : pages) {
    total_bytes += page.html.size();
    page_kb.push_back(page.html.size() / 1000.0);
  }
  const double total_mb = total_bytes / 1e6;
  std::fprintf(stderr, "bench_speed: %zu pages, %.1f MB loaded\n", n, total_mb);

  // Peak RSS first, from children forked while the parent holds nothing but the pages (see MeasureInChild).
  std::fprintf(stderr, "bench_speed: peak RSS in child processes...\n");
  ChildReport rss_baseline = MeasureInChild([] { return 0.0; });
  ChildReport rss_gumbo = MeasureInChild([&] { return GumboPass(pages).seconds; });
  ChildReport rss_cleaner = MeasureInChild([&] {
    cleaner::Extractor extractor;  // built in the child, so its rule tables count on cleaner's side
    return CleanerPass(extractor, pages, nullptr).seconds;
  });
  ChildReport rss_cleaner_threads;
  if (flags.threads > 0) {
    rss_cleaner_threads = MeasureInChild([&] {
      cleaner::Extractor extractor;
      return ThreadedPass(flags.threads, n, [&](std::size_t i) { (void)extractor.Extract(pages[i].html); });
    });
  }

  Clock::time_point build_start = Clock::now();
  const cleaner::Extractor extractor;
  const double build_ms = MsSince(build_start);
  // The same extractor without the line filter: the difference of the two is the filter's cost (issue: "the
  // filter's cost stays small").
  cleaner::Options unfiltered_options;
  unfiltered_options.filter_lines = false;
  const cleaner::Extractor unfiltered(unfiltered_options);

  for (int w = 0; w < flags.warmup; ++w) {
    std::fprintf(stderr, "bench_speed: warm-up %d/%d\n", w + 1, flags.warmup);
    GumboPass(pages);
    CleanerPass(extractor, pages, nullptr);
  }

  std::vector<Pass> gumbo_rounds, cleaner_rounds, unfiltered_rounds;
  std::vector<PageStats> page_stats(n);  // from the last round (only the timings in them vary by round)
  for (int r = 0; r < flags.repeat; ++r) {
    std::fprintf(stderr, "bench_speed: round %d/%d\n", r + 1, flags.repeat);
    // Alternate which side goes first, so a machine that speeds up or slows down in a round favours neither.
    if (r % 2 == 0) {
      gumbo_rounds.push_back(GumboPass(pages));
      cleaner_rounds.push_back(CleanerPass(extractor, pages, &page_stats));
      unfiltered_rounds.push_back(CleanerPass(unfiltered, pages, nullptr));
    } else {
      unfiltered_rounds.push_back(CleanerPass(unfiltered, pages, nullptr));
      cleaner_rounds.push_back(CleanerPass(extractor, pages, &page_stats));
      gumbo_rounds.push_back(GumboPass(pages));
    }
  }
  Side gumbo = Summarize(gumbo_rounds);
  Side clean = Summarize(cleaner_rounds);
  Side no_filter = Summarize(unfiltered_rounds);
  const Pass& clean_best = cleaner_rounds[clean.best_round];

  std::vector<double> round_ratios;
  for (int r = 0; r < flags.repeat; ++r) {
    round_ratios.push_back(clean.round_seconds[r] / gumbo.round_seconds[r]);
  }
  const double ratio = clean.best_seconds() / gumbo.best_seconds();

  // Multi-threaded throughput, interleaved in rounds like the single-threaded figures. Gumbo with the same
  // thread count is the floor here too; with C cores neither side can scale past Cx.
  double gumbo_mt_best = INFINITY, cleaner_mt_best = INFINITY;
  if (flags.threads > 0) {
    auto gumbo_work = [&](std::size_t i) { GumboParse(pages[i].html); };
    auto cleaner_work = [&](std::size_t i) { (void)extractor.Extract(pages[i].html); };
    for (int r = 0; r < flags.repeat; ++r) {
      std::fprintf(stderr, "bench_speed: %d threads, round %d/%d\n", flags.threads, r + 1, flags.repeat);
      if (r % 2 == 0) {
        gumbo_mt_best = std::min(gumbo_mt_best, ThreadedPass(flags.threads, n, gumbo_work));
        cleaner_mt_best = std::min(cleaner_mt_best, ThreadedPass(flags.threads, n, cleaner_work));
      } else {
        cleaner_mt_best = std::min(cleaner_mt_best, ThreadedPass(flags.threads, n, cleaner_work));
        gumbo_mt_best = std::min(gumbo_mt_best, ThreadedPass(flags.threads, n, gumbo_work));
      }
    }
  }

  // Per-page facts from cleaner's own Stats.
  std::size_t errors = 0, empty = 0, parsed_bytes = 0;
  std::map<std::size_t, std::size_t> passes;  // Stats::pass -> pages
  for (const PageStats& s : page_stats) {
    if (!s.ok) {
      ++errors;
      continue;
    }
    empty += s.empty;
    parsed_bytes += s.parsed_bytes;
    ++passes[s.pass];
  }
  // A failing page would run a different (shorter) code path, so the figures would flatter cleaner: say so.
  if (errors > 0) std::fprintf(stderr, "bench_speed: warning: Extract failed on %zu pages\n", errors);

  const double parse_s = clean_best.parse_ms_sum / 1000;
  const double extract_s = clean_best.total_ms_sum / 1000;
  const double rest_s = extract_s - parse_s;
  const double outside_s = clean.best_seconds() - extract_s;  // around Extract: call, Result, freeing, timers
  const double gumbo_ms_mean = gumbo.best_seconds() * 1000 / n;
  const double clean_ms_mean = clean.best_seconds() * 1000 / n;
  const double gumbo_ms_median = Median(gumbo.best_page_ms);
  const double clean_ms_median = Median(clean.best_page_ms);
  const double baseline_mib = rss_baseline.ok ? Mib(rss_baseline.max_rss_kib) : NAN;
  // `"KEY": X`, or `"KEY": null, "KEY_error": "why the child failed"`.
  auto rss_json = [](const ChildReport& c, std::string_view key = "peak_rss_mib") {
    return c.ok ? fmt::format("\"{}\": {}", key, JsonNumber(Mib(c.max_rss_kib)))
                : fmt::format("\"{0}\": null, \"{0}_error\": {1}", key, JsonString(c.error));
  };

  // The slowest pages by cleaner's best time, for --stage-breakdown.
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return clean.best_page_ms[a] > clean.best_page_ms[b]; });

  if (flags.json) {
    std::string out = "{\n";
    out += fmt::format(
        "  \"cleaner_version\": {},\n  \"cpu\": {},\n  \"hardware_threads\": {},\n  \"load_average\": {},\n",
        JsonString(CLEANER_VERSION), JsonString(CpuModel()), std::thread::hardware_concurrency(),
        JsonString(load_average));
    out += fmt::format("  \"pages\": {},\n  \"bytes\": {},\n  \"repeat\": {},\n  \"warmup\": {},\n", n,
                       total_bytes, flags.repeat, flags.warmup);
    out += fmt::format("  \"ratio_cleaner_over_gumbo\": {},\n  \"ratio_per_round\": {},\n", JsonNumber(ratio),
                       JsonArray(round_ratios));
    out += fmt::format("  \"extractor_build_ms\": {},\n  \"rss_baseline_mib\": {},\n", JsonNumber(build_ms),
                       JsonNumber(baseline_mib));
    out += fmt::format(
        "  \"gumbo\": {{\"best_s\": {}, \"round_s\": {}, \"ms_per_page_mean\": {}, "
        "\"ms_per_page_median\": {}, \"mb_per_s\": {}, {}}},\n",
        JsonNumber(gumbo.best_seconds()), JsonArray(gumbo.round_seconds), JsonNumber(gumbo_ms_mean),
        JsonNumber(gumbo_ms_median), JsonNumber(total_mb / gumbo.best_seconds()), rss_json(rss_gumbo));
    out += fmt::format(
        "  \"cleaner\": {{\"best_s\": {}, \"round_s\": {}, \"ms_per_page_mean\": {}, "
        "\"ms_per_page_median\": {}, \"mb_per_s\": {}, {}, \"stats_parse_s\": {}, \"stats_total_s\": {}, "
        "\"parsed_bytes\": {}, \"errors\": {}, \"empty\": {}}},\n",
        JsonNumber(clean.best_seconds()), JsonArray(clean.round_seconds), JsonNumber(clean_ms_mean),
        JsonNumber(clean_ms_median), JsonNumber(total_mb / clean.best_seconds()), rss_json(rss_cleaner),
        JsonNumber(parse_s), JsonNumber(extract_s), parsed_bytes, errors, empty);
    if (flags.threads > 0) {
      out += fmt::format(
          "  \"threads\": {{\"n\": {}, \"gumbo_pages_per_s\": {}, \"cleaner_pages_per_s\": {}, "
          "{}}},\n",
          flags.threads, JsonNumber(n / gumbo_mt_best), JsonNumber(n / cleaner_mt_best),
          rss_json(rss_cleaner_threads, "cleaner_peak_rss_mib"));
    }
    if (flags.stage_breakdown) {
      out += "  \"per_page\": [\n";
      for (std::size_t i = 0; i < n; ++i) {
        const PageStats& s = page_stats[i];
        out += fmt::format(
            "    {{\"page\": {}, \"bytes\": {}, \"gumbo_ms\": {}, \"cleaner_ms\": {}, \"ok\": {}, "
            "\"parsed_bytes\": {}, \"nodes\": {}, \"pass\": {}, \"parse_ms\": {}, \"total_ms\": {}}}{}\n",
            JsonString(pages[i].name), pages[i].html.size(), JsonNumber(gumbo.best_page_ms[i]),
            JsonNumber(clean.best_page_ms[i]), s.ok ? "true" : "false", s.parsed_bytes, s.nodes, s.pass,
            JsonNumber(s.parse_ms), JsonNumber(s.total_ms), i + 1 < n ? "," : "");
      }
      out += "  ],\n";
    }
    out += fmt::format("  \"extract_errors\": {}\n}}\n", errors);
    std::fputs(out.c_str(), stdout);
    return 0;
  }

  auto mib_cell = [&](const ChildReport& c) {
    return c.ok ? fmt::format("{:.1f} MiB", Mib(c.max_rss_kib)) : "failed: " + c.error;
  };
  auto above_cell = [&](const ChildReport& c) {
    return c.ok && rss_baseline.ok ? fmt::format("{:.1f} MiB", Mib(c.max_rss_kib) - baseline_mib) : "-";
  };
  std::string per_round;
  for (std::size_t r = 0; r < round_ratios.size(); ++r) {
    per_round += fmt::format("{}{:.2f}x", r ? ", " : "", round_ratios[r]);
  }

  std::string out;
  out += fmt::format("### Speed: cleaner {} vs Gumbo 0.10.1 parse alone\n\n", CLEANER_VERSION);
  out += fmt::format(
      "{} pages, {:.1f} MB (median page {:.0f} KB); best of {} interleaved rounds after {} "
      "warm-up; {} ({} hardware threads, load average {} at start).\n\n",
      n, total_mb, Median(page_kb), flags.repeat, flags.warmup, CpuModel(),
      std::thread::hardware_concurrency(), load_average);
  out += fmt::format("**cleaner end to end / Gumbo parse alone = {:.2f}x** (per round: {})\n\n", ratio,
                     per_round);
  out += "| | Gumbo parse alone | cleaner end to end | cleaner / Gumbo |\n|---|---:|---:|---:|\n";
  out += fmt::format("| total, best round | {:.2f} s | {:.2f} s | {:.2f}x |\n", gumbo.best_seconds(),
                     clean.best_seconds(), ratio);
  out += fmt::format("| ms/page, mean | {:.2f} | {:.2f} | {:.2f}x |\n", gumbo_ms_mean, clean_ms_mean,
                     clean_ms_mean / gumbo_ms_mean);
  out += fmt::format("| ms/page, median | {:.2f} | {:.2f} | {:.2f}x |\n", gumbo_ms_median, clean_ms_median,
                     clean_ms_median / gumbo_ms_median);
  out += fmt::format("| MB/s | {:.1f} | {:.1f} | |\n", total_mb / gumbo.best_seconds(),
                     total_mb / clean.best_seconds());
  out += fmt::format("| peak RSS (one pass, own process) | {} | {} | |\n", mib_cell(rss_gumbo),
                     mib_cell(rss_cleaner));
  out += fmt::format("| peak RSS above baseline | {} | {} | |\n\n", above_cell(rss_gumbo),
                     above_cell(rss_cleaner));
  out += fmt::format(
      "Peak RSS: each side ran one pass over all pages in its own forked child; the baseline, a child doing "
      "nothing, is {} (the program plus the {:.1f} MB of pages held in memory).\n\n",
      rss_baseline.ok ? fmt::format("{:.1f} MiB", baseline_mib) : "unknown (" + rss_baseline.error + ")",
      total_mb);

  out += "| cleaner's time, best round (sum of Document::stats) | s | share |\n|---|---:|---:|\n";
  auto share = [&](double s) { return fmt::format("{:.0f}%", 100 * s / clean.best_seconds()); };
  out += fmt::format("| HTML parse step (`stats.parse_ms`) | {:.2f} | {} |\n", parse_s, share(parse_s));
  out += fmt::format("| rest of Extract (`total_ms - parse_ms`) | {:.2f} | {} |\n", rest_s, share(rest_s));
  out += fmt::format("| outside Extract's own timer | {:.2f} | {} |\n", outside_s, share(outside_s));
  out += fmt::format("| end to end, as timed here | {:.2f} | 100% |\n", clean.best_seconds());
  const double filter_s = std::max(0.0, clean.best_seconds() - no_filter.best_seconds());
  out += fmt::format(
      "| of which the line filter (with minus without `filter_lines`, best rounds) | {:.3f} | {} |\n\n",
      filter_s, share(filter_s));
  out += fmt::format(
      "cleaner's parse step takes {:.2f}x Gumbo's parse alone; it is given {:.0f}% of the input bytes "
      "after the pre-scan. Extractor construction: {:.1f} ms (once, not in the figures).",
      parse_s / gumbo.best_seconds(), total_bytes ? 100.0 * parsed_bytes / total_bytes : 0.0, build_ms);
  // Gumbo's parse of the full page is a floor only for an extractor that parses every byte; cleaner's
  // pre-scan can take it below 1x, and the reader should not mistake that for a measuring error.
  if (ratio < 1) {
    out += fmt::format(
        " cleaner beats the floor because its pre-scan spares Gumbo {:.0f}% of the bytes (script, style and "
        "svg bodies and comments, which Gumbo would tokenize one character at a time).",
        total_bytes ? 100.0 - 100.0 * parsed_bytes / total_bytes : 0.0);
  }
  if (errors > 0) out += fmt::format(" **Extract failed on {} pages.**", errors);
  out += "\n";

  if (flags.threads > 0) {
    const double gumbo_1t = n / gumbo.best_seconds(), clean_1t = n / clean.best_seconds();
    out += fmt::format(
        "\n| {} threads, one shared Extractor | Gumbo parse alone | cleaner end to end | "
        "cleaner / Gumbo, time |\n|---|---:|---:|---:|\n",
        flags.threads);
    out += fmt::format("| pages/s, best round | {:.1f} | {:.1f} | {:.2f}x |\n", n / gumbo_mt_best,
                       n / cleaner_mt_best, cleaner_mt_best / gumbo_mt_best);
    out += fmt::format("| speed-up over 1 thread | {:.2f}x | {:.2f}x | |\n", n / gumbo_mt_best / gumbo_1t,
                       n / cleaner_mt_best / clean_1t);
    out += fmt::format("| peak RSS (one pass, own process) | | {} | |\n", mib_cell(rss_cleaner_threads));
  }

  if (flags.stage_breakdown) {
    out += "\n| pass (`stats.pass`) | pages |\n|---|---:|\n";
    for (const auto& [pass, count] : passes) out += fmt::format("| {} | {} |\n", pass, count);
    if (errors) out += fmt::format("| error | {} |\n", errors);
    out += fmt::format("| empty text | {} |\n", empty);
    out += fmt::format(
        "\nSlowest {} pages (Gumbo and cleaner ms: best over the rounds; parse and rest ms: "
        "cleaner's own Stats, last round):\n\n",
        std::min<std::size_t>(kSlowestShown, n));
    out +=
        "| page | KB | parsed KB | nodes | pass | Gumbo ms | cleaner ms | parse ms | rest ms | "
        "cleaner / Gumbo |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(kSlowestShown, n); ++k) {
      std::size_t i = order[k];
      const PageStats& s = page_stats[i];
      out += fmt::format("| {} | {:.0f} | {:.0f} | {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.2f}x |\n",
                         pages[i].name.substr(0, 16), pages[i].html.size() / 1000.0, s.parsed_bytes / 1000.0,
                         s.nodes, s.ok ? std::to_string(s.pass) : "error", gumbo.best_page_ms[i],
                         clean.best_page_ms[i], s.parse_ms, s.total_ms - s.parse_ms,
                         clean.best_page_ms[i] / gumbo.best_page_ms[i]);
    }
  }
  std::fputs(out.c_str(), stdout);
  return 0;
}

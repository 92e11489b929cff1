// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The default command: clean pages from files or standard input.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>

#include "cleaner/cleaner.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/render.h"

namespace cleaner::cli {
namespace {

namespace fs = std::filesystem;


// Reads `in` to its end, keeping at most max_bytes + 1 bytes: one more than allowed tells a stream that is too
// large from one that is exactly at the limit, without reading (or holding) the rest of it.
Result<std::string> ReadStream(std::FILE* in, size_t max_bytes) {
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const size_t room = max_bytes - data.size();  // data.size() <= max_bytes here
    const size_t want = room >= sizeof buf ? sizeof buf : room + 1;
    const size_t n = std::fread(buf, 1, want, in);
    data.append(buf, n);
    if (data.size() > max_bytes) {
      return Status(StatusCode::kTooLarge, "more than " + std::to_string(max_bytes) + " bytes (--max-bytes)");
    }
    if (n < want) break;
  }
  if (std::ferror(in)) return Status(StatusCode::kIoError, "read failed: " + ErrorText(errno));
  return data;
}

// The bytes of a file, or of standard input for "-". Files are read as streams, not by their size, so that
// FIFOs, /dev/stdin, process substitution (<(...)) and /proc files work; --max-bytes bounds every one.
Result<std::string> ReadInput(const std::string& path, size_t max_bytes) {
  if (path == "-") return ReadStream(stdin, max_bytes);
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status(StatusCode::kIoError, "is a directory");
  // A regular file's size says at once when it is too large, without reading it.
  if (fs::is_regular_file(path, ec)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
      return Status(StatusCode::kTooLarge,
                    std::to_string(size) + " bytes, over --max-bytes " + std::to_string(max_bytes));
    }
  }
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return Status(StatusCode::kIoError, ErrorText(errno));
  Result<std::string> data = ReadStream(in, max_bytes);
  std::fclose(in);
  return data;
}

// Names for the inputs' files under --output-dir (without the extension): each input's name without its
// extension ("stdin" for -). An input whose name an earlier one took (a/index.html, b/index.html) gets the first
// of "-2", "-3", ... that is no input's own name and not given out yet, so that no two inputs write one file
// (a.html, a.htm and a-2.html are a, a-3 and a-2). Names are compared without ASCII case, which is what a
// case-insensitive file system (macOS, Windows) does. The indices of the inputs so renamed go to `renamed`.
std::vector<std::string> OutputStems(const std::vector<std::string>& inputs, std::vector<size_t>* renamed) {
  auto key = [](std::string name) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
  };
  std::vector<std::string> stems;
  std::set<std::string> taken;  // every input's own name, and every name given out
  for (const std::string& path : inputs) {
    stems.push_back(path == "-" ? "stdin" : fs::path(path).stem().string());
    taken.insert(key(stems.back()));
  }
  std::set<std::string> claimed;          // names given out
  std::map<std::string, size_t> suffix;  // the next suffix to try for a name, so that N copies cost O(N)
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (claimed.insert(key(stems[k])).second) continue;
    size_t& n = suffix.try_emplace(key(stems[k]), 2).first->second;
    std::string name;
    do name = stems[k] + "-" + std::to_string(n++);
    while (taken.count(key(name)) > 0);
    taken.insert(key(name));
    claimed.insert(key(name));
    stems[k] = name;
    renamed->push_back(k);
  }
  return stems;
}

// The file identity (device and inode) of every input that exists, standard input's too when it is a file
// (`- < page.html`), with the input's index; symbolic links are followed, as reading them does.
std::map<std::pair<dev_t, ino_t>, size_t> InputFiles(const std::vector<std::string>& inputs) {
  std::map<std::pair<dev_t, ino_t>, size_t> files;
  for (size_t k = 0; k < inputs.size(); ++k) {
    struct stat st;
    if (inputs[k] == "-" ? fstat(STDIN_FILENO, &st) == 0 : stat(inputs[k].c_str(), &st) == 0)
      files.emplace(std::make_pair(st.st_dev, st.st_ino), k);
  }
  return files;
}

}  // namespace

CLI::Validator WholeNumberIn(unsigned long long lo, unsigned long long hi) {
  const std::string range = std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        errno = 0;
        const unsigned long long n =
            value.empty() || value.find_first_not_of("0123456789") != std::string::npos
                ? 0
                : std::strtoull(value.c_str(), nullptr, 10);
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || errno == ERANGE ||
            n < lo || n > hi) {
          return "'" + value + "' is not a whole number from " + range;
        }
        return "";
      },
      "INT " + range);
}

CLI::Validator SecondsUpTo(double hi) {
  char upper[32];
  std::snprintf(upper, sizeof upper, "%g", hi);
  const std::string limit = upper;
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        char* end = nullptr;
        errno = 0;
        const double seconds = std::strtod(value.c_str(), &end);
        // !(x > 0) also refuses NaN.
        if (value.empty() || *end != '\0' || errno == ERANGE || !(seconds > 0) || seconds > hi) {
          return "'" + value + "' is not a number of seconds above 0 and at most " + limit;
        }
        return "";
      },
      "SECONDS (0, " + limit + "]");
}

void AddCleanOptions(CLI::App* app, CleanArgs* args) {
  app->add_option("inputs", args->inputs, "HTML files or http(s) URLs to clean; - reads standard input");
  app->add_option("-f,--format", args->format,
                  "Output shape: txt (one block per line), json, jsonl, markdown, html")
      ->check(CLI::IsMember({"txt", "json", "jsonl", "markdown", "html"}));
  app->add_option("-o,--output-dir", args->output_dir,
                  "Write each result to DIR/<input name without extension>.<txt|json|md|html> instead of "
                  "stdout (needed for several inputs, except with --format jsonl). With json or jsonl a failed "
                  "input's output, on stdout or in its file, is its error record ({\"input\", \"error\"}); "
                  "other formats write none for it. "
                  "A result file that would be one of the inputs is a usage error, before anything is written")
      ->type_name("DIR");
  app->add_option("--input", args->input,
                  "What the inputs are: html, text (already-scraped plain text: only the line filter runs), or auto "
                  "(html when there is markup)")
      ->check(CLI::IsMember({"auto", "html", "text"}));
  app->add_flag("--with-title", args->with_title, "Print the page title on the first line");
  app->add_option("--url", args->url,
                  "The URL of the one input file: relative links and images are resolved against it, dates in it "
                  "are read, and JSON output carries it (fetched pages carry their own)")
      ->type_name("URL");
  app->add_option("--language", args->language,
                  "Language of the pages as a BCP 47 tag (en, hi, ...); default: from the markup, else guessed "
                  "from the text");
  app->add_flag("--no-filter", args->no_filter,
                "Turn the text filter off: keep the lines its noise rules would drop, a repeated title, duplicate "
                "lines, and the blocks that a matched label opens (\"Related:\" and its links)");
  app->add_option("--max-bytes", args->max_bytes, "Refuse inputs larger than this many bytes")
      ->check(WholeNumberIn(1, kMaxMaxBytes));
  app->add_option("--max-elements", args->max_elements,
                  "Refuse pages of more elements than this, before parsing (memory grows with them: about 700 "
                  "bytes each at peak)")
      ->check(WholeNumberIn(1, 1'000'000'000));
  app->add_option("-j,--jobs", args->jobs, "Pages cleaned at once with --output-dir (default: all cores); with URLs, transfers at once (default 16, "
                  "at most 4 per site); 0: the default")
      ->check(WholeNumberIn(0, kMaxJobs));
  app->add_flag("--precision", args->precision,
                "Favour precision: less text, less noise (drops datelines, bylines and lines of links)")
      ->excludes(app->add_flag("--recall", args->recall,
                               "Favour recall: more text (keeps elements named like widgets, figure captions, and "
                               "what follows a closing \"Related\" or \"Comments\" label)"));
  app->add_flag("--no-tables", args->no_tables, "Leave data tables out of the article");
  app->add_flag("--no-formatting", args->no_formatting,
                "markdown and html: no bold, italics or code spans (shown by default)");
  app->add_flag("--no-links", args->no_links, "markdown and html: no links (shown by default)");
  app->add_flag("--images", args->images,
                "Keep the article's images (markdown: ![alt](url); html: <img>; json: an images list)");
  app->add_flag("--comments", args->comments,
                "Extract the reader comments too (json: a comments field; markdown and html: a Comments section)");
  app->add_flag("-q,--quiet", args->quiet,
                "No warnings (pages without an article, renamed outputs), progress line or summary on stderr; "
                "errors are still printed");
  app->add_option("--urls", args->urls_file,
                  "Fetch and clean the URLs listed in FILE (one per line, # comments; - reads standard input)")
      ->type_name("FILE");
  app->add_option("--output", args->output_file,
                  "Write what would go to stdout (a result, or JSON Lines) to FILE instead; not with --output-dir")
      ->type_name("FILE");
  app->add_option("--timeout", args->timeout, "Seconds allowed to fetch each URL, redirects and retries included")
      ->check(SecondsUpTo(86400));
}

// True for an http(s) URL; the scheme is case-insensitive ("HTTPS://example.com" is a URL, not a file name).
bool IsUrl(const std::string& input) {
  auto starts = [&](std::string_view scheme) {
    if (input.size() < scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(input[i])) != scheme[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://");
}

Options ExtractorOptions(const CleanArgs& args) {
  Options options;
  options.with_title = args.with_title;
  options.input = args.input == "html" ? InputKind::kHtml : args.input == "text" ? InputKind::kText : InputKind::kAuto;
  options.language = args.language;
  options.filter_lines = !args.no_filter;
  options.max_input_bytes = args.max_bytes;
  options.max_elements = args.max_elements;
  options.focus = args.precision ? Focus::kPrecision : args.recall ? Focus::kRecall : Focus::kBalanced;
  options.include_tables = !args.no_tables;
  const bool rich = args.format == "markdown" || args.format == "html";  // formats that can show markup
  options.include_formatting = rich && !args.no_formatting;
  options.include_links = rich && !args.no_links;
  options.include_images = args.images;
  options.include_comments = args.comments;
  return options;
}

int RunClean(const CleanArgs& args) {
  const bool urls = !args.urls_file.empty() || std::any_of(args.inputs.begin(), args.inputs.end(), IsUrl);
  // --url describes one page: given to several, every page's links would resolve against it.
  if (!args.url.empty() && (urls || args.inputs.size() > 1)) {
    std::fprintf(stderr, "cleaner: --url names the URL of one input file; fetched pages carry their own\n");
    return kExitUsage;
  }
  // Standard input can be read once: a second "-" would read nothing and pass for a page without an article.
  if (std::count(args.inputs.begin(), args.inputs.end(), "-") > 1) {
    std::fprintf(stderr, "cleaner: - (standard input) is given more than once; it can be read only once\n");
    return kExitUsage;
  }
  if (urls) return RunFetchAndClean(args);
  const Extractor extractor(ExtractorOptions(args));

  std::vector<std::string> out_stems;  // with --output-dir: each input's file name there, without extension
  auto out_path = [&](size_t k) { return fs::path(args.output_dir) / (out_stems[k] + Extension(args.format)); };
  if (!args.output_dir.empty()) {
    if (!args.output_file.empty()) {
      std::fprintf(stderr, "cleaner: --output FILE and --output-dir DIR: give one\n");
      return kExitUsage;
    }
    std::vector<size_t> renamed;
    out_stems = OutputStems(args.inputs, &renamed);
    // No result file may be an input (cleaner -o . page.html with -f html, or b.html's b.txt beside an input
    // b.txt): writing it would destroy the input, perhaps before it is read. Checked before anything is written.
    const std::map<std::pair<dev_t, ino_t>, size_t> inputs = InputFiles(args.inputs);
    for (size_t k = 0; k < args.inputs.size(); ++k) {
      struct stat st;
      if (stat(out_path(k).c_str(), &st) != 0) continue;  // not there yet: no input
      const auto it = inputs.find(std::make_pair(st.st_dev, st.st_ino));
      if (it == inputs.end()) continue;
      std::fprintf(stderr,
                   "cleaner: --output-dir: the result of %s would be written to %s, which is %s%s; give "
                   "another --output-dir\n",
                   args.inputs[k].c_str(), out_path(k).c_str(), args.inputs[it->second] == "-" ? "" : "the input ",
                   args.inputs[it->second] == "-" ? "standard input" : args.inputs[it->second].c_str());
      return kExitUsage;
    }
    if (!args.quiet) {
      for (size_t k : renamed) {
        std::fprintf(stderr, "cleaner: warning: %s shares its name with another input; writing %s%s\n",
                     args.inputs[k].c_str(), out_stems[k].c_str(), Extension(args.format).c_str());
      }
    }
    std::error_code ec;
    fs::create_directories(args.output_dir, ec);
    if (ec) {
      std::fprintf(stderr, "cleaner: cannot create %s: %s\n", args.output_dir.c_str(), ec.message().c_str());
      return kExitFailure;
    }
  } else if (args.inputs.size() > 1 && args.format != "jsonl") {
    // One stream of several documents has a shape only in JSON Lines: texts, JSON objects, Markdown or HTML
    // documents printed one after another could not be told apart (nor parsed, for JSON).
    std::fprintf(stderr, "cleaner: several inputs need --output-dir, or --format jsonl\n");
    return kExitUsage;
  }

  // --output FILE: opened (and truncated) only after checking that it is none of the inputs.
  std::FILE* out = stdout;
  const std::string out_name = args.output_file.empty() ? "standard output" : args.output_file;
  if (!args.output_file.empty()) {
    for (const std::string& path : args.inputs) {
      std::error_code ec;
      if (path != "-" && fs::equivalent(path, args.output_file, ec)) {
        std::fprintf(stderr, "cleaner: --output %s is an input; it would be overwritten\n", args.output_file.c_str());
        return kExitUsage;
      }
    }
    out = std::fopen(args.output_file.c_str(), "wb");
    if (out == nullptr) {
      std::fprintf(stderr, "cleaner: cannot write %s: %s\n", args.output_file.c_str(), ErrorText(errno).c_str());
      return kExitFailure;
    }
  }

  // What became of each input: exactly one of these counts, so that they add up to the inputs.
  enum class Outcome { kCleaned, kEmpty, kFailed };
  std::atomic<size_t> next{0}, cleaned{0}, empty{0}, failed{0};
  std::mutex out_mutex;
  Progress progress(args.inputs.size(),
                    Progress::Wanted(args.inputs.size(), args.quiet, out == stdout && args.output_dir.empty()));
  bool out_failed = false;  // with out_mutex held: a write to `out` failed; nothing more can go there
  // Writes to `out` (stdout or --output) and flushes, so that a failure shows at the input that met it; with
  // out_mutex held.
  auto write_out = [&](const std::string& text) {
    if (out_failed) return false;
    if (std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0) return true;
    const int err = errno;
    out_failed = true;
    progress.Log("cleaner: cannot write " + out_name + ": " + ErrorText(err) + "\n");
    return false;
  };
  const bool json = args.format == "json" || args.format == "jsonl";
  // Input k failed: a line on stderr and, in the JSON formats, its error record, so that none is silently lost:
  // on stdout (a line of the JSON Lines stream, or the one json input's object), or with --output-dir the
  // input's file (unless writing that file is what failed). Text, Markdown and HTML have no shape for an
  // error: the input gets no output.
  auto fail = [&](size_t k, const Status& status, bool record = true) {
    const std::string& path = args.inputs[k];
    std::lock_guard<std::mutex> lock(out_mutex);
    progress.Log("cleaner: " + path + ": " + status.ToString() + "\n");
    if (!json || !record) return Outcome::kFailed;
    if (args.output_dir.empty()) {
      write_out(RenderError(path, status));
      return Outcome::kFailed;
    }
    const std::string line = RenderError(path, status);
    std::ofstream f(out_path(k), std::ios::binary);
    f.write(line.data(), static_cast<std::streamsize>(line.size()));
    f.close();
    if (!f) progress.Log("cleaner: " + path + ": cannot write " + out_path(k).string() + "\n");
    return Outcome::kFailed;
  };
  // Reads, cleans and writes input k.
  auto clean_one = [&](size_t k) {
    const std::string& path = args.inputs[k];
    if (args.output_dir.empty()) {
      std::lock_guard<std::mutex> lock(out_mutex);
      if (out_failed) return Outcome::kFailed;  // not cleaned: it could not be written (said once, above)
    }
    auto input = ReadInput(path, args.max_bytes);
    Result<Document> doc = input.ok() ? extractor.Extract(input.value(), args.url) : Result<Document>(input.status());
    if (!doc.ok()) return fail(k, doc.status());
    const Outcome outcome = doc->text.empty() ? Outcome::kEmpty : Outcome::kCleaned;
    if (outcome == Outcome::kEmpty && !args.quiet) {
      std::lock_guard<std::mutex> lock(out_mutex);
      progress.Log("cleaner: warning: " + path + ": " + doc->stats.empty_reason + "\n");
    }
    std::string rendered = Render(doc.value(), path, args.format);
    if (args.output_dir.empty()) {
      std::lock_guard<std::mutex> lock(out_mutex);
      return write_out(rendered) ? outcome : Outcome::kFailed;
    }
    const fs::path out = out_path(k);
    std::ofstream f(out, std::ios::binary);
    f.write(rendered.data(), static_cast<std::streamsize>(rendered.size()));
    f.close();
    if (!f) return fail(k, Status(StatusCode::kIoError, "cannot write " + out.string()), /*record=*/false);
    return outcome;
  };
  auto work = [&] {
    for (size_t k = next++; k < args.inputs.size(); k = next++) {
      Outcome outcome;
      // An exception (std::bad_alloc on a huge input) fails its input alone. Let out of a worker thread it would
      // end the process (std::terminate): main's handler covers only the main thread.
      try {
        outcome = clean_one(k);
      } catch (const std::exception& e) {
        outcome = fail(k, Status(StatusCode::kInternal, e.what()));
      } catch (...) {
        outcome = fail(k, Status(StatusCode::kInternal, "unknown exception"));
      }
      ++(outcome == Outcome::kCleaned ? cleaned : outcome == Outcome::kEmpty ? empty : failed);
      progress.Add(outcome == Outcome::kFailed);
    }
  };
  size_t jobs = args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (args.output_dir.empty()) jobs = 1;  // one stream (stdout or --output) keeps the input order
  jobs = std::min(jobs, args.inputs.size());
  std::vector<std::thread> threads;
  for (size_t t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  progress.Stop();
  if (out != stdout && std::fclose(out) != 0 && !out_failed) {
    std::fprintf(stderr, "cleaner: cannot write %s: %s\n", out_name.c_str(), ErrorText(errno).c_str());
    out_failed = true;
  }
  if (args.inputs.size() > 1 && !args.quiet) {
    std::fprintf(stderr, "cleaner: %zu inputs: %zu cleaned, %zu without an article, %zu failed\n",
                 args.inputs.size(), cleaned.load(), empty.load(), failed.load());
  }
  return failed || out_failed ? kExitFailure : kExitOk;
}

}  // namespace cleaner::cli

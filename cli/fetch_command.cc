// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fetching and cleaning URLs: `cleaner URL`, `cleaner -f jsonl URL...`,
// `cleaner -f jsonl --urls FILE --jobs N`.
//
// Threads: the main thread runs Fetcher::FetchMany (one libcurl multi loop, `--jobs` transfers at once, at
// most 4 per host); each finished fetch goes through a queue to worker threads, one per core, that decode the
// charset, extract and write. Handing a page over never waits, so the loop keeps driving the transfers in
// flight however slow extraction or the output is (their timeouts run all the while). When extraction falls
// behind, FetchMany's admission hook holds back the start of new URLs instead, so that at most a fixed number
// of pages are in flight, queued or being cleaned at once: memory stays bounded however long the list is.
//
// Output: one URL in txt, markdown or html format prints like a file does, and in json like a file plus the
// fetch's record (HTTP status, content type, charset, redirects, attempts, time). Several URLs, or --urls,
// need -f jsonl (a usage error otherwise, as for files): one JSON line per input URL, in completion order (a
// slow site must not hold back the lines of the others, nor keep them in memory), either a result or
// {"input", "index", "error": {"code", "message"}}, where "index" is the URL's 0-based position among the
// inputs (command-line URLs first, then the --urls list without its blank and comment lines): no input is
// ever missing, and a URL listed twice gets two lines told apart by their index. Ctrl-C stops the transfers within 50 ms; lines already written stay, and every URL not
// done gets an error line with code "cancelled". Exit status 0 when every URL was cleaned, 1 when any failed
// or was cancelled, 2 for a usage error.

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cleaner/cleaner.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/render.h"

namespace cleaner::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Transfers at once when --jobs is not given. Fetching waits on the network, not on a core: 16 hides the
// latency of typical 100-500 ms fetches, while the per-host limit (4) keeps the load on any one site low.
constexpr size_t kDefaultFetchJobs = 16;

// Set from the SIGINT handler (lock-free atomics are async-signal-safe) or when output fails.
std::atomic<bool> g_stop{false};
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void OnInterrupt(int) {
  g_interrupted.store(true);
  g_stop.store(true);
  signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}

// Installs the Ctrl-C handler for the run and restores the previous one after. (SIGPIPE is ignored for every
// command in main.cc: a closed stdout is a failed write.)
class SignalScope {
 public:
  SignalScope() {
    struct sigaction sa {};
    sa.sa_handler = OnInterrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
  }
  ~SignalScope() { sigaction(SIGINT, &old_int_, nullptr); }

 private:
  struct sigaction old_int_ {};
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n\f\v");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n\f\v") - b + 1);
}

// Bounds on a --urls list, which is read whole before the first fetch: 256 MiB holds millions of URLs, and no
// server takes a URL of 64 KiB. Without them `--urls /dev/zero` would grow until memory ran out.
constexpr size_t kMaxUrlListBytes = size_t{256} << 20;
constexpr size_t kMaxUrlLineBytes = size_t{64} << 10;

// One URL per line; blank lines and lines starting with '#' are skipped, and a UTF-8 byte order mark at the
// start is too. "-" reads standard input. A list over kMaxUrlListBytes, a line over kMaxUrlLineBytes or a NUL
// byte (a binary or UTF-16 file) is an error naming the line.
Result<std::vector<std::string>> ReadUrlList(const std::string& path) {
  FILE* in = stdin;
  if (path != "-") {
    in = std::fopen(path.c_str(), "rb");
    if (in == nullptr) return Status(StatusCode::kIoError, "cannot open " + path + ": " + ErrorText(errno));
  }
  struct Closer {
    FILE* f;
    ~Closer() {
      if (f != stdin) std::fclose(f);
    }
  } closer{in};
  std::vector<std::string> urls;
  std::string line;
  size_t total = 0, line_number = 1;
  auto end_line = [&] {
    if (line_number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    line = Trim(line);
    if (!line.empty() && line[0] != '#') urls.push_back(std::move(line));
    line.clear();
    ++line_number;
  };
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) {
    total += n;
    if (total > kMaxUrlListBytes) {
      return Status(StatusCode::kTooLarge, path + " is over " + std::to_string(kMaxUrlListBytes >> 20) +
                                               " MiB; split the list");
    }
    for (size_t i = 0; i < n; ++i) {
      const char c = buf[i];
      if (c == '\n') {
        end_line();
      } else if (c == '\0') {
        return Status(StatusCode::kInvalidArgument, path + ": line " + std::to_string(line_number) +
                                                        " holds a NUL byte: not a text file (UTF-16?)");
      } else if (line.size() >= kMaxUrlLineBytes) {
        return Status(StatusCode::kTooLarge, path + ": line " + std::to_string(line_number) +
                                                 " is longer than " + std::to_string(kMaxUrlLineBytes) +
                                                 " bytes: not a URL");
      } else {
        line.push_back(c);
      }
    }
  }
  if (std::ferror(in)) return Status(StatusCode::kIoError, "cannot read " + path);
  if (!line.empty()) end_line();
  return urls;
}

std::string Dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// A cleaned page's record: Render's JSON for a file (cli/render.cc), plus the HTTP status and what the fetch
// saw. Parsing Render's output back costs about 0.1 ms a page and keeps the two records from drifting apart.
// JSON Lines records carry the URL's `index` in the input (records come in completion order, and the same URL
// may be listed twice).
std::string FetchedRecord(const std::string& input, std::optional<size_t> index, const FetchResponse& page,
                          const DecodedHtml& decoded, const Document& doc, int indent) {
  nlohmann::json j =
      nlohmann::json::parse(Render(doc, input, "jsonl"), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) j = {{"input", input}, {"text", doc.text}};
  if (index) j["index"] = *index;
  j["status"] = page.status;
  j["fetch"] = {{"content_type", page.content_type},
                {"charset", decoded.charset},
                {"charset_source", std::string(CharsetSourceName(decoded.source))},
                {"redirects", page.redirects},
                {"attempts", page.attempts},
                {"bytes", page.body.size()},
                {"fetch_ms", page.elapsed_ms}};
  if (decoded.replaced) j["fetch"]["invalid_bytes_replaced"] = true;  // some bytes became U+FFFD
  return Dump(j, indent);
}

// The record of a URL that failed: cli/render.cc's RenderError, plus the URL's index in the input in a JSON Lines
// stream (`index`; none for the one URL of -f json).
std::string ErrorRecord(const std::string& input, std::optional<size_t> index, std::string_view code,
                        const std::string& message) {
  nlohmann::json j = {{"input", input}, {"error", {{"code", std::string(code)}, {"message", message}}}};
  if (index) j["index"] = *index;
  return Dump(j, -1);
}

// The hand-over from the fetch loop to the workers.
struct Fetched {
  size_t index;
  bool admitted;  // holds one of WorkQueue's slots, to give back once processed
  Result<FetchResponse> result;
};

// Push never waits: the fetch loop calls it and must go back to driving its transfers at once. The bound is
// on admission instead: a URL starts only while fewer than `capacity` admitted URLs are in flight, queued or
// being processed, so at most that many fetched pages are held at any time. URLs that fail before they start
// (invalid, cancelled) are not admitted: they carry no body, only a short error record each (a million-line
// list cancelled at once queues a million of those).
class WorkQueue {
 public:
  explicit WorkQueue(size_t capacity) : capacity_(capacity) {}

  // On the fetch loop's thread: may one more URL start? If so, it holds a slot until Release.
  bool Admit() {
    if (admitted_.load() >= capacity_) return false;
    ++admitted_;
    return true;
  }
  void Release() { --admitted_; }

  void Push(Fetched item) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  std::optional<Fetched> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Fetched item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  const size_t capacity_;
  std::atomic<size_t> admitted_{0};  // only Admit increments it, on one thread: the check cannot race
  std::mutex mu_;
  std::condition_variable not_empty_;
  std::deque<Fetched> items_;
  bool closed_ = false;
};

}  // namespace

int RunFetchAndClean(const CleanArgs& args) {
  std::vector<std::string> urls;
  for (const std::string& input : args.inputs) {
    if (!IsUrl(input)) {
      std::fprintf(stderr, "cleaner: %s: give either files or URLs, not both\n", input.c_str());
      return kExitUsage;
    }
    urls.push_back(input);
  }
  if (!args.output_dir.empty()) {
    std::fprintf(stderr, "cleaner: --output-dir is for files; URLs are written to stdout or --output FILE\n");
    return kExitUsage;
  }
  // As with files, one stream of several documents has a shape only in JSON Lines. A --urls list counts as
  // several whatever its length, so that its output does not change shape with the number of lines.
  if ((!args.urls_file.empty() || urls.size() > 1) && args.format != "jsonl") {
    std::fprintf(stderr, "cleaner: several URLs, or --urls, need --format jsonl (one JSON line per URL)\n");
    return kExitUsage;
  }
  if (!args.urls_file.empty()) {
    auto listed = ReadUrlList(args.urls_file);
    if (!listed.ok()) {
      std::fprintf(stderr, "cleaner: --urls: %s\n", listed.status().message().c_str());
      return kExitFailure;
    }
    urls.insert(urls.end(), listed->begin(), listed->end());
  }
  if (urls.empty()) {
    if (!args.quiet) std::fprintf(stderr, "cleaner: no URLs in %s\n", args.urls_file.c_str());
    return kExitOk;
  }
  const bool json_lines = args.format == "jsonl";

  // --output FILE: opened (and truncated) only after checking that it is not the --urls list.
  FILE* out = stdout;
  if (!args.output_file.empty()) {
    std::error_code ec;
    if (!args.urls_file.empty() && args.urls_file != "-" && fs::equivalent(args.urls_file, args.output_file, ec)) {
      std::fprintf(stderr, "cleaner: --output %s is the --urls list; it would be overwritten\n",
                   args.output_file.c_str());
      return kExitUsage;
    }
    out = std::fopen(args.output_file.c_str(), "wb");
    if (out == nullptr) {
      std::fprintf(stderr, "cleaner: cannot write %s: %s\n", args.output_file.c_str(), ErrorText(errno).c_str());
      return kExitFailure;
    }
  }

  // --max-bytes bounds what is fetched (FetchOptions::max_body_bytes below), as it bounds what is read from a file.
  // The extractor is given the decoded text, which a legacy charset can make up to three times longer.
  Options extractor_options = ExtractorOptions(args);
  extractor_options.max_input_bytes = std::min<size_t>(kMaxInputBytesCeiling, 3 * args.max_bytes);
  const Extractor extractor(extractor_options);

  FetchOptions fetch_options;
  fetch_options.timeout_s = args.timeout;  // above 0: SecondsUpTo checked it
  fetch_options.connect_timeout_s = std::min(10.0, fetch_options.timeout_s);
  fetch_options.max_body_bytes = args.max_bytes;
  fetch_options.jobs = args.jobs ? args.jobs : kDefaultFetchJobs;
  fetch_options.decode = false;  // the workers decode, off the fetch loop
  const Fetcher fetcher(fetch_options);

  g_stop = false;
  g_interrupted = false;
  SignalScope signals;
  Progress progress(urls.size(), Progress::Wanted(urls.size(), args.quiet, out == stdout));
  std::mutex out_mutex;
  std::atomic<size_t> empty{0}, cancelled_count{0};
  std::atomic<bool> write_failed{false};
  int write_errno = 0;  // with out_mutex held: why the first failed write failed

  // Writes and flushes `text`; false if it could not be written (then, or by an earlier write).
  auto write = [&](const std::string& text) {
    std::lock_guard<std::mutex> lock(out_mutex);
    if (write_failed) return false;
    if (std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0) return true;
    write_errno = errno;
    write_failed = true;
    g_stop = true;  // nowhere to write: stop fetching
    return false;
  };

  // A failed URL's error record: a line of the JSON Lines stream, or the one URL's object with -f json (as a
  // file's is); the other formats have no shape for an error.
  auto write_error = [&](const std::string& input, size_t index, std::string_view code, const std::string& message) {
    if (json_lines || args.format == "json")
      write(ErrorRecord(input, json_lines ? std::optional<size_t>(index) : std::nullopt, code, message));
  };

  // Decode, extract and write one fetched URL.
  auto process = [&](Fetched item) {
    const std::string& input = urls[item.index];
    std::optional<Status> error;
    std::string rendered;
    bool without_article = false;
    if (!item.result.ok()) {
      error = item.result.status();
    } else {
      const FetchResponse& page = item.result.value();
      Result<DecodedHtml> decoded = DecodeHtml(page.body, page.content_type);
      Result<Document> doc = decoded.ok() ? extractor.Extract(decoded->utf8, page.final_url)
                                          : Result<Document>(decoded.status());
      if (!doc.ok()) {
        error = doc.status();
      } else {
        if (doc->text.empty()) {
          without_article = true;
          if (!args.quiet) progress.Log("cleaner: warning: " + input + ": " + doc->stats.empty_reason + "\n");
        }
        if (json_lines || args.format == "json") {
          rendered = json_lines ? FetchedRecord(input, item.index, page, decoded.value(), doc.value(), -1)
                                : FetchedRecord(input, std::nullopt, page, decoded.value(), doc.value(), 2);
        } else {
          rendered = Render(doc.value(), input, args.format);
        }
      }
    }
    if (error) {
      const bool cancelled = g_stop && error->message() == Fetcher::kCancelledMessage;
      progress.Add(true, cancelled);
      if (cancelled) {
        ++cancelled_count;
        write_error(input, item.index, "cancelled", "interrupted before this URL was done");
        return;
      }
      progress.Log("cleaner: " + input + ": " + error->ToString() + "\n");
      write_error(input, item.index, StatusCodeName(error->code()), error->message());
      return;
    }
    // Counted once written: a page that could not be written out failed.
    const bool written = write(rendered);
    if (written && without_article) ++empty;
    progress.Add(!written);
  };

  const size_t workers =
      std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), urls.size()));
  // Every transfer may run at once, and each worker has two pages waiting besides the one it cleans.
  WorkQueue queue(fetch_options.jobs + 3 * workers);
  std::vector<char> admitted(urls.size(), 0);  // only the fetch loop's thread touches it
  std::vector<std::thread> threads;
  auto worker = [&] {
    while (std::optional<Fetched> item = queue.Pop()) {
      const bool release = item->admitted;
      const size_t index = item->index;
      // An exception (std::bad_alloc on a huge page) fails its URL alone: let out of a worker thread it would
      // end the process (std::terminate), and its slot would never be given back.
      try {
        process(std::move(*item));
      } catch (const std::exception& e) {
        progress.Add(true);
        progress.Log("cleaner: " + urls[index] + ": internal: " + e.what() + "\n");
        write_error(urls[index], index, "internal", e.what());
      } catch (...) {
        progress.Add(true);
        progress.Log("cleaner: " + urls[index] + ": internal: unknown exception\n");
        write_error(urls[index], index, "internal", "unknown exception");
      }
      if (release) queue.Release();
    }
  };
  // The workers are joined on every way out: a thread still joinable when `threads` goes would end the process
  // (std::terminate), for instance when starting a thread fails or queueing a result runs out of memory.
  auto finish_workers = [&] {
    queue.Close();
    for (auto& t : threads)
      if (t.joinable()) t.join();
  };
  try {
    for (size_t t = 0; t < workers; ++t) threads.emplace_back(worker);
    fetcher.FetchMany(
        urls,
        [&](size_t index, Result<FetchResponse> result) {
          queue.Push({index, admitted[index] != 0, std::move(result)});
        },
        &g_stop,
        [&](size_t index) {
          if (!queue.Admit()) return false;
          admitted[index] = 1;
          return true;
        });
  } catch (...) {
    finish_workers();
    throw;
  }
  finish_workers();
  progress.Stop();
  if (out != stdout) {
    if (std::fclose(out) != 0 && !write_failed) {
      write_errno = errno;
      write_failed = true;
    }
  } else {
    std::fflush(stdout);
  }

  const size_t failed = progress.failed();
  if (write_failed) {
    std::fprintf(stderr, "cleaner: cannot write %s%s%s\n",
                 args.output_file.empty() ? "standard output" : args.output_file.c_str(), write_errno ? ": " : "",
                 write_errno ? ErrorText(write_errno).c_str() : "");
  }
  if (g_interrupted) {
    std::fprintf(stderr, "cleaner: interrupted: %zu of %zu URLs done, %zu cancelled\n",
                 urls.size() - cancelled_count, urls.size(), cancelled_count.load());
  } else if (urls.size() > 1 && !args.quiet) {
    const double seconds = progress.seconds();
    // The three counts partition the inputs: a page without an article is not also counted as cleaned.
    std::fprintf(stderr,
                 "cleaner: %zu inputs: %zu cleaned, %zu without an article, %zu failed; %.1f s, %.1f pages/s\n",
                 urls.size(), urls.size() - failed - empty.load(), empty.load(), failed, seconds,
                 seconds > 0 ? urls.size() / seconds : 0.0);
  }
  return failed || write_failed ? kExitFailure : kExitOk;
}

}  // namespace cleaner::cli

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The progress line of the CLI's batches (several files, several URLs or --urls, and `cleaner eval`), on stderr.

#ifndef CLEANER_CLI_PROGRESS_H_
#define CLEANER_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include <unistd.h>

namespace cleaner::cli {

// A progress line on stderr: done/total, rate, ETA, failures; redrawn five times a second by its own thread
// when enabled. Add and Log may be called from any thread; messages go above the line (plain when disabled).
class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  // Whether a batch of `inputs` shows the line: several inputs, not --quiet, stderr a terminal, and the results
  // not going to that terminal too (stdout a terminal as well), where redraws would garble them.
  static bool Wanted(size_t inputs, bool quiet, bool results_on_stdout) {
    return inputs > 1 && !quiet && isatty(STDERR_FILENO) && !(results_on_stdout && isatty(STDOUT_FILENO));
  }

  Progress(size_t total, bool enabled) : total_(total), enabled_(enabled), start_(Clock::now()) {
    if (enabled_) ticker_ = std::thread([this] { Tick(); });
  }
  ~Progress() { Stop(); }

  void Add(bool failed, bool cancelled = false) {
    ++done_;
    if (failed) ++failed_;
    if (cancelled) ++cancelled_;
  }

  // Prints a message above the bar.
  void Log(const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (enabled_) std::fputs("\r\033[K", stderr);
    std::fputs(message.c_str(), stderr);
    if (enabled_) Draw();
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_) return;
      stopped_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
    if (enabled_) {
      std::lock_guard<std::mutex> lock(mu_);
      Draw();
      std::fputs("\n", stderr);
    }
  }

  size_t done() const { return done_; }
  size_t failed() const { return failed_; }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  void Tick() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopped_) {
      Draw();
      wake_.wait_for(lock, std::chrono::milliseconds(200));
    }
  }

  void Draw() {  // with mu_ held
    // Read in the reverse of Add's order, so that done >= failed >= cancelled although Add runs meanwhile.
    const size_t cancelled = cancelled_, failed = failed_ - cancelled, done = done_;
    const double elapsed = seconds();
    const double rate = elapsed > 0 ? (done - cancelled) / elapsed : 0;
    constexpr int kWidth = 24;
    const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    char eta[32] = "--:--";
    if (rate > 0 && done < total_) {
      long s = static_cast<long>((total_ - done) / rate);
      std::snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
    } else if (done >= total_) {
      std::snprintf(eta, sizeof eta, "0:00");
    }
    std::string notes;
    if (failed) notes += ", " + std::to_string(failed) + " failed";
    if (cancelled) notes += ", " + std::to_string(cancelled) + " cancelled";
    std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu  %.1f pages/s  ETA %s%s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total_, rate, cancelled ? "-" : eta,
                 notes.c_str());
    std::fflush(stderr);
  }

  const size_t total_;
  const bool enabled_;
  const Clock::time_point start_;
  std::atomic<size_t> done_{0}, failed_{0}, cancelled_{0};
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopped_ = false;
  std::thread ticker_;
};

}  // namespace cleaner::cli

#endif  // CLEANER_CLI_PROGRESS_H_

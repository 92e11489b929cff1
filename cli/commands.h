// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The cleaner command's subcommands. Each registers its options on a CLI11 app and runs after parsing.

#ifndef CLEANER_CLI_COMMANDS_H_
#define CLEANER_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "cleaner/options.h"

namespace cleaner::cli {

// Exit statuses: every input processed; some input failed; the command line was wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct CleanArgs {
  std::vector<std::string> inputs;
  std::string format = "txt";
  std::string input = "auto";
  std::string output_dir;
  std::string url;
  std::string language;
  bool with_title = false;
  bool no_filter = false;
  size_t max_bytes = 64u << 20;
  size_t max_elements = Options().max_elements;  // --max-elements
  size_t jobs = 0;
  bool quiet = false;
  // What the article keeps (see Options): formatting and links default to on for markdown and html output.
  bool precision = false, recall = false;
  bool no_tables = false, images = false, comments = false;
  bool no_formatting = false, no_links = false;
  // Fetching (cli/fetch_command.cc): inputs that are http(s) URLs are fetched.
  std::string urls_file;    // --urls FILE: one URL per line
  std::string output_file;  // --output FILE: where what would go to stdout goes instead
  double timeout = 30;      // --timeout SECONDS, per fetch as a whole
};

// Option checks with readable messages (CLI::PositiveNumber's names 1.797...e308 in 300 digits). A whole number in
// [lo, hi], digits only: no sign, so "-1" is not taken as a huge unsigned value, and no overflow.
CLI::Validator WholeNumberIn(unsigned long long lo, unsigned long long hi);
// A number of seconds above 0 and at most `hi`.
CLI::Validator SecondsUpTo(double hi);
// The bounds of the shared options: --max-bytes (inputs are held in memory), --jobs (0: the default).
inline constexpr unsigned long long kMaxMaxBytes = kMaxInputBytesCeiling;
inline constexpr unsigned long long kMaxJobs = 1024;

// The message of the error number `err` (std::strerror is not thread-safe).
inline std::string ErrorText(int err) { return std::error_code(err, std::generic_category()).message(); }

void AddCleanOptions(CLI::App* app, CleanArgs* args);
// The extractor's options that `args` ask for.
Options ExtractorOptions(const CleanArgs& args);
int RunClean(const CleanArgs& args);

// True for an input that names a URL rather than a file.
bool IsUrl(const std::string& input);
// Fetches and cleans URL inputs (and --urls); defined in cli/fetch_command.cc.
int RunFetchAndClean(const CleanArgs& args);

// `cleaner eval`: defined in cli/eval_command.cc.
// AddEvalCommand registers the options on `eval` and returns where they are parsed to.
struct EvalArgs;
std::shared_ptr<EvalArgs> AddEvalCommand(CLI::App* eval);
int RunEval(const EvalArgs& args);

}  // namespace cleaner::cli

#endif  // CLEANER_CLI_COMMANDS_H_

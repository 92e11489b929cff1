// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The cleaner command's subcommands. Each registers its options on a CLI11 app and runs after parsing.

#ifndef CLEANER_CLI_COMMANDS_H_
#define CLEANER_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cleaner::cli {

// Exit statuses: every input processed; some input failed; the command line was wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct CleanArgs {
  std::vector<std::string> inputs;
  std::string format = "txt";
  std::string output_dir;
  std::string url;
  std::string language;
  bool with_title = false;
  bool no_filter = false;
  size_t max_bytes = 64u << 20;
  size_t jobs = 0;
  bool quiet = false;
};

void AddCleanOptions(CLI::App* app, CleanArgs* args);
int RunClean(const CleanArgs& args);

}  // namespace cleaner::cli

#endif  // CLEANER_CLI_COMMANDS_H_

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// One binary: cleaning is the default command; other jobs are subcommands.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>

#include "cleaner/version.h"
#include "cli/commands.h"

namespace {

// Standard input, output and error closed by the caller (`cleaner URL >&-`) are held by placeholders that fail
// every read and write: otherwise the next file or socket opened takes the number (libcurl's wake-up socket
// pair took 1), and the output went into it, lost, with exit status 0.
void HoldClosedStandardStreams() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // Opened the other way round, so that reading stdin or writing stdout fails (EBADF) as when closed.
    const int held = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (held != -1 && held != fd) {
      dup2(held, fd);
      close(held);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cleaner::cli;
  HoldClosedStandardStreams();
  // A closed pipe on stdout (`| head`) is a failed write that each command reports and exits 1 for, not a
  // signal that ends the process mid-line without a word.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{
      "cleaner: turns web pages into clean article text.\n\n"
      "  cleaner PAGE.html            print the article of a page (txt: one block per line)\n"
      "  cleaner - < PAGE.html        read the page from standard input\n"
      "  cleaner -o OUT/ A.html B.html  clean many pages, writing OUT/A.txt, OUT/B.txt\n\n"
      "Exit status: 0 when every input was processed (a page without an article gives an empty result and a\n"
      "warning), 1 when any input failed, 2 for a usage error.",
      "cleaner"};
  app.set_version_flag("--version", "cleaner " CLEANER_VERSION);
  app.option_defaults()->always_capture_default();
  CleanArgs clean;
  AddCleanOptions(&app, &clean);
  CLI::App* eval = app.add_subcommand("eval", "Score extraction against a page set with ground truth");
  std::shared_ptr<EvalArgs> eval_args = AddEvalCommand(eval);
  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (*eval) {
    // Options before `eval` are the clean command's and eval would not see them: `cleaner -f json eval DIR`
    // printed the text table. Refuse them rather than ignore them.
    for (const CLI::Option* option : app.get_options()) {
      if (option->count() == 0) continue;
      const std::string name = option->get_positional() ? "a file or URL" : option->get_name();
      std::fprintf(stderr, "cleaner: %s before `eval` is not an eval option; options of eval go after it: "
                   "cleaner eval DIR [OPTIONS]\n", name.c_str());
      return kExitUsage;
    }
  }
  try {
    if (*eval) return RunEval(*eval_args);
    if (clean.inputs.empty() && clean.urls_file.empty()) {
      std::fprintf(stderr, "cleaner: no input; see cleaner --help\n");
      return kExitUsage;
    }
    return RunClean(clean);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cleaner: internal error: %s\n", e.what());
    return kExitFailure;
  }
}

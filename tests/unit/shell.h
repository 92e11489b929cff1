// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Running the built `cleaner` binary through the shell, for the tests of its commands (clean_command_test.cc,
// eval_command_test.cc).

#ifndef CLEANER_TESTS_UNIT_SHELL_H_
#define CLEANER_TESTS_UNIT_SHELL_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace cleaner {
namespace shell {

// `arg` as one word of a POSIX shell command: in single quotes, each quote in it written '\''.
inline std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

struct Run {
  int status = -1;  // the exit status, or -1 if the command could not start or was killed by a signal
  std::string out;  // standard output
};

// Runs `command` with /bin/sh and collects its standard output.
inline Run RunCommand(const std::string& command) {
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace shell
}  // namespace cleaner

#endif  // CLEANER_TESTS_UNIT_SHELL_H_

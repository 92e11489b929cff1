// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// `cleaner eval DIR`: not implemented yet (issue 6).

#include <cstdio>

#include "cli/commands.h"

namespace cleaner::cli {

struct EvalArgs {
  std::string dir;
};

std::shared_ptr<EvalArgs> AddEvalCommand(CLI::App* eval) {
  auto args = std::make_shared<EvalArgs>();
  eval->add_option("dir", args->dir, "A page set: fixtures/ layout or a benchmark dataset folder")->required();
  return args;
}

int RunEval(const EvalArgs&) {
  std::fprintf(stderr, "cleaner eval: not implemented yet\n");
  return kExitFailure;
}

}  // namespace cleaner::cli

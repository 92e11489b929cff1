// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fetching URLs from the command line: not implemented yet (issue 4).

#include <cstdio>

#include "cli/commands.h"

namespace cleaner::cli {

int RunFetchAndClean(const CleanArgs&) {
  std::fprintf(stderr, "cleaner: fetching URLs is not implemented yet\n");
  return kExitFailure;
}

}  // namespace cleaner::cli

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The rule files of cleaner/rules/, embedded at build time by scripts/embed_rules.cmake.

#ifndef CLEANER_RULES_DATA_H_
#define CLEANER_RULES_DATA_H_

#include <string_view>
#include <vector>

namespace cleaner {

struct EmbeddedFile {
  std::string_view path;     // relative to cleaner/rules/, e.g. "class_id/negative.txt"
  std::string_view content;
};

const std::vector<EmbeddedFile>& EmbeddedRuleFiles();

}  // namespace cleaner

#endif  // CLEANER_RULES_DATA_H_

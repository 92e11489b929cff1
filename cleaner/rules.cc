// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/rules.h"

#include <re2/re2.h>

#include "cleaner/rules_data.h"

namespace cleaner {
namespace {

// Joins a file's entries into one alternation, so an element costs one regex match, not one per entry.
Result<std::unique_ptr<re2::RE2>> CompileAlternation(const RuleFile& file, bool case_insensitive) {
  if (file.entries.empty()) return Status(StatusCode::kInvalidArgument, file.path + ": no entries");
  re2::RE2::Options options;
  options.set_case_sensitive(!case_insensitive);
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  std::string joined;
  for (const auto& [line, pattern] : file.entries) {
    re2::RE2 single(pattern, options);
    if (!single.ok()) {
      return Status(StatusCode::kInvalidArgument,
                    file.path + ":" + std::to_string(line) + ": " + single.error() + ": " + pattern);
    }
    if (!joined.empty()) joined += '|';
    joined += "(?:" + pattern + ")";
  }
  auto re = std::make_unique<re2::RE2>(joined, options);
  if (!re->ok()) return Status(StatusCode::kInvalidArgument, file.path + ": " + re->error());
  return re;
}

}  // namespace

RuleFile ParseRuleFile(std::string_view path, std::string_view text) {
  RuleFile file;
  file.path = std::string(path);
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    file.entries.emplace_back(line_no, std::string(line));
  }
  return file;
}

Rules::~Rules() = default;

Result<std::shared_ptr<const Rules>> Rules::Embedded() {
  std::vector<RuleFile> files;
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) files.push_back(ParseRuleFile(f.path, f.content));
  return FromFiles(files);
}

Result<std::shared_ptr<const Rules>> Rules::FromFiles(const std::vector<RuleFile>& files) {
  std::shared_ptr<Rules> rules(new Rules());
  struct Slot {
    const char* path;
    std::unique_ptr<re2::RE2>* target;
  };
  const Slot slots[] = {
      {"class_id/unlikely.txt", &rules->unlikely_},     {"class_id/maybe_candidate.txt", &rules->maybe_},
      {"class_id/boilerplate.txt", &rules->boilerplate_}, {"class_id/positive.txt", &rules->positive_},
      {"class_id/negative.txt", &rules->negative_},     {"lines/neutral.txt", &rules->neutral_lines_},
      {"class_id/ignored_tokens.txt", &rules->ignored_tokens_}, {"class_id/caption.txt", &rules->caption_},
  };
  for (const Slot& slot : slots) {
    const RuleFile* found = nullptr;
    for (const RuleFile& f : files)
      if (f.path == slot.path) found = &f;
    if (found == nullptr) return Status(StatusCode::kInvalidArgument, std::string("missing rule file ") + slot.path);
    auto re = CompileAlternation(*found, true);
    if (!re.ok()) return re.status();
    *slot.target = std::move(re).value();
  }
  for (const RuleFile& f : files) {
    std::string_view p = f.path;
    if (p.substr(0, 6) != "lines/" || p == "lines/neutral.txt") continue;
    std::string lang(p.substr(6, p.size() - 6 - 4));  // lines/hi.txt -> hi
    auto re = CompileAlternation(f, true);
    if (!re.ok()) return re.status();
    rules->language_lines_[lang] = std::move(re).value();
  }
  return std::shared_ptr<const Rules>(std::move(rules));
}

bool Rules::IsUnlikely(std::string_view s) const { return re2::RE2::PartialMatch(s, *unlikely_); }
bool Rules::IsMaybeCandidate(std::string_view s) const { return re2::RE2::PartialMatch(s, *maybe_); }
bool Rules::IsBoilerplate(std::string_view s) const { return re2::RE2::PartialMatch(s, *boilerplate_); }
bool Rules::IsCaption(std::string_view s) const { return re2::RE2::PartialMatch(s, *caption_); }
bool Rules::IsIgnoredClassToken(std::string_view s) const { return re2::RE2::PartialMatch(s, *ignored_tokens_); }

int Rules::ClassWeight(std::string_view s) const {
  int w = 0;
  if (re2::RE2::PartialMatch(s, *negative_)) w -= 25;
  if (re2::RE2::PartialMatch(s, *positive_)) w += 25;
  return w;
}

bool Rules::IsNoiseLine(std::string_view line, std::string_view language) const {
  if (re2::RE2::PartialMatch(line, *neutral_lines_)) return true;
  auto it = language_lines_.find(language);
  if (it != language_lines_.end() && re2::RE2::PartialMatch(line, *it->second)) return true;
  // English labels ("Related Post", "Leave a Reply") survive on pages in every language.
  if (language != "en") {
    auto en = language_lines_.find("en");
    if (en != language_lines_.end() && re2::RE2::PartialMatch(line, *en->second)) return true;
  }
  return false;
}

}  // namespace cleaner

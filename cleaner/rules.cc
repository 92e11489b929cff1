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
    if (!joined.empty()) joined += '|';
    joined += "(?:" + pattern + ")";
  }
  auto re = std::make_unique<re2::RE2>(joined, options);
  if (re->ok()) return re;
  // Only when the whole fails is each entry compiled on its own, to name the one at fault: compiling every
  // entry twice doubled the Extractor's construction time (about 170 ms, most of a one-page CLI run).
  for (const auto& [line, pattern] : file.entries) {
    re2::RE2 single(pattern, options);
    if (!single.ok()) {
      return Status(StatusCode::kInvalidArgument,
                    file.path + ":" + std::to_string(line) + ": " + single.error() + ": " + pattern);
    }
  }
  return Status(StatusCode::kInvalidArgument, file.path + ": " + re->error());
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
      {"class_id/negative.txt", &rules->negative_},
      {"class_id/ignored_tokens.txt", &rules->ignored_tokens_}, {"class_id/kept_tokens.txt", &rules->kept_tokens_}, {"class_id/caption.txt", &rules->caption_},
      {"class_id/comments.txt", &rules->comments_},         {"class_id/lead.txt", &rules->lead_},
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
  static constexpr std::string_view kKindNames[kLineKinds] = {"line", "edge", "block", "tail", "meta"};
  for (const RuleFile& f : files) {
    std::string_view p = f.path;
    if (p.substr(0, 6) != "lines/" || p.size() < 10) continue;
    std::string lang(p.substr(6, p.size() - 6 - 4));  // lines/hi.txt -> hi
    if (lang == "neutral") lang.clear();
    // Split the file's entries by their "kind:" prefix, then compile one alternation per kind.
    RuleFile by_kind[kLineKinds];
    for (const auto& [line, entry] : f.entries) {
      size_t colon = entry.find(':');
      std::string_view kind = colon == std::string::npos ? std::string_view() : std::string_view(entry).substr(0, colon);
      int k = -1;
      for (int i = 0; i < kLineKinds; ++i)
        if (kind == kKindNames[i]) k = i;
      if (k < 0) {
        return Status(StatusCode::kInvalidArgument,
                      f.path + ":" + std::to_string(line) + ": expected line:, edge:, block:, tail: or meta:");
      }
      size_t start = entry.find_first_not_of(" \t", colon + 1);
      if (start == std::string::npos) {
        return Status(StatusCode::kInvalidArgument, f.path + ":" + std::to_string(line) + ": empty pattern");
      }
      by_kind[k].path = f.path;
      by_kind[k].entries.emplace_back(line, entry.substr(start));
    }
    LineRules& target = rules->line_rules_[lang];
    for (int k = 0; k < kLineKinds; ++k) {
      if (by_kind[k].entries.empty()) continue;
      auto re = CompileAlternation(by_kind[k], true);
      if (!re.ok()) return re.status();
      target.kinds[k] = std::move(re).value();
    }
  }
  if (rules->line_rules_.find("") == rules->line_rules_.end()) {
    return Status(StatusCode::kInvalidArgument, "missing rule file lines/neutral.txt");
  }
  return std::shared_ptr<const Rules>(std::move(rules));
}

bool Rules::IsUnlikely(std::string_view s) const { return re2::RE2::PartialMatch(s, *unlikely_); }
bool Rules::IsMaybeCandidate(std::string_view s) const { return re2::RE2::PartialMatch(s, *maybe_); }
bool Rules::IsBoilerplate(std::string_view s) const { return re2::RE2::PartialMatch(s, *boilerplate_); }
bool Rules::IsCaption(std::string_view s) const { return re2::RE2::PartialMatch(s, *caption_); }
bool Rules::IsLead(std::string_view s) const { return re2::RE2::PartialMatch(s, *lead_); }
bool Rules::IsCommentSection(std::string_view s) const { return re2::RE2::PartialMatch(s, *comments_); }
bool Rules::IsIgnoredClassToken(std::string_view s) const {
  return re2::RE2::PartialMatch(s, *ignored_tokens_) && !re2::RE2::PartialMatch(s, *kept_tokens_);
}

int Rules::ClassWeight(std::string_view s) const {
  int w = 0;
  if (re2::RE2::PartialMatch(s, *negative_)) w -= 25;
  if (re2::RE2::PartialMatch(s, *positive_)) w += 25;
  return w;
}

uint8_t Rules::Classify(const LineRules& rules, std::string_view line) const {
  uint8_t kinds = 0;
  for (int k = 0; k < kLineKinds; ++k) {
    if (rules.kinds[k] != nullptr && re2::RE2::PartialMatch(line, *rules.kinds[k])) kinds |= uint8_t{1} << k;
  }
  return kinds;
}

uint8_t Rules::ClassifyLine(std::string_view line, std::string_view language) const {
  uint8_t kinds = Classify(line_rules_.find("")->second, line);
  // English widget labels ("Related Post", "Leave a Reply") survive on pages in every language.
  auto en = line_rules_.find("en");
  if (en != line_rules_.end()) kinds |= Classify(en->second, line);
  if (!language.empty() && language != "en") {
    auto it = line_rules_.find(language);
    if (it != line_rules_.end()) kinds |= Classify(it->second, line);
  }
  return kinds;
}

}  // namespace cleaner

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The heuristics' data, compiled once: class/id patterns for the prune and score stages and line patterns for the
// filter stage. A Rules object is immutable and shared by every thread of an Extractor.

#ifndef CLEANER_RULES_H_
#define CLEANER_RULES_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cleaner/status.h"

namespace re2 {
class RE2;
}

namespace cleaner {

// One rule file: its entries in order, each with its line number, comments and blank lines dropped.
struct RuleFile {
  std::string path;
  std::vector<std::pair<int, std::string>> entries;
};

// Splits a rule file's text into entries. A line whose first non-blank character is '#' is a comment; trailing
// blanks are trimmed, leading ones are kept (a pattern may start with a space).
RuleFile ParseRuleFile(std::string_view path, std::string_view text);

class Rules {
 public:
  // The rules embedded in the library, compiled. Errors name the file and line of a pattern that does not compile.
  static Result<std::shared_ptr<const Rules>> Embedded();
  // Rules compiled from the given files (path relative to the rules folder, content).
  static Result<std::shared_ptr<const Rules>> FromFiles(const std::vector<RuleFile>& files);
  ~Rules();

  // Each takes "CLASS ID" of an element, lower-cased.
  bool IsUnlikely(std::string_view class_id) const;
  bool IsMaybeCandidate(std::string_view class_id) const;
  bool IsBoilerplate(std::string_view class_id) const;
  bool IsCaption(std::string_view class_id) const;
  bool IsLead(std::string_view class_id) const;
  bool IsCommentSection(std::string_view class_id) const;
  // True for one class token that names a topic rather than a role ("category-sports"), unless it names a widget
  // after all ("author-bio": class_id/kept_tokens.txt).
  bool IsIgnoredClassToken(std::string_view token) const;
  // +25 for a positive match, -25 for a negative one, 0 or both cancel out (Readability's class weight).
  int ClassWeight(std::string_view class_id) const;

  // Kinds of line rules (cleaner/rules/lines/*.txt; neutral.txt explains them). A bit set.
  enum LineKind : uint8_t { kLine = 1, kEdge = 2, kBlock = 4, kTail = 8, kMeta = 16 };
  static constexpr int kLineKinds = 5;
  // A tail rule fires only when at least this share of the text's characters come before it: a "Related" label with
  // a third of the text still to come introduces a list in the middle of the article, not the page's end.
  // Measured: 0.5 cut an article's last paragraph after a mid-article "Related Articles" list (fixtures/text).
  static constexpr double kTailStart = 0.7;
  // Which kinds of rule match a trimmed output line in `language` (a primary BCP 47 tag such as "hi"). The neutral
  // and English rules apply to every language.
  uint8_t ClassifyLine(std::string_view line, std::string_view language) const;
  // True if any line rule matches, whatever its kind (the filter then decides by the line's context).
  bool IsNoiseLine(std::string_view line, std::string_view language) const {
    return ClassifyLine(line, language) != 0;
  }

 private:
  Rules() = default;
  std::unique_ptr<re2::RE2> unlikely_, maybe_, boilerplate_, positive_, negative_, ignored_tokens_, kept_tokens_,
      caption_, comments_, lead_;
  struct LineRules {
    std::unique_ptr<re2::RE2> kinds[kLineKinds];  // kLine, kEdge, kBlock, kTail, kMeta; null where none
  };
  uint8_t Classify(const LineRules& rules, std::string_view line) const;
  std::map<std::string, LineRules, std::less<>> line_rules_;  // by language; "" holds neutral.txt
};

}  // namespace cleaner

#endif  // CLEANER_RULES_H_

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Optional stage, comments: the page's reader comments, extracted on their own (Options::include_comments). The
// prune and select stages keep comment sections out of the article (class/id rules, widget clean-up); this stage
// finds the section by its class or id (cleaner/rules/class_id/comments.txt) and serializes it without its reply
// form.

#ifndef CLEANER_COMMENTS_H_
#define CLEANER_COMMENTS_H_

#include <cstdint>
#include <vector>

#include "cleaner/dom.h"
#include "cleaner/prune.h"
#include "cleaner/rules.h"
#include "cleaner/serialize.h"

namespace cleaner {

// The root of the page's comment section: of the elements named like one, the outermost with the most text
// that neither holds the article (`article_roots`; a match that holds it is looked into) nor is part of it (inside
// a root and not marked in `article_removed`, the extraction's mask). kNoNode if there is none.
uint32_t FindCommentSection(const Dom& dom, const PageFacts& facts,
                            const std::vector<uint32_t>& article_roots, const std::vector<uint8_t>& article_removed);

// The comment section's lines: its text without forms (the reply form), navigation (comment pages), what can
// never be text, and the section's own label ("3 Comments", a `tail` or `block` line rule in `language`) when it
// comes first. Empty if the page has no comment section. The line filter runs after it.
std::vector<Line> ExtractComments(const Dom& dom, const Rules& rules, const PageFacts& facts,
                                  const std::vector<uint32_t>& article_roots,
                                  const std::vector<uint8_t>& article_removed, std::string_view language,
                                  const SerializeOptions& options);

}  // namespace cleaner

#endif  // CLEANER_COMMENTS_H_

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 6, serialize: the selected subtrees as lines of text, one block (paragraph, heading, list item, table row,
// quotation, preformatted line) per line.

#ifndef CLEANER_SERIALIZE_H_
#define CLEANER_SERIALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cleaner/dom.h"

namespace cleaner {

struct Line {
  std::string text;   // trimmed, whitespace collapsed (inside <pre>: spaces kept, tabs made spaces), never empty
  Tag block = Tag::kP;  // the element that made the line: kH1..kH6, kLi, kTr, kPre, kP, ...
  float link_chars = 0;  // bytes of `text` that came from links
};

std::vector<Line> Serialize(const Dom& dom, const std::vector<uint8_t>& removed, const std::vector<uint32_t>& roots);

}  // namespace cleaner

#endif  // CLEANER_SERIALIZE_H_

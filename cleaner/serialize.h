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
#include "cleaner/result.h"

namespace cleaner {

struct Line {
  std::string text;   // trimmed, whitespace collapsed (inside <pre>: inner spaces kept, tabs made spaces), never empty
  Tag block = Tag::kP;  // the element that made the line: kH1..kH6, kLi, kTr, kPre, kP, ..., kImg for an image
  float link_chars = 0;  // bytes of `text` that came from links
  // Only when SerializeOptions ask for them (see Block for their meaning):
  std::vector<Span> spans;
  std::vector<size_t> cells;  // kTr lines: where each cell starts
  bool header = false;        // kTr lines: a row of <th> or in <thead>
  std::string src;            // kImg lines: the image's URL; `text` is its alt text
  std::string indent;         // kPre lines: the white space trimmed off the start of `text` (see Block::indent)
  bool after_break = false;   // the line before it ended at a <br> in the same block element (see Block::continues)

  bool is_image() const { return block == Tag::kImg; }
};

// The most lines a document is split into (by Serialize, per call, and by SplitTextLines): each costs a Line
// (about 160 bytes) besides its text, and a 12 MB <pre> of "1\n" lines made 6 million of them (2 GB at peak; at
// the cap, 420 MB). The largest of the bench's 1 383 pages has 1 024 lines; a million is also where
// Options::max_elements stops a page of one <br> per line. Past the cap no text is lost: each further line is
// joined, after a space, to the last line of text (whose spans, cells and indentation stay as they were; the
// further lines' own spans and images are dropped). Such a page is no article, and its text stays searchable.
constexpr size_t kMaxLines = 1'000'000;

struct SerializeOptions {
  bool tables = true;       // false: data tables are left out
  bool formatting = false;  // record emphasis, strong and code spans
  bool links = false;       // record link spans
  bool images = false;      // emit image lines (after the line they stand in, so that the text is unchanged)
  std::string_view base_url;  // links and images are made absolute against it when it is an http(s) URL
};

std::vector<Line> Serialize(const Dom& dom, const std::vector<uint8_t>& removed, const std::vector<uint32_t>& roots,
                            const SerializeOptions& options = {});

// `ref` (an href or src) made absolute against `base` (an absolute http(s) URL; if empty, `ref` is returned as it
// is). Follows RFC 3986's resolution for the forms pages use: scheme-relative, absolute path, relative path with
// "." and ".." segments, query-only and fragment-only references.
std::string ResolveUrl(std::string_view ref, std::string_view base);

}  // namespace cleaner

#endif  // CLEANER_SERIALIZE_H_

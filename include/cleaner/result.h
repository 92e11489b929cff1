// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#ifndef CLEANER_RESULT_H_
#define CLEANER_RESULT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace cleaner {

// What each pipeline stage did, for diagnostics and the JSON output.
struct Stats {
  std::size_t input_bytes = 0;       // bytes given to Extract
  std::size_t parsed_bytes = 0;      // bytes given to the HTML parser after the pre-scan
  std::size_t nodes = 0;             // elements and text nodes in the parsed tree
  std::size_t pruned_subtrees = 0;   // subtrees removed by the prune stage (their roots, counted once)
  std::size_t candidates = 0;        // elements that received a content score
  std::size_t pass = 0;              // the pass whose text was kept: 1 = strict pruning, 2-5 = the fallbacks
                                     // (Focus::kRecall starts at 2)
  std::size_t lines_before_filter = 0;
  std::size_t lines_after_filter = 0;
  bool depth_capped = false;         // nesting deeper than Options::max_depth was flattened
  bool invalid_utf8 = false;         // invalid UTF-8 sequences were replaced with U+FFFD
  bool from_script_data = false;     // the text came from HTML in the page's script data (a page its scripts
                                     // fill), not from its served markup; `pass`, `candidates`, `pruned_subtrees`
                                     // and the line counts then describe that HTML, `nodes` and `parsed_bytes`
                                     // the served page, and `parse_ms` is both parses
  std::string empty_reason;          // why text is empty: "no content", "no article text found", "no text"
  double parse_ms = 0;               // time in the HTML parser
  double total_ms = 0;               // time in Extract, end to end
};

// Inline markup over a range of a Block's text (byte offsets, end exclusive). Spans nest: one that starts inside
// another ends inside it. Filled only when Options::include_formatting or Options::include_links asks for them.
struct Span {
  enum class Kind { kEmphasis, kStrong, kCode, kLink };
  Kind kind = Kind::kEmphasis;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string href;  // kLink: the target, absolute when the page's URL is known
};

// One line of the article text, with the kind of block it came from (for Markdown and structured output).
struct Block {
  enum class Kind { kParagraph, kHeading, kListItem, kTableRow, kQuote, kPreformatted, kCaption, kImage };
  Kind kind = Kind::kParagraph;
  int level = 0;  // 1-6 for headings, else 0
  std::string text;  // the line as in Document::text; for kImage, the image's alt text (not in Document::text)
  std::vector<Span> spans;  // emphasis, strong, code and links inside `text`, in order of their start
  // kTableRow: the byte offset in `text` where each cell starts (a cell's text, trimmed, runs to the next offset);
  // `header` when every cell is a <th> or the row is in a <thead>.
  std::vector<std::size_t> cells;
  bool header = false;
  std::string src;  // kImage: the image's URL, absolute when the page's URL is known
  // kPreformatted: the line's indentation in the page (spaces and tabs), which `text`, trimmed like every line,
  // leaves out; Markdown and HTML output put it back.
  std::string indent;
  // kListItem: the line goes on the item of the line before it, after a <br> ("<li>Line one<br>line two</li>"):
  // Markdown and HTML keep the two in one item. Never set on a document's first block.
  bool continues = false;
};

// The extracted article.
struct Document {
  std::string text;      // the article body: one block per line, UTF-8, ending with '\n' unless empty
  std::string title;     // the page title (also first in text when Options::with_title)
  std::string language;  // BCP 47 tag from the markup or guessed from the script; empty if unknown
  std::string url;       // the URL the caller passed, if any
  // The body's lines (`text` without the title) with their kinds. A page or text is split into at most 1 000 000
  // lines (a bound on memory, as Options::max_elements is; real pages have a few thousand at most): past that, each
  // further line is joined to the last line of text after a space, so that no text is lost, and further images are
  // left out.
  std::vector<Block> blocks;
  // Metadata read from the page (empty when the page does not give it; always empty for plain-text input).
  std::vector<std::string> authors;     // one name each, without "By" and dates
  std::string date;                     // publication date, ISO 8601 "YYYY-MM-DD"; never in the future
  std::string date_modified;            // last modification date, same shape
  std::string site;                     // the site's name ("The Guardian")
  std::string canonical_url;            // the page's canonical address (absolute when `url` was given)
  std::string description;              // the page's summary (og:description, <meta name=description>)
  std::string image;                    // the main image's URL
  std::vector<std::string> tags;        // keywords and article:tag values
  std::vector<std::string> categories;  // sections (article:section, JSON-LD articleSection)
  // The page's reader comments, one block per line like `text`; only with Options::include_comments.
  std::string comments;
  Stats stats;
};

}  // namespace cleaner

#endif  // CLEANER_RESULT_H_

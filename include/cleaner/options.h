// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#ifndef CLEANER_OPTIONS_H_
#define CLEANER_OPTIONS_H_

#include <cstddef>
#include <string>

namespace cleaner {

// What Extractor::Extract is given.
enum class InputKind {
  kAuto,  // HTML if its first 64 KiB hold a doctype, a comment or a common tag (LooksLikeHtml), else plain text
  kHtml,  // a web page
  kText,  // already-scraped plain text: only the line filter runs
};

// What to favour where the heuristics are unsure (trafilatura's favor_precision / favor_recall).
enum class Focus {
  kBalanced,   // the default, tuned for F1 on the benchmark sets
  kPrecision,  // less text, less noise: drop datelines, bylines and lines that are mostly links
  kRecall,     // more text: keep doubtful blocks (elements named like widgets, captions, what follows a closing
               // "Related" or "Comments" label)
};

// The largest input any Extractor takes, whatever Options::max_input_bytes says: the parsed tree addresses its text
// with 32-bit offsets, and decoding a legacy charset can triple a page's size.
inline constexpr std::size_t kMaxInputBytesCeiling = std::size_t{1} << 30;  // 1 GiB

// How an Extractor works. Every field has a default that suits crawling arbitrary pages.
struct Options {
  // What the input is. Default: kAuto.
  InputKind input = InputKind::kAuto;

  // Put the page title on the first line of Document::text. Default: false (the body alone).
  bool with_title = false;

  // Pages over this many bytes are refused with StatusCode::kTooLarge, and so are pages over kMaxInputBytesCeiling
  // whatever this says. Default: 64 MiB.
  std::size_t max_input_bytes = 64u << 20;

  // Pages of more elements than this are refused with StatusCode::kTooLarge before they are parsed: memory grows with
  // the element count (Gumbo's tree and cleaner's, about 700 bytes per element at peak for a page of a million
  // tiny paragraphs), so the byte limit alone lets a 64 MB page of tiny elements take gigabytes. The largest of the
  // 1 383 benchmark pages has 14 000 nodes. Default: 1 000 000. The count is of the elements in the markup (start
  // tags, and the end tags that make elements) and of those the parser adds (implied table parts, formatting
  // elements it re-creates before text or copies around misnested blocks), as the pre-scan models them: it may
  // count more than the parser makes, and within a factor of two never fewer (tests/unit/prescan_test.cc checks
  // that against Gumbo's tree), so this bounds memory roughly, not exactly.
  std::size_t max_elements = 1'000'000;

  // Element nesting deeper than this is flattened before parsing: Gumbo's time grows with the square of the
  // depth (100 000 nested <div>s take 40-53 s, measured in ../shared/GUMBO.md, outside this repository) and real pages stay below 100.
  // Default: 400.
  std::size_t max_depth = 400;

  // Language of the page as a BCP 47 tag ("hi", "en", "pt-BR"); only the primary subtag counts ("pt"), and
  // a tag whose primary subtag is no ISO 639 language that ICU knows ("utf-8", "xx") counts as empty, as it does
  // in the page's markup. Empty means: read it from the markup, else guess it from
  // the text (the script with ICU, then CLD2 within a script). Chooses the per-language rule files.
  // Default: empty.
  std::string language;

  // Apply the per-language phrase rules: drop boilerplate lines after extraction, and blocks that a label
  // such as "Read also:" heads before it (RemoveLabelledBlocks). Default: true.
  bool filter_lines = true;

  // Below this length of extracted text (after the line rules, without reader comments; measured in
  // equivalent Latin characters, so that Chinese counts fairly), the extractor retries with looser pruning,
  // and keeps the longest result. Default: 250.
  std::size_t min_text_length = 250;

  // Precision or recall where the heuristics are unsure. Default: kBalanced.
  Focus focus = Focus::kBalanced;

  // Keep the rows of data tables (<table>) in the article. Default: true.
  bool include_tables = true;
  // Record emphasis, strong and code as Block::spans (Markdown and HTML output show them). Default: false.
  bool include_formatting = false;
  // Record links as Block::spans with their targets. Default: false.
  bool include_links = false;
  // Add the article's images as Block::Kind::kImage blocks (alt text and URL); Document::text is unchanged.
  // Default: false.
  bool include_images = false;
  // Extract the reader comments into Document::comments. Default: false.
  bool include_comments = false;
};

}  // namespace cleaner

#endif  // CLEANER_OPTIONS_H_

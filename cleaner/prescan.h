// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Part of stage 2, parse: a single linear pass over the decoded HTML that prepares it for Gumbo.
//
// Gumbo 0.10.1 tokenizes script data one character at a time (54% of the bytes of the ScrapingHub pages sit inside
// <script> and <style>), and its tree builder is quadratic in nesting depth and in unclosed formatting elements
// (../shared/GUMBO.md, outside this repository). The pre-scan therefore
//   - empties <script>, <style>, <svg>, <iframe>, <noembed>, <noframes>, <xmp> and <noscript> bodies and drops
//     comments, which the extractor never uses (JSON-LD scripts are kept: they carry metadata);
//   - ends an unclosed <title> or <textarea> at the next tag after it (a title also at its first line's end), so
//     that a mangled crawl keeps its body;
//   - models the depth of the tree Gumbo will build and drops start and end tags beyond Options::max_depth, so
//     hostile nesting reaches Gumbo flattened (the text inside is kept), and counts the elements Gumbo will make
//     (Options::max_elements);
//   - keeps at most 256 attributes of a long start tag (Gumbo compares each new attribute name with all earlier ones:
//     100 000 distinct names take 19 s).
// The model follows the parts of Gumbo 0.10.1's tree builder that change depth and element count: implied end
// tags, scopes, implied table parts, quirks-mode tables, a template's insertion mode, the "in select" mode (whose
// ignored tags are dropped), column groups, the form pointer, the list of active formatting elements
// with its markers (re-created before text), Gumbo 0.10.1's adoption agency
// (which moves blocks deeper or shallower: each open element carries its depth in the tree) and MathML (foreign
// content, which HTML tags break out of, and its integration points, where HTML nests). It need not build the
// tree, but it must never think it shallower or smaller than Gumbo will: it may overestimate (it puts what the
// parser moves before a table inside the table, say), and where it cannot tell what the parser would do with a
// tag, it drops the tag, so that both do nothing with it. A start tag dropped at the cap is undone in the model.
// tests/fuzz/prescan_fuzzer.cc checks that property against Gumbo (depth within the cap + 3, elements within
// twice the count + 3). Known gaps: an end tag other than a formatting element's, and the start tags that close
// an open element of their kind (<li>, <dd>, <td>, <button>, one that closes a <p>...), search the 64 innermost
// elements only (a stray one must not walk a deep stack), so one that the parser matches deeper closes nothing
// here, and the two may go on differently after it; the three-identical rule compares attribute values as
// written (the parser decodes character references first); the adoption agency whose common ancestor is a table
// part puts its copies before the table in the parser (foster parenting), which the model does not follow:
// fuzzed pages go up to 3 levels past the slack that way (the cap + 6), and no further however often their
// pattern repeats (200 times at caps of 60 and 400).

#ifndef CLEANER_PRESCAN_H_
#define CLEANER_PRESCAN_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace cleaner {

struct PrescanResult {
  std::string html;          // what to give the parser
  bool depth_capped = false;
  std::size_t max_depth_seen = 0;
  std::size_t elements = 0;  // elements the parser will make: start tags, "</br>" and a lone "</p>", and the
                             // formatting elements it re-creates or copies (Scanner::Reconstruct, AdoptionAgency)
  bool formatting_dropped = false;  // formatting start tags were dropped (see kMaxActiveFormatting)
};

PrescanResult Prescan(std::string_view html, std::size_t max_depth);

// React's streaming server rendering (Fizz, behind Next.js and others) sends the shell of a page first and each part
// that was not ready (a Suspense boundary's content) later, as a `<div hidden id="S:x">` at the end of <body>; a
// script then moves it into place: `$RC("B:y","S:x")` replaces the boundary's `<template id="B:y">` and the fallback
// after it (up to the boundary's closing `<!--/$-->` comment), `$RS("S:x","P:y")` replaces a `<template id="P:y">`
// placeholder. The extractor runs no scripts, so it would see the fallback (a spinner, a skeleton, often nothing) in
// the page and the article hidden after the footer (wcxb 2838: a landing page whose nine sections all arrive this
// way). This does what those scripts do, before the pre-scan drops the scripts: the ids are read from the calls,
// and a template without one takes the segment of the same number ("B:3" and "P:3" take "S:3"). A segment moves at
// most once, into a template that comes before it; a segment that no template takes stays where it is.
// Returns true, having rewritten *html, when a segment moved.
bool PlaceStreamedSegments(std::string* html);

}  // namespace cleaner

#endif  // CLEANER_PRESCAN_H_

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#ifndef CLEANER_EXTRACTOR_H_
#define CLEANER_EXTRACTOR_H_

#include <memory>
#include <string_view>

#include "cleaner/options.h"
#include "cleaner/result.h"
#include "cleaner/status.h"

namespace cleaner {

// Turns an HTML page into its main article text.
//
// Thread safety: an Extractor is immutable after construction; one instance may be shared by any number of
// threads calling Extract at once. Construction compiles the rules and is comparatively costly (milliseconds):
// build one Extractor and reuse it. If construction fails (ICU's data missing), every call returns that error
// (kInternal). A moved-from Extractor should only be assigned to or destroyed; its Extract and CleanText return
// kInvalidArgument, and its options() are the defaults.
class Extractor {
 public:
  explicit Extractor(Options options = {});
  ~Extractor();
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts the article from `html` (any bytes, decoded as DecodeHtml decodes a page without a Content-Type:
  // a BOM, UTF-16 by its NULs, valid or nearly valid UTF-8, the <meta> charset, else detection; invalid UTF-8
  // is replaced, a UTF-8 BOM dropped). `url`, if given,
  // is copied into the result and helps metadata. A page without an article is not an error: it gives an empty
  // text with Stats::empty_reason set. Errors: kTooLarge, kNotHtml (binary input), kParseError (the parser gave
  // up), kInternal (see above; or memory ran out). Input without markup is cleaned as plain text (Options::input).
  Result<Document> Extract(std::string_view html, std::string_view url = {}) const;

  // Cleans already-scraped plain text with the line filter alone: one block per line in, the same shape out,
  // noise lines (date banners, "read also" lists, comment prompts, sign-offs...) and a repeated title removed.
  // The first line is taken as the title when it reads like one; it is printed only with Options::with_title.
  Result<Document> CleanText(std::string_view text) const;

  const Options& options() const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace cleaner

#endif  // CLEANER_EXTRACTOR_H_

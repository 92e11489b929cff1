// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fuzzes Extractor::Extract, then every output format, with the options chosen by the input's first byte.
// A crash, a hang, a sanitizer report or a broken promise of result.h (tests/fuzz/fuzz_check.h) is a bug.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cleaner/extractor.h"
#include "cli/render.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

cleaner::Options OptionsFor(uint8_t bits) {
  cleaner::Options o;
  o.include_comments = bits & 1;
  o.include_links = bits & 2;
  o.include_formatting = bits & 2;
  o.include_images = bits & 4;
  o.include_tables = !(bits & 8);
  o.with_title = bits & 16;
  o.focus = (bits & 32) ? cleaner::Focus::kPrecision : (bits & 64) ? cleaner::Focus::kRecall : cleaner::Focus::kBalanced;
  o.filter_lines = !(bits & 128);
  o.max_depth = 40;  // small, so the depth cap is reached by small inputs too
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Built once per option set: construction compiles the rules (milliseconds), extraction is what is fuzzed.
  static const cleaner::Extractor* extractors[256] = {};
  const cleaner::Extractor*& extractor = extractors[data[0]];
  if (extractor == nullptr) extractor = new cleaner::Extractor(OptionsFor(data[0]));
  const std::string_view html(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto result = extractor->Extract(html, (data[0] & 1) ? "https://example.com/a/b.html?q=1" : "");
  if (!result.ok()) return 0;
  const cleaner::Document& doc = result.value();
  cleaner::fuzz::CheckDocument(doc);
  for (const char* format : {"txt", "json", "markdown", "html"}) {
    const std::string out = cleaner::cli::Render(doc, "fuzz.html", format);
    cleaner::fuzz::CheckField(format, out);
    if (std::string_view(format) == "json" && !nlohmann::json::accept(out)) cleaner::fuzz::Fail("JSON", out);
  }
  return 0;
}

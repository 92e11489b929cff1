// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fuzzes the pre-scan's model of the parser against the parser itself: whatever the markup, the tree Gumbo
// builds from the pre-scan's output must stay within the depth cap (plus the <html>, <body> and text node the
// parser adds), and hold at most twice the elements the pre-scan counted for Options::max_elements (plus those
// three). A model that underestimates lets a page past the limits that keep Gumbo's time and memory bounded.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleaner/decode.h"
#include "cleaner/dom.h"
#include "cleaner/prescan.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the cap: 8 to 71 levels, so that the fuzzer reaches it with short inputs.
  const size_t cap = 8 + (data[0] & 63);
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  cleaner::DecodeReport report;
  const std::string utf8 = cleaner::DecodeToUtf8(input, &report);
  const cleaner::PrescanResult pre = cleaner::Prescan(utf8, cap);
  const auto dom = cleaner::Dom::Parse(pre.html);
  if (!dom.ok()) return 0;
  const cleaner::Dom& d = dom.value();
  std::vector<uint32_t> depth(d.size(), 0);
  size_t deepest = 0, elements = 0;
  for (uint32_t i = 0; i < d.size(); ++i) {
    if (d.node(i).parent != cleaner::kNoNode) depth[i] = depth[d.node(i).parent] + 1;  // parents come first
    deepest = std::max<size_t>(deepest, depth[i]);
    elements += d.node(i).is_element();
  }
  if (deepest > cap + 3) cleaner::fuzz::Fail("the parsed tree is deeper than the pre-scan's cap", pre.html);
  if (elements > 2 * pre.elements + 3) cleaner::fuzz::Fail("the parser made more elements than counted", pre.html);
  return 0;
}

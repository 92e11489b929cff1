// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fuzzes Extractor::CleanText (the line filter on already-scraped text), in the language the first byte picks.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleaner/extractor.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kLanguages[] = {"", "en", "hi", "de", "fr", "ja", "zh", "ru"};
  constexpr size_t kCount = sizeof(kLanguages) / sizeof(kLanguages[0]);
  static const cleaner::Extractor* extractors[kCount * 2] = {};
  const size_t pick = data[0] % (kCount * 2);
  if (extractors[pick] == nullptr) {
    cleaner::Options o;
    o.language = kLanguages[pick % kCount];
    o.with_title = pick >= kCount;
    extractors[pick] = new cleaner::Extractor(o);
  }
  const auto result = extractors[pick]->CleanText(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (result.ok()) cleaner::fuzz::CheckDocument(result.value());
  return 0;
}

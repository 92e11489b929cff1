// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fuzzes DecodeHtml: any bytes, with a Content-Type header taken from the input's first line, must come out as
// valid UTF-8 without a byte order mark, and decoding the result again must change nothing.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleaner/fetcher.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view content_type;
  if (size_t nl = input.find('\n'); nl != std::string_view::npos && nl < 100) {
    content_type = input.substr(0, nl);
    input.remove_prefix(nl + 1);
  }
  const auto decoded = cleaner::DecodeHtml(input, content_type);
  if (!decoded.ok()) return 0;
  const std::string& utf8 = decoded.value().utf8;
  if (!cleaner::fuzz::IsUtf8(utf8)) cleaner::fuzz::Fail("DecodeHtml gave invalid UTF-8", utf8);
  if (utf8.rfind("\xEF\xBB\xBF", 0) == 0) cleaner::fuzz::Fail("DecodeHtml kept a BOM", utf8);
  // Decoding twice is harmless (fetcher.h): valid UTF-8 is returned unchanged, unless it starts with a BOM.
  const auto again = cleaner::DecodeHtml(utf8);
  if (!again.ok() || again.value().utf8 != utf8) cleaner::fuzz::Fail("DecodeHtml not idempotent", utf8);
  return 0;
}

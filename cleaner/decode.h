// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 1, decode: raw bytes to valid UTF-8.

#ifndef CLEANER_DECODE_H_
#define CLEANER_DECODE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace cleaner {

struct DecodeReport {
  bool had_bom = false;
  bool invalid_utf8 = false;  // some bytes were replaced with U+FFFD
};

// True when `bytes` looks like binary data rather than text: NUL bytes or many C0 controls in its first 8 KiB.
// UTF-16 text, with a BOM or without, has NUL bytes too: the charset stage (charset::Decide) tells it apart
// before this is asked.
bool LooksBinary(std::string_view bytes);

// Returns `bytes` as valid UTF-8: a UTF-8 BOM is dropped, UTF-16 with a BOM is converted, every invalid UTF-8
// sequence (and NUL) becomes U+FFFD, following the WHATWG "maximal subpart" rule.
std::string DecodeToUtf8(std::string_view bytes, DecodeReport* report);

// Repairs text that was UTF-8, read as Latin-1 and encoded as UTF-8 again ("â\u0080\u0099" for "’"): a character
// in U+00C2..U+00F4 followed by the characters U+0080..U+00BF that, taken as bytes, make one valid UTF-8 sequence
// becomes that sequence, when one of them is a C1 control (U+0080..U+009F), which no text has. "Ã©" without a C1
// control stays, since it might be meant. Returns the number of sequences repaired; `s` must be valid UTF-8.
size_t RepairDoubleEncodedUtf8(std::string* s);
// Appends code point `cp` to `out` as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void AppendCodePoint(uint32_t cp, std::string* out);
// Decodes one code point of `s` at *i (an invalid or cut sequence gives one U+FFFD per byte: a lead byte
// without its continuation bytes is one U+FFFD, and what follows it is read again); advances *i.
// *i must be below s.size().
uint32_t NextCodePoint(std::string_view s, size_t* i);

// Appends `s` to `out` with invalid sequences replaced by U+FFFD; true if `s` was valid already.
bool AppendValidUtf8(std::string_view s, std::string* out);

}  // namespace cleaner

#endif  // CLEANER_DECODE_H_

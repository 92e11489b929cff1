// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Charset detection and conversion to UTF-8 (the public entry point is DecodeHtml in cleaner/fetcher.h).
// The pieces are exposed here for the pipeline and for tests.

#ifndef CLEANER_CHARSET_H_
#define CLEANER_CHARSET_H_

#include <optional>
#include <string>
#include <string_view>

#include "cleaner/fetcher.h"
#include "cleaner/status.h"

namespace cleaner::charset {

// An encoding: its WHATWG name ("windows-1251", lower case) and the ICU converter that decodes it.
struct Encoding {
  std::string name;
  std::string icu;
};

// The encoding a label names, after trimming ASCII whitespace and ignoring case: the WHATWG Encoding
// Standard's labels first ("latin1" -> windows-1252, "gb2312" -> gbk, "utf-16" -> utf-16le), then other
// ASCII-compatible character sets that ICU knows by an IANA or MIME alias ("cp850"). nullopt for an unknown
// label.
std::optional<Encoding> EncodingForLabel(std::string_view label);

// The charset parameter of a Content-Type value (unquoted); empty if none.
std::string_view CharsetParameter(std::string_view content_type);

// The MIME type without parameters, lower case: "text/html"; empty if none.
std::string MimeEssence(std::string_view content_type);

// The HTML standard's "prescan a byte stream to determine its encoding" over the first 1024 bytes: <meta
// charset=...>, or <meta http-equiv="Content-Type" content="...; charset=..."> (comments and other tags'
// attributes are skipped, so a quoted "<meta" in an attribute does not count). Returns the encoding with the
// standard's fix-ups (a declared UTF-16 means UTF-8: the prescan could read ASCII, so the page is not UTF-16;
// x-user-defined means windows-1252), or nullopt.
std::optional<Encoding> PrescanMeta(std::string_view bytes);

// The same prescan over the page's head, up to its <body> and at most the first 64 KB, for a declaration put
// after the first 1024 bytes (behind a long script or style): browsers act on it too, starting the page again,
// and detection cannot always stand in for it (ICU has no detector for Thai's windows-874).
std::optional<Encoding> LateMeta(std::string_view bytes);

// What binary format `bytes` starts with ("PDF document", "PNG image", ...), or empty if none known. Covers
// the formats crawls meet in place of pages: PDF, images, archives, compressed data, audio/video,
// executables.
std::string_view SniffBinaryFormat(std::string_view bytes);

// Counts over a UTF-8 validation pass.
struct Utf8Scan {
  std::size_t multibyte = 0;  // valid sequences of 2-4 bytes
  std::size_t invalid = 0;    // maximal invalid subparts (each would become one U+FFFD)
  bool valid() const { return invalid == 0; }
};
Utf8Scan ScanUtf8(std::string_view bytes);

// How to decode a page.
struct Decision {
  Encoding encoding;
  CharsetSource source = CharsetSource::kDefault;
  std::size_t bom_bytes = 0;  // leading bytes to skip (a byte order mark)
  bool passthrough = false;   // the bytes after the BOM are valid UTF-8: use them as they are
};

// Decides how to decode `bytes` (see DecodeHtml for the order of the rules).
Decision Decide(std::string_view bytes, std::string_view content_type);

// True for utf-16le and utf-16be.
bool IsUtf16(const Encoding& encoding);
// True for utf-32le and utf-32be (found by a byte order mark or NUL bytes only).
bool IsUtf32(const Encoding& encoding);

// For the pipeline, which has no Content-Type: `bytes` as UTF-8 after `Decide(bytes, {})`. Bytes decided to
// be UTF-8 come back as they are (a BOM and invalid sequences are DecodeToUtf8's to handle; the view costs
// nothing); any other charset is converted into `*storage` and a view of it is returned.
Result<std::string_view> ToUtf8(std::string_view bytes, const Decision& decision, std::string* storage);

// Converts `bytes` from `encoding` to UTF-8, appending to `out`; undecodable bytes become U+FFFD and set
// `*replaced`. An encoding that ICU lacks (its data is trimmed on some systems) decodes as windows-1252.
// Errors: kInternal if ICU cannot convert at all.
Status ConvertToUtf8(std::string_view bytes, const Encoding& encoding, std::string* out, bool* replaced);

}  // namespace cleaner::charset

#endif  // CLEANER_CHARSET_H_

// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Metadata read from the parsed page beside the article: title, authors, publication and modification dates,
// site name, declared language, canonical URL, description, main image, tags and categories.
//
// Sources, strongest first: JSON-LD (the pre-scan keeps <script type="application/ld+json"> bodies; a small
// tolerant JSON reader here parses them, bounded in size, count and depth), Open Graph and other <meta> tags,
// microdata (itemprop), <time datetime>, <link rel=canonical>, bylines, the URL, and the visible text.

#ifndef CLEANER_METADATA_H_
#define CLEANER_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "cleaner/dom.h"

namespace cleaner {

struct Metadata {
  std::string title;
  std::string language;  // primary BCP 47 subtag, lower case ("en", "hi"), from the markup; may be empty
  std::vector<std::string> authors;  // "By", "द्वारा", dates and roles removed; one name each
  std::string date;                  // publication date, ISO 8601 "YYYY-MM-DD"; empty if unknown
  std::string date_modified;         // last modification, same shape
  std::string site;                  // site name ("The Guardian"), from og:site_name, JSON-LD publisher, ...
  std::string canonical_url;  // <link rel=canonical>, og:url or JSON-LD url, made absolute with the page URL
  std::string description;
  std::string image;  // the main image's URL (og:image, JSON-LD image)
  std::vector<std::string> tags;
  std::vector<std::string> categories;
};

// Reads the metadata of `dom`. `url` is the page's address (its date and host are used; may be empty).
// `today` is the current date as YYYYMMDD, against which future dates are rejected; 0 takes the system
// clock's UTC date once per call (tests pass a fixed day).
Metadata ReadMetadata(const Dom& dom, std::string_view url = {}, int today = 0);

// The date in `text` written the way people write dates (in English, German, French, Spanish, Italian,
// Portuguese, Dutch or Hindi month names, or numerically) or as ISO 8601, as "YYYY-MM-DD"; empty if there is
// none on or before `today` (YYYYMMDD). Dates after a copyright sign or "Copyright" are not taken. Also used
// by the line filter, to tell a dateline from a sentence (text_filter.cc).
std::string FindDateInText(std::string_view text, int today);

// `s` as "YYYY-MM-DD" if it is an ISO 8601 or RFC 822 date ("2024-03-12T10:00:00Z", "20240312",
// "Tue, 12 Mar 2024 10:00:00 GMT"); empty otherwise. Exposed for tests.
std::string NormalizeDate(std::string_view s);

// The names in a byline: "By Jane Doe and John Roe, March 3, 2024" gives {"Jane Doe", "John Roe"}.
std::vector<std::string> SplitAuthors(std::string_view byline);

// The phrases around the names in a byline, from rules/metadata/bylines.txt (its header says what each kind does).
struct BylinePhrases {
  std::vector<std::string> prefixes;  // longest first
  std::vector<std::string> stops, end_stops, weekdays, name_stops, separators, not_names, credits, roles,
      after_date;
};

// Parses the text of rules/metadata/bylines.txt; an error names the line at fault. Exposed for tests.
Result<BylinePhrases> ParseBylinePhrases(std::string_view text);

}  // namespace cleaner

#endif  // CLEANER_METADATA_H_

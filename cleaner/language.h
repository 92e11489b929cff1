// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The language of a text, when the markup does not say: the script decides first (ICU: Devanagari, Han, kana,
// Hangul...), and CLD2 tells apart the languages that share a script (English, German, French... in Latin
// script; Russian and Ukrainian in Cyrillic), which no script test can.

#ifndef CLEANER_LANGUAGE_H_
#define CLEANER_LANGUAGE_H_

#include <string>
#include <string_view>

namespace cleaner {

// A primary BCP 47 tag ("hi", "en", "zh"), or "" when the text is too short or mixed to tell. Looks at most at
// the first 16 KiB of `text`, which must be valid UTF-8.
std::string GuessLanguage(std::string_view text);

// True if `text` is mostly (more than half its letters) in a script that ICU does not list for `language`: a page
// marked lang="en" whose text is Devanagari. False when it cannot tell (too short, mixed, an unknown language).
// Looks at most at the first 16 KiB of `text`, which must be valid UTF-8.
bool ScriptContradicts(std::string_view language, std::string_view text);

// The primary subtag of a BCP 47 tag, lower-cased: "en-US" and "EN_us" give "en"; "" when there is none of 2-3
// letters that ICU knows as a language ("english", "x-klingon", "utf-8", "").
std::string PrimaryLanguage(std::string_view tag);

}  // namespace cleaner

#endif  // CLEANER_LANGUAGE_H_

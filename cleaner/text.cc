// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/text.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <cstdint>

#include "cleaner/decode.h"

namespace cleaner {
namespace {

// White space, and the Hangul fillers U+3164 and U+FFA0: letters to Unicode, but blank on screen, and pages
// use them as blank lines and padding that no space rule would see.
bool IsUnicodeSpace(uint32_t cp) {
  switch (cp) {
    case 0x20: case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0xA0: case 0x1680: case 0x2028:
    case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF: case 0x200B: case 0x3164: case 0xFFA0:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace

void AppendCollapsed(std::string_view s, std::string* out, bool* pending_space) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        *pending_space = true;
      } else {
        if (*pending_space && !out->empty() && out->back() != '\n') out->push_back(' ');
        *pending_space = false;
        out->push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    size_t start = i;
    uint32_t cp = NextCodePoint(s, &i);
    if (IsUnicodeSpace(cp)) {
      // A zero-width space or BOM separates nothing visible; the others are spaces.
      if (cp != 0x200B && cp != 0xFEFF) *pending_space = true;
      continue;
    }
    if (*pending_space && !out->empty() && out->back() != '\n') out->push_back(' ');
    *pending_space = false;
    out->append(s.data() + start, i - start);
  }
}

std::string_view Trim(std::string_view s) {
  // Only ASCII white space and U+00A0 are trimmed here: AppendCollapsed already turned the others into spaces.
  while (!s.empty()) {
    char c = s.front();
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (!s.empty()) {
    char c = s.back();
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

size_t CountCommas(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ',') {
      ++n;
    } else if (c >= 0xD8) {
      size_t j = i;
      uint32_t cp = NextCodePoint(s, &j);
      // U+060C Arabic comma, U+0964 Devanagari danda, U+3001 ideographic comma, U+FF0C full-width comma.
      if (cp == 0x060C || cp == 0x0964 || cp == 0x3001 || cp == 0xFF0C) ++n;
      i = j - 1;
    }
  }
  return n;
}

bool EndsWithSentencePunctuation(std::string_view s) {
  s = Trim(s);
  // Closing quotes and brackets may follow the full stop.
  static constexpr std::string_view kClosers[] = {"\"", "'", ")", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB",
                                                  "\xE3\x80\x8D"};
  for (int guard = 0; guard < 3; ++guard) {
    bool stripped = false;
    for (std::string_view c : kClosers) {
      if (s.size() > c.size() && s.substr(s.size() - c.size()) == c) {
        s.remove_suffix(c.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  static constexpr std::string_view kEnders[] = {".", "!", "?", ":", ";", "\xE2\x80\xA6", "\xE3\x80\x82",
                                                 "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xE0\xA5\xA4", "\xE0\xA5\xA5"};
  for (std::string_view e : kEnders) {
    if (s.size() >= e.size() && s.substr(s.size() - e.size()) == e) return true;
  }
  return false;
}

TextMeasurer::TextMeasurer(icu::BreakIterator* words) : words_(words) {}
TextMeasurer::~TextMeasurer() = default;

std::unique_ptr<TextMeasurer> TextMeasurer::CreatePrototype() {
  UErrorCode status = U_ZERO_ERROR;
  // The root locale's word rules segment every script; Chinese, Japanese and Thai use ICU's dictionaries.
  icu::BreakIterator* bi = icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status);
  if (U_FAILURE(status) || bi == nullptr) {
    delete bi;
    return nullptr;
  }
  return std::unique_ptr<TextMeasurer>(new TextMeasurer(bi));
}

std::unique_ptr<TextMeasurer> TextMeasurer::Clone() const {
  return std::unique_ptr<TextMeasurer>(new TextMeasurer(words_->clone()));
}

size_t TextMeasurer::CountWords(std::string_view s) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    size_t words = 0;
    bool in_word = false;
    for (char c : s) {
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (alnum && !in_word) ++words;
      in_word = alnum || (in_word && (c == '\'' || c == '-'));
    }
    return words;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
  if (U_FAILURE(status)) return 0;
  words_->setText(ut, status);
  size_t words = 0;
  if (U_SUCCESS(status)) {
    for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; end = words_->next()) {
      // UBRK_WORD_NONE marks spaces and punctuation; everything else (letters, numbers, kana, ideographs) is a word.
      if (words_->getRuleStatus() != UBRK_WORD_NONE) ++words;
    }
  }
  utext_close(ut);
  return words;
}

bool NeedsWordSegmentation(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0xE0) continue;
    size_t j = i;
    uint32_t cp = NextCodePoint(s, &j);
    i = j - 1;
    // Thai, Lao, Tibetan, Myanmar, Khmer, and CJK (kana, ideographs, compatibility ideographs, extension B+).
    if ((cp >= 0x0E00 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || cp >= 0x20000) {
      return true;
    }
  }
  return false;
}

double TextMeasurer::EffectiveLength(std::string_view s) {
  size_t chars = CountCodePoints(s);
  // Space-separated scripts (Latin, Cyrillic, Devanagari, Arabic...): characters already measure well, and ICU would
  // cost time for the same answer. Devanagari counts its vowel signs as characters, which puts a Hindi word at about
  // the length of an English one.
  if (chars == s.size() || !NeedsWordSegmentation(s)) return static_cast<double>(chars);
  double by_words = static_cast<double>(CountWords(s)) * kCharsPerWord;
  return by_words > static_cast<double>(chars) ? by_words : static_cast<double>(chars);
}

}  // namespace cleaner

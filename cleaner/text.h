// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Text measures shared by the stages: whitespace normalisation, and lengths that are fair across scripts.

#ifndef CLEANER_TEXT_H_
#define CLEANER_TEXT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace cleaner {

// Appends `s` to `out` with runs of Unicode white space (including U+00A0 and other spaces) collapsed to one
// ASCII space, and zero-width spaces (U+200B) and byte order marks (U+FEFF) dropped; `*pending_space` carries
// a space across calls so that inline runs join with correct spacing.
void AppendCollapsed(std::string_view s, std::string* out, bool* pending_space);

// Trims ASCII white space and U+00A0 at both ends (AppendCollapsed has already turned other spaces into ASCII).
std::string_view Trim(std::string_view s);

// Number of code points.
size_t CountCodePoints(std::string_view s);

// Clause punctuation: ASCII commas plus the full-width and ideographic comma, the Arabic comma, and the Devanagari
// danda, which Hindi uses where other languages use a full stop.
size_t CountCommas(std::string_view s);

// True if the text ends like a sentence (. ! ? … 。 ！ ？ । ” or a closing quote after one).
bool EndsWithSentencePunctuation(std::string_view s);

// True if `s` holds a script written without spaces between words (Chinese, Japanese, Thai, ...).
bool NeedsWordSegmentation(std::string_view s);

// Measures text length in a way that is fair across scripts. Latin, Cyrillic or Devanagari text separates words
// with spaces, so its length in characters is a good measure; Chinese and Japanese do not, and one ideograph
// carries about as much as a short word. A TextMeasurer counts words with ICU's word BreakIterator for text that
// is not ASCII (ASCII text is counted without ICU, which is much faster) and turns them into an equivalent length
// in characters: kCharsPerWord characters per word, the mean for English including the space.
//
// Not thread-safe: each extraction clones its own from a prototype (creating one from scratch costs far more).
class TextMeasurer {
 public:
  static constexpr double kCharsPerWord = 6.0;

  // A prototype for `Clone`. Returns null if ICU's data is missing.
  static std::unique_ptr<TextMeasurer> CreatePrototype();
  std::unique_ptr<TextMeasurer> Clone() const;
  ~TextMeasurer();

  // Words in `s`: runs of letters, digits or ideographs, as ICU segments them.
  size_t CountWords(std::string_view s);

  // Length of `s` in equivalent Latin characters (see the class comment).
  double EffectiveLength(std::string_view s);

 private:
  explicit TextMeasurer(icu::BreakIterator* words);
  std::unique_ptr<icu::BreakIterator> words_;
};

}  // namespace cleaner

#endif  // CLEANER_TEXT_H_

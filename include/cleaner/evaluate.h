// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The quality metric of the ScrapingHub article-extraction-benchmark, as ../shared/bench/score (outside this
// repository) computes it, so that cleaner's own tests and `cleaner eval` need nothing outside the library.
// Every function here is pure: safe from any number of threads. Figures agree with the
// script's to the last bit or two (the script averages with exact fractions).

#ifndef CLEANER_EVALUATE_H_
#define CLEANER_EVALUATE_H_

#include <string>
#include <string_view>
#include <vector>

namespace cleaner {

struct PageScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  bool exact = false;  // the token sequences are equal (Aggregate: on every page)
  // The script's "exact"/"accuracy": for one page 0 or 1, for Aggregate the share of exact pages. NaN for
  // snippet scores, which have no notion of it.
  double accuracy = 0;
  // Pages scored: for one page 0 when its truth has no tokens (the script skips such pages, so Aggregate does
  // too), else 1; for Aggregate the number of pages that entered the means.
  int pages = 1;
  // False when the prediction has no tokens. The script leaves such pages out of mean precision (though they
  // count, as 0, in mean recall), so a missing extraction costs recall but not precision.
  bool has_prediction = true;
};

// Splits `text` (UTF-8) into the tokens of Python's `re.findall(r"\w+", text)`: runs of characters of general
// category L* or N*, and `_`. Marks (Mn, Mc, Me) are not word characters there, so a Devanagari word splits
// at its vowel signs and viramas; other connector punctuation than `_` splits too. Case is kept. Categories
// are those of the reference Python's Unicode version (14.0), so characters assigned later never form tokens.
// Invalid UTF-8 acts as U+FFFD, as in the script's `errors='replace'` reading: it separates tokens.
std::vector<std::string> Tokenize(std::string_view text);

// `text` as lines compared for regression tests (golden outputs, `cleaner eval`): runs of spaces, tabs and CRs
// become one space, line ends are stripped and blank lines dropped, so that a change in how white space is
// emitted is not a change of output.
std::vector<std::string> NormalizedLines(std::string_view text);

// Scores one prediction against its truth: 4-gram shingles of the tokens (or the whole token list as a single
// shingle when there are fewer than 4), counted as multisets; per-page true/false positives and negatives
// normalised to sum 1. f1 is the page's 2pr / max(1e-9, p + r), the script's per-page figure.
PageScore ScorePage(std::string_view predicted, std::string_view truth);

// Mean precision (over pages with a prediction) and mean recall (over all pages), F1 as their harmonic mean,
// accuracy as the share of exact pages. Pages with `pages == 0` are skipped.
PageScore Aggregate(const std::vector<PageScore>& pages);

// For datasets judged by snippets (snippets/ID.json with "with" and "without" lists) rather than full truth.
struct SnippetCounts {
  int true_positives = 0;   // "with" snippets found in the prediction
  int false_negatives = 0;  // "with" snippets not found
  int false_positives = 0;  // "without" snippets found
  int pages = 0;

  SnippetCounts& operator+=(const SnippetCounts& other);
};

// Scores one page the way trafilatura does: after whitespace runs (Python's `\s+`) are collapsed to one space
// and the ends stripped, in both the prediction and each snippet, a snippet counts as found when it is a
// substring of the prediction. An empty snippet is always found. `pages` is 1.
SnippetCounts ScoreSnippets(std::string_view predicted, const std::vector<std::string>& with,
                            const std::vector<std::string>& without);

// Precision tp / (tp + fp), recall tp / (tp + fn) and F1 2tp / (2tp + fp + fn) of counts summed over a
// dataset (each 0 when its denominator is); accuracy is NaN.
PageScore SnippetScore(const SnippetCounts& counts);

}  // namespace cleaner

#endif  // CLEANER_EVALUATE_H_

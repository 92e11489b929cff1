// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Mirrors shared/bench/score step by step, so that figures computed here can be compared with the published
// ones. Where the script's choices look arbitrary (which pages enter which mean, when a page is "exact", how
// bytes decode) they are kept on purpose: agreement matters more than taste.

#include "cleaner/evaluate.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleaner/decode.h"

namespace cleaner {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at `*pos` and advances past it. Invalid input yields U+FFFD for each maximal
// subpart of an ill-formed sequence (Unicode's recommended practice, which Python's errors='replace'
// follows): the bytes that could still have begun a valid sequence are consumed together, and the first byte
// that breaks it is left to start the next one, so a stray lead byte never swallows a following ASCII letter.
char32_t NextCodePoint(std::string_view text, size_t* pos) {
  const size_t n = text.size();
  size_t i = *pos;
  const auto b0 = static_cast<unsigned char>(text[i++]);
  if (b0 < 0x80) {
    *pos = i;
    return b0;
  }
  if (b0 < 0xC2 || b0 > 0xF4) {  // continuation bytes, overlong two-byte leads, beyond U+10FFFF
    *pos = i;
    return kReplacement;
  }
  int need;
  char32_t cp;
  if (b0 < 0xE0) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    need = 2;
    cp = b0 & 0x0F;
  } else {
    need = 3;
    cp = b0 & 0x07;
  }
  // The second byte's range also rules out overlong forms, surrogates (ED A0..BF) and code points past
  // U+10FFFF, so those are rejected at the second byte, as Python does, not after the whole sequence.
  unsigned lo = 0x80, hi = 0xBF;
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;
  for (int k = 0; k < need; ++k) {
    if (i >= n) {
      *pos = i;
      return kReplacement;
    }
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < lo || b > hi) {
      *pos = i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
    ++i;
    lo = 0x80;
    hi = 0xBF;
  }
  *pos = i;
  return cp;
}

// Python 3.11's `\w` for str patterns: str.isalnum() or '_'. That is exactly general category L* or N* in
// Unicode 14.0; ICU may know a newer Unicode, so characters assigned after 14.0 are excluded by age (the
// categories of characters already assigned in 14.0 did not change in ways that matter here).
bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
  }
  const auto c = static_cast<UChar32>(cp);
  if ((U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) == 0) return false;
  UVersionInfo age;
  u_charAge(c, age);
  return age[0] < 14 || (age[0] == 14 && age[1] == 0);
}

// Python's `\s` (and str.isspace) for str: what `re.sub(r'\s+', ' ', ...)` and `.strip()` treat as blank.
bool IsPythonSpace(char32_t cp) {
  if (cp < 0x80) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// Views into `text`; Tokenize copies them, scoring does not need to.
std::vector<std::string_view> TokenizeViews(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t start = std::string_view::npos;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t here = pos;
    const char32_t cp = NextCodePoint(text, &pos);
    // Word characters are always well-formed sequences, so a token's bytes are exactly its characters.
    if (cp != kReplacement && IsWordChar(cp)) {
      if (start == std::string_view::npos) start = here;
    } else if (start != std::string_view::npos) {
      tokens.push_back(text.substr(start, here - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) tokens.push_back(text.substr(start));
  return tokens;
}

// The script's norm(): decoded as with errors='replace', whitespace runs to one space, ends stripped. The
// result is valid UTF-8, so a byte-wise substring test on it agrees with Python's `in` on code points.
std::string NormalizeWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = NextCodePoint(text, &pos);
    if (IsPythonSpace(cp)) {
      pending_space = !out.empty();  // leading blanks vanish with strip()
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendCodePoint(cp, &out);
  }
  return out;  // trailing blanks were never written
}

// Maps token text to small integers shared by truth and prediction, so shingles compare as fixed-size keys.
class Interner {
 public:
  std::vector<uint32_t> Ids(const std::vector<std::string_view>& tokens) {
    std::vector<uint32_t> ids;
    ids.reserve(tokens.size());
    for (const std::string_view token : tokens) {
      const auto inserted = ids_.emplace(token, static_cast<uint32_t>(ids_.size()));
      ids.push_back(inserted.first->second);
    }
    return ids;
  }

 private:
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// Unused slots of a short text's single shingle; no token gets this id, so a 3-token shingle can never equal
// a 4-token one, as tuples of different lengths never are equal in the script.
constexpr uint32_t kNoToken = std::numeric_limits<uint32_t>::max();

using Shingle = std::array<uint32_t, 4>;

struct ShingleHash {
  size_t operator()(const Shingle& s) const {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (const uint32_t id : s) {
      h ^= id;
      h *= 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    return static_cast<size_t>(h);
  }
};

using ShingleCounts = std::unordered_map<Shingle, int64_t, ShingleHash>;

// The script's shingles(): a multiset of the 4-grams, or of the one shorter tuple when there are fewer than
// four tokens; no shingle at all for no tokens.
ShingleCounts Shingles(const std::vector<uint32_t>& ids) {
  ShingleCounts counts;
  if (ids.empty()) return counts;
  if (ids.size() < 4) {
    Shingle s = {kNoToken, kNoToken, kNoToken, kNoToken};
    for (size_t i = 0; i < ids.size(); ++i) s[i] = ids[i];
    ++counts[s];
    return counts;
  }
  counts.reserve(ids.size() - 3);
  for (size_t i = 0; i + 4 <= ids.size(); ++i) ++counts[Shingle{ids[i], ids[i + 1], ids[i + 2], ids[i + 3]}];
  return counts;
}

// The script's precision() and recall() on normalised counts, including their conventions for the empty
// cases: nothing wrong at all scores 1, nothing right and nothing to compare scores 0.
double Precision(double tp, double fp, double fn) {
  if (fp == 0 && fn == 0) return 1.0;
  if (tp == 0 && fp == 0) return 0.0;
  return tp / (tp + fp);
}

double Recall(double tp, double fp, double fn) {
  if (fp == 0 && fn == 0) return 1.0;
  if (tp == 0 && fn == 0) return 0.0;
  return tp / (tp + fn);
}

// The script averages with statistics.mean, i.e. exactly; Neumaier summation in long double keeps the error
// of a sum over a few thousand pages far below a double's last bit, so only the final rounding can differ.
class Mean {
 public:
  void Add(double x) {
    const long double v = x;
    const long double t = sum_ + v;
    if (std::abs(sum_) >= std::abs(v)) {
      compensation_ += (sum_ - t) + v;
    } else {
      compensation_ += (v - t) + sum_;
    }
    sum_ = t;
    ++count_;
  }
  int count() const { return count_; }
  double Get() const { return count_ == 0 ? 0.0 : static_cast<double>((sum_ + compensation_) / count_); }

 private:
  long double sum_ = 0;
  long double compensation_ = 0;
  int count_ = 0;
};

}  // namespace

std::vector<std::string> Tokenize(std::string_view text) {
  const std::vector<std::string_view> views = TokenizeViews(text);
  return std::vector<std::string>(views.begin(), views.end());
}

PageScore ScorePage(std::string_view predicted, std::string_view truth) {
  Interner interner;
  const std::vector<uint32_t> truth_ids = interner.Ids(TokenizeViews(truth));
  const std::vector<uint32_t> predicted_ids = interner.Ids(TokenizeViews(predicted));
  const ShingleCounts truth_shingles = Shingles(truth_ids);
  const ShingleCounts predicted_shingles = Shingles(predicted_ids);

  // Integer sums are exact, as the script's float sums of small integers are.
  int64_t tp = 0, fp = 0, fn = 0;
  for (const auto& [shingle, a] : truth_shingles) {
    const auto it = predicted_shingles.find(shingle);
    const int64_t b = it == predicted_shingles.end() ? 0 : it->second;
    tp += std::min(a, b);
    fp += std::max<int64_t>(0, b - a);
    fn += std::max<int64_t>(0, a - b);
  }
  for (const auto& [shingle, b] : predicted_shingles) {
    if (truth_shingles.count(shingle) == 0) fp += b;
  }
  // Normalised to sum 1 before precision and recall are taken, exactly as the script does, so that the
  // divisions round the same way.
  double ntp = static_cast<double>(tp), nfp = static_cast<double>(fp), nfn = static_cast<double>(fn);
  const double sum = ntp + nfp + nfn;
  if (sum > 0) {
    ntp /= sum;
    nfp /= sum;
    nfn /= sum;
  }

  PageScore score;
  score.precision = Precision(ntp, nfp, nfn);
  score.recall = Recall(ntp, nfp, nfn);
  score.f1 = 2 * score.precision * score.recall / std::max(1e-9, score.precision + score.recall);
  score.exact = truth_ids == predicted_ids;
  score.accuracy = score.exact ? 1.0 : 0.0;
  score.pages = truth_ids.empty() ? 0 : 1;
  score.has_prediction = !predicted_ids.empty();
  return score;
}

PageScore Aggregate(const std::vector<PageScore>& pages) {
  Mean precision, recall;
  int scored = 0, exact = 0;
  for (const PageScore& page : pages) {
    if (page.pages == 0) continue;
    ++scored;
    exact += page.exact ? 1 : 0;
    // The script's filters tp + fp > 0 and tp + fn > 0: with a non-empty truth the first means "the
    // prediction has tokens" and the second always holds.
    if (page.has_prediction) precision.Add(page.precision);
    recall.Add(page.recall);
  }
  PageScore total;
  total.precision = precision.Get();
  total.recall = recall.Get();
  const double sum = total.precision + total.recall;
  total.f1 = sum > 0 ? 2 * total.precision * total.recall / sum : 0.0;
  total.pages = scored;
  total.exact = scored > 0 && exact == scored;
  // Both counts are exact in a double, so this is the correctly rounded mean statistics.mean returns.
  total.accuracy = scored == 0 ? 0.0 : static_cast<double>(exact) / scored;
  total.has_prediction = precision.count() > 0;
  return total;
}

SnippetCounts& SnippetCounts::operator+=(const SnippetCounts& other) {
  true_positives += other.true_positives;
  false_negatives += other.false_negatives;
  false_positives += other.false_positives;
  pages += other.pages;
  return *this;
}

SnippetCounts ScoreSnippets(std::string_view predicted, const std::vector<std::string>& with,
                            const std::vector<std::string>& without) {
  const std::string out = NormalizeWhitespace(predicted);
  SnippetCounts counts;
  counts.pages = 1;
  for (const std::string& snippet : with) {
    if (out.find(NormalizeWhitespace(snippet)) != std::string::npos) {
      ++counts.true_positives;
    } else {
      ++counts.false_negatives;
    }
  }
  for (const std::string& snippet : without) {
    if (out.find(NormalizeWhitespace(snippet)) != std::string::npos) ++counts.false_positives;
  }
  return counts;
}

PageScore SnippetScore(const SnippetCounts& counts) {
  const double tp = counts.true_positives, fp = counts.false_positives, fn = counts.false_negatives;
  PageScore score;
  score.precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
  score.recall = tp + fn > 0 ? tp / (tp + fn) : 0.0;
  score.f1 = tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0.0;
  score.exact = false;
  score.accuracy = std::numeric_limits<double>::quiet_NaN();
  score.pages = counts.pages;
  return score;
}

std::vector<std::string> NormalizedLines(std::string_view text) {
  std::vector<std::string> lines;
  std::string line;
  bool pending_space = false;
  auto flush = [&] {
    if (!line.empty()) lines.push_back(line);
    line.clear();
    pending_space = false;
  };
  for (char c : text) {
    if (c == '\n') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
    } else {
      if (pending_space && !line.empty()) line.push_back(' ');
      pending_space = false;
      line.push_back(c);
    }
  }
  flush();
  return lines;
}

}  // namespace cleaner

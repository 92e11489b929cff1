// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/text_filter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "cleaner/metadata.h"
#include "cleaner/text.h"

namespace cleaner {
namespace {

// Runs of characters other than spaces and tabs.
size_t SpaceSeparatedWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Edge rules (dates, bylines, sign-offs) apply to this many lines at each end of the text: seeds/001 opens with a
// date banner, seeds/003 ends with a sign-off; none of the benchmark truths starts with three such lines.
constexpr size_t kEdgeLines = 3;
// An edge line longer than this is a sentence, not a banner (in code points).
constexpr size_t kMaxEdgeLine = 160;
// After a block label, lines up to this long without a sentence end, or mostly links, are other stories'
// headlines; at most kMaxBlockLines of them go.
constexpr size_t kMaxHeadline = 200;
constexpr size_t kMaxBlockLines = 12;
// ...or, when the rest of the text after the label is other stories' teasers, all of it goes: at least
// kMinTeasers items, each a link line (the headline) followed by at most kMaxTeaserLines lines without links (a
// summary, the source and date), each at most kMaxTeaserLine bytes ("Related stories:" then twenty headlines with
// their summaries, cleaneval final-307; "Most Popular" above five, readability citylab-1). At least half the items
// have a summary: a label above bare headlines takes the block rule alone (cleaneval final-211, whose truth keeps
// the headlines after the first twelve). The label is no link ("Read More" after a listing's teasers is each
// item's continuation link, cleaneval final-419), and a label above teasers that the article goes on after keeps
// the block rule alone: the items would have to run to the end of the text.
constexpr size_t kMinTeasers = 3;
constexpr size_t kMaxTeaserLines = 3;
constexpr size_t kMaxTeaserLine = 1000;
// ...and at most this many items: the look ahead from each label stays bounded on a page of many labels.
constexpr size_t kMaxTeasers = 64;
// The share of a line's bytes in links that makes it a link line (FilterOptions::drop_link_lines).
constexpr float kLinkLineShare = 0.5f;
// A line this long (bytes) seen twice is a duplicate block, not a repeated short label or heading.
constexpr size_t kMinDuplicate = 40;
// A line of at least this many words that repeats the line just before it is a copy (see KeepFlags).
constexpr size_t kMinAdjacentDuplicateWords = 2;
// ...unless it belongs to a repeated passage: at least this many lines in a row that repeat lines in a row, with
// at least kMinRepeatedBytes of text. That is the page's own text shown twice (a story printed twice, a message
// quoted in full), which the l3s-gn1, cleaneval and wcxb truths keep twice. A run of short lines (a headline and
// its dateline, mailing-list navigation above and below a message, newsgroup headers, a forum signature) is still
// a duplicate. Measured: 300 bytes gains 8 pages and loses none; no minimum loses 4 such pages (fundus 0.9507),
// 600 drops a quoted forum post (wcxb 0.8239 against 0.8244), 1000 two of the stories (l3s 0.9485 against 0.9496).
constexpr size_t kMinRepeatedLines = 2;
constexpr size_t kMinRepeatedBytes = 300;

// Other stories' headlines left at the end of the article without a label (an unnamed <ul> of links after the last
// paragraph, a row of "more" links): at least this many lines in a row that are links alone...
constexpr size_t kMinTrailingLinkLines = 3;
// ...(this share of each line's bytes is link text)...
constexpr float kAllLinksShare = 0.9f;
// ...with at most this many bytes of text outside links after them (a sign-off, "Tags:")...
constexpr size_t kMaxTextAfterTrailingLinks = 100;
// ...right after a paragraph of prose: a line that ends like a sentence (not with ':') and is at least this long
// (bytes). A heading, a label or a short line before the links names them ("Related posts", "More games news:"),
// and the dragnet and readability truths keep such named lists; the l3s-gn1, cleaneval and scrapinghub truths never
// keep the unnamed ones.
constexpr size_t kMinProseBeforeTrailingLinks = 80;
// ...and only when the text before them is this many times longer than the run: a post that is mostly its links
// (a weekly roundup: two paragraphs, then eight links) keeps them.
constexpr size_t kTrailingLinksShareOfText = 2;

// Key for comparing a heading with the title: letters, marks and digits only, lower-cased, so that punctuation
// and permalink signs ("Title¶", "Title #") do not hide a repeat.
std::string Key(std::string_view s) {
  std::string k;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (!(u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK))) continue;
    c = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    k.append(buf, static_cast<size_t>(len));
  }
  return k;
}

// A tail line without its digits, lower-cased (ASCII): "Comments (2)" and "comments (0)" are one label.
std::string TailKey(std::string_view text) {
  std::string k;
  for (char c : text) {
    if (c >= '0' && c <= '9') continue;
    k += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return k;
}

bool IsDuplicateCandidate(const Line& line) {
  return line.block != Tag::kPre && line.text.size() >= kMinDuplicate;
}

// Marks the lines (among those not dropped) that repeat an earlier line as part of a repeated passage (see
// kMinRepeatedLines): runs of consecutive lines whose first occurrences are consecutive too. Only a passage's
// second copy counts: a page that prints it a third time (or 2000 times) is not printing a story twice.
std::vector<uint8_t> RepeatedPassages(const std::vector<Line>& lines, const std::vector<uint8_t>& drop) {
  std::vector<uint8_t> repeated(lines.size(), 0);
  std::vector<size_t> shown;  // indices of the lines not dropped
  for (size_t i = 0; i < lines.size(); ++i)
    if (!drop[i]) shown.push_back(i);
  // For each shown line (by position in `shown`), the position of its first occurrence if it repeats one.
  constexpr size_t kNone = SIZE_MAX;
  std::vector<size_t> first(shown.size(), kNone);
  struct Seen {
    size_t first;  // position of the first occurrence
    size_t count;  // occurrences so far
  };
  std::unordered_map<std::string_view, Seen> at;
  for (size_t k = 0; k < shown.size(); ++k) {
    const Line& line = lines[shown[k]];
    if (!IsDuplicateCandidate(line)) continue;
    auto [it, fresh] = at.emplace(line.text, Seen{k, 1});
    if (!fresh && ++it->second.count == 2) first[k] = it->second.first;
  }
  for (size_t a = 0; a < shown.size();) {
    if (first[a] == kNone) {
      ++a;
      continue;
    }
    size_t b = a + 1, bytes = lines[shown[a]].text.size();
    while (b < shown.size() && first[b] != kNone && first[b] == first[b - 1] + 1) bytes += lines[shown[b++]].text.size();
    if (b - a >= kMinRepeatedLines && bytes >= kMinRepeatedBytes)
      for (size_t k = a; k < b; ++k) repeated[shown[k]] = 1;
    a = b;
  }
  return repeated;
}

// True if `text` holds a time ("10:45", "10.45 AM", "9 a.m.") or a date: in numbers ("22/11/24", "22.11.24") or
// with a month's name (metadata's FindDateInText, any year). Not a figure: "3.9 percent", "3,000", "$12.99",
// "4.15", "version 2.10", "2-1", "50/50", "24/7" (a dotted time needs "am" or "pm" after it, a numeric date
// its three parts), so "Veröffentlicht am 22.11." and "Posted 12/05." are not read either.
bool HoldsDateOrTime(std::string_view text) {
  auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  auto lower = [&](size_t k) { return k < text.size() ? std::tolower(static_cast<unsigned char>(text[k])) : 0; };
  for (size_t i = 0; i < text.size();) {
    if (!digit(i)) {
      ++i;
      continue;
    }
    size_t end = i;
    while (digit(end)) ++end;
    if (end - i <= 2 && end < text.size()) {
      size_t next = end + 1;
      while (digit(next)) ++next;
      const size_t after = next - end - 1;
      const char sep = text[end];
      if (sep == ':' && after == 2) return true;  // 10:45
      if ((sep == '/' || sep == '-' || sep == '.') && (after == 1 || after == 2) && next < text.size() &&
          text[next] == sep && digit(next + 1)) {
        size_t year = next + 1;
        while (digit(year)) ++year;
        if (year - next - 1 == 2 || year - next - 1 == 4) return true;  // 22/11/24, 22.11.2024, 22-11-24
      }
      size_t k = (sep == '.' && after == 2) ? next : end;  // "10.45 AM": after the minutes
      while (k < text.size() && text[k] == ' ') ++k;
      if (lower(k) == 'a' || lower(k) == 'p') {  // 9 a.m., 10 pm
        size_t m = k + 1;
        if (m < text.size() && text[m] == '.') ++m;
        if (lower(m) == 'm' &&
            (m + 1 == text.size() || !std::isalpha(static_cast<unsigned char>(text[m + 1]))))
          return true;
      }
    }
    i = end;
  }
  return !FindDateInText(text, /*today=*/99991231).empty();
}

// True if the last word of `text` (before its final punctuation) is a time, a number or an abbreviation ("10:45
// a.m.", "Nov. 3.", "Jr."): a full stop there need not end a sentence.
bool EndsWithAbbreviationOrNumber(std::string_view text) {
  text = Trim(text);
  const size_t space = text.find_last_of(' ');
  std::string_view word = space == std::string_view::npos ? text : text.substr(space + 1);
  while (!word.empty() && (word.back() == '.' || word.back() == ')' || word.back() == ',')) word.remove_suffix(1);
  if (word.find_first_of("0123456789.") != std::string_view::npos) return true;
  return CountCodePoints(word) <= 2 && !word.empty() && static_cast<unsigned char>(word[0]) < 0x80;
}

// Edge rules describe banners: short lines. A dateline or byline (meta) rule also never takes a line that ends
// like a sentence ("Updated figures will be published by the board, officials said.", "Published in 1851, the
// novel sold poorly.", "रिपोर्ट में यह बात सामने आई।"), unless what ends it is a time, a number or an
// abbreviation and the line holds a date or a time ("Updated 10:45 a.m.", "Published November 3, 2024."): else
// it is a sentence about a year or a figure ("Published in 1851, the novel had sold only 3,000 copies by 1855.",
// "Updated figures show unemployment fell to 3.9 percent in 2024."). Edge rules may (newsletter prompts are
// sentences).
bool IsBanner(const Line& line, uint8_t kinds, uint8_t edge_kinds) {
  if (CountCodePoints(line.text) > kMaxEdgeLine) return false;
  if (kinds & edge_kinds & Rules::kEdge) return true;
  if (!EndsWithSentencePunctuation(line.text)) return true;
  return EndsWithAbbreviationOrNumber(line.text) && HoldsDateOrTime(line.text);
}

// A line that is mostly link text: another page's headline, a menu entry, a tag list.
bool IsLinkLine(const Line& line) {
  return !line.text.empty() && line.link_chars >= kLinkLineShare * static_cast<float>(line.text.size());
}

bool IsAllLinks(const Line& line) {
  return !line.text.empty() && line.link_chars >= kAllLinksShare * static_cast<float>(line.text.size());
}

size_t TextOutsideLinks(const Line& line) {
  const float rest = static_cast<float>(line.text.size()) - line.link_chars;
  return rest > 0 ? static_cast<size_t>(rest) : 0;
}

// Drops runs of link lines at the end of the text (before `end`) that follow a paragraph of prose: see
// kMinTrailingLinkLines.
void DropTrailingLinks(const std::vector<Line>& lines, size_t end, std::vector<uint8_t>* drop) {
  std::vector<size_t> kept;
  for (size_t i = 0; i < end; ++i)
    if (!(*drop)[i]) kept.push_back(i);
  size_t after = 0;
  for (size_t k = kept.size(); k-- > 0;) {
    if (!IsAllLinks(lines[kept[k]])) {
      after += TextOutsideLinks(lines[kept[k]]);
      if (after > kMaxTextAfterTrailingLinks) return;
      continue;
    }
    size_t first = k;
    while (first > 0 && IsAllLinks(lines[kept[first - 1]])) --first;
    if (k + 1 - first >= kMinTrailingLinkLines && first > 0) {
      const Line& prev = lines[kept[first - 1]];
      size_t run_bytes = 0, text_before = 0;
      for (size_t j = first; j <= k; ++j) run_bytes += lines[kept[j]].text.size();
      for (size_t j = 0; j < first; ++j) text_before += lines[kept[j]].text.size();
      if (!IsHeading(prev.block) && prev.text.size() >= kMinProseBeforeTrailingLinks && prev.text.back() != ':' &&
          EndsWithSentencePunctuation(prev.text) && run_bytes * kTrailingLinksShareOfText <= text_before) {
        for (size_t j = first; j <= k; ++j) (*drop)[kept[j]] = 1;
      }
    }
    for (size_t j = first; j <= k; ++j) after += TextOutsideLinks(lines[kept[j]]);
    if (after > kMaxTextAfterTrailingLinks) return;
    k = first;
  }
}

// Where the teasers after a label that starts at `start` end: `end` if the lines from `start` to `end` are all
// teaser items (see kMinTeasers), else `start`. Teasers come in one shape: the last item has no more lines than
// some item before it, so that paragraphs of the article after a mid-text list are no summary of its last item.
size_t TeaserRunEnd(const std::vector<Line>& lines, const std::vector<uint8_t>& kinds, size_t start, size_t end) {
  // The run ends at the next label, which opens a block of its own ("Most popular" after "Related stories"); the
  // teasers must then run up to it, and the rest after it is that label's to take or leave.
  for (size_t k = start; k < end; ++k) {
    if (kinds[k] & Rules::kBlock) {
      end = k;
      break;
    }
  }
  size_t j = start, items = 0, with_summary = 0, most_lines = 0, last_lines = 0;
  while (j < end) {
    if (!IsLinkLine(lines[j]) || items == kMaxTeasers) return start;
    size_t k = j + 1;
    while (k < end && !IsLinkLine(lines[k])) {
      if (k - j > kMaxTeaserLines || lines[k].text.size() > kMaxTeaserLine) return start;
      ++k;
    }
    most_lines = std::max(most_lines, last_lines);
    last_lines = k - j - 1;
    ++items;
    if (last_lines > 0) ++with_summary;
    j = k;
  }
  return items >= kMinTeasers && with_summary * 2 >= items && last_lines <= most_lines ? end : start;
}

bool IsHeadlineLike(const Line& line) {
  if (IsLinkLine(line)) return true;
  return CountCodePoints(line.text) <= kMaxHeadline && !EndsWithSentencePunctuation(line.text);
}

// For lines of text (no images): 1 for each line the filter keeps.
std::vector<uint8_t> KeepFlags(const Rules& rules, std::string_view language, std::string_view title,
                               const FilterOptions& options, const std::vector<Line>& lines) {
  const uint8_t edge_kinds = options.drop_meta_lines ? (Rules::kEdge | Rules::kMeta) : Rules::kEdge;
  const size_t n = lines.size();
  std::vector<uint8_t> kinds(n), drop(n, 0);
  size_t total_chars = 0;
  for (size_t i = 0; i < n; ++i) {
    // Lines of preformatted text are code or verse, not page furniture: no rule applies to them ("}" and "```"
    // have no letters, and a repeated line of code is not a duplicate block).
    if (lines[i].block != Tag::kPre) kinds[i] = rules.ClassifyLine(lines[i].text, language);
    total_chars += lines[i].text.size();
  }
  // Tail: the first tail line with enough text before it ends the article. A tail label that comes again further
  // down (digits aside: "Comments (1)" ... "Comments (0)") closes each post of a blog's front page, not the article:
  // only its last occurrence cuts (cleaneval final-179 +0.145, no other page moves).
  std::unordered_map<std::string, size_t> last_tail;  // TailKey -> the last tail line with it
  for (size_t i = 0; i < n; ++i)
    if (kinds[i] & Rules::kTail) last_tail[TailKey(lines[i].text)] = i;
  size_t end = n, chars_before = 0;
  for (size_t i = 0; i < n; ++i) {
    if (options.cut_tail && (kinds[i] & Rules::kTail) && i > 0 && last_tail[TailKey(lines[i].text)] == i &&
        static_cast<double>(chars_before) >= Rules::kTailStart * static_cast<double>(total_chars)) {
      end = i;
      break;
    }
    chars_before += lines[i].text.size();
  }
  for (size_t i = end; i < n; ++i) drop[i] = 1;
  for (size_t i = 0; i < end; ++i) {
    const Line& line = lines[i];
    if ((kinds[i] & Rules::kLine)) drop[i] = 1;
    if (options.drop_link_lines && IsLinkLine(line)) drop[i] = 1;
    if ((kinds[i] & edge_kinds) && (i < kEdgeLines || i + kEdgeLines >= end) &&
        IsBanner(line, kinds[i], edge_kinds)) {
      drop[i] = 1;
    }
    if ((kinds[i] & (Rules::kBlock | Rules::kTail))) {
      // A label: it goes with the headlines after it. A label followed by prose is only a heading that happens to
      // read like one ("Related" as the name of a section): then it stays.
      size_t j = i + 1;
      while (j < end && j - i <= kMaxBlockLines && IsHeadlineLike(lines[j])) ++j;
      if ((kinds[i] & Rules::kBlock) && j < end && !IsLinkLine(lines[i]))
        j = std::max(j, TeaserRunEnd(lines, kinds, i + 1, end));
      if (j > i + 1 || j == end) {
        for (size_t k = i; k < j; ++k) drop[k] = 1;
        i = j - 1;
      }
    }
  }
  if (options.cut_tail) DropTrailingLinks(lines, end, &drop);
  // Edge rules again at the new edges: a sign-off above a removed tail ("(एजेंसी)" then "Related Post") is at the
  // end once the tail is gone.
  size_t last = end;
  for (size_t seen = 0; last > 0 && seen < kEdgeLines; ) {
    --last;
    if (drop[last]) continue;
    if ((kinds[last] & edge_kinds) && IsBanner(lines[last], kinds[last], edge_kinds)) {
      drop[last] = 1;
      continue;
    }
    ++seen;
  }

  const std::vector<uint8_t> repeated = RepeatedPassages(lines, drop);
  const std::string title_key = Key(title);
  std::unordered_map<std::string, bool> seen;  // lines shown so far: whether the first one was a link line
  size_t kept = 0;
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t last_kept = kNone;
  std::vector<uint8_t> keep(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    if (drop[i]) continue;
    // The title repeated as the article's first heading or line (the title is printed on its own, if asked for).
    if (kept < kEdgeLines && !title_key.empty() && Key(line.text) == title_key) continue;
    // A line right after the same line, in the same kind of block, is one element printed twice (a
    // hero heading in its desktop and mobile versions, a date label under each of a gallery's thumbnails): the copy
    // goes. Link lines stay (a list may name one page twice), and so do single words ("Yes" in a row of answers).
    // Measured: wcxb +0.0003 (2833, 4762), l3s-gn1 +0.0002 (693c707d), scrapinghub, readability +0.0001, cleaneval
    // +0.00003; no page lower. Single words too: 3 pages lower (l3s-gn1 9ad17d48 -0.003, cleaneval final-468).
    // Sparing paragraphs and list items without digits (below) costs cleaneval final-105 0.0002.
    // In paragraphs, list items and quotes only a line with a digit goes (a date or a price under each thumbnail of a
    // gallery: l3s-gn1 693c707d, -0.076 without it): a refrain of a song or a poem ("Na na na<br>Na na na") and a
    // list that says one thing twice are written so on purpose.
    const bool prose_block = line.block == Tag::kP || line.block == Tag::kLi || line.block == Tag::kDt ||
                             line.block == Tag::kDd || line.block == Tag::kBlockquote;
    if (last_kept != kNone && line.block != Tag::kPre &&
        (!prose_block || line.text.find_first_of("0123456789") != std::string::npos) &&
        lines[last_kept].block == line.block && lines[last_kept].text == line.text &&
        SpaceSeparatedWords(line.text) >= kMinAdjacentDuplicateWords && !IsLinkLine(line)) {
      continue;
    }
    // A long line repeated verbatim is a duplicate block (a teaser and its article, a caption shown twice). A
    // heading that repeats a link line is a section that a table of contents named first (wcxb 4877, cleaneval
    // final-670 and final-770: "Jump to" lists of the headings below): the heading stays. Measured: wcxb +0.0002,
    // cleaneval +0.0002, nothing lower. Dropping the contents' line instead cost readability (topicseed-1) more.
    if (IsDuplicateCandidate(line)) {
      auto [it, fresh] = seen.emplace(line.text, IsLinkLine(line));
      if (!fresh && !repeated[i] && !(IsHeading(line.block) && it->second)) continue;
    }
    keep[i] = 1;
    ++kept;
    last_kept = i;
  }
  return keep;
}

// A line that went on the element of a dropped line after a <br> starts its own (Block::continues).
void ClearOrphanedBreaks(const std::vector<uint8_t>& keep, std::vector<Line>* lines) {
  for (size_t i = 0; i < lines->size(); ++i)
    if ((*lines)[i].after_break && (i == 0 || !keep[i - 1])) (*lines)[i].after_break = false;
}

}  // namespace

FilterReport FilterLines(const Rules& rules, std::string_view language, std::string_view title,
                         const FilterOptions& options, std::vector<Line>* lines) {
  FilterReport report;
  const size_t before = lines->size();
  if (std::none_of(lines->begin(), lines->end(), [](const Line& l) { return l.is_image(); })) {
    const std::vector<uint8_t> keep = KeepFlags(rules, language, title, options, *lines);
    ClearOrphanedBreaks(keep, lines);
    size_t out = 0;
    for (size_t i = 0; i < before; ++i) {
      if (!keep[i]) continue;
      if (out != i) (*lines)[out] = std::move((*lines)[i]);
      ++out;
    }
    lines->resize(out);
    report.dropped = before - out;
    return report;
  }
  // Images are not judged: each stays where it stands unless the text lines on both sides of it go (the
  // thumbnails of a "Related" list go with its headlines).
  std::vector<Line> text;
  std::vector<std::pair<size_t, Line>> images;  // (text lines before it, the image)
  text.reserve(lines->size());
  for (Line& l : *lines) {
    if (l.is_image()) {
      images.emplace_back(text.size(), std::move(l));
    } else {
      text.push_back(std::move(l));
    }
  }
  const std::vector<uint8_t> keep = KeepFlags(rules, language, title, options, text);
  ClearOrphanedBreaks(keep, &text);
  std::vector<Line> out;
  out.reserve(text.size() + images.size());
  size_t next_image = 0;
  auto images_before = [&](size_t k) {
    for (; next_image < images.size() && images[next_image].first == k; ++next_image) {
      if ((k > 0 && keep[k - 1]) || (k < text.size() && keep[k])) out.push_back(std::move(images[next_image].second));
    }
  };
  for (size_t k = 0; k < text.size(); ++k) {
    images_before(k);
    if (keep[k]) out.push_back(std::move(text[k]));
  }
  images_before(text.size());
  report.dropped = before - out.size();
  *lines = std::move(out);
  return report;
}

void RemoveLeadingTitle(std::string_view title, std::vector<Line>* lines) {
  const std::string key = Key(title);
  if (key.empty()) return;
  // The title goes wherever it stands until kEdgeLines other lines have been kept, in one pass: erasing each
  // repeat was quadratic on text that is the title over and over ("short line" 160 000 times: 145 s).
  std::vector<Line>& v = *lines;
  size_t kept = 0, out = 0, i = 0;
  for (; i < v.size() && kept < kEdgeLines; ++i) {
    if (Key(v[i].text) == key) continue;
    if (out != i) v[out] = std::move(v[i]);
    ++out;
    ++kept;
  }
  if (out == i) return;  // nothing removed
  for (; i < v.size(); ++i) v[out++] = std::move(v[i]);
  v.resize(out);
}

std::vector<Line> SplitTextLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view raw = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::string collapsed;
    bool pending = false;
    AppendCollapsed(raw, &collapsed, &pending);
    std::string_view t = Trim(collapsed);
    if (!t.empty() && lines.size() >= kMaxLines) {
      // Over the cap (serialize.h): the rest of the text joins the last line.
      lines.back().text += ' ';
      lines.back().text += t;
    } else if (!t.empty()) {
      Line line;
      line.text = std::string(t);
      lines.push_back(std::move(line));
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string GuessTitle(const std::vector<Line>& lines) {
  if (lines.size() < 2) return {};
  // Skip a leading date banner or similar short line if the next two lines repeat each other (seeds/001).
  for (size_t i = 0; i + 1 < lines.size() && i < 2; ++i) {
    if (Key(lines[i].text) == Key(lines[i + 1].text) && !lines[i].text.empty()) return lines[i].text;
  }
  const Line& first = lines[0];
  const size_t len = CountCodePoints(first.text);
  if (len > 0 && len <= kMaxHeadline && !EndsWithSentencePunctuation(first.text) &&
      CountCodePoints(lines[1].text) > 2 * len) {
    return first.text;
  }
  return {};
}

bool LooksLikeHtml(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 64 * 1024);
  static constexpr std::string_view kMarkers[] = {
      "<!doctype", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<br", "<span", "<a ",
      "<table", "<article", "<section", "<script", "<style", "<link", "<!--", "<h1", "<h2", "<ul", "<li", "<img",
      // Old pages built of these alone (a <font>/<center> page, a table fragment, a frameset) are markup too.
      "<font", "<center", "<tr", "<td", "<frame", "<form", "<h3", "<ol", "<b>", "<i>", "<em>", "<strong>"};
  // At each '<', compare what follows with the markers, case-insensitively: a page says so in its first bytes,
  // and plain text has few '<' (lower-casing the 64 KiB and searching it once per marker cost 1.7% of the run).
  for (size_t at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1)) {
    for (std::string_view m : kMarkers) {
      if (head.size() - at < m.size()) continue;
      size_t k = 1;
      while (k < m.size()) {
        const char c = head[at + k];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c) != m[k]) break;
        ++k;
      }
      if (k < m.size()) continue;
      // A tag name ends there: "<ol" is not "<oliver@example.org>", "<format>", "<header>" or "<lisa@...>".
      const char last = m.back(), next = at + k < head.size() ? head[at + k] : ' ';
      const bool name_ends = !((last >= 'a' && last <= 'z') || (last >= '0' && last <= '9')) || next == ' ' ||
                             next == '>' || next == '/' || next == '\t' || next == '\n' || next == '\r' ||
                             next == '\f';
      if (name_ends) return true;
    }
  }
  return false;
}

}  // namespace cleaner

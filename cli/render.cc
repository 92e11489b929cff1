// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cli/render.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

namespace cleaner::cli {
namespace {

// The host of `url` ("www.example.com"), lower case, without port or credentials; empty if it has none.
std::string Hostname(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  size_t begin = scheme + 3;
  size_t end = url.find_first_of("/?#", begin);
  std::string host = url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  if (!host.empty() && host[0] != '[') {
    size_t colon = host.find(':');
    if (colon != std::string::npos) host.resize(colon);
  }
  for (char& c : host) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
  return host;
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// True if s[i] == '&' starts "&name;" or "&#digits;" / "&#xhex;".
bool StartsReference(const std::string& s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') ++j;
  const size_t start = j;
  while (j < s.size() && j - start < 32 && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
  return j > start && j < s.size() && s[j] == ';';
}

// A backslash before every character that Markdown would read as markup inside a line of text. Escaping all
// of them (CommonMark allows a backslash before any ASCII punctuation) keeps "*nix", "a_b_c" and "[1]"
// literal.
// An '&' that starts what Markdown reads as an entity or character reference ("&copy;", "&#169;") gets one too.
std::string MarkdownEscapeInline(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' ||
        c == '|' || (c == '&' && StartsReference(s, i))) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

// `escaped` (inline-escaped Markdown) with a backslash where its start would open a Markdown block of its own
// ("# ", "- ", "1. ", "> ", "+ ", "=", a code fence).
std::string EscapeLineStart(std::string out) {
  if (out.empty()) return out;
  char c = out[0];
  if (c == '#' || c == '-' || c == '+' || c == '=' || c == '~' || c == '>') return "\\" + out;
  size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) {
    return out.substr(0, digits) + "\\" + out.substr(digits);
  }
  return out;
}

std::string MarkdownEscapeLine(const std::string& s) { return EscapeLineStart(MarkdownEscapeInline(s)); }

// A link target that needs no angle brackets in Markdown: the characters that would end or break it are
// percent-encoded.
std::string MarkdownUrl(const std::string& url) {
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    switch (c) {
      case ' ': out += "%20"; break;
      case '(': out += "%28"; break;
      case ')': out += "%29"; break;
      case '<': out += "%3C"; break;
      case '>': out += "%3E"; break;
      case '|': out += "%7C"; break;  // would end a table cell
      case '\\': out += "%5C"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          static const char kHex[] = "0123456789ABCDEF";
          out += '%';
          out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
          out += kHex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out.push_back(c);
        }
        break;
    }
  }
  return out;
}

// A code span around `code`: a run of backticks longer than any inside it, with spaces where it starts or ends
// with a backtick (CommonMark 6.1).
// In a table cell, '|' is written "\|" even inside the code span (GFM reads the cell boundaries first).
std::string MarkdownCode(std::string_view code, bool in_table) {
  size_t longest = 0, run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !code.empty() && (code.front() == '`' || code.back() == '`');
  std::string body;
  for (char c : code) {
    if (in_table && c == '|') body.push_back('\\');
    body.push_back(c);
  }
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string HtmlEscape(const std::string& s);

// Bytes [begin, end) of a block's text with its spans as markup. `escape` makes plain text safe in the output
// language; `open` and `close` write a span's markup, `code` a whole code span (its content is literal, so nothing
// nests inside it). Spans are nested (see Block::spans); their parts outside [begin, end) are cut off.
template <typename Escape, typename OpenFn, typename CloseFn, typename CodeFn>
std::string RenderInline(const Block& b, size_t begin, size_t end, Escape escape, OpenFn open, CloseFn close,
                         CodeFn code) {
  std::string out;
  std::vector<const Span*> stack;
  size_t pos = begin;
  auto text_to = [&](size_t to) {
    if (to <= pos) return;
    out += escape(b.text.substr(pos, to - pos));
    pos = to;
  };
  auto close_to = [&](size_t at) {
    while (!stack.empty() && std::min(stack.back()->end, end) <= at) {
      text_to(std::min(stack.back()->end, end));
      close(*stack.back(), &out);
      stack.pop_back();
    }
  };
  // Spans are sorted by their start: skip those that start before the range (a cell's spans start inside it).
  auto first = std::lower_bound(b.spans.begin(), b.spans.end(), begin,
                                [](const Span& s, size_t at) { return s.begin < at; });
  for (auto it = first; it != b.spans.end() && it->begin < end; ++it) {
    const Span& s = *it;
    const size_t sb = std::max(s.begin, begin), se = std::min(s.end, end);
    if (sb >= se || sb < pos) continue;  // outside the range, or inside a code span
    close_to(sb);
    text_to(sb);
    if (s.kind == Span::Kind::kCode) {
      code(std::string_view(b.text).substr(sb, se - sb), &out);
      pos = se;
      continue;
    }
    open(s, &out);
    stack.push_back(&s);
  }
  close_to(end);
  text_to(end);
  return out;
}

bool IsAsciiPunctuation(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }
bool IsSpaceOrNone(const std::string& t, size_t i) { return i >= t.size() || t[i] == ' '; }

// True if "*" or "**" around t[begin, end) would be read as emphasis (CommonMark's flanking rules, with ASCII
// punctuation): an opener followed by punctuation needs space or punctuation before it, a closer preceded by
// punctuation needs space or punctuation after it. Otherwise `**Note:**text` would print its asterisks. Only
// t[from, to) is printed (a table cell): the bytes outside it are not what stands beside the delimiters.
bool DelimitersWork(const std::string& t, size_t begin, size_t end, size_t from, size_t to) {
  const bool open_ok = !IsAsciiPunctuation(t[begin]) || begin <= from || t[begin - 1] == ' ' ||
                       IsAsciiPunctuation(t[begin - 1]);
  const bool close_ok =
      !IsAsciiPunctuation(t[end - 1]) || end >= to || IsSpaceOrNone(t, end) || IsAsciiPunctuation(t[end]);
  return open_ok && close_ok;
}

// A block's text (or the part [begin, end) of it) as Markdown inline content. Emphasis that delimiters cannot
// express there is written as <em>/<strong>, which CommonMark passes through.
std::string MarkdownInline(const Block& b, size_t begin, size_t end, bool in_table = false) {
  auto marker = [&b, begin, end](const Span& s, bool open) -> std::string {
    const bool strong = s.kind == Span::Kind::kStrong;
    // The span as printed here: a span that runs over several table cells is cut to this one.
    if (DelimitersWork(b.text, std::max(s.begin, begin), std::min(s.end, end), begin, end)) return strong ? "**" : "*";
    return std::string(open ? "<" : "</") + (strong ? "strong>" : "em>");
  };
  return RenderInline(
      b, begin, end, [](const std::string& t) { return MarkdownEscapeInline(t); },
      [&](const Span& s, std::string* o) {
        if (s.kind != Span::Kind::kLink) {
          *o += marker(s, true);
          return;
        }
        // A '!' of the text right before the link would make it an image ("Wow![click](url)").
        if (!o->empty() && o->back() == '!') o->insert(o->size() - 1, "\\");
        *o += "[";
      },
      [&](const Span& s, std::string* o) {
        *o += s.kind == Span::Kind::kLink ? "](" + MarkdownUrl(s.href) + ")" : marker(s, false);
      },
      [in_table](std::string_view code, std::string* o) { *o += MarkdownCode(code, in_table); });
}

std::string MarkdownLine(const Block& b) { return EscapeLineStart(MarkdownInline(b, 0, b.text.size())); }

// An ATX heading's content with a backslash before a trailing run of '#' that follows a space or is all of it,
// which CommonMark would take for the optional closing sequence and drop ("## Learn C #" is "Learn C").
// "C#" has no space before its '#' and keeps it as it is.
std::string EscapeHeadingEnd(std::string content) {
  size_t end = content.size();
  while (end > 0 && (content[end - 1] == ' ' || content[end - 1] == '\t')) --end;
  size_t run = end;
  while (run > 0 && content[run - 1] == '#') --run;
  if (run < end && (run == 0 || content[run - 1] == ' ' || content[run - 1] == '\t')) content.insert(run, "\\");
  return content;
}

// A block's text as HTML with its spans as elements.
std::string HtmlInline(const Block& b, size_t begin, size_t end) {
  return RenderInline(
      b, begin, end, [](const std::string& t) { return HtmlEscape(t); },
      [](const Span& s, std::string* o) {
        switch (s.kind) {
          case Span::Kind::kEmphasis: *o += "<em>"; break;
          case Span::Kind::kStrong: *o += "<strong>"; break;
          case Span::Kind::kCode: *o += "<code>"; break;
          case Span::Kind::kLink: *o += "<a href=\"" + HtmlEscape(s.href) + "\">"; break;
        }
      },
      [](const Span& s, std::string* o) {
        switch (s.kind) {
          case Span::Kind::kEmphasis: *o += "</em>"; break;
          case Span::Kind::kStrong: *o += "</strong>"; break;
          case Span::Kind::kCode: *o += "</code>"; break;
          case Span::Kind::kLink: *o += "</a>"; break;
        }
      },
      [](std::string_view code, std::string* o) { *o += "<code>" + HtmlEscape(std::string(code)) + "</code>"; });
}

std::string HtmlLine(const Block& b) { return HtmlInline(b, 0, b.text.size()); }

// True if a table row's text starts before its first cell: in a data table a <br> in a cell is a space (the
// serializer), but in a layout table the library ends a line at it, so "<td>c<br>d</td><td>e</td>" makes the row
// two blocks, and the second starts with "d", the rest of the cell that the first block ended in, before the cell
// offset of "e".
bool StartsInACell(const Block& b) {
  return !b.cells.empty() && b.text.find_first_not_of(' ') < std::min(b.cells.front(), b.text.size());
}

// The cells of a table row as [begin, end) byte ranges of its text, trimmed; a row without cell offsets is one
// cell.
std::vector<std::pair<size_t, size_t>> Cells(const Block& b) {
  std::vector<std::pair<size_t, size_t>> cells;
  if (b.cells.empty()) {
    cells.emplace_back(0, b.text.size());
    return cells;
  }
  // Text before the first cell (StartsInACell) is the first range: TableRows joins it to the cell it continues,
  // or, when it cannot tell which, shows it as a cell of its own.
  const size_t lead = std::min(b.cells.front(), b.text.size());
  if (StartsInACell(b)) {
    size_t to = lead;
    while (to > 0 && b.text[to - 1] == ' ') --to;
    cells.emplace_back(b.text.find_first_not_of(' '), to);
  }
  for (size_t k = 0; k < b.cells.size(); ++k) {
    size_t from = std::min(b.cells[k], b.text.size());
    size_t to = k + 1 < b.cells.size() ? std::min(b.cells[k + 1], b.text.size()) : b.text.size();
    if (to < from) to = from;
    while (from < to && b.text[from] == ' ') ++from;
    while (to > from && b.text[to - 1] == ' ') --to;
    cells.emplace_back(from, to);
  }
  return cells;
}

// One cell of a table as printed: the pieces of text of its blocks, [from, to) of `block`'s text each; more than
// one when a <br> cut the cell (see StartsInACell), shown with <br> between them.
struct TablePart {
  const Block* block;
  size_t from, to;
};
struct TableRow {
  std::vector<std::vector<TablePart>> cells;
  bool header = false;
};

// A run of table-row blocks as rows of cells, with the blocks that a <br> in a cell split off (StartsInACell)
// joined back to the row before: their first range goes on the row's last cell, their other cells after it. A
// block is joined only if the row stays no wider than the widest row that is not such a piece; otherwise (the
// first piece of the row was dropped by the line filter, say) it cannot say which row it belongs to and stays
// a row of its own, its leading text in the first column.
std::vector<TableRow> TableRows(const std::vector<const Block*>& blocks) {
  size_t widest = 0;
  for (const Block* b : blocks)
    if (!StartsInACell(*b)) widest = std::max(widest, std::max<size_t>(b->cells.size(), 1));
  std::vector<TableRow> rows;
  for (const Block* b : blocks) {
    const std::vector<std::pair<size_t, size_t>> ranges = Cells(*b);
    size_t k = 0;
    if (StartsInACell(*b) && !rows.empty() && rows.back().cells.size() + b->cells.size() <= widest) {
      TableRow& row = rows.back();
      row.cells.back().push_back({b, ranges[0].first, ranges[0].second});
      row.header = row.header && b->header;
      k = 1;
    } else {
      rows.emplace_back();
      rows.back().header = b->header;
    }
    for (; k < ranges.size(); ++k) rows.back().cells.push_back({{b, ranges[k].first, ranges[k].second}});
  }
  return rows;
}

// A cell's pieces rendered by `render(block, from, to)`, joined with <br> (which Markdown passes through).
template <typename RenderFn>
std::string TableCell(const std::vector<TablePart>& parts, RenderFn render) {
  std::string out;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += "<br>";
    out += render(*parts[k].block, parts[k].from, parts[k].to);
  }
  return out;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c); break;
    }
  }
  return out;
}

// Calls f(line) for each line of `text` (lines end with '\n'; the last may not).
template <typename F>
void ForEachLine(const std::string& text, F f) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    f(text.substr(start, nl - start));
    start = nl + 1;
  }
}

// True if the body starts with the title as a heading already (many pages repeat their <h1> in the article).
bool StartsWithTitle(const Document& doc) {
  return !doc.blocks.empty() && doc.blocks.front().kind == Block::Kind::kHeading &&
         doc.blocks.front().text == doc.title;
}

std::string RenderJson(const Document& doc, const std::string& input, bool lines) {
  // Field names follow trafilatura's (title, author, hostname, sitename, date, description, categories, tags,
  // image, language, url, text), with lists where trafilatura joins strings: authors, tags and categories.
  const std::string url = !doc.url.empty() ? doc.url : doc.canonical_url;
  nlohmann::json j;
  j["input"] = input;
  j["url"] = doc.url;
  j["canonical_url"] = doc.canonical_url;
  j["hostname"] = Hostname(url);
  j["title"] = doc.title;
  j["author"] = Join(doc.authors, "; ");
  j["authors"] = doc.authors;
  j["date"] = doc.date;
  j["date_modified"] = doc.date_modified;
  j["site"] = doc.site;      // Document's name for it
  j["sitename"] = doc.site;  // trafilatura's
  j["description"] = doc.description;
  j["image"] = doc.image;
  j["tags"] = doc.tags;
  j["categories"] = doc.categories;
  j["language"] = doc.language;
  j["text"] = doc.text;
  j["comments"] = doc.comments;
  nlohmann::json images = nlohmann::json::array();
  for (const Block& b : doc.blocks)
    if (b.kind == Block::Kind::kImage) images.push_back({{"src", b.src}, {"alt", b.text}});
  j["images"] = std::move(images);
  j["stats"] = {{"input_bytes", doc.stats.input_bytes},
                {"parsed_bytes", doc.stats.parsed_bytes},
                {"nodes", doc.stats.nodes},
                {"pruned_subtrees", doc.stats.pruned_subtrees},
                {"candidates", doc.stats.candidates},
                {"pass", doc.stats.pass},
                {"lines_before_filter", doc.stats.lines_before_filter},
                {"lines_after_filter", doc.stats.lines_after_filter},
                {"depth_capped", doc.stats.depth_capped},
                {"invalid_utf8", doc.stats.invalid_utf8},
                {"from_script_data", doc.stats.from_script_data},
                {"parse_ms", doc.stats.parse_ms},
                {"total_ms", doc.stats.total_ms}};
  if (!doc.stats.empty_reason.empty()) j["stats"]["empty_reason"] = doc.stats.empty_reason;
  return j.dump(lines ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// A Markdown table has at most this many columns.
constexpr size_t kMaxTableColumns = 64;

// The rows of a Markdown table: the first row is its header (GFM requires one), every row has as many cells as
// the widest.
std::string MarkdownTable(const std::vector<const Block*>& blocks) {
  const std::vector<TableRow> rows = TableRows(blocks);
  size_t columns = 1, total_cells = 0;
  for (const TableRow& r : rows) {
    columns = std::max(columns, r.cells.size());
    total_cells += r.cells.size();
  }
  std::string out;
  // Rows too ragged to pad (a 5000-cell row over 5000 one-cell rows would write 25 million empty cells), or too
  // wide to read: one line per row instead.
  if (columns > kMaxTableColumns || rows.size() * columns > 4 * total_cells + 256) {
    for (const Block* b : blocks) out += MarkdownLine(*b) + "\n";
    return out;
  }
  auto cell = [](const Block& b, size_t from, size_t to) { return MarkdownInline(b, from, to, true); };
  for (size_t k = 0; k < rows.size(); ++k) {
    out += "|";
    for (size_t c = 0; c < columns; ++c) {
      out += " ";
      if (c < rows[k].cells.size()) out += TableCell(rows[k].cells[c], cell);
      out += " |";
    }
    out += "\n";
    if (k == 0) {
      out += "|";
      for (size_t c = 0; c < columns; ++c) out += " --- |";
      out += "\n";
    }
  }
  return out;
}

// True if block `i` goes on the list item of the block before it (Block::continues).
bool ContinuesItem(const Document& doc, size_t i) {
  return i > 0 && i < doc.blocks.size() && doc.blocks[i].continues &&
         doc.blocks[i].kind == Block::Kind::kListItem && doc.blocks[i - 1].kind == Block::Kind::kListItem;
}

// Markdown (CommonMark with GFM tables): the title as "# ", then the blocks with their inline markup, then the
// comments under "## Comments".
std::string RenderMarkdown(const Document& doc) {
  std::string out;
  if (!doc.title.empty() && !StartsWithTitle(doc))
    out += "# " + EscapeHeadingEnd(MarkdownEscapeInline(doc.title)) + "\n";
  Block::Kind previous = Block::Kind::kParagraph;
  bool first = true;
  bool in_code = false;  // a code fence is open
  std::string fence;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (ContinuesItem(doc, i)) {  // a hard line break in the item: a backslash ends the line, the text is indented
      out.pop_back();
      out += "\\\n  " + MarkdownLine(b) + "\n";
      continue;
    }
    const bool same = !first && b.kind == previous;
    const bool tight = same && (b.kind == Block::Kind::kListItem || b.kind == Block::Kind::kPreformatted);
    if (in_code && b.kind != Block::Kind::kPreformatted) {
      out += fence + "\n";
      in_code = false;
    }
    if (!out.empty() && !tight) out += same && b.kind == Block::Kind::kQuote ? ">\n" : "\n";
    previous = b.kind;
    first = false;
    switch (b.kind) {
      case Block::Kind::kHeading: {
        int level = b.level < 1 ? 1 : b.level > 6 ? 6 : b.level;
        out += std::string(static_cast<size_t>(level), '#') + " " +
               EscapeHeadingEnd(MarkdownInline(b, 0, b.text.size()));
        break;
      }
      case Block::Kind::kListItem: out += "- " + MarkdownLine(b); break;
      case Block::Kind::kQuote: out += "> " + MarkdownLine(b); break;
      case Block::Kind::kPreformatted:
        // A fenced block: an indented one right after a list item would continue the item.
        if (!in_code) {
          // Longer than any run of backticks in the block's lines, so that none of them closes it.
          size_t longest = 2;
          for (size_t k = i; k < doc.blocks.size() && doc.blocks[k].kind == Block::Kind::kPreformatted; ++k) {
            size_t run = 0;
            for (char c : doc.blocks[k].text) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
          }
          fence.assign(longest + 1, '`');
          out += fence + "\n";
        }
        in_code = true;
        out += b.indent + b.text;
        break;
      case Block::Kind::kTableRow: {
        std::vector<const Block*> rows;
        while (i < doc.blocks.size() && doc.blocks[i].kind == Block::Kind::kTableRow) rows.push_back(&doc.blocks[i++]);
        --i;
        out += MarkdownTable(rows);
        continue;  // MarkdownTable ends its rows with newlines
      }
      case Block::Kind::kCaption:
        out += b.spans.empty() ? "*" + MarkdownEscapeInline(b.text) + "*" : MarkdownLine(b);
        break;
      case Block::Kind::kImage: out += "![" + MarkdownEscapeInline(b.text) + "](" + MarkdownUrl(b.src) + ")"; break;
      default: out += MarkdownLine(b); break;
    }
    out += "\n";
  }
  if (in_code) out += fence + "\n";
  if (!doc.comments.empty()) {
    out += "\n## Comments\n";
    ForEachLine(doc.comments, [&out](const std::string& line) { out += "\n" + MarkdownEscapeLine(line) + "\n"; });
  }
  return out;
}

// A minimal clean article: the title, the metadata as <meta> tags and a byline with <time>, and the blocks as
// HTML elements, every text escaped.
std::string RenderHtml(const Document& doc) {
  std::string out = "<!DOCTYPE html>\n<html";
  if (!doc.language.empty()) out += " lang=\"" + HtmlEscape(doc.language) + "\"";
  out += ">\n<head>\n<meta charset=\"utf-8\">\n";
  if (!doc.title.empty()) out += "<title>" + HtmlEscape(doc.title) + "</title>\n";
  if (!doc.canonical_url.empty())
    out += "<link rel=\"canonical\" href=\"" + HtmlEscape(doc.canonical_url) + "\">\n";
  if (!doc.authors.empty())
    out += "<meta name=\"author\" content=\"" + HtmlEscape(Join(doc.authors, "; ")) + "\">\n";
  if (!doc.description.empty())
    out += "<meta name=\"description\" content=\"" + HtmlEscape(doc.description) + "\">\n";
  out += "</head>\n<body>\n<article>\n";
  if (!doc.title.empty() && !StartsWithTitle(doc)) out += "<h1>" + HtmlEscape(doc.title) + "</h1>\n";
  if (!doc.authors.empty() || !doc.date.empty()) {
    out += "<p class=\"byline\">";
    if (!doc.authors.empty())
      out += "<span class=\"author\">" + HtmlEscape(Join(doc.authors, ", ")) + "</span>";
    if (!doc.authors.empty() && !doc.date.empty()) out += " ";
    if (!doc.date.empty()) {
      out += "<time datetime=\"" + HtmlEscape(doc.date) + "\">" + HtmlEscape(doc.date) + "</time>";
    }
    out += "</p>\n";
  }
  std::string_view open;  // the list, table, quote or preformatted element that is open, if any
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    const std::string_view need = b.kind == Block::Kind::kListItem       ? "ul"
                                  : b.kind == Block::Kind::kTableRow     ? "table"
                                  : b.kind == Block::Kind::kPreformatted ? "pre"
                                  : b.kind == Block::Kind::kQuote        ? "blockquote"
                                                                         : "";
    if (open != need) {  // compared by value: equal literals need not share an address
      if (!open.empty()) out += "</" + std::string(open) + ">\n";
      if (!need.empty()) out += "<" + std::string(need) + ">\n";
      open = need;
    }
    switch (b.kind) {
      case Block::Kind::kHeading: {
        std::string h = "h" + std::to_string(b.level < 1 ? 1 : b.level > 6 ? 6 : b.level);
        out += "<" + h + ">" + HtmlLine(b) + "</" + h + ">\n";
        break;
      }
      case Block::Kind::kListItem:
        out += "<li>" + HtmlLine(b);
        while (ContinuesItem(doc, i + 1)) out += "<br>" + HtmlLine(doc.blocks[++i]);
        out += "</li>\n";
        break;
      case Block::Kind::kTableRow: {
        std::vector<const Block*> blocks;
        while (i < doc.blocks.size() && doc.blocks[i].kind == Block::Kind::kTableRow)
          blocks.push_back(&doc.blocks[i++]);
        --i;
        for (const TableRow& row : TableRows(blocks)) {
          const char* cell = row.header ? "th" : "td";
          out += "<tr>";
          for (const std::vector<TablePart>& parts : row.cells)
            out += std::string("<") + cell + ">" + TableCell(parts, HtmlInline) + "</" + cell + ">";
          out += "</tr>\n";
        }
        break;
      }
      case Block::Kind::kQuote: out += "<p>" + HtmlLine(b) + "</p>\n"; break;  // in the run's <blockquote>
      // One <pre> holds a run of lines (a newline right after "<pre>" is not part of its text).
      case Block::Kind::kPreformatted: out += HtmlEscape(b.indent + b.text) + "\n"; break;
      case Block::Kind::kCaption: out += "<p><small>" + HtmlLine(b) + "</small></p>\n"; break;
      case Block::Kind::kImage:
        out += "<figure><img src=\"" + HtmlEscape(b.src) + "\" alt=\"" + HtmlEscape(b.text) + "\"></figure>\n";
        break;
      default: out += "<p>" + HtmlLine(b) + "</p>\n"; break;
    }
  }
  if (!open.empty()) out += "</" + std::string(open) + ">\n";
  out += "</article>\n";
  if (!doc.comments.empty()) {
    out += "<section class=\"comments\">\n<h2>Comments</h2>\n";
    ForEachLine(doc.comments, [&out](const std::string& line) { out += "<p>" + HtmlEscape(line) + "</p>\n"; });
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace

std::string Render(const Document& doc, const std::string& input, const std::string& format) {
  if (format == "json" || format == "jsonl") return RenderJson(doc, input, format == "jsonl");
  if (format == "markdown") return RenderMarkdown(doc);
  if (format == "html") return RenderHtml(doc);
  // txt: Document::text already starts with the title when Options::with_title is set.
  return doc.text;
}

std::string Extension(const std::string& format) {
  if (format == "json" || format == "jsonl") return ".json";
  if (format == "markdown") return ".md";
  if (format == "html") return ".html";
  return ".txt";
}

std::string RenderError(const std::string& input, const Status& status) {
  nlohmann::json j = {
      {"input", input},
      {"error", {{"code", std::string(StatusCodeName(status.code()))}, {"message", status.message()}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace cleaner::cli

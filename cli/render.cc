// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cli/render.h"

#include <nlohmann/json.hpp>

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

// A backslash before every character that Markdown would read as markup inside a line of text. Escaping all
// of them (CommonMark allows a backslash before any ASCII punctuation) keeps "*nix", "a_b_c" and "[1]"
// literal.
std::string MarkdownEscapeInline(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' ||
        c == '|') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

// A line that would start a Markdown block of its own ("# ", "- ", "1. ", "> ", "+ ", "=", a code fence) gets
// a backslash at its start.
std::string MarkdownEscapeLine(const std::string& s) {
  std::string out = MarkdownEscapeInline(s);
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
  j["stats"] = {{"input_bytes", doc.stats.input_bytes},
                {"parsed_bytes", doc.stats.parsed_bytes},
                {"nodes", doc.stats.nodes},
                {"pruned_nodes", doc.stats.pruned_nodes},
                {"candidates", doc.stats.candidates},
                {"pass", doc.stats.pass},
                {"lines_before_filter", doc.stats.lines_before_filter},
                {"lines_after_filter", doc.stats.lines_after_filter},
                {"depth_capped", doc.stats.depth_capped},
                {"invalid_utf8", doc.stats.invalid_utf8},
                {"parse_ms", doc.stats.parse_ms},
                {"total_ms", doc.stats.total_ms}};
  if (!doc.stats.empty_reason.empty()) j["stats"]["empty_reason"] = doc.stats.empty_reason;
  return j.dump(lines ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Markdown: the title as "# ", then the blocks. Table rows become the rows of a one-column table:
// serialize.cc joins a row's cells with spaces, so the cell boundaries are not known here.
std::string RenderMarkdown(const Document& doc) {
  std::string out;
  if (!doc.title.empty() && !StartsWithTitle(doc)) out += "# " + MarkdownEscapeInline(doc.title) + "\n";
  Block::Kind previous = Block::Kind::kParagraph;
  bool first = true;
  for (const Block& b : doc.blocks) {
    const bool same = !first && b.kind == previous;
    const bool tight = same && (b.kind == Block::Kind::kListItem || b.kind == Block::Kind::kTableRow ||
                                b.kind == Block::Kind::kPreformatted);
    if (!out.empty() && !tight) out += same && b.kind == Block::Kind::kQuote ? ">\n" : "\n";
    switch (b.kind) {
      case Block::Kind::kHeading: {
        int level = b.level < 1 ? 1 : b.level > 6 ? 6 : b.level;
        out += std::string(static_cast<size_t>(level), '#') + " " + MarkdownEscapeInline(b.text);
        break;
      }
      case Block::Kind::kListItem: out += "- " + MarkdownEscapeInline(b.text); break;
      case Block::Kind::kQuote: out += "> " + MarkdownEscapeLine(b.text); break;
      case Block::Kind::kPreformatted: out += "    " + b.text; break;
      case Block::Kind::kTableRow:
        out += "| " + MarkdownEscapeInline(b.text) + " |";
        if (!same) out += "\n| --- |";
        break;
      case Block::Kind::kCaption: out += "*" + MarkdownEscapeInline(b.text) + "*"; break;
      default: out += MarkdownEscapeLine(b.text); break;
    }
    out += "\n";
    previous = b.kind;
    first = false;
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
  const char* open = nullptr;  // the list or table element that is open
  for (const Block& b : doc.blocks) {
    const char* need = b.kind == Block::Kind::kListItem   ? "ul"
                       : b.kind == Block::Kind::kTableRow ? "table"
                                                          : nullptr;
    if (open != need) {
      if (open != nullptr) out += std::string("</") + open + ">\n";
      if (need != nullptr) out += std::string("<") + need + ">\n";
      open = need;
    }
    const std::string text = HtmlEscape(b.text);
    switch (b.kind) {
      case Block::Kind::kHeading: {
        std::string h = "h" + std::to_string(b.level < 1 ? 1 : b.level > 6 ? 6 : b.level);
        out += "<" + h + ">" + text + "</" + h + ">\n";
        break;
      }
      case Block::Kind::kListItem: out += "<li>" + text + "</li>\n"; break;
      case Block::Kind::kTableRow: out += "<tr><td>" + text + "</td></tr>\n"; break;
      case Block::Kind::kQuote: out += "<blockquote><p>" + text + "</p></blockquote>\n"; break;
      case Block::Kind::kPreformatted: out += "<pre>" + text + "</pre>\n"; break;
      case Block::Kind::kCaption: out += "<p><small>" + text + "</small></p>\n"; break;
      default: out += "<p>" + text + "</p>\n"; break;
    }
  }
  if (open != nullptr) out += std::string("</") + open + ">\n";
  out += "</article>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string Render(const Document& doc, const std::string& input, const std::string& format,
                   bool with_title) {
  if (format == "json" || format == "jsonl") return RenderJson(doc, input, format == "jsonl");
  if (format == "markdown") return RenderMarkdown(doc);
  if (format == "html") return RenderHtml(doc);
  (void)with_title;  // txt: Document::text already starts with the title when Options::with_title is set
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
